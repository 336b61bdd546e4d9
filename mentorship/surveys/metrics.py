"""Survey maths as pure functions over plain numbers: no database, no Django.

The selectors in results.py fetch the numbers with aggregate queries; these functions turn
them into the values the pages and the KPIs show. Every percentage is rounded half up to
one decimal place (Python's round() would round 72.45 to 72.4 on some floats and 0.5 to 0).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from mentorship.lib.numbers import percent

SCALE_MAX = 10
HIGH_SCORE = 8


def round_half_up(value: float | Decimal, places: int = 1) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _percent(part: float, whole: float) -> float | None:
    """lib.numbers.percent as the survey figures carry it: a float."""
    value = percent(part, whole)
    return None if value is None else float(value)


# --- response rate -------------------------------------------------------------------------


@dataclass(frozen=True)
class RateValue:
    answered: int
    invited: int
    percent: float | None


def response_rate(answered: int, invited: int) -> RateValue:
    return RateValue(answered=answered, invited=invited, percent=_percent(answered, invited))


# --- satisfaction --------------------------------------------------------------------------


@dataclass(frozen=True)
class SatisfactionValue:
    """Satisfaction of one group (mentors or mentees) in a period.

    percent — the mean of all satisfaction-item scores of all respondents ÷ 10 × 100;
    share_8_plus — the percentage (0–100) of respondents whose own mean score is ≥ 8;
    mean — that overall mean on the 1–10 scale; answers — how many scores it is made of.
    Nothing answered: percent, share_8_plus and mean are None («нет данных»).
    """

    percent: float | None
    respondents: int
    share_8_plus: float | None
    mean: float | None = None
    answers: int = 0
    high_scorers: int = 0

    @property
    def has_data(self) -> bool:
        return self.respondents > 0


NO_SATISFACTION_DATA = SatisfactionValue(percent=None, respondents=0, share_8_plus=None)


def satisfaction_from_totals(totals: Iterable[tuple[float, int]]) -> SatisfactionValue:
    """The same as satisfaction(), from (sum of scores, number of scores) per respondent —
    what one GROUP BY respondent query gives."""
    respondents = answers = high = 0
    score_sum = Decimal(0)
    for total, count in totals:
        if not count:
            continue
        respondents += 1
        answers += count
        score_sum += Decimal(str(total))
        # Own mean ≥ 8 compared exactly: total ≥ 8 × count (no float rounding at the edge).
        if Decimal(str(total)) >= HIGH_SCORE * count:
            high += 1
    if not respondents:
        return NO_SATISFACTION_DATA
    mean = score_sum / answers
    return SatisfactionValue(
        percent=_percent(mean, SCALE_MAX),
        respondents=respondents,
        share_8_plus=_percent(high, respondents),
        mean=round_half_up(mean, 2),
        answers=answers,
        high_scorers=high,
    )


def satisfaction(scores_by_respondent: Mapping[Hashable, Sequence[float]]) -> SatisfactionValue:
    """Satisfaction from each respondent's satisfaction-item scores (1–10).

    Every answer weighs the same in percent (a respondent who skipped an optional item
    weighs a little less); every respondent weighs the same in share_8_plus.
    """
    return satisfaction_from_totals(
        (sum(scores), len(scores)) for scores in scores_by_respondent.values()
    )


# --- distribution of one question's answers ------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float | None


def distribution(
    options: Sequence[tuple[Hashable, str]], counts: Mapping[Hashable, int], answered: int
) -> list[Bar]:
    """One bar per option in the given order, as a share of those who answered the question
    (for several-choice questions the shares may add up to more than 100)."""
    return [
        Bar(label=label, count=counts.get(key, 0), percent=_percent(counts.get(key, 0), answered))
        for key, label in options
    ]


def mean_of_counts(counts: Mapping[float, int]) -> float | None:
    """The mean value from {value: how many gave it}, two decimals; None if nobody did."""
    answered = sum(counts.values())
    if not answered:
        return None
    total = sum(Decimal(str(value)) * n for value, n in counts.items())
    return round_half_up(total / answered, 2)


# --- entry vs exit -------------------------------------------------------------------------


class EntryExitRow(NamedTuple):
    """One participant's two values of one parameter; entry is None if there was none.
    (Named tuples, not frozen dataclasses: a year of a big college has ten thousand of
    them, and a frozen dataclass costs three times as much to make.)"""

    participant: Hashable
    form: str
    parameter: str
    entry: float | None
    exit: float


class ParameterChange(NamedTuple):
    participant: Hashable
    form: str
    parameter: str
    entry: float | None
    exit: float
    change: float | None

    @property
    def improved(self) -> bool:
        return self.change is not None and self.change > 0


@dataclass(frozen=True)
class FormParameterChange:
    """A form's mean change of one parameter over those who have both values."""

    form: str
    parameter: str
    compared: int
    mean_change: float | None
    improved: int
    unchanged: int
    worsened: int


@dataclass(frozen=True)
class FormChange:
    """A form over all its parameters: mean of every change; a participant has improved if
    the mean of their own changes is above zero."""

    form: str
    participants: int
    mean_change: float | None
    improved: int
    parameters: list[FormParameterChange]


@dataclass(frozen=True)
class EntryExitSummary:
    changes: list[ParameterChange]
    by_form: list[FormChange]
    without_entry: int  # participants with an exit value but no entry value to compare


def _mean(values: Sequence[float]) -> float | None:
    if not values:
        return None
    if all(value.is_integer() for value in values):
        # Whole changes (the scale's): their float sum is exact, no Decimal per value.
        return round_half_up(Decimal(int(sum(values))) / len(values), 2)
    return round_half_up(sum(Decimal(str(v)) for v in values) / len(values), 2)


def _difference(entry: float, exit_: float) -> float:
    """exit − entry exactly: whole numbers (the scale's) as they are, others in decimal."""
    if type(entry) is int and type(exit_) is int:
        return float(exit_ - entry)
    return float(Decimal(str(exit_)) - Decimal(str(entry)))


def entry_exit(
    rows: Iterable[EntryExitRow], parameter_order: Sequence[str] = ()
) -> EntryExitSummary:
    """Change = exit − entry per participant and parameter; per form the mean change of each
    parameter and how many improved (change > 0), unchanged and worsened, then the form as a
    whole. Rows without an entry value are listed but not counted. Parameters come in
    parameter_order (the questionnaire's), any others after them alphabetically."""
    changes = []
    by_form_parameter: dict[tuple[str, str], list[float]] = defaultdict(list)
    by_participant: dict[tuple[str, Hashable], list[float]] = defaultdict(list)
    without_entry = set()
    for participant, form, parameter, entry, exit_ in rows:
        if entry is None:
            changes.append(ParameterChange(participant, form, parameter, entry, exit_, None))
            without_entry.add(participant)
            continue
        change = _difference(entry, exit_)
        changes.append(ParameterChange(participant, form, parameter, entry, exit_, change))
        by_form_parameter[(form, parameter)].append(change)
        by_participant[(form, participant)].append(change)

    rank = {parameter: index for index, parameter in enumerate(parameter_order)}

    def parameter_key(parameter: str):
        return (rank.get(parameter, len(rank)), parameter)

    forms = sorted({form for form, _ in by_form_parameter})
    by_form = []
    for form in forms:
        parameters = [
            FormParameterChange(
                form=form,
                parameter=parameter,
                compared=len(values),
                mean_change=_mean(values),
                improved=sum(1 for v in values if v > 0),
                unchanged=sum(1 for v in values if v == 0),
                worsened=sum(1 for v in values if v < 0),
            )
            for (f, parameter), values in sorted(
                by_form_parameter.items(), key=lambda item: parameter_key(item[0][1])
            )
            if f == form
        ]
        participants = {p: v for (f, p), v in by_participant.items() if f == form}
        all_changes = [v for values in participants.values() for v in values]
        by_form.append(
            FormChange(
                form=form,
                participants=len(participants),
                mean_change=_mean(all_changes),
                improved=sum(1 for values in participants.values() if sum(values) > 0),
                parameters=parameters,
            )
        )
    compared = {p for (_f, p) in by_participant}
    return EntryExitSummary(
        changes=changes, by_form=by_form, without_entry=len(without_entry - compared)
    )
