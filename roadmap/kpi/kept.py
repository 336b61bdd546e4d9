"""The families' counts of a report period, kept between requests under the data's
fingerprint (mentorship.surveys.kept: every table the kept families and panels read, from
their indexes), so that the dashboard does not count every period of its chart again on
every visit — and never shows a figure the data no longer gives. The fingerprint is read
as columns of the indicators' own query (values.py), so a miss costs no query more than
counting did before.

Only the families that read nothing but these tables and the period's bounds are kept
(people, organisations, satisfaction, plans) — never the clock: a running period's counts
are the data's as much as a past one's, and kept alike. The roadmap family reads `today`
and costs little: always counted. A period not begun has no counts at all (values.py).
Satisfaction and the entry/exit panel read the surveys and are kept under the whole
fingerprint; the other families and panels under the people's and pairs' part of it
(SURVEY_FAMILIES), so that in a survey season an answer makes only those two again.
Beside the counts, the dashboard keeps two panels of the period under the fingerprint alike
(kept_or_made): entry/exit (ENTRY_EXIT: numbers, form names and parameter
labels) and participants (PARTICIPANTS: counts by form, kind and category, read from the
people's history as of the period's end, the pairs' status changes and memberships) — no
person's name in either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from mentorship.lib.periods import ReportPeriod
from mentorship.surveys import kept

T = TypeVar("T")

KEPT_FAMILIES = frozenset({"people", "organisations", "satisfaction", "plans"})
# The dashboard's panels of a period kept alike: entry/exit (roadmap.dashboard.surveys) and
# participants (roadmap.dashboard.participants).
ENTRY_EXIT = "entry_exit"
PARTICIPANTS = "participants"
# What reads a survey table (surveys.results: answers, responses, invitations, questions and
# questionnaires), kept under the whole fingerprint; the rest read the people's and pairs'
# tables alone (counts.py, dashboard/participants.py) and are kept under theirs, so that an
# answer to a survey does not make them again.
SURVEY_FAMILIES = frozenset({"satisfaction", ENTRY_EXIT})
_PREFIX = "roadmap:kpi-counts:"


def _key(period: ReportPeriod, family: str) -> str:
    return f"{_PREFIX}{period.start:%Y%m%d}-{period.end:%Y%m%d}:{family}"


def _kept_under(fingerprint: kept.Fingerprint, family: str) -> str:
    return fingerprint.of(reads_surveys=family in SURVEY_FAMILIES)


def kept_counts(
    fingerprint: kept.Fingerprint, periods: Iterable[ReportPeriod], families: Iterable[str]
) -> dict[tuple[ReportPeriod, str], Mapping]:
    """(period, family) → the counts kept under this fingerprint, for those there are."""
    wanted = {
        _key(period, family): (period, family)
        for period in periods
        for family in families
        if family in KEPT_FAMILIES
    }
    found = kept.kept_many(
        {key: _kept_under(fingerprint, family) for key, (_period, family) in wanted.items()}
    )
    return {wanted[key]: counts for key, counts in found.items()}


def keep_counts(
    fingerprint: kept.Fingerprint, counted: Mapping[tuple[ReportPeriod, str], Mapping]
) -> None:
    """Keep the counts under the fingerprint they were counted at."""
    kept.keep_many(
        {
            _key(period, family): (_kept_under(fingerprint, family), counts)
            for (period, family), counts in counted.items()
            if family in KEPT_FAMILIES
        }
    )


def kept_or_made(
    fingerprint: kept.Fingerprint | None, period: ReportPeriod, name: str, make: Callable[[], T]
) -> T:
    """A figure of the period (ENTRY_EXIT, PARTICIPANTS) kept under this fingerprint, or
    made by make() and kept under it; without a fingerprint, made and not kept."""
    under = _kept_under(fingerprint, name) if fingerprint else ""
    return kept.kept_or_made(_key(period, name), under, make)
