"""Pairs of a year by form and status; participants by form, kind and category."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce

from mentorship.lib.history import end_of_day, rows_as_of
from mentorship.lib.periods import as_period
from mentorship.pairs.models import Pair, PairMembership, PairStatusChange
from mentorship.people.models import MentoringForm, Person
from mentorship.people.models.persons import CATEGORY_FIELDS, minor_on
from mentorship.surveys.kept import Fingerprint

from ..kpi.counts import PeriodLike, year_bounds
from ..kpi.kept import PARTICIPANTS, kept_or_made

Status = Pair.Status
PAIR_STATUSES = list(Status.choices)


@dataclass(frozen=True)
class FormLine:
    name: str
    pairs_by_status: list[int]
    mentors: int
    mentees: int

    @property
    def pairs(self) -> int:
        return sum(self.pairs_by_status)


@dataclass(frozen=True)
class CategoryLine:
    label: str
    mentees: int
    mentors: int
    participants: int


@dataclass(frozen=True)
class Participants:
    statuses: list[str]  # the pair status labels, the columns of pairs_by_status
    forms: list[FormLine]
    total: FormLine  # pairs summed; mentors and mentees each counted once
    kinds: list[CategoryLine]
    categories: list[CategoryLine]
    participants: int
    # Minors on the period's last day (people.models.persons.minor_on).
    minors: CategoryLine = CategoryLine("несовершеннолетние", 0, 0, 0)

    @property
    def has_data(self) -> bool:
        return bool(self.total.pairs or self.participants)


def status_at_end(end, pair: str = "pk") -> Coalesce:
    """A pair's status as it stood at the end of the day `end`: its last status change dated
    by then (the changes are dated facts: a pair entered late, or ended since by the
    roll-over, reads as it stood); a pair without one, its status now. pair — the path to
    the pair's id from the rows it annotates ("pk" for pairs, "pair_id" for memberships)."""
    now = "status" if pair == "pk" else f"{pair.removesuffix('_id')}__status"
    return Coalesce(
        Subquery(
            PairStatusChange.objects.filter(pair=OuterRef(pair), changed_on__lte=end)
            .order_by("-changed_on", "-changed_at", "-pk")
            .values("to_status")[:1]
        ),
        F(now),
    )


def pairs_of_period(year: PeriodLike):
    """Pairs «of the year»: those that existed in it (begun by its last day, not ended
    before its first), forming ones included, with status_then — the status they had at
    the end of the year (status_at_end) — as an alias to filter and count by."""
    start, end = year_bounds(year)
    return (
        Pair.objects.filter(start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .alias(status_then=status_at_end(end))
        .order_by()
    )


def _people_aggregates(mentee: Q, mentor: Q, moment, last_day) -> dict[str, dict[str, int]]:
    """Counts of the mentees, the mentors and all participants (a condition on the
    person's id each) by kind, by category flag and the minors on last_day, as they stood
    at the moment (their history: lib.history, the KPIs' participants' rule — one entered
    later counts by their first state), in one query: the people grouped by their two
    flags, kind, minority and category flags (a few hundred groups at most), summed here
    three ways. The same rows as three separate queries: a participant's first-known rule
    is the same whichever of the two conditions names them.

    Not one aggregate with a filtered count per group and key (42 of them): Django rewrote
    each over the fenced sub-select, ~30 ms of Python per page on a full-size college, more
    than the query itself."""
    people = rows_as_of(Person.history, moment, first_known_for=mentee | mentor)
    flags = {
        "is_mentee": mentee,
        "is_mentor": mentor,
        "is_minor": minor_on(last_day),
        **{name: Q(**{name: True}) for name, _ in CATEGORY_FIELDS},
    }
    rows = (
        people.filter(mentee | mentor)
        .annotate(
            **{
                f"_{name}": ExpressionWrapper(condition, output_field=BooleanField())
                for name, condition in flags.items()
            }
        )
        .values_list("kind", *(f"_{name}" for name in flags))
        .annotate(n=Count("history_id"))  # one row per person
    )
    keys = ["total", "minors", *(f"kind_{kind}" for kind in Person.Kind.values)]
    keys += [f"flag_{name}" for name, _ in CATEGORY_FIELDS]
    counts = {group: dict.fromkeys(keys, 0) for group in ("mentees", "mentors", "everyone")}
    for kind, is_mentee, is_mentor, is_minor, *categories, n in rows:
        groups = ["everyone"] + ["mentees"] * bool(is_mentee) + ["mentors"] * bool(is_mentor)
        found = ["total", f"kind_{kind}"] + ["minors"] * bool(is_minor)
        found += [
            f"flag_{name}" for (name, _), on in zip(CATEGORY_FIELDS, categories, strict=True) if on
        ]
        for group in groups:
            for key in found:
                counts[group][key] += n
    return counts


def participants_of_year(
    year: PeriodLike, *, fingerprint: Fingerprint | None = None
) -> Participants:
    """Pairs of the year by form and status, their mentors and mentees by form, and the
    participants by kind and category. Four queries; none when kept under the data's
    fingerprint (kpi/kept.py: it covers every table this reads — people and their history,
    pairs, their memberships and status changes, the forms). The panel holds counts and
    the forms' names alone, no person's name.

    Pairs «of the year» are those that existed in it (begun by 31 December, not ended
    before 1 January), forming ones included, with the status they had at the end of the
    year (their status changes dated by then). Mentors and mentees are those of the pairs
    that worked in the year (the KPIs' participants), by kind and category as they stood at
    the end of the year (as the KPIs count them). The year is a report period (an int: a
    calendar year); 31 December and 1 January are its ends."""
    period = as_period(year)
    return kept_or_made(fingerprint, period, PARTICIPANTS, lambda: _participants_made(period))


def _participants_made(year: PeriodLike) -> Participants:
    start, end = year_bounds(year)
    moment = end_of_day(end)
    worked = Pair.objects.active_between(start, end).order_by()
    mentee_ids = PairMembership.objects.filter(
        pair__in=worked.values("pk"), joined_on__lte=end
    ).values("mentee__person_id")
    mentor_ids = worked.values("mentor__person_id")

    forms = list(MentoringForm.objects.order_by("order", "name").values_list("pk", "name"))
    # The pairs (pairs_of_period) by form, status at the end of the year and mentor, one
    # row per group; the lines are summed here. Grouped by form only, with a count per
    # status, the status sub-select was repeated in each of the five counts: on PostgreSQL
    # five sub-plans per pair of the year.
    by_form: dict[int, dict[str, int]] = {form_id: {} for form_id, _name in forms}
    mentors_of: dict[int, set[int]] = {form_id: set() for form_id, _name in forms}
    for form_id, then, mentor, n in (
        pairs_of_period(year)
        .annotate(then=F("status_then"))
        .values_list("form_id", "then", "mentor__person_id")
        .annotate(n=Count("pk"))
    ):
        row = by_form.setdefault(form_id, {})
        row[f"status_{then}"] = row.get(f"status_{then}", 0) + n
        if then != Status.FORMING:
            mentors_of.setdefault(form_id, set()).add(mentor)
    for form_id, mentors in mentors_of.items():
        by_form[form_id]["mentors"] = len(mentors)
    mentees_by_form = dict(
        PairMembership.objects.filter(pair__in=worked.values("pk"), joined_on__lte=end)
        .order_by()
        .values("pair__form_id")
        .annotate(n=Count("mentee__person_id", distinct=True))
        .values_list("pair__form_id", "n")
    )
    lines = []
    for form_id, name in forms:
        row = by_form.get(form_id, {})
        lines.append(
            FormLine(
                name=name,
                pairs_by_status=[row.get(f"status_{value}", 0) for value in Status.values],
                mentors=row.get("mentors", 0),
                mentees=mentees_by_form.get(form_id, 0),
            )
        )

    counts = _people_aggregates(Q(id__in=mentee_ids), Q(id__in=mentor_ids), moment, end)
    mentees, mentors, everyone = counts["mentees"], counts["mentors"], counts["everyone"]

    def line(key: str, label: str) -> CategoryLine:
        return CategoryLine(
            label=label, mentees=mentees[key], mentors=mentors[key], participants=everyone[key]
        )

    return Participants(
        statuses=[label for _value, label in PAIR_STATUSES],
        forms=lines,
        total=FormLine(
            name="Всего",
            pairs_by_status=[
                sum(f.pairs_by_status[i] for f in lines) for i in range(len(Status.values))
            ],
            mentors=mentors["total"],
            mentees=mentees["total"],
        ),
        kinds=[line(f"kind_{value}", label) for value, label in Person.Kind.choices],
        categories=[line(f"flag_{name}", label) for name, label in CATEGORY_FIELDS],
        participants=everyone["total"],
        minors=line("minors", "несовершеннолетние"),
    )
