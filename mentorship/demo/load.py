"""The runner of `manage.py load_demo`: the whole demo plan, written part by part in the
order things depend on each other, and the summary the command prints.

build_plan(today) makes the whole data set in memory, without the database: the people
(demo/people.py), then the programme on top of them (demo/pairs.py), which dates the
consents of the pairs' members. load() writes it in one transaction: people, the programme,
the surveys of its pairs, the roadmap, the partner organisations' questionnaire
(demo/partners.py), the register of the programme's documents and the library of cases and
methodical materials (demo/papers.py), the indicators' targets and the director's approval
of the report of the academic year that ended. Into an empty database
it first writes the college's two past academic years and rolls it over to the current one
(demo/years.py). Every part finds what a previous run wrote and changes nothing then (see
each part's module doc).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from mentorship.lib.database import analyze

from . import kpi, pairs, papers, partners, people, roadmap, surveys, years

SITE_URL = "http://127.0.0.1:8000"


@dataclass
class LoadResult:
    plan: people.Plan
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    # (login, person's name)
    users: list[tuple[people.DemoUser, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_plan(today: dt.date | None = None) -> people.Plan:
    """The whole demo data set for the academic year of `today`, in memory."""
    today = today or timezone.localdate()
    plan = people.plan_people(today)
    # The programme dates the consents of the pairs' members, so it is planned before writing.
    plan.programme = pairs.plan_programme(plan, today)
    return plan


@transaction.atomic
def load(today: dt.date | None = None) -> LoadResult:
    """Write the demo college into the database; safe to run again (see the module doc)."""
    today = today or timezone.localdate()
    plan = build_plan(today)
    result = LoadResult(plan)
    lived = years.live_past_years(plan, result, today)
    # The banks of a college that lived its past years are as old as the college.
    banks_entered = years.first_day_recorded(today) if lived else None
    saved = people.load_people(plan, result, banks_recorded_at=banks_entered)
    pairs.load_programme(plan.programme, saved, result)
    surveys.load_surveys(plan, saved, result, today)
    roadmap.load_roadmap(plan, result, today)
    partners.load_partner_wave(plan, saved, result, today)
    papers.load_register(plan, saved, result, today)
    papers.load_library(plan, saved, result, today)
    kpi.load_targets(result, today.year)
    kpi.load_regional_denominators(result, today)
    # The tables were filled in bulk a moment ago: without fresh statistics PostgreSQL plans
    # the report's survey and KPI queries as nested loops and takes minutes.
    analyze()
    kpi.approve_last_year(result, today, people.DIRECTOR_LOGIN)
    return result


def summary_text(result: LoadResult, seconds: float) -> str:
    created = sum(result.created.values())
    updated = sum(result.updated.values())
    year = result.plan.academic_year.year
    lines = [
        f"Демо-данные загружены: {result.plan.college['name']} "
        f"(учебный год {year}/{year + 1}), "
        f"за {seconds:.1f} с.".replace(".", ",", 1),
        *people.summary_lines(),
        *pairs.summary_lines(),
        *surveys.summary_lines(),
        *partners.summary_lines(),
        *roadmap.summary_lines(),
        *papers.summary_lines(),
        f"  Записей создано: {created}, изменено: {updated}.",
        *result.notes,
        "",
        f"Откройте {SITE_URL} и войдите:",
        "",
    ]
    rows = [("Логин", "Пароль", "Роль", "Кто")] + [
        (demo.username, demo.password, demo.role.label, name or "—") for demo, name in result.users
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)
