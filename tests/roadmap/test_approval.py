"""The approved yearly report: the director approves a finished year, the report is stored
as it was and downloaded byte for byte later, whatever the data becomes; a correction is a
new version with its reason."""

import json
from urllib.parse import unquote

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.documents.models import ReportDownload
from mentorship.people.models import Person
from roadmap import services
from roadmap.models import ReportApproval
from roadmap.report import report_data_build, report_json_render
from roadmap.services import RoadmapError, report_approve
from tests.lib.pdf_files import pdf_text
from tests.worlds import built_once

from .report_data import TODAY, YEAR, D, Kind, pair, person, year_make

# Each distinct PDF laid out once in the module (tests/pdf_once.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_once")]

REASON = "Уточнены данные об участниках с ОВЗ"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture(scope="module")
def year_world(django_db_setup, django_db_blocker):
    """The hand-counted year, built once for the module inside a transaction rolled back at
    its end; each test's own transaction is a savepoint within it, so what a test writes
    (approvals, late pairs, marks) is gone before the next one. Built on the tests' day."""
    with built_once(django_db_blocker, year_make, today=TODAY) as world:
        yield world


@pytest.fixture
def year_data(year_world, db):
    return year_world


def approve(client, year=YEAR, reason=None):
    data = {"year": year} if reason is None else {"year": year, "reason": reason}
    return client.post(reverse("reports:approve"), data)


def download(client, **params):
    response = client.get(reverse("reports:kpi-report"), {"year": YEAR, **params})
    assert response.status_code == 200, response.status_code
    return response


def messages_of(response) -> list[str]:
    """The messages the response leaves for the next page, the earlier requests' unread
    ones first (the test client never shows them)."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def change_the_year(data) -> None:
    """What happens to a closed year's data later: a pair of 2025 typed in late, with a
    new mentee and a new teacher; an ОВЗ mark set on a 2025 mentee."""
    newcomer = person("Опоздавший", D(2008, 2, 2))
    teacher = person("Новопедагогов", D(1979, 1, 1), kind=Kind.TEACHER, experience_years=3)
    pair(teacher, [newcomer], "teacher-student", D(2025, 9, 1))
    Person.objects.filter(last_name="Студентов").update(has_disability=True)


def run_kpi_report(tmp_path, name, *extra) -> bytes:
    target = tmp_path / name
    call_command("kpi_report", "--year", str(YEAR), "--output", str(target), *extra)
    return target.read_bytes()


# --- the headline --------------------------------------------------------------------------


def test_approved_report_is_downloaded_byte_identical_after_the_data_changed(
    client_for, director, year_data, tmp_path
):
    client = client_for(director)
    numbers_then = report_json_render(report_data_build(YEAR, today=TODAY))
    response = approve(client)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('reports:dashboard')}?period={YEAR}"
    assert messages_of(response) == [
        "Отчёт за 2025 год утверждён (версия 1). Теперь отчёт за этот год скачивается "
        "в утверждённом виде."
    ]
    first = download(client)
    approval = ReportApproval.objects.get()
    assert (approval.period, approval.version, approval.reason) == ("2025", 1, "")
    assert (approval.approved_by, approval.approved_by_name) == (director, "director")
    assert first.content == bytes(approval.pdf)
    assert approval.numbers.encode() == numbers_then
    assert "Отчёт по наставничеству за 2025 год (утверждён, версия 1).pdf" in unquote(
        first["Content-Disposition"]
    )

    change_the_year(year_data)
    numbers_now = report_json_render(report_data_build(YEAR, today=TODAY))
    assert numbers_now != numbers_then  # the change shows in a live report

    again = download(client)
    assert again.content == first.content
    assert again["Cache-Control"] == "no-store"
    assert again["Content-Disposition"].startswith("attachment;")
    assert [(d.username, d.year) for d in ReportDownload.objects.order_by("pk")] == [
        ("director", YEAR),
        ("director", YEAR),
    ]
    # The command writes the approved files; --live builds from today's data.
    assert run_kpi_report(tmp_path, "approved.pdf") == first.content
    assert run_kpi_report(tmp_path, "approved.json") == numbers_then
    live_pdf = run_kpi_report(tmp_path, "live.pdf", "--live")
    assert live_pdf != first.content
    assert "Опоздавший" not in pdf_text(live_pdf)  # aggregates still, never names
    assert run_kpi_report(tmp_path, "live.json", "--live") == numbers_now


def test_kpi_report_command_says_the_report_is_approved(year_data, director, tmp_path, capsys):
    approval = report_approve(period=YEAR, by=director, today=TODAY)
    monkey_dir = tmp_path / "out"
    monkey_dir.mkdir()
    call_command("kpi_report", "--year", str(YEAR), "--output", str(monkey_dir))
    made = monkey_dir / "Отчёт по наставничеству за 2025 год (утверждён, версия 1).pdf"
    assert made.read_bytes() == bytes(approval.pdf)
    on = timezone.localtime(approval.approved_at).strftime("%d.%m.%Y")
    assert f"Отчёт за 2025 год (утверждён {on}, версия 1)" in capsys.readouterr().out


def test_a_year_not_approved_is_still_the_live_report(client_for, curator, year_data, tmp_path):
    response = download(client_for(curator))
    assert "Отчёт по наставничеству за 2025 год.pdf" in unquote(response["Content-Disposition"])
    assert "утверждён" not in unquote(response["Content-Disposition"])
    change_the_year(year_data)
    live = json.loads(run_kpi_report(tmp_path, "now.json"))
    assert live["participants"]["total"]["mentees"] == 4  # s1, s2, u1 and the newcomer


# --- a correction --------------------------------------------------------------------------


def test_correction_needs_a_reason_and_keeps_the_first_version(client_for, director, year_data):
    client = client_for(director)
    approve(client)
    first = download(client).content
    change_the_year(year_data)

    refused = approve(client)
    assert messages_of(refused)[-1:] == [
        "Отчёт за 2025 год уже утверждён (версия 1). Укажите причину исправления, чтобы "
        "утвердить новую версию."
    ]
    assert approve(client, reason="   ").status_code == 302
    assert ReportApproval.objects.count() == 1

    corrected = approve(client, reason=f"  {REASON} ")
    assert messages_of(corrected)[-1].startswith("Отчёт за 2025 год утверждён (версия 2).")
    v1, v2 = ReportApproval.objects.order_by("version")
    assert (v2.version, v2.reason) == (2, REASON)
    assert bytes(v1.pdf) == first and v1.reason == ""

    latest = download(client)
    assert latest.content == bytes(v2.pdf) != first
    assert "(утверждён, версия 2).pdf" in unquote(latest["Content-Disposition"])
    old = download(client, version=1)
    assert old.content == first
    assert "(утверждён, версия 1).pdf" in unquote(old["Content-Disposition"])
    assert download(client, version=2).content == bytes(v2.pdf)
    assert json.loads(v2.numbers)["participants"]["total"]["mentees"] == 4
    assert json.loads(v1.numbers)["participants"]["total"]["mentees"] == 3


def test_a_version_that_does_not_exist_is_not_found(client_for, director, year_data):
    client = client_for(director)
    url = reverse("reports:kpi-report")
    assert client.get(url, {"year": YEAR, "version": 1}).status_code == 404  # not approved
    approve(client)
    assert client.get(url, {"year": YEAR, "version": 2}).status_code == 404
    assert client.get(url, {"year": YEAR, "version": "x"}).status_code == 400
    assert client.get(url, {"year": 2024, "version": 1}).status_code == 404


# --- what is refused -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2026, "Отчёт за 2026 год можно утвердить после его окончания — с 01.01.2027."),
        (2027, "Отчёт за 2027 год можно утвердить после его окончания — с 01.01.2028."),
    ],
)
def test_a_year_not_finished_is_refused(client_for, director, year_data, year, message):
    response = approve(client_for(director), year=year)
    assert response.status_code == 302
    assert messages_of(response) == [message]
    assert not ReportApproval.objects.exists()
    with pytest.raises(RoadmapError, match="после его окончания"):
        report_approve(period=year, by=director, today=TODAY)


@pytest.mark.parametrize("persona", ["curator", "mentor", "mentee", "administrator", "outsider"])
def test_only_the_director_approves(client_for, request, persona, year_data):
    client = client_for(request.getfixturevalue(persona))
    assert approve(client).status_code == 403
    assert approve(client, reason=REASON).status_code == 403
    assert not ReportApproval.objects.exists()


def test_anonymous_is_sent_to_login_and_nothing_is_approved(client, year_data):
    response = approve(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not ReportApproval.objects.exists()


def test_approval_is_post_only(client_for, director, year_data):
    assert client_for(director).get(reverse("reports:approve")).status_code == 405


def test_two_approvals_at_once_do_not_share_a_version(director, curator, year_data, monkeypatch):
    """Another director approves while this one's report renders: the second write is
    refused by the (period, version) constraint and told so, not made a silent version 2."""
    build = services.report_data_build

    def build_while_another_approves(year, *, today):
        data = build(year, today=today)
        ReportApproval.objects.create(
            period="2025", version=1, approved_by_name="другой", pdf=b"%PDF", numbers="{}"
        )
        return data

    monkeypatch.setattr(services, "report_data_build", build_while_another_approves)
    with pytest.raises(RoadmapError, match="только что утвердил другой пользователь"):
        report_approve(period=YEAR, by=director, today=TODAY)
    assert list(ReportApproval.objects.values_list("approved_by_name", flat=True)) == ["другой"]


@pytest.mark.parametrize(
    ("version", "reason"),
    [(1, ""), (0, "ноль"), (2, "")],
    ids=["same version twice", "version 0", "correction without reason"],
)
def test_the_database_keeps_the_rules(db, version, reason):
    ReportApproval.objects.create(period="2025", version=1, approved_by_name="А", pdf=b"x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportApproval.objects.create(
            period="2025", version=version, reason=reason, approved_by_name="Б", pdf=b"y"
        )


def test_the_approver_is_remembered_after_the_account_is_gone(director, year_data):
    director.first_name, director.last_name = "Андрей", "Громов"
    director.save()
    approval = report_approve(period=YEAR, by=director, today=TODAY)
    director.delete()
    approval.refresh_from_db()
    assert (approval.approved_by, approval.approved_by_name) == (None, "Андрей Громов")
    assert str(approval) == "Отчёт за 2025 год, версия 1"


def test_an_academic_years_approval_is_named_as_its_period():
    approval = ReportApproval(period="2024/2025", version=2)
    assert str(approval) == "Отчёт за 2024/2025 учебный год, версия 2"
    assert approval.filename == (
        "Отчёт по наставничеству за 2024-2025 учебный год (утверждён, версия 2).pdf"
    )


# --- the dashboard -------------------------------------------------------------------------


def dashboard_page(client, year=YEAR) -> str:
    response = client.get(reverse("reports:dashboard"), {"year": year})
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_offers_the_director_to_approve_a_finished_year(
    client_for, director, year_data
):
    client = client_for(director)
    page = dashboard_page(client)
    assert "Утвердить отчёт за 2025 год" in page
    assert f'action="{reverse("reports:approve")}"' in page
    assert "Отчёт утверждён" not in page
    # The running year is not approved before it ends.
    assert "Утвердить отчёт за 2026 год" not in dashboard_page(client, 2026)


def test_dashboard_shows_the_approval_and_the_approved_years(client_for, director, year_data):
    client = client_for(director)
    approve(client)
    approve(client, reason=REASON)
    v1, v2 = ReportApproval.objects.order_by("version")
    page = dashboard_page(client)
    on = timezone.localtime(v2.approved_at).strftime("%d.%m.%Y")
    assert f"Отчёт утверждён {on} (версия 2; director)." in page
    assert f"Причина исправления: {REASON}" in page
    url = reverse("reports:kpi-report")
    for version in (1, 2):
        assert f'href="{url}?period=2025&amp;version={version}">Версия {version}</a>' in page
    assert '<option value="2025" selected>2025 год — утверждён</option>' in page
    assert '<option value="2024">2024 год</option>' in page
    assert "Утвердить исправленный отчёт" in page
    assert 'name="reason" class="form-control form-control-sm" maxlength="1000" required' in page
    assert "Утвердить отчёт за 2025 год" not in page
    # Another year's page still says 2025 is approved in its year choice.
    other = dashboard_page(client, 2024)
    assert '<option value="2025">2025 год — утверждён</option>' in other
    assert "Отчёт утверждён" not in other


def test_curator_sees_the_approval_but_no_form(client_for, curator, director, year_data):
    report_approve(period=YEAR, by=director, today=TODAY)
    page = dashboard_page(client_for(curator))
    assert "(версия 1; director)" in page
    assert "Утвердить" not in page
    assert "approve-form" not in page


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        dashboard_page(client)
    return len(queries)


def test_dashboard_query_count_does_not_grow_with_approvals(client_for, director, year_data):
    client = client_for(director)
    count_queries(client)  # session and user warm up
    none = count_queries(client)
    report_approve(period=YEAR, by=director, today=TODAY)
    report_approve(period=YEAR, by=director, reason=REASON, today=TODAY)
    report_approve(period=2024, by=director, today=TODAY)
    assert count_queries(client) == none
