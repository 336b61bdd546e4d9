"""The demo college's past: it has lived three academic years, moved from one to the next by
the product's own roll-over (roadmap/rollover.py), so its people's history is real.

On the first load into an empty database, before the plan of the current year is written
(demo/load.py):

1. the college as it stood on the first day of the academic year before last: today's
   students of the third and fourth course in their first and second, the alumni of last
   June in their fourth, everybody else as planned — recorded in the history on that day;
2. the roll-over to the next academic year, run on 31 August like a curator running it
   ahead (its history is dated the new year's first day), then the new first course
   enrolled on 1 September; twice, up to the current year.

What the current year's plan writes next finds these people as they have become. A later
load of the demo, into a college that has them, skips all of this: the past is written once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from mentorship.lib.dates import academic_year_first_day, academic_year_label, academic_year_of
from mentorship.lib.history import start_of_day
from mentorship.people.models import College, Person
from roadmap.rollover import roll_over_commit

from . import people
from .plan import CHANGE_REASON

YEARS_LIVED = 3  # the academic year before last, last year and the current one


def first_year(today: dt.date) -> int:
    """The first calendar year of the first academic year the demo college lived."""
    return academic_year_of(today) - (YEARS_LIVED - 1)


def _state_in(p: people.PersonPlan, year: int, current: int, length: int) -> dict | None:
    """The person's values in the academic year that opens in `year`, or None if they were
    not yet at the college (a student enrolled later)."""
    back = current - year
    values = p.values
    if values["kind"] == Person.Kind.STUDENT:
        course = values["course"] - back
        return {**values, "course": course} if course >= 1 else None
    if p.graduated_in is not None and p.graduated_in > year:
        # An alumnus who was still studying: the last course in the year they graduated.
        return {
            **values,
            "kind": Person.Kind.STUDENT,
            "course": length - (p.graduated_in - 1 - year),
            "study_form": Person.StudyForm.FULL_TIME,
            "organisation": None,
            "position": "",
        }
    return values


def _as_in(plan: people.Plan, year: int, current: int, length: int) -> list[people.PersonPlan]:
    """The people at the college in the academic year that opens in `year`, with their
    values as they were then."""
    return [
        dataclasses.replace(p, values=state)
        for p in plan.people
        if (state := _state_in(p, year, current, length)) is not None
    ]


def first_day_recorded(today: dt.date) -> dt.datetime:
    """00:00 of the first day the demo college lived: when its past was first recorded."""
    return start_of_day(academic_year_first_day(first_year(today)))


def live_past_years(plan: people.Plan, result, today: dt.date) -> bool:
    """Write the demo college's past years (see the module doc); False, writing nothing,
    when the college already has people."""
    if Person.objects.exists():
        return False
    current = academic_year_of(today)
    start = first_year(today)
    length = College.get().default_programme_years
    people.load_people_as_they_were(
        plan, _as_in(plan, start, current, length), result, recorded_at=first_day_recorded(today)
    )
    for year in range(start + 1, current + 1):
        roll_over_commit(
            to=academic_year_label(year),
            today=academic_year_first_day(year) - dt.timedelta(days=1),
            by_name=CHANGE_REASON,
        )
        enrolled = [
            p
            for p in _as_in(plan, year, current, length)
            if p.values["kind"] == Person.Kind.STUDENT and p.values["course"] == 1
        ]
        people.load_people_as_they_were(
            plan, enrolled, result, recorded_at=start_of_day(academic_year_first_day(year))
        )
    result.notes.append(
        "  Колледж прожил "
        f"{YEARS_LIVED} учебных года: с {academic_year_label(start)} по "
        f"{academic_year_label(current)}, переводы на новый учебный год — той же командой, "
        "что у куратора."
    )
    return True
