"""Report periods in the lower layers, in a base holding only what each test writes: a pair,
an answer, a yearly activity counted by dates; the college's start month; targets imported
by period. Apart from tests/roadmap/test_periods.py, whose hand-counted year is built once
for the whole module and would be in the base here."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorship.lib.periods import ReportPeriod
from mentorship.pairs.models import Pair
from mentorship.people.models import College
from mentorship.people.selectors import academic_year_start_month, report_period_parse
from mentorship.surveys.models import Invitation
from mentorship.surveys.results import satisfaction_between
from roadmap import schedule
from roadmap.kpi import kpi_values_for_period, people_counts
from roadmap.models import Activity, ActivityYearDone, Indicator, IndicatorTarget
from roadmap.selectors import activities_on_time
from tests.mentorship.surveys.survey_data import at, satisfaction_answer, wave_make

from .report_data import TODAY, D, Kind, pair, person

ACADEMIC = ReportPeriod.academic_year(2025)  # 01.09.2025 – 31.08.2026, running on TODAY
LAST_ACADEMIC = ReportPeriod.academic_year(2024)  # 01.09.2024 – 31.08.2025, over
CAL_2025, CAL_2026 = ReportPeriod.calendar(2025), ReportPeriod.calendar(2026)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def october_pair(db):
    """A teacher mentoring a student in October 2025 only."""
    teacher = person("Октябрёв", D(1980, 1, 1), kind=Kind.TEACHER, experience_years=10)
    student = person("Осенний", D(2008, 4, 4))
    return pair(
        teacher, [student], "teacher-student", D(2025, 10, 1),
        status=Pair.Status.FINISHED, end=D(2025, 10, 31),
    )  # fmt: skip


def test_a_pair_of_october_2025_counts_for_2025_2026_and_2025_not_2026(october_pair):
    def active(period):
        return set(Pair.objects.active_between(period.start, period.end))

    assert active(ACADEMIC) == {october_pair}
    assert active(CAL_2025) == {october_pair}
    assert active(CAL_2026) == set()
    assert active(LAST_ACADEMIC) == set()
    # The same through the KPIs' people family: the teacher mentored in those periods only.
    assert people_counts(ACADEMIC)["teacher_mentors"] == 1
    assert people_counts(CAL_2025)["teacher_mentors"] == 1
    assert people_counts(CAL_2026)["teacher_mentors"] == 0
    assert people_counts(LAST_ACADEMIC)["teacher_mentors"] == 0


def test_a_survey_answer_of_march_2026_counts_for_2025_2026(db):
    student = person("Мартовский", D(2008, 1, 1))
    wave = wave_make("mentee-satisfaction", opened_on=D(2026, 3, 1), closes_on=D(2026, 4, 1))
    satisfaction_answer(wave, student, Invitation.Role.MENTEE, [9], submitted_at=at(2026, 3, 10))

    def found(period):
        return satisfaction_between(period.start, period.end, Invitation.Role.MENTEE)

    assert found(ACADEMIC).respondents == 1
    assert found(ACADEMIC).percent == Decimal(90)
    assert found(CAL_2026).respondents == 1
    assert found(CAL_2025).respondents == 0
    rows = {r.computation: r for r in kpi_values_for_period(ACADEMIC, today=D(2026, 3, 20))}
    assert rows["mentee_satisfaction"].actual == Decimal(90)
    rows = {r.computation: r for r in kpi_values_for_period(CAL_2025, today=D(2026, 3, 20))}
    assert rows["mentee_satisfaction"].actual is None


def test_a_yearly_activity_counts_in_the_academic_year_its_due_date_falls_in(db):
    from roadmap.models import Roadmap, Section

    roadmap = Roadmap.objects.create(title="ДК", start_date=D(2025, 1, 1), end_date=D(2026, 12, 31))
    section = Section.objects.create(roadmap=roadmap, order=1, title="Этап")
    yearly = Activity.objects.create(
        roadmap=roadmap, section=section, title="Ежегодный отчёт", deadline_kind="yearly",
        yearly_months=[6],
    )  # fmt: skip
    # June 2026 is in 2025/2026 and done in time by its 2026 mark; June 2025 (2024/2025) late.
    ActivityYearDone.objects.create(activity=yearly, year=2026, completed_on=D(2026, 6, 10))
    ActivityYearDone.objects.create(activity=yearly, year=2025, completed_on=D(2025, 7, 10))
    later = D(2026, 12, 1)
    assert activities_on_time(ACADEMIC, today=later) == schedule.OnTime(on_time=1, due=1)
    assert activities_on_time(LAST_ACADEMIC, today=later) == schedule.OnTime(on_time=0, due=1)
    # Before 30 June 2026 the academic year's occurrence is not yet due.
    assert activities_on_time(ACADEMIC, today=TODAY).due == 0


def test_the_start_month_is_the_colleges_with_september_by_default(db):
    assert not College.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        assert academic_year_start_month() == 9
    assert len(queries) == 1
    assert report_period_parse("2025/2026") == ACADEMIC
    College.get()
    College.objects.filter(pk=1).update(academic_year_start_month=2)
    period = report_period_parse("2025/2026")
    assert (period.start, period.end) == (D(2025, 2, 1), D(2026, 1, 31))
    assert report_period_parse("2025") == CAL_2025
    with pytest.raises(ValueError, match="второй год должен следовать за первым"):
        report_period_parse("2025/2027")


def test_targets_import_takes_academic_year_columns_and_old_year_files(db):
    from mentorship.imports.registry import xlsx_bases
    from mentorship.imports.services import xlsx_import
    from tests.lib.xlsx_files import xlsx_bytes

    base = xlsx_bases()["kpi-targets"]
    name = Indicator.objects.get(computation="mentees_students").name
    report = xlsx_import(
        base=base,
        data=xlsx_bytes(["Показатель", 2024, "2025/2026 уч. г."], [[name, 40, 55]]),
        commit=True,
    )
    assert report.committed, report.issues
    targets = dict(
        IndicatorTarget.objects.filter(indicator__name=name).values_list("period", "value")
    )
    assert targets == {"2024": Decimal(40), "2025/2026": Decimal(55)}
    refused = xlsx_import(
        base=base, data=xlsx_bytes(["Показатель", "2025/2027"], [[name, 1]]), commit=True
    )
    assert not refused.committed
    assert "второй год должен следовать за первым" in " ".join(map(str, refused.issues))
