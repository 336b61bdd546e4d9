"""The roadmap pages: who may open them, what a curator and a director see, marking done with
evidence, evidence downloads, filters, the admin's deadline field and constant query counts.

Today is frozen at 10.03.2026 inside a roadmap of June 2025 – June 2027."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmap.models import Activity, ActivityYearDone, Roadmap, Section

from .roadmap_data import activity_make, roadmap_make, year_done

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 10)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def roadmap():
    return roadmap_make()


@pytest.fixture
def late(roadmap):
    """Due in October 2025, still not done: overdue since 01.11.2025."""
    return activity_make(
        roadmap,
        "сентябрь – октябрь 2025",
        title="Формирование базы наставников",
        responsible="Куратор, администрация",
        expected_result="База наставников",
        indicator="Не менее 10 % педагогов",
        status="in_progress",
    )


def text(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def detail_url(roadmap=None) -> str:
    return reverse("roadmap:detail", args=[roadmap.pk]) if roadmap else reverse("roadmap:detail")


def done_url(activity) -> str:
    return reverse("roadmap:activity-done", args=[activity.pk])


def pdf(name="prikaz.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="protokol.docx", part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


# --- who may open what ------------------------------------------------------------------------


def pages(activity):
    return {
        "detail": ("get", detail_url()),
        "detail-pk": ("get", detail_url(activity.roadmap)),
        "done": ("get", done_url(activity)),
        "evidence": ("get", reverse("roadmap:activity-evidence", args=[activity.pk])),
        "undo": ("post", reverse("roadmap:activity-undo", args=[activity.pk])),
        "status": ("post", reverse("roadmap:activity-status", args=[activity.pk])),
        "year-undo": ("post", reverse("roadmap:activity-year-undo", args=[activity.pk, 2025])),
    }


PAGE_NAMES = ["detail", "detail-pk", "done", "evidence", "undo", "status", "year-undo"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_roadmap_pages_send_anonymous_to_login(client, late, name):
    method, url = pages(late)[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("role", ["mentor", "mentee", "outsider", "administrator"])
def test_roadmap_pages_forbidden_to_other_roles(client_for, request, late, name, role):
    method, url = pages(late)[name]
    response = getattr(client_for(request.getfixturevalue(role)), method)(url)
    assert response.status_code == 403


def test_roadmap_detail_for_curator(client_for, curator, late):
    response = client_for(curator).get(detail_url())
    page = text(response)
    assert response.status_code == 200
    assert "Дорожная карта 2025–2027" in page
    assert "Этап 1. Подготовка условий для запуска программы наставничества" in page
    assert "Задача этапа – создание благоприятных условий" in page
    assert "Формирование базы наставников" in page
    assert "Сентябрь – октябрь 2025" in page
    assert "Куратор, администрация" in page
    assert "База наставников" in page and "Не менее 10 % педагогов" in page
    # overdue since 01.11.2025: 130 days by 10.03.2026 (due 31.10.2025)
    assert "просрочено на 130 дней" in page
    assert 'class="table-danger"' in response.content.decode()
    assert "Отметить выполнение" in page


def test_roadmap_detail_for_director_reads_only(client_for, director, late):
    response = client_for(director).get(detail_url())
    assert response.status_code == 200
    page = text(response)
    assert "Формирование базы наставников" in page and "просрочено на 130 дней" in page
    assert "Отметить выполнение" not in page
    assert done_url(late) not in response.content.decode()


@pytest.mark.parametrize("name", ["detail", "detail-pk", "done", "undo", "status", "year-undo"])
def test_director_any_post_is_forbidden_and_writes_nothing(client_for, director, late, name):
    _method, url = pages(late)[name]
    response = client_for(director).post(
        url,
        {
            "completed_on": "2026-03-01",
            "evidence_url": "https://example.org/",
            "status": "cancelled",
        },
    )
    assert response.status_code == 403
    late.refresh_from_db()
    assert (late.status, late.completed_on) == ("in_progress", None)


def test_director_get_of_the_done_form_is_forbidden(client_for, director, late):
    assert client_for(director).get(done_url(late)).status_code == 403


def test_curator_post_to_the_read_page_is_not_allowed(client_for, curator, late):
    assert client_for(curator).post(detail_url()).status_code == 405


def test_roadmap_detail_without_a_roadmap(client_for, curator):
    response = client_for(curator).get(detail_url())
    assert response.status_code == 200
    assert "Дорожная карта ещё не заведена" in text(response)


def test_roadmap_detail_unknown_roadmap_is_404(client_for, curator):
    assert client_for(curator).get(reverse("roadmap:detail", args=[999])).status_code == 404


def test_roadmap_detail_defaults_to_the_roadmap_running_today(client_for, curator, roadmap):
    roadmap_make(start=D(2022, 6, 1), end=D(2024, 6, 30), title="Дорожная карта 2022–2024")
    roadmap_make(start=D(2027, 9, 1), end=D(2029, 6, 30), title="Дорожная карта 2027–2029")
    response = client_for(curator).get(detail_url())
    assert response.context["roadmap"] == roadmap
    assert "Другие дорожные карты" in text(response)


# --- marking done -----------------------------------------------------------------------------


def test_curator_marks_done_with_a_link(client_for, curator, late):
    here = detail_url(late.roadmap) + "?status=in_progress"
    response = client_for(curator).post(
        done_url(late),
        {
            "completed_on": "2026-03-02",
            "evidence_url": "https://college.example/news/1",
            "next": here,
        },
    )
    assert response.status_code == 302
    assert response.url == f"{here}#a{late.pk}"
    late.refresh_from_db()
    assert (late.status, late.completed_on) == ("done", D(2026, 3, 2))
    assert late.evidence_url == "https://college.example/news/1"
    page = text(client_for(curator).get(detail_url()))
    assert "просрочено" not in page
    assert "02.03.2026 (с опозданием на 122 дня)" in page


def test_curator_marks_done_with_a_file_and_both_office_roles_download_it(
    client_for, curator, director, mentor, late
):
    response = client_for(curator).post(
        done_url(late), {"completed_on": "2025-10-20", "evidence_file": pdf()}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == "done" and late.evidence_file.name.endswith(".pdf")
    assert "prikaz" not in late.evidence_file.name  # the uploaded name is never a path
    url = reverse("roadmap:activity-evidence", args=[late.pk])
    for user in (curator, director):
        download = client_for(user).get(url)
        assert download.status_code == 200
        assert (
            download["Content-Disposition"]
            == f'attachment; filename="podtverzhdenie-{late.pk}.pdf"'
        )
        assert download["Content-Type"] == "application/pdf"
        assert b"".join(download.streaming_content) == PDF
    assert client_for(mentor).get(url).status_code == 403
    page = text(client_for(director).get(detail_url()))
    assert "20.10.2025" in page and "с опозданием" not in page


def test_curator_marks_done_with_a_docx(client_for, curator, late):
    response = client_for(curator).post(
        done_url(late), {"completed_on": "2025-10-20", "evidence_file": docx()}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.evidence_file.name.endswith(".docx")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf(content=b"<html>not a pdf</html>"), "не похож на PDF"),
        (docx("table.xlsx"), "не похож на XLSX"),
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "PDF, JPEG, PNG, DOCX или XLSX"),
        (pdf(content=PDF + b"0" * (10 * 1024 * 1024)), "Файл слишком большой"),
    ],
)
def test_evidence_file_is_checked_by_content_and_size(client_for, curator, late, upload, message):
    response = client_for(curator).post(
        done_url(late), {"completed_on": "2025-10-20", "evidence_file": upload}
    )
    assert response.status_code == 200
    assert message in text(response)
    late.refresh_from_db()
    assert late.status == "in_progress" and not late.evidence_file


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"completed_on": "2026-03-02"},
            "Приложите подтверждение: ссылку, файл или документ из реестра.",
        ),
        (
            {"completed_on": "2026-03-11", "evidence_url": "https://example.org/"},
            "Дата выполнения не может быть позже сегодняшнего дня.",
        ),
        ({"completed_on": "", "evidence_url": "https://example.org/"}, "Обязательное поле."),
    ],
)
def test_marking_done_refused_with_a_reason(client_for, curator, late, data, message):
    response = client_for(curator).post(done_url(late), data)
    assert response.status_code == 200
    assert message in text(response)
    late.refresh_from_db()
    assert late.status == "in_progress"


def test_curator_undoes_a_done_mark(client_for, curator, late):
    client_for(curator).post(
        done_url(late), {"completed_on": "2026-03-02", "evidence_url": "https://example.org/"}
    )
    response = client_for(curator).post(reverse("roadmap:activity-undo", args=[late.pk]))
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.status, late.completed_on) == ("in_progress", None)
    assert "просрочено на 130 дней" in text(client_for(curator).get(detail_url()))


def test_curator_cancels_an_activity_and_it_is_no_longer_overdue(client_for, curator, late):
    response = client_for(curator).post(
        reverse("roadmap:activity-status", args=[late.pk]), {"status": "cancelled"}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == "cancelled"
    assert "просрочено" not in text(client_for(curator).get(detail_url()))


def test_status_form_cannot_set_done(client_for, curator, late):
    client_for(curator).post(reverse("roadmap:activity-status", args=[late.pk]), {"status": "done"})
    late.refresh_from_db()
    assert late.status == "in_progress"


def test_redirect_never_leaves_the_site(client_for, curator, late):
    response = client_for(curator).post(
        done_url(late),
        {
            "completed_on": "2026-03-02",
            "evidence_url": "https://e.org/",
            "next": "https://evil.example/",
        },
    )
    assert response.url == f"{detail_url(late.roadmap)}#a{late.pk}"


def test_curator_marks_a_yearly_activity_for_a_year(client_for, curator, roadmap):
    yearly = activity_make(roadmap, "ежегодно: декабрь", title="Мотивация и поощрение участников")
    page = text(client_for(curator).get(detail_url()))
    # December 2025 missed by 10.03.2026; December 2026 still ahead.
    assert "Ежегодно: декабрь" in page
    assert "2025: просрочено на 69 дней" in page and "2026: срок 31.12.2026" in page
    form_page = client_for(curator).get(done_url(yearly))
    assert form_page.context["form"].initial["year"] == 2025
    response = client_for(curator).post(
        done_url(yearly),
        {"year": "2025", "completed_on": "2025-12-20", "note": "Приказ о поощрении № 412-о"},
    )
    assert response.status_code == 302
    mark = ActivityYearDone.objects.get(activity=yearly)
    assert (mark.year, mark.completed_on, mark.note) == (
        2025,
        D(2025, 12, 20),
        "Приказ о поощрении № 412-о",
    )
    page = text(client_for(curator).get(detail_url()))
    assert "2025: выполнено 20.12.2025" in page and "просрочено" not in page
    client_for(curator).post(reverse("roadmap:activity-year-undo", args=[yearly.pk, 2025]))
    assert not ActivityYearDone.objects.filter(activity=yearly).exists()


def test_yearly_mark_refuses_a_year_outside_the_roadmap(client_for, curator, roadmap):
    yearly = activity_make(roadmap, "ежегодно: декабрь")
    response = client_for(curator).post(
        done_url(yearly), {"year": "2027", "completed_on": "2025-12-20", "note": "x"}
    )
    assert response.status_code == 200
    assert not ActivityYearDone.objects.exists()


# --- the share done on time and the filters ---------------------------------------------------


@pytest.fixture
def mixed(roadmap):
    info = roadmap.sections.get(stage=None)
    return {
        "on_time": activity_make(
            roadmap,
            "январь 2026",
            status="done",
            completed_on=D(2026, 1, 20),
            responsible="Директор",
        ),
        "late": activity_make(
            roadmap, "15.02.2026", status="done", completed_on=D(2026, 2, 20), responsible="Куратор"
        ),
        "missed": activity_make(roadmap, "01.03.2026", responsible="Тихомирова М.А. Морослип А.Э."),
        "ahead": activity_make(roadmap, "май 2026", section=info, title="Публикации на сайте"),
        "cancelled": activity_make(roadmap, "01.02.2026", status="cancelled"),
        "last_year": activity_make(
            roadmap, "октябрь 2025", status="done", completed_on=D(2025, 10, 1)
        ),
    }


def test_share_done_on_time_for_the_year(client_for, curator, mixed):
    page = text(client_for(curator).get(detail_url()))
    assert "Выполнено в срок за 2026 год: 1 из 3 (33 %)" in page
    assert "ещё 1 — со сроком позже в 2026 году" in page
    assert "По годам: 2025 — 1 из 1 (100 %); 2026 — 1 из 3 (33 %)" in page
    page = text(client_for(curator).get(detail_url() + "?year=2025"))
    assert "Выполнено в срок за 2025 год: 1 из 1 (100 %)" in page


def test_filters_by_responsible_status_and_overdue(client_for, curator, mixed):
    client = client_for(curator)

    def shown(query):
        response = client.get(detail_url() + query)
        return {
            row.activity.pk for block in response.context["page"].sections for row in block.rows
        }

    pk = {name: a.pk for name, a in mixed.items()}
    assert shown("?responsible=Директор") == {pk["on_time"]}
    assert shown("?responsible=Морослип А.Э.") == {pk["missed"]}
    assert shown("?status=done") == {pk["on_time"], pk["late"], pk["last_year"]}
    assert shown("?overdue=on") == {pk["missed"]}
    assert shown("?status=nonsense&year=1900") == set(pk.values())
    choices = client.get(detail_url()).context["filters"].fields["responsible"].choices
    assert [c for c, _ in choices] == [
        "",
        "Директор",
        "Куратор",
        "Морослип А.Э.",
        "Тихомирова М.А.",
    ]


def test_free_sections_shown_by_title(client_for, curator, mixed):
    page = text(client_for(curator).get(detail_url()))
    assert "Информационное сопровождение" in page
    assert "Этап 8" not in page


def _activities(roadmap, n):
    sections = list(roadmap.sections.all())
    kinds = ["15.10.2025", "октябрь 2025", "ежегодно: май, декабрь", "весь период"]
    for i in range(n):
        a = activity_make(
            roadmap, kinds[i % 4], section=sections[i % 2], responsible=f"Ответственный {i % 7}"
        )
        if i % 4 == 2:
            year_done(a, 2025, D(2025, 12, 1))


def test_roadmap_detail_query_count_does_not_grow(client_for, curator, roadmap):
    client = client_for(curator)
    _activities(roadmap, 10)
    client.get(detail_url())
    with CaptureQueriesContext(connection) as small:
        assert client.get(detail_url() + "?overdue=on").status_code == 200
    _activities(roadmap, 50)
    with CaptureQueriesContext(connection) as large:
        response = client.get(detail_url() + "?overdue=on")
    assert response.context["page"].total == 60
    assert len(large) == len(small)


def test_activity_done_page_query_count_does_not_grow(client_for, curator, roadmap):
    yearly = activity_make(roadmap, "ежегодно: декабрь")
    client = client_for(curator)
    year_done(yearly, 2025, D(2025, 12, 1))
    with CaptureQueriesContext(connection) as one:
        client.get(done_url(yearly))
    year_done(yearly, 2026, D(2026, 1, 1))
    with CaptureQueriesContext(connection) as two:
        client.get(done_url(yearly))
    assert len(one) == len(two)


# --- the admin ----------------------------------------------------------------------------------


def test_admin_activity_deadline_written_as_text(client_for, curator, roadmap):
    section = roadmap.sections.get(stage=1)
    response = client_for(curator).post(
        reverse("admin:roadmap_activity_add"),
        {
            "section": section.pk,
            "order": 1,
            "title": "Выступление на педагогическом совете",
            "deadline": "Сентябрь – октябрь 2025года",
            "responsible": "Куратор, администрация",
            "expected_result": "Протокол педсовета",
            "indicator": "",
        },
    )
    assert response.status_code == 302, text(response)
    activity = Activity.objects.get()
    assert activity.roadmap == roadmap
    assert (activity.deadline_kind, activity.deadline_month, activity.start_date) == (
        "month",
        D(2025, 10, 1),
        D(2025, 9, 1),
    )
    assert activity.status == "planned"
    # The curator's wording is kept as written and offered again for editing.
    assert activity.deadline_words == "Сентябрь – октябрь 2025года"
    change = client_for(curator).get(reverse("admin:roadmap_activity_change", args=[activity.pk]))
    assert 'value="Сентябрь – октябрь 2025года"' in change.content.decode()


def test_admin_activity_deadline_refused_with_the_reason(client_for, curator, roadmap):
    response = client_for(curator).post(
        reverse("admin:roadmap_activity_add"),
        {
            "section": roadmap.sections.get(stage=1).pk,
            "order": 1,
            "title": "Мероприятие",
            "deadline": "первый квартал",
            "responsible": "Куратор",
        },
    )
    assert response.status_code == 200
    assert "Не удалось разобрать срок «первый квартал»" in text(response)
    assert not Activity.objects.exists()


def test_admin_roadmap_with_sections(client_for, curator):
    response = client_for(curator).post(
        reverse("admin:roadmap_roadmap_add"),
        {
            "title": "Дорожная карта 2026/2027",
            "start_date": "2026-09-01",
            "end_date": "2027-06-30",
            "approved_by": "",
            "approved_on": "",
            "sections-TOTAL_FORMS": "2",
            "sections-INITIAL_FORMS": "0",
            "sections-0-order": "1",
            "sections-0-stage": "1",
            "sections-0-title": "Подготовка условий",
            "sections-0-task": "",
            "sections-1-order": "8",
            "sections-1-stage": "",
            "sections-1-title": "Информационное сопровождение",
            "sections-1-task": "",
        },
    )
    assert response.status_code == 302, text(response)
    roadmap = Roadmap.objects.get()
    assert list(roadmap.sections.values_list("stage", "title")) == [
        (1, "Подготовка условий"),
        (None, "Информационное сопровождение"),
    ]


def test_admin_is_read_only_for_director(client_for, director, late):
    client = client_for(director)
    change = client.get(reverse("admin:roadmap_activity_change", args=[late.pk]))
    assert change.status_code == 200
    assert "Сентябрь – октябрь 2025" in text(change) or "сентябрь – октябрь 2025" in text(change)
    assert 'name="deadline"' not in change.content.decode()
    assert (
        client.post(
            reverse("admin:roadmap_activity_changelist"),
            {"action": "delete_selected", "_selected_action": [late.pk]},
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:roadmap_activity_change", args=[late.pk]), {}).status_code == 403
    )
    assert (
        client.get(reverse("admin:roadmap_roadmap_change", args=[late.roadmap.pk])).status_code
        == 200
    )
    assert Section.objects.count() == 2


def test_admin_activity_list_query_count_does_not_grow(client_for, curator, roadmap):
    client = client_for(curator)
    url = reverse("admin:roadmap_activity_changelist")
    _activities(roadmap, 5)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _activities(roadmap, 30)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
