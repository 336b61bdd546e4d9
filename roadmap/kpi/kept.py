"""The families' counts of a report period, kept between requests under a fingerprint of
the data they read, so that the dashboard does not count every period of its chart again on
every visit — and never shows a figure the data no longer gives.

The fingerprint is read from indexes, never by counting a big table (on PostgreSQL a
COUNT(*) reads the whole table: at full size the answers' alone took ≈10 ms a request):
- for every table a kept family reads, its highest id: any insert, bulk ones included;
- for the tables with a history (simple-history), the highest history_id and the latest
  history_date of their history table: every save and every delete of the product writes a
  history row — a queryset's delete() too (simple-history's post_delete receiver keeps
  Django from deleting such rows without sending it, cascades included), and imports.bulk
  writes the rows of its bulk writes; a restored backup written over again has later dates.
  The product never deletes history rows (the destruction of personal data rewrites them in
  place: see updated_at below);
- the tables without a history: answers are written once with their response and deleted
  only with it (CASCADE from Response, whose delete writes a history row; Question is
  PROTECT; the admin shows them read-only); an invitation counts only through its response
  (satisfaction reads answers), so one deleted with its wave (no history) is seen by its
  response's history row — their highest ids are enough. The questions (a few dozen rows)
  keep their row count as well;
- the people's updated_at (the destruction of personal data rewrites a person and their
  history in place, and sets it), the number of withdrawn consents (a backup's tombstone
  withdraws them in place) — each from an index of its own (people's migration 0015);
- the small tables without a history whose rows are read whole, every row of them as text
  (_DIGESTED: a few rows each, so any edit, bulk or in place, shows): the questionnaires'
  purpose, title (the order of the entry/exit parameters) and questions_revision (new on
  every edit or delete of a question), and the mentoring forms' name and order (the
  entry/exit panel's columns; a form has no history, and a rename keeps every id).
The waves (no history) are read by the entry/exit panel only through their invitations'
responses: a wave's questionnaire is never changed (read-only in the admin, no service
writes it) and a deleted wave takes its responses with it (their history rows). An
invitation's person, pair and role are written once; a pair's deletion sets its
invitations' pair to NULL and writes the pair's history row.
Any write that can change a family's count changes the fingerprint, and the next request
misses and counts again. The fingerprint is read as columns of the indicators' own query
(values.py), so a miss costs no query more than counting did before.

Only the families that read nothing but these tables and the period's bounds are kept
(people, organisations, satisfaction, plans) — never the clock: a running period's counts
are the data's as much as a past one's, and kept alike. The roadmap family reads `today`
and costs little: always counted. A period not begun has no counts at all (values.py).
Beside the counts, the dashboard keeps two panels of the period under the same fingerprint
(kept_or_made): entry/exit (ENTRY_EXIT: numbers, form names and parameter
labels) and participants (PARTICIPANTS: counts by form, kind and category, read from the
people's history as of the period's end, the pairs' status changes and memberships) — no
person's name in either.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.fields import TextField

from mentorship.lib.periods import ReportPeriod
from mentorship.pairs.models import (
    IndividualPlan,
    Pair,
    PairMembership,
    PairStatusChange,
    PlanTask,
)
from mentorship.people.models import (
    Consent,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    PartnerOrganisation,
    Person,
)
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response

T = TypeVar("T")

KEPT_FAMILIES = frozenset({"people", "organisations", "satisfaction", "plans"})
# The dashboard's panels of a period kept alike: entry/exit (roadmap.dashboard.surveys) and
# participants (roadmap.dashboard.participants).
ENTRY_EXIT = "entry_exit"
PARTICIPANTS = "participants"
# A day: a key the data has moved on from is never asked again, and goes with time.
KEPT_SECONDS = 24 * 60 * 60
_PREFIX = "roadmap:kpi-counts:"

# The tables the kept families read (counts.py; surveys.results for satisfaction).
_TABLES = (
    Person,
    MentorProfile,
    MenteeProfile,
    Consent,
    PartnerOrganisation,
    Pair,
    PairMembership,
    # Written once, never edited (the pair's admin shows them read-only), deleted only with
    # their pair (whose delete writes a history row): the highest id is enough.
    PairStatusChange,
    IndividualPlan,
    PlanTask,
    Response,
    Answer,
    Invitation,
    Question,
)
# Tables without a history whose row count is read too (a few dozen rows; module docstring).
_COUNTED = (Question,)
# Small tables without a history read whole: model → the columns of each row's text.
_DIGESTED = (
    (Questionnaire, ("purpose", "title", "questions_revision")),
    (MentoringForm, ("name", "order")),
)


def _digest_sql(model, columns: tuple[str, ...]) -> str:
    """Every row of a small table as one text: its id and columns, in the order of the ids."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    names = [pk, *(quote(model._meta.get_field(name).column) for name in columns)]
    row = " || ':' || ".join(f"COALESCE(CAST({name} AS TEXT), '')" for name in names)
    if connection.vendor == "postgresql":
        return f"SELECT STRING_AGG({row}, '|' ORDER BY {pk}) FROM {table}"
    # SQLite: GROUP_CONCAT takes the rows in the order the sub-select gives them.
    return f"SELECT GROUP_CONCAT(x, '|') FROM (SELECT {row} AS x FROM {table} ORDER BY {pk})"


def _fingerprint_sql() -> tuple[str, ...]:
    """The fingerprint's sub-selects for the database in use: the same text on every
    request, so made once per database vendor (≈1.2 ms of Python each time it was made,
    twice a dashboard request)."""
    return _fingerprint_sql_for(connection.vendor)


@functools.cache
def _fingerprint_sql_for(vendor: str) -> tuple[str, ...]:
    quote = connection.ops.quote_name
    parts = []
    for model in _TABLES:
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        parts.append(f"SELECT MAX({pk}) FROM {table}")
        if model in _COUNTED:
            parts.append(f"SELECT COUNT(*) FROM {table}")
        history = getattr(model, "history", None)
        if history is not None:
            table = quote(history.model._meta.db_table)
            parts += [
                f"SELECT MAX({quote('history_id')}) FROM {table}",
                f"SELECT MAX({quote('history_date')}) FROM {table}",
            ]
    people, consents = quote(Person._meta.db_table), quote(Consent._meta.db_table)
    parts += [
        # These two from an index of their own (people's migration 0015), not a scan.
        f"SELECT MAX({quote('updated_at')}) FROM {people}",
        f"SELECT COUNT(*) FROM {consents} WHERE {quote('withdrawn_on')} IS NOT NULL",
    ]
    parts += [_digest_sql(model, columns) for model, columns in _DIGESTED]
    return tuple(parts)


def fingerprint_columns() -> dict[str, RawSQL]:
    """The fingerprint as annotations of any one-row-or-more query: name → scalar sub-select
    (every row carries the same values; fingerprint_of reads them back)."""
    return {
        f"kept_fp_{n}": RawSQL(sql, (), output_field=TextField())
        for n, sql in enumerate(_fingerprint_sql())
    }


def fingerprint_of(row) -> str:
    """The fingerprint carried by a row annotated with fingerprint_columns()."""
    names = (f"kept_fp_{n}" for n in range(len(_fingerprint_sql())))
    values = [str(getattr(row, name)) for name in names]
    return hashlib.sha256("|".join(values).encode()).hexdigest()


def _key(fingerprint: str, period: ReportPeriod, family: str) -> str:
    return f"{_PREFIX}{fingerprint}:{period.start:%Y%m%d}-{period.end:%Y%m%d}:{family}"


def kept_counts(
    fingerprint: str, periods: Iterable[ReportPeriod], families: Iterable[str]
) -> dict[tuple[ReportPeriod, str], Mapping]:
    """(period, family) → the counts kept under this fingerprint, for those there are."""
    wanted = {
        _key(fingerprint, period, family): (period, family)
        for period in periods
        for family in families
        if family in KEPT_FAMILIES
    }
    found = cache.get_many(list(wanted)) if wanted else {}
    return {wanted[key]: counts for key, counts in found.items()}


def keep_counts(fingerprint: str, counted: Mapping[tuple[ReportPeriod, str], Mapping]) -> None:
    """Keep the counts under the fingerprint they were counted at."""
    values = {
        _key(fingerprint, period, family): counts
        for (period, family), counts in counted.items()
        if family in KEPT_FAMILIES
    }
    if values:
        cache.set_many(values, KEPT_SECONDS)


def kept_or_made(fingerprint: str, period: ReportPeriod, name: str, make: Callable[[], T]) -> T:
    """A figure of the period (ENTRY_EXIT, PARTICIPANTS) kept under this fingerprint, or
    made by make() and kept under it; without a fingerprint, made and not kept."""
    key = _key(fingerprint, period, name)
    if fingerprint:
        kept = cache.get(key)
        if kept is not None:
            return kept
    made = make()
    if fingerprint:
        cache.set(key, made, KEPT_SECONDS)
    return made
