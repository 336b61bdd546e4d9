"""The register of documents (issue 15): the curator registers a signed document with its
scan on the admin screen or with `manage.py register_document`; bad scans and dates are
refused in Russian with nothing written; the director reads; the scan downloads through a
role-checked view; a roadmap activity's evidence points to registered documents."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.documents.models import RegisteredDocument
from roadmap.models import Activity
from tests.factories import pair_create
from tests.roadmap.roadmap_data import activity_make, roadmap_make

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
Kind = RegisteredDocument.Kind
ADD = "admin:documents_registereddocument_add"
LIST = "admin:documents_registereddocument_changelist"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files_on_disk(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()]


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def register(kind=Kind.ORDER, number="15-н", title="О внедрении целевой модели", **extra):
    return RegisteredDocument.objects.create(
        kind=kind,
        number=number,
        date=extra.pop("date", dt.date(2025, 9, 1)),
        title=title,
        **extra,
    )


def add_form(**extra) -> dict:
    return {
        "kind": Kind.ORDER,
        "number": "15-н",
        "date": "01.09.2025",
        "title": "О внедрении целевой модели наставничества",
        "note": "",
        **extra,
    }


@pytest.fixture
def activity():
    return activity_make(roadmap_make(), "сентябрь 2025", title="Издание приказа о внедрении")


# --- the admin screen -------------------------------------------------------------------------


def test_curator_registers_a_signed_order_with_its_scan_and_links(
    client_for, curator, media, activity
):
    pair = pair_create()
    data = add_form(
        scan=SimpleUploadedFile("Приказ 15-н от 01.09.2025 (подписан).pdf", PDF),
        activities=[activity.pk],
        pairs=[pair.pk],
    )
    response = client_for(curator).post(reverse(ADD), data)
    assert response.status_code == 302, text(response)
    document = RegisteredDocument.objects.get()
    assert (document.kind, document.number, document.date) == (
        Kind.ORDER,
        "15-н",
        dt.date(2025, 9, 1),
    )
    assert document.registered_by == curator.username
    assert "Приказ" not in document.scan.name and document.scan.name.endswith(".pdf")
    assert [path.read_bytes() for path in files_on_disk(media)] == [PDF]
    assert list(document.activities.all()) == [activity]
    assert list(document.pairs.all()) == [pair]
    assert list(activity.documents.all()) == [document]
    assert document.history.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "prikaz.pdf",
            b"<html><body>not a scan</body></html>",
            "Скан документа должен быть файлом PDF, JPEG или PNG.",
        ),
        (
            "prikaz.docx",
            b"PK\x03\x04 a Word file",
            "Скан документа должен быть файлом PDF, JPEG или PNG.",
        ),
        ("prikaz.pdf", PNG, "Файл назван как PDF, а по содержимому это PNG"),
    ],
    ids=["html", "docx", "png-named-pdf"],
)
def test_bad_scan_is_refused_in_russian_and_nothing_is_saved(
    client_for, curator, media, name, content, message
):
    data = add_form(scan=SimpleUploadedFile(name, content))
    response = client_for(curator).post(reverse(ADD), data)
    assert response.status_code == 200
    assert message in text(response)
    # The form keeps what was typed.
    assert "О внедрении целевой модели наставничества" in response.content.decode()
    assert not RegisteredDocument.objects.exists()
    assert files_on_disk(media) == []


def test_scan_over_the_limit_is_refused(client_for, curator, media, settings):
    settings.CONSENT_SCAN_MAX_BYTES = 1024
    data = add_form(scan=SimpleUploadedFile("prikaz.pdf", PDF + b"0" * 2048))
    response = client_for(curator).post(reverse(ADD), data)
    assert "Файл слишком большой" in text(response)
    assert not RegisteredDocument.objects.exists()
    assert files_on_disk(media) == []


def test_document_dated_in_the_future_is_refused(client_for, curator, media):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = add_form(date=f"{tomorrow:%d.%m.%Y}", scan=SimpleUploadedFile("p.pdf", PDF))
    response = client_for(curator).post(reverse(ADD), data)
    assert "Дата документа не может быть в будущем" in text(response)
    assert not RegisteredDocument.objects.exists()
    assert files_on_disk(media) == []


def test_register_list_shows_kind_number_date_title_and_scan(client_for, curator, director):
    register(scan=SimpleUploadedFile("p.pdf", PDF))
    register(
        kind=Kind.COUNCIL_MINUTES, number="3", title="Протокол педсовета", date=dt.date(2024, 8, 30)
    )
    for user in (curator, director):
        page = text(client_for(user).get(reverse(LIST)))
        assert "Реестр документов" in page
        assert "приказ 15-н 01.09.2025 О внедрении целевой модели" in page
        assert "протокол педагогического совета 3 30.08.2024 Протокол педсовета" in page


def test_register_filters_by_kind_and_year_and_searches_by_number(client_for, curator):
    register(title="Приказ о внедрении")
    register(
        kind=Kind.COUNCIL_MINUTES, number="3", title="Протокол педсовета", date=dt.date(2024, 8, 30)
    )
    client = client_for(curator)
    by_kind = text(client.get(reverse(LIST), {"kind__exact": Kind.COUNCIL_MINUTES}))
    assert "Протокол педсовета" in by_kind and "Приказ о внедрении" not in by_kind
    by_year = text(client.get(reverse(LIST), {"year": "2025"}))
    assert "Приказ о внедрении" in by_year and "Протокол педсовета" not in by_year
    searched = text(client.get(reverse(LIST), {"q": "15-н"}))
    assert "Приказ о внедрении" in searched and "Протокол педсовета" not in searched


def count_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(LIST)).status_code == 200
    return len(queries)


def test_register_list_runs_a_fixed_number_of_queries(client_for, curator, activity):
    client = client_for(curator)
    register(title="Первый").activities.add(activity)
    count_list_queries(client)  # session and user warm up
    few = count_list_queries(client)
    for number in range(12):
        register(number=str(number), title=f"Документ {number}").activities.add(activity)
    assert count_list_queries(client) == few


def test_director_reads_the_register_but_cannot_write(client_for, director, activity):
    document = register(scan=SimpleUploadedFile("p.pdf", PDF))
    document.activities.add(activity)
    client = client_for(director)
    change = reverse("admin:documents_registereddocument_change", args=[document.pk])
    page = text(client.get(change))
    assert "Издание приказа о внедрении" in page  # the activity it serves, read-only
    assert client.get(reverse(ADD)).status_code == 403
    response = client.post(change, add_form(title="Переименован"))
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.title == "О внедрении целевой модели"


# --- the scan's download ----------------------------------------------------------------------


@pytest.fixture
def scanned():
    return register(scan=SimpleUploadedFile("Приказ Иванова.pdf", PDF))


@pytest.mark.parametrize("role", ["curator", "director"])
def test_scan_downloads_as_attachment_to_the_office(scanned, client_for, request, role):
    response = client_for(request.getfixturevalue(role)).get(scanned.scan.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", ["administrator", "mentor", "mentee", "outsider"])
def test_scan_is_refused_to_other_roles(scanned, client_for, request, role):
    assert client_for(request.getfixturevalue(role)).get(scanned.scan.url).status_code == 403


def test_scan_sends_the_anonymous_to_login(scanned, client):
    response = client.get(scanned.scan.url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_scan_of_unknown_name_is_not_found(scanned, client_for, curator):
    client = client_for(curator)
    assert client.get(scanned.scan.url.replace(".pdf", "0.pdf")).status_code == 404
    assert client.get("/documents/scans/../../etc/passwd").status_code == 404


# --- the roadmap activity's evidence ----------------------------------------------------------


def test_activity_marked_done_with_a_registered_document_as_evidence(
    client_for, curator, director, activity, scanned
):
    url = reverse("roadmap:activity-done", args=[activity.pk])
    response = client_for(curator).post(
        url, {"completed_on": "05.09.2025", "documents": [scanned.pk]}
    )
    assert response.status_code == 302, text(response)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE
    assert list(activity.documents.all()) == [scanned]
    html = client_for(director).get(reverse("roadmap:detail", args=[activity.roadmap_id]))
    content = html.content.decode()
    change = reverse("admin:documents_registereddocument_change", args=[scanned.pk])
    assert f'href="{change}"' in content
    assert f'href="{scanned.scan.url}"' in content
    assert "Приказ № 15-н от 01.09.2025: О внедрении целевой модели" in text(html)


def test_activity_without_any_evidence_is_refused(client_for, curator, activity):
    url = reverse("roadmap:activity-done", args=[activity.pk])
    response = client_for(curator).post(url, {"completed_on": "05.09.2025"})
    assert "Приложите подтверждение: ссылку, файл или документ из реестра." in text(response)
    activity.refresh_from_db()
    assert activity.status != Activity.Status.DONE


def test_roadmap_page_queries_do_not_grow_with_documents(client_for, curator, activity):
    client = client_for(curator)
    url = reverse("roadmap:detail", args=[activity.roadmap_id])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    before = count()
    for number in range(5):
        activity.documents.add(register(number=str(number)))
    other = activity_make(activity.roadmap, "октябрь 2025", title="Второе")
    other.documents.add(register(number="99"))
    assert count() == before


def test_activity_admin_chooses_registered_documents(client_for, curator, director, activity):
    document = register()
    activity.documents.add(document)
    change = reverse("admin:roadmap_activity_change", args=[activity.pk])
    page = client_for(curator).get(change).content.decode()
    assert re.search(rf'<option value="{document.pk}" selected>', page)
    assert "Приказ № 15-н от 01.09.2025" in text(client_for(director).get(change))


# --- the command ------------------------------------------------------------------------------


def test_command_registers_a_document_with_scan_and_activity(tmp_path, media, activity):
    scan = tmp_path / "prikaz.pdf"
    scan.write_bytes(PDF)
    out = call_command_text(
        "--kind",
        "приказ",
        "--number",
        "15-н",
        "--date",
        "01.09.2025",
        "--title",
        "О внедрении целевой модели",
        "--scan",
        str(scan),
        "--activity",
        str(activity.pk),
    )
    document = RegisteredDocument.objects.get()
    assert "Внесён в реестр (со сканом)" in out
    assert document.kind == Kind.ORDER and document.date == dt.date(2025, 9, 1)
    assert document.scan.open("rb").read() == PDF
    assert list(document.activities.all()) == [activity]


def call_command_text(*args) -> str:
    out = io.StringIO()
    call_command("register_document", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "распоряжение"], "Неизвестный вид документа «распоряжение»"),
        (["--date", "31.02.2025"], "Дата документа:"),
        (["--activity", "999999"], "Мероприятия дорожной карты с номером 999999 нет."),
        (["--scan", "BAD"], "Скан документа должен быть файлом PDF, JPEG или PNG."),
        (["--scan", "MISSING"], "Файл скана «"),
        (["--date", "01.01.2999"], "Дата документа не может быть в будущем"),
    ],
    ids=["kind", "date", "activity", "scan-type", "scan-missing", "future"],
)
def test_command_refuses_in_russian_and_writes_nothing(tmp_path, media, args, message):
    bad = tmp_path / "prikaz.pdf"
    bad.write_bytes(b"<html><body>not a scan</body></html>")
    args = [{"BAD": str(bad), "MISSING": str(tmp_path / "net.pdf")}.get(arg, arg) for arg in args]
    base = {"--kind": "order", "--date": "01.09.2025", "--title": "Приказ"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    flat = [item for pair in base.items() for item in pair]
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("register_document", *flat)
    assert not RegisteredDocument.objects.exists()
    assert [p for p in files_on_disk(media) if p != bad] == []
