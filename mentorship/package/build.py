"""The college's package to the regional centre for a report period: build_package().

Every figure is the one the college's own report gives, read by the same code — nothing is
counted anew here:
- participants (roadmap.dashboard.participants_of_year): the mentors and mentees of the
  pairs that worked in the period (Pair.objects.active_between, the KPIs' definition: the
  roadmap.kpi package docstring), by kind, special category and age as they stood at the
  end of the period (their history), mentors and mentees by form as the report prints them;
- pairs and groups by form × status (roadmap.dashboard.pairs_of_period: pairs that existed
  in the period, with the status they had at its end), as the report's table;
- KPIs (roadmap.kpi.kpi_values_for_period), satisfaction (surveys.results.
  satisfaction_by_role_between, the selector of the KPI family «satisfaction»), roadmap
  execution (roadmap.dashboard.roadmap_of_year, on roadmap.selectors and schedule/),
  achievements (roadmap.dashboard.achievements_of_year), partner organisations that gave
  mentors (roadmap.kpi.organisation_counts).

Then the disclosure rule (disclosure.py) hides the small counts of people. The result is a
plain dict of SCHEMA.md's fields, unsealed: format.json_bytes and format.add_machine_sheet
seal it when it is written.

A fixed number of queries whatever the size of the bases: the college (1), the KPIs (at
most 9), the participants (6), the forms (1), pairs and their mentees (2), satisfaction (1),
the roadmap (2), achievements (1), organisations (1), the cases (1) — at most 25.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorship.cases.collection import region_cases
from mentorship.lib.periods import ReportPeriod
from mentorship.pairs.models import Pair, PairMembership
from mentorship.people.models import College, MentoringForm, Person
from mentorship.people.models.persons import CATEGORY_FIELDS
from mentorship.surveys.results import satisfaction_by_role_between
from roadmap.dashboard import (
    achievements_of_year,
    pairs_of_period,
    participants_of_year,
    roadmap_of_year,
    status_at_end,
)
from roadmap.kpi import COMPUTATIONS, KpiRow, kpi_values_for_period, organisation_counts

from . import disclosure
from .format import PackageError, decimal_text, package_head

NO_INN = "Укажите ИНН колледжа в карточке организации: по нему РНЦ узнаёт колледж в пакетах."

ROLES = ("mentor", "mentee")  # the package's roles, as surveys' Invitation.Role values
MINOR = "minor"
MINOR_LABEL = "несовершеннолетние (младше 18 лет на последний день периода)"
TOTAL_LABEL = "всего"


def college_identity() -> dict[str, str]:
    """The college as the package names it; PackageError (NO_INN) without its ИНН."""
    college = College.get()
    if not college.inn:
        raise PackageError(NO_INN)
    return {
        "inn": college.inn,
        "full_name": college.full_name,
        "short_name": college.short_name,
        "city": college.city,
        "region": college.region,
    }


def build_package(period: ReportPeriod, *, now: dt.datetime | None = None) -> dict:
    """The package of a report period as SCHEMA.md describes it, unsealed. now — the moment
    it is made (default: now); its day bounds a running period's «due so far»."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    college = college_identity()
    kpi_rows = kpi_values_for_period(period, today=today)
    participants = participants_of_year(period)
    forms = list(MentoringForm.objects.order_by("order", "name").values_list("pk", "code", "name"))
    pairs = _pairs(period, forms)
    satisfaction = satisfaction_by_role_between(period.start, period.end)
    execution = roadmap_of_year(period, today)
    achievements = achievements_of_year(period)
    organisations = organisation_counts(period)
    return {
        **package_head(period, college, timezone.localtime(now)),
        "participants": _participants(participants, forms),
        "pairs": [_pairs_hidden(line) for line in pairs],
        "kpis": [_kpi(row, satisfaction) for row in kpi_rows],
        "satisfaction": [_satisfaction(role, satisfaction[role]) for role in ROLES],
        "roadmap": {
            "activities": execution.total.planned,
            "activities_due": execution.total.due,
            "activities_done": execution.total.on_time + execution.total.late,
            "activities_on_time": execution.total.on_time,
            "overdue": execution.total.not_done,
        },
        "achievements": [
            {"level": line.level, "label": line.label, "count": disclosure.people(line.total)}
            for line in achievements.levels
        ],
        "federal_statistics": _federal(participants, pairs, organisations),
        "cases": _cases(period),
    }


# --- cases --------------------------------------------------------------------------------


def _cases(period: ReportPeriod) -> list[dict]:
    """The practices marked «для РНЦ» added in the period (cases.collection.region_cases):
    title, summary, form — never the author, who is a person (SCHEMA.md)."""
    return region_cases(period)


# --- participants -----------------------------------------------------------------------


def _participants(participants, forms) -> list[dict]:
    """Each role × dimension × value, counts hidden by the rule."""
    lines: list[tuple[str, str, str, object]] = [("total", "", TOTAL_LABEL, participants.total)]
    lines += [
        ("form", code, line.name, line)
        for (_pk, code, _name), line in zip(forms, participants.forms, strict=True)
    ]
    lines += [
        ("kind", value, line.label, line)
        for value, line in zip(Person.Kind.values, participants.kinds, strict=True)
    ]
    lines += [
        ("category", field, line.label, line)
        for (field, _label), line in zip(CATEGORY_FIELDS, participants.categories, strict=True)
    ]
    lines.append(("age", MINOR, MINOR_LABEL, participants.minors))
    found = []
    for role in ROLES:
        for dimension, value, label, line in lines:
            count = line.mentors if role == "mentor" else line.mentees
            found.append(
                {
                    "role": role,
                    "dimension": dimension,
                    "value": value,
                    "label": label,
                    "count": disclosure.people(count),
                }
            )
    return found


# --- pairs --------------------------------------------------------------------------------


def _pairs(period: ReportPeriod, forms) -> list[dict]:
    """Pairs (one mentee) and groups (more) of the period by form × status at its end, and
    the mentees in them (joined by the period's last day, each person once per line). Two
    queries."""
    end = period.end
    joined = Q(joined_on__lte=end)
    size = (
        PairMembership.objects.filter(joined, pair=OuterRef("pk"))
        .order_by()
        .values("pair")
        .annotate(n=Count("pk"))
        .values("n")
    )
    counted = {}
    for row in (
        pairs_of_period(period)
        .annotate(at_end=F("status_then"), size=Coalesce(Subquery(size), 0))
        .annotate(is_group=Case(When(size__gt=1, then=Value(True)), default=Value(False)))
        .values("form_id", "at_end", "is_group")
        .annotate(n=Count("pk"))
    ):
        key = (row["form_id"], row["at_end"])
        counted.setdefault(key, {"pairs": 0, "groups": 0})
        counted[key]["groups" if row["is_group"] else "pairs"] += row["n"]
    mentees = {
        (row["pair__form_id"], row["at_end"]): row["n"]
        for row in PairMembership.objects.filter(
            joined, pair__in=pairs_of_period(period).values("pk")
        )
        .order_by()
        .annotate(at_end=status_at_end(end, "pair_id"))
        .values("pair__form_id", "at_end")
        .annotate(n=Count("mentee__person_id", distinct=True))
    }
    found = []
    for pk, _code, name in forms:
        for status, label in Pair.Status.choices:
            found_here = counted.get((pk, status), {"pairs": 0, "groups": 0})
            found.append(
                {
                    "form": name,
                    "status": status,
                    "status_label": label,
                    "pairs": found_here["pairs"],
                    "groups": found_here["groups"],
                    "mentees": mentees.get((pk, status), 0),
                }
            )
    return found


def _pairs_hidden(line: dict) -> dict:
    """A pairs[] line as written: a pair is one mentee and one mentor, a group one mentor, so
    their counts are counts of people (disclosure.py), and so are the mentees."""
    people = disclosure.people
    return {
        **line,
        "pairs": people(line["pairs"]),
        "groups": people(line["groups"]),
        "mentees": people(line["mentees"]),
    }


# --- KPIs and satisfaction ----------------------------------------------------------------


def _number(value: int | Decimal | str | None) -> int | str | None:
    """A count as an int, a decimal as its text, SUPPRESSED and None as they are."""
    if value is None or isinstance(value, (int, str)):
        return value
    return decimal_text(value)


def _kpi(row: KpiRow, satisfaction) -> dict:
    computation = COMPUTATIONS.get(row.computation)
    family = computation.family if computation else ""
    respondents = None
    if family == "satisfaction":
        respondents = satisfaction[computation.respondents_role].respondents
    numerator, denominator, value = disclosure.kpi_figures(
        family=family,
        numerator=row.numerator,
        denominator=row.denominator,
        value=row.actual,
        respondents=respondents,
    )
    return {
        "code": "" if computation is None else computation.code,
        "name": row.name,
        "unit": row.unit,
        "target": decimal_text(row.target),
        "numerator": _number(numerator),
        "denominator": _number(denominator),
        "denominator_entered": row.denominator_entered,
        "regional_denominator": bool(computation and computation.regional_denominator),
        "value": _number(value),
        "status": disclosure.kpi_status(None if row.status is None else row.status.value, value),
    }


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _satisfaction(role: str, found) -> dict:
    respondents, mean, percent = disclosure.satisfaction_figures(
        found.respondents, _decimal(found.mean), _decimal(found.percent)
    )
    return {
        "role": role,
        "respondents": respondents,
        "answers": disclosure.satisfaction_answers(found.respondents, found.answers),
        "mean": _number(mean),
        "percent": _number(percent),
    }


# --- federal statistics -------------------------------------------------------------------


def _federal(participants, pairs: list[dict], organisations: dict) -> dict:
    """The federal form's counts; pairs — the pairs[] lines as counted (before the
    disclosure rule): the totals are summed first and hidden after."""
    kinds = dict(zip(Person.Kind.values, participants.kinds, strict=True))
    categories = dict(
        zip((field for field, _ in CATEGORY_FIELDS), participants.categories, strict=True)
    )
    worked = [line for line in pairs if line["status"] != Pair.Status.FORMING]
    people = disclosure.people
    return {
        "mentees": people(participants.total.mentees),
        "mentees_students": people(kinds[Person.Kind.STUDENT].mentees),
        "mentees_minors": people(participants.minors.mentees),
        "mentees_disability": people(categories["has_disability"].mentees),
        "mentors": people(participants.total.mentors),
        "mentors_teachers": people(kinds[Person.Kind.TEACHER].mentors),
        "mentors_employees": people(kinds[Person.Kind.EMPLOYEE].mentors),
        "mentors_students": people(kinds[Person.Kind.STUDENT].mentors),
        "pairs": people(sum(line["pairs"] for line in worked)),
        "groups": people(sum(line["groups"] for line in worked)),
        # Organisations are not people: never hidden (disclosure.py).
        "partner_organisations": organisations["organisations_gave_mentors"],
    }
