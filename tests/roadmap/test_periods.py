"""Report periods through the database: a calendar year or an academic year (1 September –
31 August, the start month a college setting) counted by dates in every family, shown on
the dashboard, printed in the PDF, written by kpi_report, approved and downloaded."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.documents.models import ReportDownload
from mentorship.lib.periods import ReportPeriod
from roadmap.admin_kpi import IndicatorTargetForm
from roadmap.kpi import born_for_ages, kpi_values_for_period
from roadmap.models import IndicatorTarget, ReportApproval
from roadmap.report import report_data_build, report_json_render, report_pdf_render
from tests.lib.pdf_files import pdf_text
from tests.worlds import built_once

from .report_data import TODAY, D, Kind, pair, person, set_target, year_make

ACADEMIC = ReportPeriod.academic_year(2025)  # 01.09.2025 – 31.08.2026, running on TODAY
LAST_ACADEMIC = ReportPeriod.academic_year(2024)  # 01.09.2024 – 31.08.2025, over
CAL_2025, CAL_2026 = ReportPeriod.calendar(2025), ReportPeriod.calendar(2026)

# Each distinct PDF laid out once in the module (tests/pdf_once.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_once")]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


# --- the lower layers count date ranges ----------------------------------------------------


def test_ages_are_taken_on_the_last_day_of_the_period():
    # Aged 10–19 on 31.08.2026: born 01.09.2006 … 31.08.2016.
    assert born_for_ages(ACADEMIC, 10, 19) == (D(2006, 9, 1), D(2016, 8, 31))
    assert born_for_ages(2025, 10, 19) == (D(2006, 1, 1), D(2015, 12, 31))
    # An academic year from March ends on 28 or 29 February.
    leap = ReportPeriod.academic_year(2023, start_month=3)
    assert leap.end == D(2024, 2, 29)
    assert born_for_ages(leap, 15, 19) == (D(2004, 3, 1), D(2009, 2, 28))


# --- targets keyed by the period -------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The hand-counted year, built once for the module inside a transaction rolled back at
    its end; each test's own transaction is a savepoint within it, so what a test writes (a
    target, an approval, a late pair) is gone before the next one. Built on the tests' day.
    The tests of what the lower layers count, in a base without it, are in
    test_periods_empty.py."""
    with built_once(django_db_blocker, year_make, today=TODAY) as made:
        yield made


@pytest.fixture
def data(world, db):
    return world


def test_targets_of_an_academic_year_are_shown_on_its_dashboard(client_for, director, data):
    set_target("mentees_students", "45", "2025/2026")
    assert IndicatorTarget.objects.filter(period="2025/2026").count() == 1
    client = client_for(director)
    page = client.get(reverse("reports:dashboard"), {"period": "2025/2026"})
    assert page.status_code == 200
    dash = page.context["dash"]
    assert dash.period == ACADEMIC
    assert "Показатели программы наставничества за 2025/2026 учебный год" in page.text
    assert "Учебный год не завершён: данные на 01.03.2026." in page.text
    assert '<option value="2025/2026" selected>2025/2026 учебный год</option>' in page.text
    assert '<option value="2025">2025 год</option>' in page.text
    rows = {line.row.computation: line.row for line in dash.kpi}
    assert rows["mentees_students"].target == Decimal(45)
    # The calendar year keeps its own target (report_data: 30).
    calendar = client.get(reverse("reports:dashboard"), {"period": "2025"}).context["dash"]
    assert {line.row.computation: line.row for line in calendar.kpi}[
        "mentees_students"
    ].target == Decimal(30)
    # ?year= is still the calendar year.
    assert client.get(reverse("reports:dashboard"), {"year": 2025}).context["dash"].period == (
        CAL_2025
    )


def test_a_bad_period_is_a_russian_400(client_for, director, db):
    client = client_for(director)
    for bad, message in (
        ("2025/2027", "второй год должен следовать за первым"),
        ("двадцать пятый", "не период отчёта"),
    ):
        for url in (reverse("reports:dashboard"), reverse("reports:kpi-report")):
            response = client.get(url, {"period": bad})
            assert response.status_code == 400
            assert message in response.content.decode()
        # The director's approval of a bad period: the same reason, nothing approved.
        response = client.post(reverse("reports:approve"), {"period": bad})
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not ReportApproval.objects.exists()
    form = IndicatorTargetForm(data={"period": "2025/2027", "value": "50"})
    assert not form.is_valid()
    assert "второй год должен следовать за первым" in str(form.errors["period"])
    form = IndicatorTargetForm(data={"period": "2025-2026", "value": "50"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["period"] == "2025/2026"


# --- the report, its JSON, the command and approvals -------------------------------------------


def test_the_pdf_of_an_academic_year_says_so(data):
    report = report_data_build(ACADEMIC, today=TODAY)
    text = " ".join(pdf_text(report_pdf_render(report)).split())
    assert "за 2025/2026 учебный год" in text
    assert "Отчётный период: учебный год 01.09.2025 – 31.08.2026." in text
    assert "Учебный год не завершён: данные на 01.03.2026." in text
    assert report.filename == "Отчёт по наставничеству за 2025-2026 учебный год.pdf"


def test_kpi_report_academic_year_writes_json_with_the_period(data, tmp_path, capsys):
    target = tmp_path / "report.json"
    call_command("kpi_report", "--academic-year", "2024/2025", "--output", str(target))
    assert "Отчёт за 2024/2025 учебный год" in capsys.readouterr().out
    report = json.loads(target.read_text("utf-8"))
    assert report["schema_version"] == 2
    assert report["title"] == (
        "Отчёт о реализации программы наставничества за 2024/2025 учебный год"
    )
    assert report["year"] is None
    assert report["period"] == {
        "key": "2024/2025",
        "kind": "academic",
        "start": "2024-09-01",
        "end": "2025-08-31",
    }
    assert report["period_finished"] is True
    # The pairs of spring 2025 are in it.
    assert report["participants"]["by_kind_total"]["participants"] > 0


def test_kpi_report_refuses_a_wrong_academic_year_in_russian(db, tmp_path):
    with pytest.raises(CommandError, match=r"не учебный год.*\(календарный год — в --year\)"):
        call_command("kpi_report", "--academic-year", "2025", "--output", str(tmp_path / "a.pdf"))
    with pytest.raises(CommandError, match="Год 1999 вне допустимого диапазона"):
        call_command(
            "kpi_report", "--academic-year", "1999/2000", "--output", str(tmp_path / "a.pdf")
        )
    with pytest.raises(CommandError, match="второй год должен следовать"):
        call_command(
            "kpi_report", "--academic-year", "2025/2027", "--output", str(tmp_path / "a.pdf")
        )
    with pytest.raises(CommandError, match="либо --year, либо --academic-year"):
        call_command(
            "kpi_report", year=2025, academic_year="2025/2026", output=str(tmp_path / "a.pdf")
        )
    assert not list(tmp_path.iterdir())


def test_an_academic_year_is_approved_and_downloaded_byte_identical(
    client_for, director, data, tmp_path
):
    client = client_for(director)
    # Running on 01.03.2026: not yet.
    refused = client.post(reverse("reports:approve"), {"period": "2025/2026"})
    assert refused.status_code == 302
    assert not ReportApproval.objects.exists()
    response = client.post(reverse("reports:approve"), {"period": "2024/2025"})
    assert response["Location"] == f"{reverse('reports:dashboard')}?period=2024%2F2025"
    approval = ReportApproval.objects.get()
    assert (approval.period, approval.version) == ("2024/2025", 1)
    assert json.loads(approval.numbers)["period"]["key"] == "2024/2025"
    first = client.get(reverse("reports:kpi-report"), {"period": "2024/2025"})
    assert first.status_code == 200
    # The data changes: a pair of spring 2025 typed in late.
    newcomer = person("Опоздавший", D(2008, 2, 2))
    pair(person("Новый", D(1979, 1, 1), kind=Kind.TEACHER), [newcomer], "teacher-student",
         D(2025, 4, 1))  # fmt: skip
    again = client.get(reverse("reports:kpi-report"), {"period": "2024/2025"})
    assert again.content == first.content == bytes(approval.pdf)
    assert report_json_render(report_data_build(LAST_ACADEMIC)) != approval.numbers.encode()
    # The command writes the approved bytes too, and the journal keeps the period.
    target = tmp_path / "approved.pdf"
    call_command("kpi_report", "--academic-year", "2024/2025", "--output", str(target))
    assert target.read_bytes() == bytes(approval.pdf)
    assert list(
        ReportDownload.objects.order_by("pk").values_list("period", "year")
    ) == [("2024/2025", 2024), ("2024/2025", 2024)]
    # The dashboard's approvals list the academic year and link its versions.
    page = client.get(reverse("reports:dashboard"), {"period": "2024/2025"}).text
    assert "?period=2024/2025&amp;version=1" in page
    assert "2024/2025 учебный год — утверждён" in page


# --- query counts ----------------------------------------------------------------------------


def test_kpi_values_for_an_academic_year_run_nine_queries(data):
    def count(period):
        with CaptureQueriesContext(connection) as queries:
            kpi_values_for_period(period, today=TODAY)
        return len(queries)

    assert count(ACADEMIC) == 9
    assert count(CAL_2025) == 9
    year_grow()
    assert count(ACADEMIC) == 9


def year_grow():
    for n in range(15):
        mentee = person(f"Новичок{n}", D(2008, 1, 1))
        pair(person(f"Наставник{n}", D(1980, 1, 1), kind=Kind.TEACHER), [mentee],
             "teacher-student", D(2025, 10, 1))  # fmt: skip


def test_the_dashboard_of_an_academic_year_runs_a_fixed_number_of_queries(
    client_for, director, data
):
    client = client_for(director)

    def count(params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:dashboard"), params).status_code == 200
        return len(queries)

    count({"period": "2025"})  # session and user warm up
    small = count({"period": "2025/2026"})
    year_grow()
    assert count({"period": "2025/2026"}) == small
