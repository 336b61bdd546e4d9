"""manage.py load_demo, the roadmap part (mentorship/demo/roadmap.py): the full roadmap of
fixtures/demo/roadmap.json in the demo programme's years, progress that fits the day it is
loaded, loaded idempotently.

The demo is loaded once for the module (inside a transaction rolled back at the end)."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from mentorship.demo.plan import FIXTURES_DIR
from mentorship.demo.roadmap import plan_roadmap
from mentorship.lib.dates import academic_year_start
from roadmap import schedule, selectors
from roadmap.models import Activity, ActivityYearDone, IndicatorTarget, Roadmap, Section
from tests.mentorship.demo.loaded.conftest import load_again

pytestmark = pytest.mark.django_db

COLLEGE = {"short_name": "ГБПОУ КузГТТ", "email_domain": "kuzgtt.example"}
# The source roadmap's «Сроки» column, and how many measures its «Мероприятия» cells hold.
SEED_004 = {
    1: {"июнь 2022года": 2, "Сентябрь – октябрь 2022года": 4, "сентябрь 2022года": 6},
    2: {"Сентябрь октябрь 2022года": 3, "Весь период": 1},
    3: {"Октябрь, 2022": 5},
    4: {"Ноябрь, 2022": 3},
    5: {"Ноябрь, 2022": 3},
    6: {"Ноябрь, 2022- декабрь 2023": 8},
    7: {"Январь, 2024 – июнь, 2024": 15},
}


@pytest.fixture
def roadmap(loaded):
    return Roadmap.objects.get()


def counts() -> dict[str, int]:
    return {
        "roadmaps": Roadmap.objects.count(),
        "sections": Section.objects.count(),
        "activities": Activity.objects.count(),
        "marks": ActivityYearDone.objects.count(),
        "history": Activity.history.count() + Roadmap.history.count(),
    }


def test_demo_roadmap_is_seed_004_in_full(roadmap):
    fixture = json.loads((FIXTURES_DIR / "roadmap.json").read_text(encoding="utf-8"))
    sections = list(roadmap.sections.order_by("order"))
    assert [s.stage for s in sections] == [1, 2, 3, 4, 5, 6, 7, None]
    assert sections[0].task.startswith("Задача этапа – создание благоприятных условий")
    assert sections[-1].title == "Информационное сопровождение и мониторинг"
    for spec in fixture["sections"][:7]:
        written = {}
        for item in spec["activities"]:
            written[item["deadline"]] = written.get(item["deadline"], 0) + 1
        assert written == SEED_004[spec["stage"]]
    assert Activity.objects.filter(section__stage__isnull=False).count() == 50
    titles = set(Activity.objects.values_list("title", flat=True))
    assert "Закрепление пар / групп приказом руководителя техникума" in titles
    assert "Проведение итоговой конференции «Наставничество: от теории к практике»" in titles
    # The source roadmap writes months and «весь период»; the free section adds «ежегодно».
    kinds = set(Activity.objects.values_list("deadline_kind", flat=True))
    assert kinds == {"month", "period", "yearly"}
    assert Activity.objects.filter(deadline_kind="yearly").count() == 5


def test_demo_roadmap_years_follow_the_demo_programme(roadmap, today):
    first = academic_year_start(today).year - 1  # the demo's first pairs started that autumn
    assert (roadmap.start_date, roadmap.end_date) == (
        dt.date(first, 6, 1),
        dt.date(first + 2, 6, 30),
    )
    assert f"{first}–{first + 2}" in roadmap.title
    pairs_fixed = Activity.objects.get(title__startswith="Закрепление пар")
    assert pairs_fixed.deadline_month == dt.date(first, 11, 1)
    assert schedule.deadline_text(pairs_fixed) == f"ноябрь {first}"
    work = Activity.objects.get(title="Регулярные встречи наставника и наставляемого")
    assert schedule.deadline_text(work) == f"ноябрь {first} – декабрь {first + 1}"
    period = selectors.period_of(roadmap)
    for activity in Activity.objects.all():
        for _year, due in schedule.occurrences(schedule.deadline_of(activity), period):
            assert roadmap.start_date <= due <= roadmap.end_date


def test_demo_roadmap_progress_fits_today(roadmap, today):
    page = selectors.roadmap_page(roadmap, today=today)
    rows = [row for block in page.sections for row in block.rows]
    done = [r.activity for r in rows if r.activity.status == Activity.Status.DONE]
    assert done and all(a.completed_on <= today and a.evidence_url for a in done)
    # Two activities left undone and one yearly January skipped: always three overdue.
    assert page.overdue == 3
    assert selectors.overdue_count(roadmap, today) == 3
    overdue = {r.activity.title for r in rows if r.is_overdue}
    assert "Создание сообществ наставников внутри техникума" in overdue
    late = [r for r in rows if r.late_days]
    assert [r.activity.title for r in late] == [
        "Тематическая встреча с сообществом старшекурсников, партнёрами с целью "
        "информирования о программе наставничества",
        "Приказ о назначении наставников",
    ]
    for row in rows:
        if row.activity.status == Activity.Status.PLANNED:
            assert row.activity.start_date is None or row.activity.start_date > today
        for state in row.states:
            assert state.completed_on is None or state.completed_on <= today
    assert ActivityYearDone.objects.filter(completed_on__gt=today).count() == 0
    first_year = roadmap.start_date.year
    share = selectors.activities_on_time(first_year, today=today)
    assert share.due >= 25 and share.on_time == share.due - 4  # 2 overdue, 2 late


def test_on_time_of_several_periods_at_once_is_each_periods_own(roadmap):
    """The dashboard asks the roadmap's share for its chart's periods in one go
    (selectors.activities_on_time_of_periods); each period's share is what the schedule's
    rule gives over every activity and every yearly mark, none narrowed by the database —
    calendar and academic years, a period before the roadmap, and two periods apart."""
    from mentorship.lib.periods import ReportPeriod

    today = roadmap.end_date + dt.timedelta(days=400)
    first = roadmap.start_date.year
    periods = [
        *(ReportPeriod.calendar(year) for year in range(first - 1, roadmap.end_date.year + 2)),
        *(ReportPeriod.academic_year(year) for year in range(first - 1, roadmap.end_date.year)),
    ]
    every_activity = selectors._lean_dates(selectors._with_year_done(Activity.objects.all()))
    assert any(row.year_done for row in every_activity)
    expected = {
        period: schedule.on_time_share_between(every_activity, period.start, period.end, today)
        for period in periods
    }
    assert sum(share.due for share in expected.values()) > 0
    assert selectors.activities_on_time_of_periods(periods, today=today) == expected
    apart = [periods[1], periods[3]]
    assert selectors.activities_on_time_of_periods(apart, today=today) == {
        period: expected[period] for period in apart
    }
    for period in periods:
        assert selectors.activities_on_time(period, today=today) == expected[period]


def test_demo_roadmap_page_for_the_demo_curator(client, roadmap, loaded):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kurator"))
    response = client.get(reverse("roadmap:detail"))
    assert response.status_code == 200
    assert response.context["roadmap"] == roadmap
    assert "Выполнено в срок за" in response.content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "Просроченных мероприятий дорожной карты: 3" in home


def test_load_demo_twice_changes_nothing(loaded):
    text = load_again(counts)
    assert "Записей создано: 0, изменено: 0." in text
    assert "Дорожная карта" in text and "просрочено 3" in text


def test_demo_roadmap_keeps_the_curators_marks_on_a_second_run(roadmap):
    activity = Activity.objects.get(title="Создание сообществ наставников внутри техникума")
    activity.status = Activity.Status.CANCELLED
    activity.save()
    call_command("load_demo", "--quiet")
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED


@pytest.mark.parametrize(
    "today",
    [dt.date(2026, 9, 1), dt.date(2026, 11, 21), dt.date(2027, 3, 10), dt.date(2027, 8, 31)],
)
def test_demo_roadmap_plan_is_deterministic_and_consistent_on_any_day(today):
    plan = plan_roadmap(COLLEGE, today)
    assert plan == plan_roadmap(COLLEGE, today)
    assert plan.start == dt.date(2025, 6, 1) and plan.end == dt.date(2027, 6, 30)
    period = schedule.Period(plan.start, plan.end)
    overdue = 0
    for a in plan.activities:
        dates = schedule.ActivityDates(
            a.deadline, period, a.status, a.completed_on, {y: d for y, d, _u, _n in a.year_done}
        )
        overdue += schedule.is_overdue(dates, today)
        if a.completed_on:
            assert a.completed_on <= today and a.completed_on.weekday() < 5
    assert overdue == 3


def test_demo_roadmap_of_another_year_not_added_next_to_the_first(roadmap, today):
    from types import SimpleNamespace

    from mentorship.demo.load import LoadResult
    from mentorship.demo.roadmap import load_roadmap

    result = LoadResult(plan=None)
    college = json.loads((FIXTURES_DIR / "college.json").read_text(encoding="utf-8"))["college"]
    load_roadmap(SimpleNamespace(college=college), result, today + dt.timedelta(days=366))
    assert list(Roadmap.objects.all()) == [roadmap]
    assert not result.created
    assert result.notes == [
        "Дорожная карта не добавлена: в базе уже есть другая (заведённая вручную или "
        "демо-данные, загруженные раньше в другом учебном году)."
    ]


def test_demo_indicators_show_target_and_actual_for_the_current_year(loaded, today):
    """Every indicator has its target and a status; the regional shares only in the years
    that have ended — the region's figures of the running year are not entered yet."""
    from roadmap.kpi import COMPUTATIONS, KpiStatus, kpi_values_for_year

    regional = {code for code, c in COMPUTATIONS.items() if c.regional_denominator}
    rows = kpi_values_for_year(today.year, today=today)
    assert len(rows) == 16
    for row in rows:
        assert row.target is not None, row.name
        if row.computation in regional:
            assert row.actual is None and row.denominator is None, row.name
            assert row.status is KpiStatus.NO_REGIONAL_DENOMINATOR, row.name
        else:
            assert row.actual is not None, row.name
            assert row.status in (KpiStatus.MET, KpiStatus.NOT_MET), row.name
    for year in (today.year - 2, today.year - 1):
        for row in kpi_values_for_year(year, today=today):
            if row.computation in regional:
                # The region's figure: a share of a few hundredths of a per cent, far below
                # the region's target — honest, and a status.
                assert row.denominator_entered and row.denominator > 1000, (year, row.name)
                assert row.status is KpiStatus.NOT_MET, (year, row.name)
    # Targets for the programme's three years, as the demo's table (demo/kpi.py) gives them.
    by_year = {
        r.year: r.target
        for r in (kpi_values_for_year(y, today=today)[0] for y in (today.year - 2, today.year))
    }
    assert by_year == {today.year - 2: 20, today.year: 50}
    # The academic years that end in the last two of them take those years' targets.
    y = today.year
    stored = dict(
        IndicatorTarget.objects.filter(indicator__computation="mentees_students").values_list(
            "period", "value"
        )
    )
    assert stored == {
        str(y - 2): 20,
        str(y - 1): 40,
        f"{y - 2}/{y - 1}": 40,
        str(y): 50,
        f"{y - 1}/{y}": 50,
    }


def test_demo_last_year_counts_its_registry_not_only_its_participants(loaded, today):
    """Reports read the registry as it stood at a period's end: the demo's people are
    entered when its programme begins, so last year has its students, teachers and banks,
    not only the year's participants (entered later, they would count by their first
    state alone)."""
    from roadmap.kpi import people_counts

    last = people_counts(today.year - 1)
    assert last["students"] > last["student_mentees"] > 0
    assert last["teachers"] > last["teacher_mentors"] > 0
    assert last["base_participants"] > last["participants"] > 0


# The programmes' readings and the targets the demo's table (demo/kpi.py) gives them.
DEMO_READINGS = {
    "mentees_satisfied": "85",
    "mentors_satisfied": "85",
    "consents_whole_base": "100",
    "plans_done_90": "90",
}


def test_demo_dashboard_and_report_show_the_programmes_readings(client, loaded, today):
    from django.contrib.auth import get_user_model

    from roadmap.kpi import COMPUTATIONS
    from roadmap.report import report_data_build, report_pdf_render
    from tests.lib.pdf_files import pdf_text

    client.force_login(get_user_model().objects.get(username="direktor"))
    response = client.get(reverse("reports:dashboard"), {"year": today.year})
    assert response.status_code == 200
    page = response.content.decode()
    data = report_data_build(today.year, today=today)
    text = pdf_text(report_pdf_render(data))
    lines = {line.row.computation: line for line in data.kpi}
    for code, target in DEMO_READINGS.items():
        name = COMPUTATIONS[code].name
        assert name in page, code
        line = lines[code]
        assert line.target_text == f"{target}\xa0%", code
        printed = f"{line.number} {name} {line.formula} {line.target_text} {line.actual_text}"
        assert " ".join(printed.split()) in text, code
