"""The upload of colleges' packages into the regional centre (mentorship.region.upload): the
preview says what each file would do, the commit writes all or nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorship.package import format as package_format
from mentorship.region.models import Package, PackageKpi, PackageUpload, RegionCollege
from mentorship.region.upload import (
    NEW,
    REPLACES,
    UNCHANGED,
    UploadRefused,
    commit_packages,
    preview_packages,
)
from tests.region.upload_data import json_file, kpi, package_data, tampered_file

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2026, 2, 5, 9, 15, tzinfo=dt.UTC)
EARLIER = dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.UTC)


def upload(*files, username="coordinator"):
    preview = preview_packages(list(files))
    return preview, commit_packages(preview, username=username)


def counts():
    return (
        RegionCollege.objects.count(),
        Package.objects.count(),
        PackageKpi.objects.count(),
        PackageUpload.objects.count(),
    )


def test_a_new_package_is_stored_with_its_kpi_rows():
    data = package_data(
        inn="4345000001",
        period="2025",
        kpis=[
            kpi("mentees_students", numerator=12, denominator=30, value="40.0"),
            kpi("mentees_disability", numerator="< 3", denominator=30, value="< 3"),
            kpi(
                "",
                name="Показатель колледжа",
                numerator="7.5",
                denominator=None,
                value=None,
                target=None,
                status=None,
            ),
        ],
    )
    preview, result = upload(json_file(data, "kolledzh.json"))

    assert [f.action for f in preview.files] == [NEW]
    assert preview.files[0].college_name == "Колледж 001"
    assert preview.files[0].period_label == "2025 год"
    assert (result.added, result.replaced) == (1, 0)
    package = Package.objects.get()
    assert package.college.inn == "4345000001"
    assert package.college.short_name == "Колледж 001"
    assert package.period == "2025"
    assert package.checksum == package_format.seal(data)["checksum"]
    assert package.created_at == dt.datetime.fromisoformat(data["created_at"])
    rows = list(package.kpis.order_by("order"))
    assert [r.code for r in rows] == ["mentees_students", "mentees_disability", ""]
    assert (rows[0].numerator, rows[0].denominator, rows[0].value) == (12, 30, Decimal("40"))
    assert rows[0].status == "not_met" and rows[0].target == Decimal("50")
    assert rows[1].numerator is None and rows[1].numerator_suppressed
    assert rows[1].value is None and rows[1].value_suppressed
    assert not rows[1].denominator_suppressed and rows[1].denominator == 30
    assert rows[2].numerator == Decimal("7.5") and rows[2].status == ""
    journal = PackageUpload.objects.get()
    assert (journal.username, journal.file_name, journal.replaced_checksum) == (
        "coordinator",
        "kolledzh.json",
        "",
    )


def test_a_newer_package_replaces_the_stored_one_and_the_change_is_listed():
    upload(json_file(package_data(kpis=[kpi(numerator=12, value="45.0")], pairs=8)))
    old_checksum = Package.objects.get().checksum
    newer = package_data(
        kpis=[kpi(numerator=14, value="52.5")], created_at=LATER, pairs=9, mentees=22
    )

    preview = preview_packages([json_file(newer, "novyi.json")])
    file = preview.files[0]
    assert file.action == REPLACES
    assert "Показатель «Показатель mentees_students»: значение 45 → 52,5; числитель 12 → 14" in (
        file.changes
    )
    assert "Наставляемые, всего: 20 → 22" in file.changes
    assert "Пары: 8 → 9" in file.changes
    result = commit_packages(preview, username="coordinator")

    assert (result.added, result.replaced) == (0, 1)
    package = Package.objects.get()
    assert package.checksum != old_checksum
    assert package.kpis.get().value == Decimal("52.5")
    assert PackageKpi.objects.count() == 1
    journal = PackageUpload.objects.order_by("pk").last()
    assert journal.replaced_checksum == old_checksum
    assert "значение 45 → 52,5" in journal.changes
    assert "числитель 12 → 14" in journal.changes


def test_the_same_package_again_is_listed_without_changes():
    data = package_data()
    upload(json_file(data))
    preview, result = upload(json_file(data))
    assert preview.files[0].changes == (UNCHANGED,)
    assert result.unchanged == 1
    assert Package.objects.count() == 1 and PackageUpload.objects.count() == 2


def test_a_tampered_package_is_refused_with_the_checksum_message_and_nothing_written():
    def edit(sealed):
        sealed["kpis"][0]["numerator"] = 29

    preview = preview_packages([tampered_file(package_data(), edit, "podmena.json")])
    assert not preview.ok
    error = preview.files[0].error
    assert error.startswith("Файл «podmena.json»: Контрольная сумма пакета не совпадает")
    with pytest.raises(UploadRefused, match="podmena.json"):
        commit_packages(preview, username="coordinator")
    assert counts() == (0, 0, 0, 0)


def test_a_newer_schema_with_an_unknown_field_is_accepted_with_a_warning_naming_it():
    data = package_data()
    data["schema_version"] = package_format.SCHEMA_VERSION + 1
    data["app_version"] = "2.0.0"
    data["volunteers"] = {"count": 5}
    data["kpis"][0]["trend"] = "up"
    data["kpis"][0]["status"] = "almost_met"  # a status this version does not know
    preview, _result = upload(json_file(data, "novaya-versiya.json"))
    warnings = " ".join(preview.files[0].warnings)
    assert "2.0.0" in warnings
    assert "volunteers" in warnings and "kpis[].trend" in warnings
    package = Package.objects.get()
    assert package.schema_version == 2
    assert package.data["volunteers"] == {"count": 5}
    assert package.kpis.get().status == "almost_met"  # kept; the dashboard shows «—»
    assert "volunteers" in PackageUpload.objects.get().warnings


def test_an_older_package_than_the_stored_one_is_refused():
    upload(json_file(package_data(created_at=LATER)))
    before = counts()
    preview = preview_packages([json_file(package_data(created_at=EARLIER), "staryi.json")])
    assert not preview.ok
    assert (
        "в РНЦ уже есть более новый пакет этого колледжа за период (выгружен 05.02.2026"
        in preview.files[0].error
    )
    assert preview.files[0].error.startswith("Файл «staryi.json»:")
    with pytest.raises(UploadRefused):
        commit_packages(preview, username="coordinator")
    assert counts() == before


def test_one_good_and_one_bad_file_write_nothing():
    good = json_file(package_data(inn="4345000001"), "good.json")
    bad = ("bad.json", b"{not json")
    preview = preview_packages([good, bad])
    assert [f.refused for f in preview.files] == [False, True]
    assert "bad.json" in preview.files[1].error and "JSON" in preview.files[1].error
    with pytest.raises(UploadRefused, match="Ничего не записано"):
        commit_packages(preview, username="coordinator")
    assert counts() == (0, 0, 0, 0)


def test_two_files_for_the_same_college_and_period_are_refused():
    first = json_file(package_data(), "a.json")
    second = json_file(package_data(created_at=LATER), "b.json")
    preview = preview_packages([first, second])
    assert all(f.refused for f in preview.files)
    assert "два пакета" in preview.files[1].error and "«a.json»" in preview.files[1].error


def test_a_number_too_big_for_the_table_is_refused_in_russian():
    data = package_data(kpis=[kpi(value="1" * 20)])
    preview = preview_packages([json_file(data, "big.json")])
    assert "слишком большое число" in preview.files[0].error


def test_other_file_forms_are_refused_by_name():
    preview = preview_packages([("paket.pdf", b"%PDF-1.4")])
    assert preview.files[0].error.startswith("Файл «paket.pdf»:")
    assert ".json или .xlsx" in preview.files[0].error


def test_an_xlsx_package_is_read_from_its_machine_sheet():
    import io

    from openpyxl import Workbook

    data = package_data(inn="4345000009")
    book = Workbook()
    book.active.title = "Колледж"
    package_format.add_machine_sheet(book, data)
    buffer = io.BytesIO()
    book.save(buffer)
    upload(("paket.xlsx", buffer.getvalue()))
    assert Package.objects.get().college.inn == "4345000009"


def test_college_names_come_from_the_latest_package():
    upload(json_file(package_data(short_name="Старое имя")))
    upload(json_file(package_data(short_name="Новое имя", created_at=LATER)))
    assert RegionCollege.objects.get().short_name == "Новое имя"


def _commit_queries(files):
    preview = preview_packages(files)
    with CaptureQueriesContext(connection) as captured:
        commit_packages(preview, username="coordinator")
    return len(captured)


def _kpi_batches(rows: int) -> int:
    """INSERTs the database needs for that many indicator rows (SQLite caps the parameters
    of one statement; PostgreSQL takes them in one)."""
    fields = [f for f in PackageKpi._meta.concrete_fields if not f.primary_key]
    size = connection.ops.bulk_batch_size(fields, [PackageKpi()] * rows)
    return -(-rows // size)


def test_the_commit_takes_the_same_queries_whatever_the_number_of_kpis_and_files():
    """No query per file or per indicator: 6 colleges × 25 indicators take what 1 × 1 takes,
    but for the extra INSERT batches the database's parameter limit needs."""
    many_kpis = [kpi(f"code_{n}") for n in range(25)]
    few = [json_file(package_data(inn="4345000001", kpis=[kpi()]))]
    many = [
        json_file(package_data(inn=f"43450000{n:02d}", kpis=many_kpis), f"{n}.json")
        for n in range(10, 16)
    ]
    extra = _kpi_batches(6 * 25) - _kpi_batches(1)
    assert _commit_queries(few) + extra == _commit_queries(many)
    # Replacing: the same again, newer.
    few_again = [json_file(package_data(inn="4345000001", kpis=[kpi()], created_at=LATER))]
    many_again = [
        json_file(
            package_data(inn=f"43450000{n:02d}", kpis=many_kpis, created_at=LATER), f"{n}.json"
        )
        for n in range(10, 16)
    ]
    assert _commit_queries(few_again) + extra == _commit_queries(many_again)
    assert PackageKpi.objects.count() == 1 + 6 * 25


def test_a_preview_made_stale_by_another_upload_writes_nothing():
    """Two coordinators preview packages of the same college and period; the second to
    confirm is refused, not written over the first's."""
    upload(json_file(package_data()))
    first = preview_packages([json_file(package_data(created_at=LATER, pairs=9))])
    second = preview_packages(
        [json_file(package_data(created_at=LATER + dt.timedelta(hours=1), pairs=10))]
    )
    commit_packages(second, username="other")
    before = counts()
    with pytest.raises(UploadRefused, match="Пока шёл предварительный просмотр"):
        commit_packages(first, username="coordinator")
    assert counts() == before
    assert Package.objects.get().data["pairs"][0]["pairs"] == 10


def test_the_change_list_counts_hidden_pairs_as_at_least_one_each():
    """A pairs line of 1 or 2 is written «< 3»: the totals it adds to are «не менее N», not
    a sum that quietly counts it as 0."""
    from mentorship.region.upload import package_changes

    old = package_data(pairs=8, groups=1)
    new = package_data(pairs=8, groups=1)
    new["pairs"].append({**new["pairs"][0], "pairs": "< 3", "groups": 0, "mentees": "< 3"})
    changes = package_changes(old, new)
    assert "Пары: 8 → не менее 9" in changes
    assert not any(change.startswith("Группы") for change in changes)
