"""What the surveys say: selectors over aggregate queries, each page a fixed number of them.

The maths is in metrics.py; here only the numbers are fetched and handed over. A «year»
is the calendar year (in the organisation's time zone) of the moment a response came in.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.utils import timezone

from mentorship.lib.database import OneOf
from mentorship.lib.history import local_year, moments_between
from mentorship.lib.names import full_name
from mentorship.lib.xlsx import Sheet, write_xlsx
from mentorship.people.destruction import withdrawn_people
from mentorship.people.models import Person

from . import metrics
from .models import Answer, Invitation, Question, Questionnaire, Response, Wave
from .waves import HAS_EMAIL

ROLE = Invitation.Role
SATISFACTION_ROLES = (ROLE.MENTEE, ROLE.MENTOR)
TEXT_KINDS = (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT)
NUMBER_KINDS = (Question.Kind.SCALE, Question.Kind.YES_NO)
YES_NO_OPTIONS = [(1, "да"), (0, "нет")]
SCALE_OPTIONS = [(n, str(n)) for n in range(1, 11)]
NO_PAIR_FORM = "без пары"


# --- waves ---------------------------------------------------------------------------------


def wave_list() -> QuerySet[Wave]:
    """Waves, newest first, with invited and answered counts (one query)."""
    return (
        Wave.objects.select_related("questionnaire")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations__response", distinct=True),
        )
        .order_by("-opened_on", "-pk")
    )


@dataclass(frozen=True)
class WaveCounts:
    invited: int
    answered: int
    emailed: int
    with_email: int
    to_email: int  # with an address, no letter yet, no answer yet
    rate: metrics.RateValue


def wave_counts(wave: Wave) -> WaveCounts:
    numbers = wave.invitations.aggregate(
        invited=Count("pk"),
        answered=Count("response"),
        emailed=Count("pk", filter=Q(email_sent_at__isnull=False)),
        with_email=Count("pk", filter=HAS_EMAIL),
        to_email=Count(
            "pk",
            filter=HAS_EMAIL & Q(email_sent_at__isnull=True) & Q(response__isnull=True),
        ),
    )
    return WaveCounts(
        **numbers, rate=metrics.response_rate(numbers["answered"], numbers["invited"])
    )


# What the wave's page and its print cards show of a link, its person or organisation, its
# pair and its answer: a big wave's rows came with every column of five tables (a person
# has some forty), and making those instances was half of the page (554 links at full size).
_INVITATION_ROW_FIELDS = (
    "wave",
    "token",
    "role",
    "email_sent_at",
    "person__last_name",
    "person__first_name",
    "person__middle_name",
    "person__email",
    "organisation__name",
    "organisation__email",
    "organisation__contact_person",
    "pair__form__name",
    "response__submitted_at",
    "response__source",
)


def wave_invitations(wave: Wave) -> QuerySet[Invitation]:
    """The wave's invitations with whom, which pair and the answer if any, the columns the
    wave's page and print cards show (one query)."""
    return (
        wave.invitations.select_related("person", "organisation", "pair__form", "response")
        .only(*_INVITATION_ROW_FIELDS)
        .order_by(
            "organisation__name",
            "person__last_name",
            "person__first_name",
            "person__middle_name",
            "pk",
        )
    )


@dataclass
class QuestionResult:
    question: Question
    answered: int
    bars: list[metrics.Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.question.kind in TEXT_KINDS


@dataclass(frozen=True)
class OrganisationRow:
    """A partner organisation's answers in a partners' wave: one value per question (the
    scale's number, «да»/«нет», the chosen options, the text), or None before it answered."""

    name: str
    contact_person: str
    submitted_at: dt.datetime | None
    values: list[object] | None


@dataclass
class WaveResults:
    wave: Wave
    counts: WaveCounts
    questions: list[QuestionResult]
    # The partners' questionnaire only: each invited organisation's answers, by name.
    organisations: list[OrganisationRow] = field(default_factory=list)


def _wave_answers(wave: Wave) -> QuerySet[Answer]:
    return Answer.objects.filter(response__invitation__wave=wave).order_by()


def wave_results(wave: Wave) -> WaveResults:
    """Response rate and each question's distribution or text answers (seven queries)."""
    questions = list(wave.questionnaire.questions.prefetch_related("choices"))
    numbers: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        _wave_answers(wave)
        .filter(number__isnull=False)
        .values("question_id", "number")
        .annotate(n=Count("pk"))
    ):
        numbers[row["question_id"]][row["number"]] = row["n"]
    chosen: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        Answer.choices.through.objects.filter(answer__response__invitation__wave=wave)
        .values("answer__question_id", "choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        chosen[row["answer__question_id"]][row["choice_id"]] = row["n"]
    choosers = dict(
        _wave_answers(wave)
        .filter(choices__isnull=False)
        .values("question_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("question_id", "n")
    )
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in (
        _wave_answers(wave)
        .filter(question__kind__in=TEXT_KINDS)
        .exclude(text="")
        .order_by("response__submitted_at", "pk")
        .values_list("question_id", "text")
    ):
        texts[question_id].append(text)

    results = []
    for question in questions:
        if question.kind in TEXT_KINDS:
            found = texts.get(question.pk, [])
            results.append(QuestionResult(question, answered=len(found), texts=found))
        elif question.kind in NUMBER_KINDS:
            counts = numbers.get(question.pk, {})
            answered = sum(counts.values())
            options = SCALE_OPTIONS if question.kind == Question.Kind.SCALE else YES_NO_OPTIONS
            results.append(
                QuestionResult(
                    question,
                    answered=answered,
                    bars=metrics.distribution(options, counts, answered),
                    mean=metrics.mean_of_counts(counts)
                    if question.kind == Question.Kind.SCALE
                    else None,
                )
            )
        else:
            answered = choosers.get(question.pk, 0)
            options = [(choice.pk, choice.text) for choice in question.choices.all()]
            results.append(
                QuestionResult(
                    question,
                    answered=answered,
                    bars=metrics.distribution(options, chosen.get(question.pk, {}), answered),
                )
            )
    organisations = []
    if wave.questionnaire.audience == Questionnaire.Audience.PARTNER:
        organisations = organisation_rows(wave, questions)
    return WaveResults(
        wave=wave, counts=wave_counts(wave), questions=results, organisations=organisations
    )


def organisation_rows(wave: Wave, questions: list[Question]) -> list[OrganisationRow]:
    """Each partner organisation invited to the wave with its answers (three queries)."""
    values = _answer_values(wave)
    rows = []
    for invitation in (
        wave.invitations.filter(organisation__isnull=False)
        .select_related("organisation", "response")
        .order_by("organisation__name", "pk")
    ):
        response = getattr(invitation, "response", None)
        organisation = invitation.organisation
        rows.append(
            OrganisationRow(
                name=organisation.name,
                contact_person=organisation.contact_person,
                submitted_at=response.submitted_at if response else None,
                values=[values.get((response.pk, q.pk), "") for q in questions]
                if response
                else None,
            )
        )
    return rows


# --- export --------------------------------------------------------------------------------


@dataclass
class ExportTable:
    headers: list[str]
    rows: list[list[object]]


def _answer_value(answer: Answer) -> object:
    kind = answer.question.kind
    if kind == Question.Kind.SCALE:
        return answer.number
    if kind == Question.Kind.YES_NO:
        return {1: "да", 0: "нет"}.get(answer.number, "")
    if kind in Question.CHOICE_KINDS:
        return "; ".join(choice.text for choice in answer.choices.all())
    return answer.text


def _answer_values(wave: Wave) -> dict[tuple[int, int], object]:
    """(response id, question id) → the answer as a table shows it (two queries)."""
    answers = (
        _wave_answers(wave)
        .select_related("question")
        .prefetch_related("choices")
        .only("response_id", "question_id", "question__kind", "number", "text")
    )
    return {(a.response_id, a.question_id): _answer_value(a) for a in answers}


def wave_export_data(wave: Wave) -> ExportTable:
    """One row per response, a column per question (four queries)."""
    questions = list(wave.questionnaire.questions.all())
    # A withdrawn consent takes the respondent out of the export at once (the counts on
    # the results page stay: they name nobody).
    responses = list(
        Response.objects.filter(invitation__wave=wave)
        .exclude(invitation__person__in=withdrawn_people().values("pk"))
        .select_related(
            "invitation__person", "invitation__organisation", "invitation__pair__form"
        )
        .order_by(
            "invitation__organisation__name",
            "invitation__person__last_name",
            "invitation__person__first_name",
            "pk",
        )
    )
    values = _answer_values(wave)
    by_partners = wave.questionnaire.audience == Questionnaire.Audience.PARTNER
    who = "Организация" if by_partners else "ФИО"
    headers = [who, "Роль", "Пара / группа", "Форма", "Дата ответа", "Как получен"]
    headers += [f"{index}. {q.text}" for index, q in enumerate(questions, start=1)]
    rows = []
    for response in responses:
        invitation = response.invitation
        pair = invitation.pair
        rows.append(
            [
                invitation.respondent_name,
                invitation.get_role_display(),
                f"№ {pair.pk}" if pair else "",
                pair.form.name if pair else "",
                timezone.localtime(response.submitted_at).date(),
                response.get_source_display(),
                *(values.get((response.pk, q.pk), "") for q in questions),
            ]
        )
    return ExportTable(headers=headers, rows=rows)


def wave_export_xlsx(wave: Wave) -> tuple[str, bytes]:
    """(file name, the .xlsx bytes) of a wave's responses."""
    table = wave_export_data(wave)
    content = write_xlsx([Sheet("Ответы", table.headers, table.rows, wrap=True)])
    return f"Ответы — {wave.title} ({wave.opened_on:%d.%m.%Y}).xlsx", content


# --- satisfaction --------------------------------------------------------------------------


def _satisfaction_answers() -> QuerySet[Answer]:
    """Answers to satisfaction items on the 1–10 scale by mentors and mentees."""
    return Answer.objects.filter(
        question__is_satisfaction=True,
        question__kind=Question.Kind.SCALE,
        number__gte=1,
        number__lte=10,
        response__invitation__role__in=SATISFACTION_ROLES,
    ).order_by()


def satisfaction_between(start: dt.date, end: dt.date, role: str) -> metrics.SatisfactionValue:
    """The KPI «Уровень удовлетворённости наставников / наставляемых» for the answers given
    from start to end, both days included (local dates) — a report period, a calendar or an
    academic year (satisfaction_by_role_between for one role)."""
    return satisfaction_by_role_between(start, end, roles=(role,))[role]


def satisfaction_by_role_between(
    start: dt.date, end: dt.date, *, roles: tuple[str, ...] = SATISFACTION_ROLES
) -> dict[str, metrics.SatisfactionValue]:
    """satisfaction_between for each of the roles (mentees and mentors by default), in one
    GROUP BY role and respondent query, then metrics.satisfaction_from_totals per role. A
    respondent is a person; two responses of one person in the period make one respondent."""
    return satisfaction_by_role_of_periods([(start, end)], roles=roles)[0]


def satisfaction_by_role_of_periods(
    periods: list[tuple[dt.date, dt.date]], *, roles: tuple[str, ...] = SATISFACTION_ROLES
) -> list[dict[str, metrics.SatisfactionValue]]:
    """satisfaction_by_role_between of each period (its first and last day), in the
    periods' order. Periods that do not overlap — a chart's years — are read in one query,
    each answer marked with its period (at full size four years took 4 × 28 ms on
    PostgreSQL, one query for each); overlapping ones one query each."""
    ordered = sorted(periods)
    if any(later[0] <= earlier[1] for earlier, later in pairwise(ordered)):
        return [satisfaction_by_role_of_periods([period], roles=roles)[0] for period in periods]
    bounds = [moments_between(start, end) for start, end in periods]
    totals: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    if bounds:
        marked = (
            _satisfaction_answers()
            .filter(
                response__submitted_at__range=(min(bounds)[0], max(bounds)[1]),
                response__invitation__role__in=roles,
            )
            .annotate(
                period=Case(
                    *(
                        When(response__submitted_at__range=moments, then=index)
                        for index, moments in enumerate(bounds)
                    ),
                    output_field=IntegerField(),
                )
            )
            .filter(period__isnull=False)
        )
        for index, role, total, n in (
            marked.values("period", "response__invitation__role", "response__invitation__person_id")
            .annotate(total=Sum("number"), n=Count("pk"))
            .values_list("period", "response__invitation__role", "total", "n")
        ):
            totals[(index, role)].append((total, n))
    return [
        {role: metrics.satisfaction_from_totals(totals[(index, role)]) for role in roles}
        for index in range(len(periods))
    ]


@dataclass(frozen=True)
class YearSatisfaction:
    year: int
    mentors: metrics.SatisfactionValue
    mentees: metrics.SatisfactionValue


def satisfaction_by_year() -> list[YearSatisfaction]:
    """Mentors' and mentees' satisfaction for every year with answers, newest first
    (two queries: the years' bounds, then a row per year, role and respondent)."""
    totals: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    years = Response.objects.year_bounds()
    if not years:
        return []
    for row in (
        _satisfaction_answers()
        .annotate(year=local_year("response__submitted_at", years))
        .values("year", "response__invitation__role", "response__invitation__person_id")
        .annotate(total=Sum("number"), n=Count("pk"))
    ):
        totals[(row["year"], row["response__invitation__role"])].append((row["total"], row["n"]))
    years = sorted({year for year, _role in totals}, reverse=True)
    return [
        YearSatisfaction(
            year=year,
            mentors=metrics.satisfaction_from_totals(totals.get((year, ROLE.MENTOR), [])),
            mentees=metrics.satisfaction_from_totals(totals.get((year, ROLE.MENTEE), [])),
        )
        for year in years
    ]


def response_years() -> list[int]:
    """Calendar years in which any response came in, newest first (two queries)."""
    return Response.objects.submitted_years()[::-1]


# --- entry vs exit -------------------------------------------------------------------------


def latest_exit_year() -> int | None:
    """The latest calendar year with an exit (итоговая) response, None if none (one query)."""
    latest = (
        Response.objects.filter(
            invitation__wave__questionnaire__purpose=Questionnaire.Purpose.EXIT,
            submitted_at__isnull=False,
        )
        .order_by("-submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    return timezone.localtime(latest).year if latest else None


@dataclass(frozen=True)
class Comparison:
    """One exit response: whose (the person and their name), in which role and pair."""

    person_id: int
    name: str
    role: str
    pair_id: int | None
    form: str
    exit_on: dt.date
    entry_on: dt.date | None

    @property
    def role_label(self) -> str:
        return ROLE(self.role).label


def names_of(people: Iterable[int]) -> dict[int, str]:
    """The people's full names by id, as stored now (one query)."""
    return {
        pk: full_name(last, first, middle)
        for pk, last, first, middle in Person.objects.filter(OneOf("pk", people)).values_list(
            "pk", "last_name", "first_name", "middle_name"
        )
    }


@dataclass
class EntryExitData:
    rows: list[metrics.EntryExitRow]
    comparisons: dict[int, Comparison]  # by exit response id, the rows' participant
    parameters: list[tuple[str, str]]  # (code, question text), in the questionnaire's order

    @property
    def parameter_labels(self) -> dict[str, str]:
        return dict(self.parameters)


def _parameter_questions() -> tuple[list[tuple[str, str]], dict[str, list[int]]]:
    """The parameters measured twice, labelled by the exit questionnaire's wording, in the
    questionnaires' order — and each one's questions (of any questionnaire), by code (one
    query)."""
    labels: dict[str, str] = {}
    questions: dict[str, list[int]] = defaultdict(list)
    for pk, code, text, purpose in (
        Question.objects.exclude(parameter="")
        .order_by("questionnaire__title", "order", "pk")
        .values_list("pk", "parameter", "text", "questionnaire__purpose")
    ):
        questions[code].append(pk)
        if purpose == Questionnaire.Purpose.EXIT:
            labels.setdefault(code, text)
    return list(labels.items()), {code: questions[code] for code in labels}


def entry_exit_parameters() -> list[tuple[str, str]]:
    """Parameters measured twice, labelled by the exit questionnaire's wording (one query)."""
    return _parameter_questions()[0]


class _Number(Max):
    """MAX of answers' whole numbers, as the database gives it (an int or None) without a
    converter per value: Django's int() per column and row was 28,000 calls for a year's
    3,527 exit and entry responses, and on PostgreSQL the only converter of those rows."""

    def get_db_converters(self, connection):
        return []


def _numbers_of(questions: dict[str, list[int]]) -> dict[str, Max]:
    """One column per parameter (p0, p1, … in the order of `questions`): the number a
    response answered to it, or NULL — a conditional MAX over the response's answers joined
    to it, so one row per response instead of one per answer (a questionnaire asks a
    parameter once, a response answers a question once: at most one such number). The
    answers are told apart by their question's id, not by its parameter: no join with the
    questions (PostgreSQL, full size: 73 → 45 ms for a year's entries)."""
    return {
        f"p{index}": _Number(
            Case(
                When(answers__question_id__in=ids, then="answers__number"),
                output_field=IntegerField(),
            )
        )
        for index, ids in enumerate(questions.values())
    }


class ExitWithEntry(NamedTuple):
    """One exit response that answered a parameter with a number: whose, in which pair and
    form (None: no pair), its numbers in the parameters' order, and the same person's latest
    entry response before it (None: none) with that response's numbers (all None without an
    entry, None where the entry has no number for the parameter)."""

    response_id: int
    submitted_at: dt.datetime
    role: str
    pair_id: int | None
    form: str | None
    form_order: int | None
    last_name: str
    first_name: str
    middle_name: str
    numbers: tuple[int | None, ...]
    entry_response: int | None
    entry_at: dt.datetime | None
    entry_numbers: tuple[int | None, ...]
    person_id: int


@dataclass(frozen=True)
class ExitsWithEntry:
    parameters: list[tuple[str, str]]  # (code, label): entry_exit_parameters()
    exits: list[ExitWithEntry]  # by the person's last and first name, then the response


def exits_with_entry(*, between: tuple[dt.date, dt.date] | None = None) -> ExitsWithEntry:
    """The rule that pairs an exit with its entry, for the dashboard and the entry/exit
    page alike: every exit response of the local days from between[0] to between[1] (both
    included; None: of any day) that answered a parameter with a number, each with the same
    person's latest entry response strictly before it — of equal times, the last recorded —
    and that entry's numbers.

    Three queries whatever the size: the parameters with their questions, the exit
    responses a row each (a column per parameter, _numbers_of), the entry responses of those
    exits' people alone, a row each too; the pairing is a bisection per person here. At full
    size (a college of 9,500 people; 1,182 exit responses in a year, 2,345 entries of their
    people) the dashboard asked a sub-select per parameter and per response (99 + 47 ms on
    PostgreSQL), and the page joined all 6,010 entry responses' answers before keeping
    those of the exits' people."""
    parameters, questions = _parameter_questions()
    if not parameters:
        return ExitsWithEntry(parameters=[], exits=[])
    columns = [f"p{index}" for index in range(len(parameters))]
    exits = Response.objects.filter(
        invitation__wave__questionnaire__purpose=Questionnaire.Purpose.EXIT,
        # An inner join with the parameters' answers alone: an exit without a number to
        # any of them is left out by the database.
        answers__question_id__in=[pk for ids in questions.values() for pk in ids],
        answers__number__isnull=False,
    )
    if between is not None:
        exits = exits.filter(submitted_at__range=moments_between(*between))
    # Grouped by the response and its whole-number columns alone; the texts, the same on
    # every row of a response, come as MAX() (PostgreSQL, full size: grouping by the names
    # and the form as well took 51 ms of server time, now 33).
    texts = {
        "role": Max("invitation__role"),
        "form": Max("invitation__pair__form__name"),
        "form_order": Max("invitation__pair__form__order"),
        "last_name": Max("invitation__person__last_name"),
        "first_name": Max("invitation__person__first_name"),
        "middle_name": Max("invitation__person__middle_name"),
    }
    rows = list(
        exits.values("pk", "submitted_at", "invitation__pair_id", "invitation__person_id")
        .annotate(**texts, **_numbers_of(questions))
        .order_by("last_name", "first_name", "pk")
        .values_list(
            "pk",
            "submitted_at",
            "role",
            "invitation__pair_id",
            "form",
            "form_order",
            "last_name",
            "first_name",
            "middle_name",
            "invitation__person_id",
            *columns,
        )
    )
    if not rows:
        return ExitsWithEntry(parameters=parameters, exits=[])
    # The exits' people as a list of ids, one parameter (OneOf): as a sub-select PostgreSQL
    # joined every entry response's answers before keeping those of these people.
    people = sorted({row[9] for row in rows})
    history = defaultdict(list)  # person id → [(submitted_at, response id)], ascending
    entry_numbers: dict[int, tuple] = {}  # entry response id → its numbers
    for pk, person_id, submitted_at, *numbers in (
        Response.objects.filter(
            OneOf("invitation__person_id", people),
            invitation__wave__questionnaire__purpose=Questionnaire.Purpose.ENTRY,
        )
        .values("pk", "invitation__person_id", "submitted_at")
        .annotate(**_numbers_of(questions))
        .order_by("invitation__person_id", "submitted_at", "pk")
        .values_list("pk", "invitation__person_id", "submitted_at", *columns)
    ):
        history[person_id].append((submitted_at, pk))
        entry_numbers[pk] = tuple(numbers)
    no_entry = (None,) * len(parameters)
    found = []
    for row in rows:  # the first nine fields are ExitWithEntry's, then the person, the numbers
        exit_at, earlier = row[1], history.get(row[9], ())
        # The latest entry strictly before the exit; of equal times, the last recorded.
        index = bisect_left(earlier, (exit_at,)) if earlier else 0
        entry_at, entry_response = earlier[index - 1] if index else (None, None)
        entries = entry_numbers[entry_response] if entry_response else no_entry
        found.append(
            ExitWithEntry(*row[:9], row[10:], entry_response, entry_at, entries, row[9])
        )
    return ExitsWithEntry(parameters=parameters, exits=found)


def entry_exit_data(*, year: int | None = None) -> EntryExitData:
    """Each exit answer to a parameter with the same person's answer to that parameter in
    their latest entry response before it (exits_with_entry: three queries). The form is
    the exit invitation's pair's."""
    between = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year is not None else None
    found = exits_with_entry(between=between)
    codes = [code for code, _text in found.parameters]
    zone = timezone.get_current_timezone()  # timezone.localtime() looks it up every call
    rows, comparisons = [], {}
    for exit_ in found.exits:
        response_id, form = exit_.response_id, exit_.form or NO_PAIR_FORM
        entry_at = exit_.entry_at
        comparisons[response_id] = Comparison(
            person_id=exit_.person_id,
            name=full_name(exit_.last_name, exit_.first_name, exit_.middle_name),
            role=exit_.role,
            pair_id=exit_.pair_id,
            form=form,
            exit_on=exit_.submitted_at.astimezone(zone).date(),
            entry_on=entry_at.astimezone(zone).date() if entry_at else None,
        )
        rows.extend(
            metrics.EntryExitRow(response_id, form, code, entry, number)
            for code, entry, number in zip(codes, exit_.entry_numbers, exit_.numbers, strict=True)
            if number is not None
        )
    return EntryExitData(rows=rows, comparisons=comparisons, parameters=found.parameters)
