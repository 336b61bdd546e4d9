"""Satisfaction and the entry/exit change of a year, as the surveys define them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mentorship.lib.numbers import number_text
from mentorship.lib.periods import as_period
from mentorship.surveys.kept import Fingerprint
from mentorship.surveys.metrics import SatisfactionValue
from mentorship.surveys.models import Invitation
from mentorship.surveys.results import (
    NO_PAIR_FORM,
    exits_with_entry,
    satisfaction_by_role_between,
)

from ..formatting import percent_text
from ..kpi.counts import PeriodLike, year_bounds
from ..kpi.kept import ENTRY_EXIT, kept_or_made


@dataclass(frozen=True)
class SatisfactionLine:
    group: str
    value: SatisfactionValue

    @property
    def percent_text(self) -> str:
        return percent_text(self.value.percent) if self.value.has_data else "нет данных"

    @property
    def mean_text(self) -> str:
        return number_text(self.value.mean)

    @property
    def share_8_plus_text(self) -> str:
        return percent_text(self.value.share_8_plus)


def satisfaction_of_year(
    year: PeriodLike, found: Mapping[str, SatisfactionValue] | None = None
) -> list[SatisfactionLine]:
    """Mentees' and mentors' satisfaction in a report period, as the surveys compute it (one
    query) — or as already found for it (role → value: the KPI family «satisfaction» of the
    same period, counted beside the indicators), then none."""
    if found is None:
        found = satisfaction_by_role_between(*year_bounds(year))
    return [
        SatisfactionLine("Наставляемые", found[Invitation.Role.MENTEE]),
        SatisfactionLine("Наставники", found[Invitation.Role.MENTOR]),
    ]


# --- entry vs exit -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeCell:
    """Exit − entry of one parameter over those with both values: the mean change and how
    many improved."""

    compared: int
    change_sum: int
    improved: int

    @property
    def mean_change(self) -> Decimal | None:
        if not self.compared:
            return None
        value = Decimal(self.change_sum) / self.compared
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def change_text(self) -> str:
        return number_text(self.mean_change, sign=True)

    @property
    def improved_text(self) -> str:
        return f"{self.improved} из {self.compared}" if self.compared else ""


EMPTY_CELL = ChangeCell(compared=0, change_sum=0, improved=0)


@dataclass(frozen=True)
class ParameterLine:
    number: int
    code: str
    label: str
    cells: list[ChangeCell]  # one per form column
    total: ChangeCell


@dataclass(frozen=True)
class EntryExit:
    forms: list[str]
    participants: list[int]  # compared participants per form
    without_entry: int  # exit answers of people with no entry questionnaire before
    parameters: list[ParameterLine]

    @property
    def has_data(self) -> bool:
        return bool(self.parameters)

    @property
    def participants_total(self) -> int:
        return sum(self.participants)


def entry_exit_of_year(year: PeriodLike, *, fingerprint: Fingerprint | None = None) -> EntryExit:
    """Mean change of each parameter by form, and over all forms: the exit responses of the
    year, each paired with the same person's latest entry before it, and the parameters'
    labels (surveys.results.exits_with_entry, the entry/exit page's rule: three queries).

    Kept under the data's fingerprint when one is given (kpi/kept.py: it covers every table
    this reads — responses, answers, invitations, questions and questionnaires, pairs,
    forms, people): the next request on the same data asks no query. The panel holds
    numbers, form names and the parameters' labels alone, no person's name."""
    period = as_period(year)
    return kept_or_made(fingerprint, period, ENTRY_EXIT, lambda: _entry_exit_made(period))


def _entry_exit_made(year: PeriodLike) -> EntryExit:
    found = exits_with_entry(between=year_bounds(year))
    parameters, exits = found.parameters, found.exits
    if not exits:
        return EntryExit(forms=[], participants=[], without_entry=0, parameters=[])

    form_keys: dict[str, tuple] = {}
    # (form, parameter index) → compared, Σ change, improved
    sums: dict[tuple[str, int], list[int]] = {}
    compared: dict[str, int] = defaultdict(int)
    without_entry = 0
    for exit_ in exits:
        name = exit_.form
        form = name or NO_PAIR_FORM
        form_keys[form] = (name is None, exit_.form_order or 0, name or "")
        if exit_.entry_response is None:
            without_entry += 1
        else:
            compared[form] += 1
        for index, (number, entry) in enumerate(
            zip(exit_.numbers, exit_.entry_numbers, strict=True)
        ):
            if number is None:
                continue
            cell = sums.setdefault((form, index), [0, 0, 0])
            if entry is not None:
                change = number - entry
                cell[0] += 1
                cell[1] += change
                cell[2] += change > 0
    forms = sorted(form_keys, key=form_keys.__getitem__)
    by_cell = {
        key: ChangeCell(compared=n, change_sum=total, improved=improved)
        for key, (n, total, improved) in sums.items()
    }
    present = {index for _form, index in by_cell}
    lines = []
    for index, (code, label) in enumerate(parameters):
        if index not in present:
            continue
        row_cells = [by_cell.get((form, index), EMPTY_CELL) for form in forms]
        lines.append(
            ParameterLine(
                number=len(lines) + 1,
                code=code,
                label=label,
                cells=row_cells,
                total=ChangeCell(
                    compared=sum(c.compared for c in row_cells),
                    change_sum=sum(c.change_sum for c in row_cells),
                    improved=sum(c.improved for c in row_cells),
                ),
            )
        )
    return EntryExit(
        forms=forms,
        participants=[compared[form] for form in forms],
        without_entry=without_entry,
        parameters=lines,
    )
