"""The demo programme's indicator targets: the tables of the programme documents the demo
follows (2022–2024), moved to the demo's years — the current calendar year and the two before
it."""

import datetime as dt

from accounts.models import User
from accounts.roles import Role
from mentorship.lib.database import analyze
from roadmap.models import Indicator, IndicatorTarget, ReportApproval
from roadmap.selectors import report_approval_latest
from roadmap.services import report_approve

from .people import DEMO_USERS

DIRECTOR_LOGIN = next(user.username for user in DEMO_USERS if user.role == Role.DIRECTOR)

# computation code → targets for (year − 2, year − 1, year).
TARGETS = {
    "mentees_students": (20, 40, 50),
    "mentees_disability": (100, 100, 100),
    "mentors_teachers": (20, 40, 50),
    "mentee_satisfaction": (50, 60, 65),
    "mentor_satisfaction": (50, 60, 65),
    # The programme's own reading of satisfaction: «не менее 85 % удовлетворены».
    "mentees_satisfied": (85, 85, 85),
    "mentors_satisfied": (85, 85, 85),
    "mentees_aged_10_19": (20, 40, 60),
    "mentors_aged_15_19": (3, 5, 8),
    "young_teachers_mentees": (5, 8, 10),
    "enterprises_gave_mentors": (3, 8, 15),
    "consents_on_file": (100, 100, 100),
    "consents_whole_base": (100, 100, 100),
    "plans_done": (90, 90, 90),
    "plans_done_90": (90, 90, 90),
    "roadmap_on_time": (100, 100, 100),
}


def load_targets(result, year: int) -> None:
    """Targets for the shipped indicators; a target already there (the curator's) stays."""
    indicators = {i.computation: i for i in Indicator.objects.filter(computation__in=TARGETS)}
    existing = set(
        IndicatorTarget.objects.filter(indicator__in=indicators.values()).values_list(
            "indicator_id", "year"
        )
    )
    years = (year - 2, year - 1, year)
    new = [
        IndicatorTarget(indicator=indicator, year=target_year, value=value)
        for code, indicator in indicators.items()
        for target_year, value in zip(years, TARGETS[code], strict=True)
        if (indicator.pk, target_year) not in existing
    ]
    IndicatorTarget.objects.bulk_create(new)
    result.created[IndicatorTarget._meta.verbose_name_plural] += len(new)


def approve_last_year(result, today: dt.date) -> None:
    """The previous calendar year's report, approved by the demo's director, as a college
    does at the start of a year; a year already approved (by an earlier run) stays."""
    year = today.year - 1
    if report_approval_latest(year) is not None:
        return
    director = User.objects.get(username=DIRECTOR_LOGIN)
    # The report reads every table the demo has just filled: without statistics PostgreSQL
    # would plan its survey aggregates as nested loops and take minutes.
    analyze()
    report_approve(year=year, by=director, today=today)
    result.created[ReportApproval._meta.verbose_name_plural] += 1


def summary_lines(today: dt.date) -> list[str]:
    """The load_demo summary's line about the approved report, as the database has it."""
    approval = report_approval_latest(today.year - 1)
    if approval is None:
        return []
    return [
        f"  Отчёт за {today.year - 1} год утверждён {approval.approved_at:%d.%m.%Y} "
        f"(версия {approval.version}; {approval.approved_by_name})."
    ]
