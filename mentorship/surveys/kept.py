"""The data's fingerprint: what the people, pairs and surveys tables hold, read in one go
from their indexes, so that a figure made from them can be kept between requests under it
(kept_or_made) and is made again after any write that can change it — never shown stale.
Its users: the dashboard's counts and panels of a report period (roadmap.kpi.kept) and the
entry/exit page (views.waves), figures read from these tables alone. A figure is kept under
its name with the fingerprint it was made at: one per name, the latest.

The fingerprint is read from indexes, never by counting a big table (on PostgreSQL a
COUNT(*) reads the whole table: at full size the answers' alone took ≈10 ms a request):
- for every table a kept figure reads, its highest id: any insert, bulk ones included;
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
invitations' pair to NULL and writes the pair's history row. The people's names (the
entry/exit page shows them) change by a save, which writes a history row, or by the
destruction of personal data, which sets updated_at.
Any write that can change a kept figure changes the fingerprint, and the next request
misses and makes it again. A figure that reads no survey table is kept under the other
tables' parts alone (Fingerprint.without_surveys). The fingerprint costs one query
(read_fingerprint), or none as columns of a query a page asks anyway (fingerprint_columns,
fingerprint_of: the dashboard's indicators).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.fields import TextField

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

from .models import Answer, Invitation, Question, Questionnaire, Response

T = TypeVar("T")

# A day: a figure nobody asks for again goes with time.
KEPT_SECONDS = 24 * 60 * 60

# The tables the kept figures read (roadmap.kpi.counts and dashboard; results).
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


# The surveys' own tables. A figure that reads none of them — the people's, organisations'
# and plans' counts, the participants — is kept under the other tables' fingerprint alone
# (Fingerprint.without_surveys): an answer to a survey, a few a minute in a survey season,
# does not make it again. A figure that reads them keeps the whole one.
_SURVEY_MODELS = frozenset({Response, Answer, Invitation, Question, Questionnaire})


@dataclass(frozen=True)
class Fingerprint:
    whole: str  # every table's parts
    without_surveys: str  # every part but those of _SURVEY_MODELS

    def of(self, *, reads_surveys: bool) -> str:
        """The fingerprint a figure is kept under, by whether it reads a survey table."""
        return self.whole if reads_surveys else self.without_surveys


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


def _fingerprint_parts() -> tuple[tuple[str, bool], ...]:
    """The fingerprint's sub-selects for the database in use, each with whether it reads a
    survey table: the same on every request, so made once per database vendor (≈1.2 ms of
    Python each time it was made, twice a dashboard request)."""
    return _fingerprint_parts_for(connection.vendor)


@functools.cache
def _fingerprint_parts_for(vendor: str) -> tuple[tuple[str, bool], ...]:
    quote = connection.ops.quote_name
    parts = []
    for model in _TABLES:
        survey = model in _SURVEY_MODELS
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        parts.append((f"SELECT MAX({pk}) FROM {table}", survey))
        if model in _COUNTED:
            parts.append((f"SELECT COUNT(*) FROM {table}", survey))
        history = getattr(model, "history", None)
        if history is not None:
            table = quote(history.model._meta.db_table)
            parts += [
                (f"SELECT MAX({quote('history_id')}) FROM {table}", survey),
                (f"SELECT MAX({quote('history_date')}) FROM {table}", survey),
            ]
    people, consents = quote(Person._meta.db_table), quote(Consent._meta.db_table)
    parts += [
        # These two from an index of their own (people's migration 0015), not a scan.
        (f"SELECT MAX({quote('updated_at')}) FROM {people}", False),
        (f"SELECT COUNT(*) FROM {consents} WHERE {quote('withdrawn_on')} IS NOT NULL", False),
    ]
    parts += [
        (_digest_sql(model, columns), model in _SURVEY_MODELS) for model, columns in _DIGESTED
    ]
    return tuple(parts)


def fingerprint_columns() -> dict[str, RawSQL]:
    """The fingerprint as annotations of any one-row-or-more query: name → scalar sub-select
    (every row carries the same values; fingerprint_of reads them back)."""
    return {
        f"kept_fp_{n}": RawSQL(sql, (), output_field=TextField())
        for n, (sql, _survey) in enumerate(_fingerprint_parts())
    }


def fingerprint_of(row) -> Fingerprint:
    """The fingerprint carried by a row annotated with fingerprint_columns()."""
    return _fingerprint(getattr(row, f"kept_fp_{n}") for n in range(len(_fingerprint_parts())))


def read_fingerprint() -> Fingerprint:
    """The fingerprint in a query of its own (one row of scalar sub-selects)."""
    with connection.cursor() as cursor:
        sql = ", ".join(f"({sql})" for sql, _survey in _fingerprint_parts())
        cursor.execute(f"SELECT {sql}")
        return _fingerprint(cursor.fetchone())


def _fingerprint(values) -> Fingerprint:
    values = [str(value) for value in values]
    parts = _fingerprint_parts()
    return Fingerprint(
        whole=_digest(values),
        without_surveys=_digest(
            value for value, (_sql, survey) in zip(values, parts, strict=True) if not survey
        ),
    )


def _digest(values) -> str:
    return hashlib.sha256("|".join(values).encode()).hexdigest()


def kept_many(wanted: Mapping[str, str]) -> dict[str, object]:
    """name → the figure kept under it, for the names whose figure was made at the
    fingerprint wanted for it (wanted: name → fingerprint)."""
    found = cache.get_many(list(wanted))
    return {name: kept[1] for name, kept in found.items() if kept[0] == wanted[name]}


def keep_many(made: Mapping[str, tuple[str, object]]) -> None:
    """Keep each figure under its name with the fingerprint it was made at (made: name →
    (fingerprint, figure)). A name holds one figure, the latest: one made at a fingerprint
    the data has moved on from is written over, not left beside it (the entry/exit page's
    table is megabytes)."""
    if made:
        cache.set_many(dict(made), KEPT_SECONDS)


def kept_or_made(name: str, fingerprint: str, make: Callable[[], T]) -> T:
    """The figure kept under name at this fingerprint (a Fingerprint's whole or
    without_surveys), or made by make() and kept there; without one (""), made and not
    kept."""
    if not fingerprint:
        return make()
    kept = kept_many({name: fingerprint})
    if name in kept:
        return kept[name]
    made = make()
    keep_many({name: (fingerprint, made)})
    return made
