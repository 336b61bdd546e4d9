"""(c) Both forms read back to the same package; (d) a package changed after it was written
is refused; (e) a newer version's package is read with a warning naming what this version
does not know."""

import json

import pytest

from mentorship.lib.periods import ReportPeriod
from mentorship.package.build import build_package
from mentorship.package.files import xlsx_bytes
from mentorship.package.format import (
    SCHEMA_VERSION,
    PackageError,
    compute_checksum,
    json_bytes,
    read_package,
    seal,
)
from tests.package.package_data import NOW, YEAR, xlsx_sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(year_world, db):
    """A package of its own for each test (a test may change it)."""
    return build_package(ReportPeriod.calendar(YEAR), now=NOW)


def test_json_and_xlsx_read_back_to_the_same_package(built):
    from_json = read_package(json_bytes(built), "пакет.json")
    from_xlsx = read_package(xlsx_bytes(built), "пакет.xlsx")
    assert from_json.data == from_xlsx.data == seal(built)
    assert from_json.checksum == from_xlsx.checksum == compute_checksum(built)
    assert from_json.warnings == from_xlsx.warnings == ()
    assert from_json.inn == "4205001234" and from_json.period_key == "2025"


def test_the_readable_sheets_are_russian_with_the_same_figures(built):
    content = xlsx_bytes(built)
    rows = xlsx_sheet_rows(content, "Показатели")
    assert rows[0][:4] == ("Показатель", "Код расчёта", "Единица", "Цель")
    students = next(row for row in rows if row[1] == "mentees_students")
    # Target as a number, hidden numerator and value as «< 3», and the status hidden with
    # them (against a known target it would give the numerator back).
    assert (students[3], students[4], students[8], students[9]) == (30, "< 3", "< 3", "скрыт (< 3)")
    college = dict(xlsx_sheet_rows(content, "Колледж")[1:])
    assert college["ИНН"] == "4205001234"
    assert college["Пакет выгружен"] == "01.03.2026 13:30"  # Moscow time
    assert college["Контрольная сумма"] == compute_checksum(built)
    statuses = {row[1] for row in xlsx_sheet_rows(content, "Пары и группы")[1:]}
    assert statuses == {"формируется", "активна", "завершена", "прекращена досрочно"}


def test_a_text_chunk_starting_with_equals_is_kept_as_text(built):
    """The machine copy is cut in chunks of 30 000 characters: one that begins with «=» must
    not be written as a formula (it would be read back empty and the seal would break)."""

    def canonical():
        return json.dumps(seal(built), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    # A KPI's name starting with «=», and app_version (sorted before «college») lengthened
    # so that this «=» opens the second chunk.
    built["kpis"][0]["name"] = "=" + built["kpis"][0]["name"]
    position = canonical().index('"=') + 1
    built["app_version"] += "x" * (30_000 - position)
    canonical = canonical()
    assert canonical[30_000] == "="
    assert read_package(xlsx_bytes(built), "пакет.xlsx").data == seal(built)


def test_a_changed_number_breaks_the_seal(built):
    written = json.loads(json_bytes(built))
    written["roadmap"]["activities"] += 1
    tampered = json.dumps(written, ensure_ascii=False).encode()
    with pytest.raises(PackageError, match="Контрольная сумма пакета не совпадает"):
        read_package(tampered, "пакет.json")


def test_a_newer_version_is_accepted_with_a_warning_naming_the_new_fields(built):
    newer = dict(built, schema_version=SCHEMA_VERSION + 1, mentoring_hours=1200)
    newer["kpis"] = [dict(kpi, trend="up") for kpi in built["kpis"]]
    read = read_package(json_bytes(seal(newer)), "пакет.json")
    assert read.data["mentoring_hours"] == 1200
    assert len(read.warnings) == 2
    assert "более новой версией" in read.warnings[0]
    assert "mentoring_hours" in read.warnings[1] and "kpis[].trend" in read.warnings[1]
