"""The families of counts: one aggregate query each, for a report period (a calendar or an
academic year: mentorship.lib.periods.ReportPeriod; an int is a calendar year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, Q, Sum, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual

from mentorship.lib.database import fenced
from mentorship.lib.dates import years_before
from mentorship.lib.history import end_of_day, rows_as_of
from mentorship.lib.periods import ReportPeriod, as_period
from mentorship.lib.prepared import PreparedCounts
from mentorship.pairs.models import Pair, PairMembership, PlanTask
from mentorship.people.consent_rules import consent_holders
from mentorship.people.models import MenteeProfile, MentorProfile, PartnerOrganisation, Person
from mentorship.surveys.results import satisfaction_by_role_of_periods

from ..selectors import activities_on_time_of_periods
from .maths import Number


@dataclass(frozen=True)
class Measure:
    """What a computation found for a year: the counts, or (satisfaction) the value itself
    with a note on what it is made of."""

    numerator: Number | None
    denominator: Number | None
    value: Number | float | None = None
    note: str = ""


PeriodLike = int | ReportPeriod  # an int is a calendar year


def year_bounds(year: PeriodLike) -> tuple[dt.date, dt.date]:
    """The first and the last day of a report period (an int: that calendar year)."""
    period = as_period(year)
    return period.start, period.end


def born_for_ages(on: PeriodLike | dt.date, youngest: int, oldest: int) -> tuple[dt.date, dt.date]:
    """Birth dates of those aged youngest…oldest on a day: the last day of a report period
    (an int: 31 December of that year, when «from 10 to 19» is born in the years Y−19 …
    Y−10), or the day given."""
    day = on if isinstance(on, dt.date) else as_period(on).end
    return years_before(day, oldest + 1) + dt.timedelta(days=1), years_before(day, youngest)


def people_counts(year: PeriodLike) -> dict[str, int]:
    """Every people-based count of the year in one aggregate query over the people as they
    stood at the end of the period (Person's history as of the moment: lib.history.rows_as_of;
    the participants' rule of the package docstring).

    students / student_mentees — people of kind «обучающийся» studying full-time
      («очная» form of study), and those of them who were mentees of the year;
    disabled_students / disabled_student_mentees — the same among those marked ОВЗ;
    teachers / teacher_mentors — kind «педагог», and those who mentored a pair of the year;
    aged_10_19 / aged_10_19_mentees — anyone aged 10–19 on 31 December, and the mentees;
    aged_15_19 / aged_15_19_mentors — anyone aged 15–19 on 31 December, and the mentors;
    young_teachers / young_teacher_mentees — teachers with 0–3 years of experience
      recorded (unknown experience is not counted), and the mentees among them;
    participants / participants_consented — mentees and mentors of the year, each once,
      and those for whom a consent held on the period's last day (people.consent_rules);
    base_participants / base_participants_consented — everyone in the banks of mentors and
      mentees at the end of the period (a mentor or a mentee profile, by the profiles'
      history; a participant's profile entered later by its first state), paired in the year
      or not, each once, and those for whom the same consent rule held on the period's last
      day.

    A «year» here is the report period (mentorship.lib.periods.ReportPeriod, or an int for a
    calendar year): 31 December below reads as its last day.
    """
    start, end = year_bounds(year)
    return _PEOPLE_COUNTS((start, end, end_of_day(end)))


def _people_counts_query(bounds: tuple[dt.date, dt.date, dt.datetime]):
    """people_counts' aggregate for a period's first and last day and last instant."""
    start, end, moment = bounds
    pairs = Pair.objects.active_between(start, end).order_by()
    memberships = PairMembership.objects.filter(pair__in=pairs.values("pk"), joined_on__lte=end)
    mentee_ids = memberships.values("mentee__person_id")
    mentor_ids = pairs.values("mentor__person_id")
    # The consent rule on 31 December, as the file stood then: a later withdrawal does not
    # take back a consent that held for the year.
    consented = Q(id__in=consent_holders(end, as_it_stood=True))
    mentee = Q(id__in=mentee_ids)
    mentor = Q(id__in=mentor_ids)
    mentor_bank = rows_as_of(
        MentorProfile.history, moment, first_known_for=Q(id__in=pairs.values("mentor_id"))
    )
    mentee_bank = rows_as_of(
        MenteeProfile.history, moment, first_known_for=Q(id__in=memberships.values("mentee_id"))
    )
    in_base = Q(id__in=mentor_bank.values("person_id")) | Q(id__in=mentee_bank.values("person_id"))
    people = rows_as_of(Person.history, moment, first_known_for=mentee | mentor)
    # Each sub-select once per person (lib.database.fenced), then the counts over the flags.
    people = fenced(
        people.annotate(
            is_mentee=_flag(mentee),
            is_mentor=_flag(mentor),
            is_consented=_flag(consented),
            is_in_base=_flag(in_base),
        )
    )
    mentee, mentor = Q(is_mentee=True), Q(is_mentor=True)
    consented, in_base = Q(is_consented=True), Q(is_in_base=True)
    participant = mentee | mentor
    student = Q(kind=Person.Kind.STUDENT)
    full_time_student = student & Q(study_form=Person.StudyForm.FULL_TIME)
    disabled_student = student & Q(has_disability=True)
    teacher = Q(kind=Person.Kind.TEACHER)
    young_teacher = teacher & Q(experience_years__isnull=False, experience_years__lte=3)
    aged_10_19 = Q(birth_date__range=born_for_ages(end, 10, 19))
    aged_15_19 = Q(birth_date__range=born_for_ages(end, 15, 19))
    one = "history_id"  # one row per person
    return people, dict(
        students=Count(one, filter=full_time_student),
        student_mentees=Count(one, filter=full_time_student & mentee),
        disabled_students=Count(one, filter=disabled_student),
        disabled_student_mentees=Count(one, filter=disabled_student & mentee),
        teachers=Count(one, filter=teacher),
        teacher_mentors=Count(one, filter=teacher & mentor),
        aged_10_19=Count(one, filter=aged_10_19),
        aged_10_19_mentees=Count(one, filter=aged_10_19 & mentee),
        aged_15_19=Count(one, filter=aged_15_19),
        aged_15_19_mentors=Count(one, filter=aged_15_19 & mentor),
        young_teachers=Count(one, filter=young_teacher),
        young_teacher_mentees=Count(one, filter=young_teacher & mentee),
        participants=Count(one, filter=participant),
        participants_consented=Count(one, filter=participant & consented),
        base_participants=Count(one, filter=in_base),
        base_participants_consented=Count(one, filter=in_base & consented),
    )


# Compiled once per period and database connection: lib.prepared.PreparedCounts.
_PEOPLE_COUNTS = PreparedCounts(_people_counts_query)


def _flag(condition: Q) -> ExpressionWrapper:
    """A condition as a true/false column."""
    return ExpressionWrapper(condition, output_field=BooleanField())


def organisation_counts(year: PeriodLike) -> dict[str, int]:
    """Partner organisations at the end of the period (their history as of the moment), and
    those with an employee mentoring a pair of the period — the mentor's organisation as it
    stood then. One aggregate query. An organisation entered later that gave a mentor of the
    period counts by its first state, as a participant does (package docstring)."""
    start, end = year_bounds(year)
    return _ORGANISATION_COUNTS((start, end, end_of_day(end)))


def _organisation_counts_query(bounds: tuple[dt.date, dt.date, dt.datetime]):
    start, end, moment = bounds
    mentor_ids = Pair.objects.active_between(start, end).order_by().values("mentor__person_id")
    mentors = rows_as_of(Person.history, moment, first_known_for=Q(id__in=mentor_ids))
    gave = Q(id__in=mentors.filter(id__in=mentor_ids).values("organisation_id"))
    organisations = rows_as_of(PartnerOrganisation.history, moment, first_known_for=gave)
    return organisations, dict(
        organisations=Count("history_id"),
        organisations_gave_mentors=Count("history_id", filter=gave),
    )


_ORGANISATION_COUNTS = PreparedCounts(_organisation_counts_query)


def satisfaction_counts(year: PeriodLike) -> dict[str, object]:
    """Mentors' and mentees' satisfaction of the year, as the surveys compute it: one query,
    the surveys' own selector.

    mentee_satisfaction / mentor_satisfaction — the surveys' value (the mean score);
    mentee_satisfied / mentee_respondents (and the mentors') — of the same respondents,
    those whose own score is at least 8 of 10: the mean of all their satisfaction items
    answered in the year, as the surveys count a respondent (metrics.HIGH_SCORE).
    """
    period = as_period(year)
    return satisfaction_counts_of_periods([period])[period]


def satisfaction_counts_of_periods(
    periods: list[ReportPeriod], today: dt.date | None = None
) -> dict[ReportPeriod, dict[str, object]]:
    """satisfaction_counts of several periods, in one query when they do not overlap (the
    surveys' satisfaction_by_role_of_periods). today: unused, FAMILIES_OF_PERIODS' call."""
    found = satisfaction_by_role_of_periods([year_bounds(period) for period in periods])
    by_period = {}
    for period, by_role in zip(periods, found, strict=True):
        counts: dict[str, object] = {}
        for role, value in by_role.items():
            counts[f"{role}_satisfaction"] = value
            counts[f"{role}_satisfied"] = value.high_scorers
            counts[f"{role}_respondents"] = value.respondents
        by_period[period] = counts
    return by_period


# A plan is done «at 90 % or more» when done ÷ due ≥ 0,9 — compared as 10 × done ≥ 9 × due,
# in whole numbers, so that no rounding decides the edge.
PLAN_DONE_SHARE = (9, 10)


def plan_counts(year: PeriodLike) -> dict[str, int]:
    """Individual plan tasks and plans of the year in one aggregate query (plan tasks due in
    the year grouped by plan, then added up).

    tasks_due / tasks_done — every plan task due in the year, and how many are marked done
      (late or not);
    plans_with_tasks / plans_done_90 — the plans of pairs working in the year that have a
      task due in the year, and those of them whose tasks due in the year are done at
      90 % or more.
    """
    return _PLAN_COUNTS(year_bounds(year))


def _plan_counts_query(bounds: tuple[dt.date, dt.date]):
    part, whole = PLAN_DONE_SHARE
    start, end = bounds
    working = Q(plan__pair__in=Pair.objects.active_between(start, end).order_by().values("pk"))
    # A plan belongs to one pair: its tasks are all of a working pair or none is.
    of_year = Q(working_tasks__gt=0)
    done_enough = of_year & Q(GreaterThanOrEqual(F("done_tasks") * whole, F("due_tasks") * part))
    per_plan = (
        PlanTask.objects.filter(due_date__range=(start, end))
        .order_by()
        .values("plan_id")
        .annotate(
            due_tasks=Count("pk"),
            done_tasks=Count("pk", filter=Q(done=True)),
            working_tasks=Count("pk", filter=working),
        )
        # Per plan, 1 or 0, summed outside: an outer filter on the per-plan counts would be
        # compiled as the aggregate itself, which the database refuses.
        .annotate(
            of_year=Case(When(of_year, then=1), default=0),
            done_90=Case(When(done_enough, then=1), default=0),
        )
    )
    # A sum of counts is a numeric on PostgreSQL: PreparedCounts gives whole numbers.
    return per_plan, dict(
        tasks_due=Coalesce(Sum("due_tasks"), 0),
        tasks_done=Coalesce(Sum("done_tasks"), 0),
        plans_with_tasks=Coalesce(Sum("of_year"), 0),
        plans_done_90=Coalesce(Sum("done_90"), 0),
    )


_PLAN_COUNTS = PreparedCounts(_plan_counts_query)


def roadmap_counts(year: PeriodLike, today: dt.date) -> dict[str, int]:
    """Roadmap activities due in the year (up to today, cancelled ones aside) and how many
    were done by their due date — the roadmap's own rule (selectors / schedule/): a
    month is due on its last day, «ежегодно» every year of the roadmap, «весь период» when
    the roadmap ends. Two queries (the second only for yearly activities' marks)."""
    period = as_period(year)
    return roadmap_counts_of_periods([period], today)[period]


def roadmap_counts_of_periods(
    periods: list[ReportPeriod], today: dt.date
) -> dict[ReportPeriod, dict[str, int]]:
    """roadmap_counts of several periods in the same two queries."""
    shares = activities_on_time_of_periods(periods, today=today)
    return {
        period: {"activities_due": share.due, "activities_on_time": share.on_time}
        for period, share in shares.items()
    }


# family → (report period, today) → the counts its computations pick from.
FAMILIES: dict[str, Callable[[PeriodLike, dt.date], Mapping[str, object]]] = {
    "people": lambda year, today: people_counts(year),
    "organisations": lambda year, today: organisation_counts(year),
    "satisfaction": lambda year, today: satisfaction_counts(year),
    "plans": lambda year, today: plan_counts(year),
    "roadmap": roadmap_counts,
}
# The families that count several periods at once as cheaply as one: (report periods, today)
# → each period's counts, what FAMILIES gives for each period alone.
FAMILIES_OF_PERIODS: dict[
    str, Callable[[list[ReportPeriod], dt.date], Mapping[ReportPeriod, Mapping[str, object]]]
] = {"roadmap": roadmap_counts_of_periods, "satisfaction": satisfaction_counts_of_periods}
