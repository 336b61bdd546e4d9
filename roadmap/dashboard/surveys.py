"""Satisfaction and the entry/exit change of a year, as the surveys define them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum

from mentorship.surveys.metrics import SatisfactionValue
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response
from mentorship.surveys.results import NO_PAIR_FORM, entry_exit_parameters, satisfaction_for_year

from ..formatting import number_text, percent_text


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


def satisfaction_of_year(year: int) -> list[SatisfactionLine]:
    """Mentees' and mentors' satisfaction, as the surveys compute it (two queries)."""
    return [
        SatisfactionLine("Наставляемые", satisfaction_for_year(year, Invitation.Role.MENTEE)),
        SatisfactionLine("Наставники", satisfaction_for_year(year, Invitation.Role.MENTOR)),
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


def _exit_answers(year: int):
    """Exit answers of the year to measured parameters, each with the same person's answer
    to that parameter in their latest entry questionnaire before it — the rule of
    surveys.results.entry_exit_data, kept as annotations for the database to aggregate."""
    purpose = Questionnaire.Purpose
    latest_entry = (
        Response.objects.filter(
            invitation__person=OuterRef("response__invitation__person"),
            invitation__wave__questionnaire__purpose=purpose.ENTRY,
            submitted_at__lt=OuterRef("response__submitted_at"),
        )
        .order_by("-submitted_at", "-pk")
        .values("pk")[:1]
    )
    entry_answer = Answer.objects.filter(
        response=OuterRef("entry_response"),
        question__parameter=OuterRef("question__parameter"),
        number__isnull=False,
    ).values("number")[:1]
    return (
        Answer.objects.filter(
            question__questionnaire__purpose=purpose.EXIT,
            question__kind=Question.Kind.SCALE,
            number__isnull=False,
            response__submitted_at__year=year,
        )
        .exclude(question__parameter="")
        .order_by()
        .alias(entry_response=Subquery(latest_entry))
        .alias(entry=Subquery(entry_answer, output_field=IntegerField()))
    )


def entry_exit_of_year(year: int) -> EntryExit:
    """Mean change of each parameter by form, and over all forms. Three queries: the
    parameters, the answers grouped by form and parameter, the participants by form."""
    form_name = "response__invitation__pair__form__name"
    form_order = "response__invitation__pair__form__order"
    answers = _exit_answers(year)
    # Sum(exit − entry) and Count(entry) skip the rows without an entry value by themselves
    # (NULL), so each aggregate names the entry sub-select once.
    cells = list(
        answers.values(form_name, form_order, "question__parameter").annotate(
            compared=Count("entry"),
            change_sum=Sum(F("number") - F("entry")),
            improved=Count("pk", filter=Q(number__gt=F("entry"))),
        )
    )
    people = list(
        answers.values(form_name, form_order).annotate(
            compared=Count("response_id", distinct=True, filter=Q(entry_response__isnull=False)),
            without=Count("response_id", distinct=True, filter=Q(entry_response__isnull=True)),
        )
    )
    if not cells:
        return EntryExit(forms=[], participants=[], without_entry=0, parameters=[])

    def form_key(row) -> tuple:
        name = row[form_name]
        return (name is None, row[form_order] or 0, name or "")

    forms = []
    for row in sorted(people, key=form_key):
        name = row[form_name] or NO_PAIR_FORM
        if name not in forms:
            forms.append(name)
    compared = dict.fromkeys(forms, 0)
    for row in people:
        compared[row[form_name] or NO_PAIR_FORM] += row["compared"]
    by_cell = {
        (row[form_name] or NO_PAIR_FORM, row["question__parameter"]): ChangeCell(
            compared=row["compared"], change_sum=row["change_sum"] or 0, improved=row["improved"]
        )
        for row in cells
    }
    labels = dict(entry_exit_parameters())
    codes = list(labels)
    codes += sorted({code for _form, code in by_cell} - set(codes))
    parameters = []
    present = {code for _form, code in by_cell}
    for code in codes:
        if code not in present:
            continue
        row_cells = [by_cell.get((form, code), EMPTY_CELL) for form in forms]
        parameters.append(
            ParameterLine(
                number=len(parameters) + 1,
                code=code,
                label=labels.get(code, code),
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
        without_entry=sum(row["without"] for row in people),
        parameters=parameters,
    )
