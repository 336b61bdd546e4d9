"""The disclosure rule of the package to the regional centre: the one place it is decided
which of the package's numbers are written and which are hidden as format.SUPPRESSED.

The package leaves the college; personal data do not (152-ФЗ). A count of PEOPLE from 1 to
DISCLOSURE_THRESHOLD − 1 (that is, 1 or 2) can point at a person — «2 наставляемых с ОВЗ»
in a college where everyone knows who they are — so it is written as «< 3». So is whatever
gives such a count back:
- a KPI's value when its people numerator is hidden (a share over a known denominator is
  the numerator again), and its denominator when that is a count of people of 1 or 2;
- a satisfaction mean or percent of fewer than 3 respondents (one respondent's mean is
  that person's own answer), and the satisfaction KPIs' values in the same case;
- the number of satisfaction answers of so few respondents (each answers the same
  questions: «1 оценка» beside a hidden «< 3» respondents says there was one).

Pairs and groups are counts of people too: a pair is one mentee and one mentor, a group one
mentor («1 пара, прекращена досрочно» in a form points at two people), so pairs[].pairs,
pairs[].groups, pairs[].mentees and the federal totals of pairs and groups are hidden when
1 or 2 (the totals are summed from the counts first, then hidden).

Achievements are each one person's result («1 международное достижение» names its winner
to anyone at the college): their counts are treated as counts of people.

A KPI's status «выполнен» / «не выполнен» beside a hidden value is hidden with it
(kpi_status): against a known target and denominator it would give the hidden numerator
back. «нет данных» and «нет регионального знаменателя» say nothing of the count and stay.

Zero is written as 0: it points at nobody, and the regional centre needs it to tell «none»
from «not reported».

Not hidden, because they are not counts of people and describe no person: organisations
(an enterprise that gave mentors is a party to an agreement, public by nature), roadmap
activities and plan tasks (the college's own work). So the KPIs of the families
«organisations», «plans» and «roadmap» are written in full.

KPIs entered by hand (no computation code) count something the package cannot know; they
are treated as counts of people — hiding «2» of something else costs the centre little,
showing «2» people could cost a person much.

Pure: plain numbers in, numbers or SUPPRESSED out.
"""

from __future__ import annotations

from decimal import Decimal

from .format import DISCLOSURE_THRESHOLD, SUPPRESSED

# The KPI families (roadmap.kpi registry's Computation.family) whose numerator and
# denominator count people; "" stands for a KPI entered by hand.
PEOPLE_FAMILIES = frozenset({"people", "satisfaction", ""})

Hidden = str  # SUPPRESSED

# The statuses that compare the value with the target (roadmap.kpi.KpiStatus values).
COMPARED_STATUSES = frozenset({"met", "not_met"})


def is_small(count: int | Decimal | None) -> bool:
    """A count of people that the rule hides: a whole number from 1 to the threshold − 1."""
    if count is None or isinstance(count, bool):
        return False
    if isinstance(count, Decimal) and count != count.to_integral_value():
        return False  # not a count
    return 0 < count < DISCLOSURE_THRESHOLD


def people(count: int) -> int | Hidden:
    """A count of people as the package writes it: 1 or 2 hidden, anything else as it is."""
    return SUPPRESSED if is_small(count) else count


def respondents_too_few(respondents: int) -> bool:
    """A mean of so few respondents is (nearly) one person's own answer."""
    return 0 < respondents < DISCLOSURE_THRESHOLD


def kpi_figures(
    *,
    family: str,
    numerator: int | Decimal | None,
    denominator: int | Decimal | None,
    value: Decimal | None,
    respondents: int | None = None,
) -> tuple[object, object, object]:
    """(numerator, denominator, value) of one KPI as the package writes them: each either
    as given or SUPPRESSED. family — the computation's family ("" for a manual KPI);
    respondents — for a satisfaction KPI, how many answered (its value is hidden when fewer
    than 3 did)."""
    if family not in PEOPLE_FAMILIES:
        return numerator, denominator, value
    numerator_hidden = is_small(numerator)
    value_hidden = numerator_hidden or (
        respondents is not None and respondents_too_few(respondents)
    )
    return (
        SUPPRESSED if numerator_hidden else numerator,
        SUPPRESSED if is_small(denominator) else denominator,
        SUPPRESSED if value_hidden and value is not None else value,
    )


def kpi_status(status: str | None, value: object) -> str | None:
    """A KPI's status as the package writes it. «выполнен / не выполнен» beside a hidden
    value gives it back (target 30 %, 4 students, «выполнен»: the hidden numerator is 2),
    so a status compared with the target is hidden with the value; «нет данных» and «нет
    регионального знаменателя» say nothing of the count and stay."""
    if value == SUPPRESSED and status in COMPARED_STATUSES:
        return SUPPRESSED
    return status


def satisfaction_figures(
    respondents: int, mean: Decimal | None, percent: Decimal | None
) -> tuple[int | Hidden, object, object]:
    """(respondents, mean, percent) of one role's satisfaction as the package writes them."""
    if respondents_too_few(respondents):
        return (
            SUPPRESSED,
            None if mean is None else SUPPRESSED,
            (None if percent is None else SUPPRESSED),
        )
    return respondents, mean, percent


def satisfaction_answers(respondents: int, answers: int) -> int | Hidden:
    """How many satisfaction answers one role gave, as the package writes it: hidden with
    the respondents when they are too few (the answers count gives them back)."""
    return SUPPRESSED if respondents_too_few(respondents) else answers
