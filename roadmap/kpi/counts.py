"""The families of counts: one aggregate query each, for a calendar year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db.models import Count, Q

from mentorship.pairs.models import Pair, PairMembership, PlanTask
from mentorship.people.consent_rules import consent_holds_q
from mentorship.people.models import PartnerOrganisation, Person
from mentorship.surveys.models import Invitation
from mentorship.surveys.results import satisfaction_for_year

from ..selectors import activities_on_time
from .maths import Number


@dataclass(frozen=True)
class Measure:
    """What a computation found for a year: the counts, or (satisfaction) the value itself
    with a note on what it is made of."""

    numerator: Number | None
    denominator: Number | None
    value: Number | float | None = None
    note: str = ""


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def born_for_ages(year: int, youngest: int, oldest: int) -> tuple[dt.date, dt.date]:
    """Birth dates of those aged youngest…oldest on 31 December of the year."""
    return dt.date(year - oldest, 1, 1), dt.date(year - youngest, 12, 31)


def people_counts(year: int) -> dict[str, int]:
    """Every people-based count of the year in one aggregate query over Person.

    students / student_mentees — people of kind «обучающийся» (all of them: the registry
      has no full-time flag), and those who were mentees of the year;
    disabled_students / disabled_student_mentees — the same among those marked ОВЗ;
    teachers / teacher_mentors — kind «педагог», and those who mentored a pair of the year;
    aged_10_19 / aged_10_19_mentees — anyone aged 10–19 on 31 December, and the mentees;
    aged_15_19 / aged_15_19_mentors — anyone aged 15–19 on 31 December, and the mentors;
    young_teachers / young_teacher_mentees — teachers with 0–3 years of experience
      recorded (unknown experience is not counted), and the mentees among them;
    participants / participants_consented — mentees and mentors of the year, each once,
      and those for whom a consent held on 31 December (people.consent_rules).
    """
    _start, end = year_bounds(year)
    pairs = Pair.objects.active_in(year).order_by()
    mentee_ids = PairMembership.objects.filter(
        pair__in=pairs.values("pk"), joined_on__lte=end
    ).values("mentee__person_id")
    mentor_ids = pairs.values("mentor__person_id")
    # The consent rule on 31 December, as the file stood then: a later withdrawal does not
    # take back a consent that held for the year.
    consented = Q(consent_holds_q(end, as_it_stood=True))
    mentee = Q(pk__in=mentee_ids)
    mentor = Q(pk__in=mentor_ids)
    participant = mentee | mentor
    student = Q(kind=Person.Kind.STUDENT)
    disabled_student = student & Q(has_disability=True)
    teacher = Q(kind=Person.Kind.TEACHER)
    young_teacher = teacher & Q(experience_years__isnull=False, experience_years__lte=3)
    aged_10_19 = Q(birth_date__range=born_for_ages(year, 10, 19))
    aged_15_19 = Q(birth_date__range=born_for_ages(year, 15, 19))
    return Person.objects.order_by().aggregate(
        students=Count("pk", filter=student),
        student_mentees=Count("pk", filter=student & mentee),
        disabled_students=Count("pk", filter=disabled_student),
        disabled_student_mentees=Count("pk", filter=disabled_student & mentee),
        teachers=Count("pk", filter=teacher),
        teacher_mentors=Count("pk", filter=teacher & mentor),
        aged_10_19=Count("pk", filter=aged_10_19),
        aged_10_19_mentees=Count("pk", filter=aged_10_19 & mentee),
        aged_15_19=Count("pk", filter=aged_15_19),
        aged_15_19_mentors=Count("pk", filter=aged_15_19 & mentor),
        young_teachers=Count("pk", filter=young_teacher),
        young_teacher_mentees=Count("pk", filter=young_teacher & mentee),
        participants=Count("pk", filter=participant),
        participants_consented=Count("pk", filter=participant & consented),
    )


def organisation_counts(year: int) -> dict[str, int]:
    """Partner organisations, and those with an employee mentoring a pair of the year."""
    gave = Pair.objects.active_in(year).order_by().values("mentor__person__organisation_id")
    return PartnerOrganisation.objects.order_by().aggregate(
        organisations=Count("pk"),
        organisations_gave_mentors=Count("pk", filter=Q(pk__in=gave)),
    )


def satisfaction_counts(year: int) -> dict[str, object]:
    """Mentors' and mentees' satisfaction of the year, as the surveys compute it."""
    return {
        "mentee_satisfaction": satisfaction_for_year(year, Invitation.Role.MENTEE),
        "mentor_satisfaction": satisfaction_for_year(year, Invitation.Role.MENTOR),
    }


def plan_counts(year: int) -> dict[str, int]:
    """Individual plan tasks due in the year, and how many of them are done."""
    return (
        PlanTask.objects.filter(due_date__range=year_bounds(year))
        .order_by()
        .aggregate(tasks_due=Count("pk"), tasks_done=Count("pk", filter=Q(done=True)))
    )


def roadmap_counts(year: int, today: dt.date) -> dict[str, int]:
    """Roadmap activities due in the year (up to today, cancelled ones aside) and how many
    were done by their due date — the roadmap's own rule (selectors / schedule/): a
    month is due on its last day, «ежегодно» every year of the roadmap, «весь период» when
    the roadmap ends. Two queries (the second only for yearly activities' marks)."""
    share = activities_on_time(year, today=today)
    return {"activities_due": share.due, "activities_on_time": share.on_time}


# family → (year, today) → the counts its computations pick from.
FAMILIES: dict[str, Callable[[int, dt.date], Mapping[str, object]]] = {
    "people": lambda year, today: people_counts(year),
    "organisations": lambda year, today: organisation_counts(year),
    "satisfaction": lambda year, today: satisfaction_counts(year),
    "plans": lambda year, today: plan_counts(year),
    "roadmap": roadmap_counts,
}
