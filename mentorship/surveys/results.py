"""What the surveys say: selectors over aggregate queries, each page a fixed number of them.

The maths is in metrics.py; here only the numbers are fetched and handed over. A «year»
is the calendar year (in the organisation's time zone) of the moment a response came in.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.utils import timezone

from mentorship.lib.history import local_year, moments_between
from mentorship.lib.names import full_name
from mentorship.lib.xlsx import Sheet, write_xlsx
from mentorship.people.destruction import withdrawn_people

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


def wave_invitations(wave: Wave) -> QuerySet[Invitation]:
    """The wave's invitations with whom, which pair and the answer if any (one query)."""
    return wave.invitations.select_related(
        "person", "organisation", "pair__form", "response"
    ).order_by(
        "organisation__name", "person__last_name", "person__first_name", "person__middle_name", "pk"
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
    totals: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for role, total, n in (
        _satisfaction_answers()
        .filter(
            response__submitted_at__range=moments_between(start, end),
            response__invitation__role__in=roles,
        )
        .values("response__invitation__role", "response__invitation__person_id")
        .annotate(total=Sum("number"), n=Count("pk"))
        .values_list("response__invitation__role", "total", "n")
    ):
        totals[role].append((total, n))
    return {role: metrics.satisfaction_from_totals(totals[role]) for role in roles}


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
    """One exit response: whose, in which role and pair."""

    name: str
    role: str
    pair_id: int | None
    form: str
    exit_on: dt.date
    entry_on: dt.date | None

    @property
    def role_label(self) -> str:
        return ROLE(self.role).label


@dataclass
class EntryExitData:
    rows: list[metrics.EntryExitRow]
    comparisons: dict[int, Comparison]  # by exit response id, the rows' participant
    parameters: list[tuple[str, str]]  # (code, question text), in the questionnaire's order

    @property
    def parameter_labels(self) -> dict[str, str]:
        return dict(self.parameters)


def entry_exit_parameters() -> list[tuple[str, str]]:
    """Parameters measured twice, labelled by the exit questionnaire's wording (one query)."""
    labels: dict[str, str] = {}
    for code, text in (
        Question.objects.filter(questionnaire__purpose=Questionnaire.Purpose.EXIT)
        .exclude(parameter="")
        .order_by("questionnaire__title", "order", "pk")
        .values_list("parameter", "text")
    ):
        labels.setdefault(code, text)
    return list(labels.items())


def exit_scale_answers(*, between: tuple[dt.date, dt.date] | None = None) -> QuerySet:
    """Exit answers to the measured parameters (scales), of the local days from between[0]
    to between[1] (both included: a report period, a calendar year), or all."""
    exits = (
        Answer.objects.filter(
            question__questionnaire__purpose=Questionnaire.Purpose.EXIT,
            question__kind=Question.Kind.SCALE,
            number__isnull=False,
        )
        .exclude(question__parameter="")
        .order_by()
    )
    if between is not None:
        exits = exits.filter(response__submitted_at__range=moments_between(*between))
    return exits


def exit_people(*, between: tuple[dt.date, dt.date] | None = None) -> QuerySet:
    """The people with an exit response of the local days from between[0] to between[1]
    (or of any day): a superset of exit_scale_answers' people, selected through the
    responses' time index without the answers (with_latest_entry's `people`)."""
    responses = Response.objects.filter(
        invitation__wave__questionnaire__purpose=Questionnaire.Purpose.EXIT
    )
    if between is not None:
        responses = responses.filter(submitted_at__range=moments_between(*between))
    return responses.order_by().values("invitation__person_id")


def with_latest_entry(
    exits: QuerySet, *fields: str, order_by: tuple = (), people: QuerySet | None = None
) -> list[dict]:
    """The exit answers as dicts (``fields`` besides the pairing's own), each with the same
    person's latest entry response before it (``entry_response``, ``entry_at``) and their
    answer there to that parameter (``entry``; None if none).

    Three queries whatever the size: the exits, those people's entry responses, and the
    answers of these. The pairing is a bisection per person here — as correlated
    sub-selects per answer it took the database seconds at 6,000 students. people: a
    sub-select of person ids holding at least the exits' people (exit_people), cheaper than
    the exits again inside both later queries; the entry answers are those to any
    parameter (looked up by the exit's own), not the exits' parameters by a third copy."""
    person = "response__invitation__person_id"
    rows = list(
        exits.values(
            "response_id", "response__submitted_at", person, "question__parameter", "number",
            *fields,
        ).order_by(*order_by)
    )
    entries = Response.objects.filter(
        invitation__person__in=exits.values(person) if people is None else people,
        invitation__wave__questionnaire__purpose=Questionnaire.Purpose.ENTRY,
        submitted_at__isnull=False,
    )
    history = defaultdict(list)  # person id → [(submitted_at, response id)], ascending
    for pk, person_id, submitted_at in entries.order_by(
        "invitation__person_id", "submitted_at", "pk"
    ).values_list("pk", "invitation__person_id", "submitted_at"):
        history[person_id].append((submitted_at, pk))
    numbers: dict[tuple[int, str], int] = {}
    for response_id, parameter, number in (
        Answer.objects.filter(response__in=entries.values("pk"), number__isnull=False)
        .exclude(question__parameter="")
        .order_by("pk")
        .values_list("response_id", "question__parameter", "number")
    ):
        numbers.setdefault((response_id, parameter), number)
    for row in rows:
        exit_at, earlier = row["response__submitted_at"], history.get(row[person], ())
        # The latest entry strictly before the exit; of equal times, the last recorded.
        index = bisect_left(earlier, (exit_at,)) if exit_at is not None and earlier else 0
        entry_at, entry_response = earlier[index - 1] if index else (None, None)
        row["entry_response"], row["entry_at"] = entry_response, entry_at
        row["entry"] = numbers.get((entry_response, row["question__parameter"]))
    return rows


def _by_parameter(codes: list[str], **only) -> dict[str, Max]:
    """One column per parameter code (p0, p1, …): the number a response answered to it, or
    NULL — a conditional MAX over the response's answers joined to it, so one row per
    response instead of one per answer (a response answers each parameter once: one
    question per parameter in a questionnaire, one answer per question). only: conditions
    on the answer besides its parameter."""
    return {
        f"p{index}": Max(
            Case(
                When(answers__question__parameter=code, **only, then="answers__number"),
                output_field=IntegerField(),
            )
        )
        for index, code in enumerate(codes)
    }


def entry_exit_data(*, year: int | None = None) -> EntryExitData:
    """Each exit answer to a parameter with the same person's answer to that parameter in
    their latest entry response before it (three queries: the parameters, the exit
    responses, the entry responses of their people). The form is the exit invitation's
    pair's; the exit answers are exit_scale_answers' (a scale, a number), the pairing is
    with_latest_entry's (the latest entry strictly before the exit; of equal times, the
    last recorded).

    Both kinds of responses come one row each with a column per parameter (_by_parameter),
    and the exits start from the responses of the days (their time index): at full size
    (a college of 9,500 people; 1,182 exit responses in a year) SQLite walked the year's
    responses once per parameter question, and 9,456 rows of eleven columns and a datetime
    each, with the entry answers in a query of their own, took 199 ms of the page."""
    parameters = entry_exit_parameters()
    codes = [code for code, _text in parameters]
    columns = [f"p{index}" for index in range(len(codes))]
    between = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year is not None else None
    exit_responses = Response.objects.filter(
        invitation__wave__questionnaire__purpose=Questionnaire.Purpose.EXIT
    )
    if between is not None:
        exit_responses = exit_responses.filter(submitted_at__range=moments_between(*between))
    fields = (
        "pk",
        "submitted_at",
        "invitation__person_id",
        "invitation__role",
        "invitation__pair_id",
        "invitation__pair__form__name",
        "invitation__person__last_name",
        "invitation__person__first_name",
        "invitation__person__middle_name",
    )
    exits = (
        exit_responses.values(*fields)
        .annotate(
            **_by_parameter(
                codes,
                answers__question__kind=Question.Kind.SCALE,
                answers__question__questionnaire__purpose=Questionnaire.Purpose.EXIT,
            )
        )
        .order_by("invitation__person__last_name", "invitation__person__first_name", "pk")
        .values_list(*fields, *columns)
    )
    history = defaultdict(list)  # person id → [(submitted_at, response id)], ascending
    entry_numbers: dict[int, tuple] = {}  # entry response id → its numbers, as codes
    for pk, person_id, submitted_at, *numbers in (
        Response.objects.filter(
            invitation__person__in=exit_people(between=between),
            invitation__wave__questionnaire__purpose=Questionnaire.Purpose.ENTRY,
            submitted_at__isnull=False,
        )
        .values("pk", "invitation__person_id", "submitted_at")
        .annotate(**_by_parameter(codes))
        .order_by("invitation__person_id", "submitted_at", "pk")
        .values_list("pk", "invitation__person_id", "submitted_at", *columns)
    ):
        history[person_id].append((submitted_at, pk))
        entry_numbers[pk] = numbers
    no_entry = (None,) * len(codes)
    zone = timezone.get_current_timezone()  # timezone.localtime() looks it up every call
    rows, comparisons = [], {}
    for (
        response_id,
        exit_at,
        person_id,
        role,
        pair_id,
        form,
        last_name,
        first_name,
        middle_name,
        *numbers,
    ) in exits:
        if all(number is None for number in numbers):
            continue  # no scale answer to a parameter in this exit response
        form = form or NO_PAIR_FORM
        earlier = history.get(person_id, ())
        # The latest entry strictly before the exit; of equal times, the last recorded.
        index = bisect_left(earlier, (exit_at,)) if exit_at is not None and earlier else 0
        entry_at, entry_response = earlier[index - 1] if index else (None, None)
        entries = entry_numbers[entry_response] if entry_response else no_entry
        comparisons[response_id] = Comparison(
            name=full_name(last_name, first_name, middle_name),
            role=role,
            pair_id=pair_id,
            form=form,
            exit_on=exit_at.astimezone(zone).date(),
            entry_on=entry_at.astimezone(zone).date() if entry_at else None,
        )
        rows.extend(
            metrics.EntryExitRow(response_id, form, code, entry, number)
            for code, entry, number in zip(codes, entries, numbers, strict=True)
            if number is not None
        )
    return EntryExitData(rows=rows, comparisons=comparisons, parameters=parameters)


# --- entry vs exit, a row per exit response ------------------------------------------------


def latest_entry_before() -> Subquery:
    """For a Response queryset's rows: the id of the same person's latest entry response
    submitted strictly before it, of equal times the last recorded (with_latest_entry's
    pairing), None if there is none — a sub-select per response, through the invitations'
    person index."""
    return Subquery(
        Response.objects.filter(
            invitation__person=OuterRef("invitation__person"),
            invitation__wave__questionnaire__purpose=Questionnaire.Purpose.ENTRY,
            submitted_at__lt=OuterRef("submitted_at"),
        )
        .order_by("-submitted_at", "-pk")
        .values("pk")[:1]
    )


def _numbers_by_parameter(codes: list[str]) -> dict[str, Subquery]:
    """For a Response queryset's rows: a column per parameter code (number_0, number_1, …),
    the number answered to it, None if none. A questionnaire asks a parameter once
    (surveys_question_parameter_once_per_questionnaire) and a response answers a question
    once, so a response has at most one such number."""
    return {
        f"number_{index}": Subquery(
            Answer.objects.filter(
                response=OuterRef("pk"), question__parameter=code, number__isnull=False
            )
            .order_by("pk")
            .values("number")[:1]
        )
        for index, code in enumerate(codes)
    }


@dataclass(frozen=True)
class ExitNumbers:
    """One exit response: its form (None: no pair), its numbers in the order of the codes
    asked, and its person's latest entry response before it (None: none) with that
    response's numbers (all None when there is no entry)."""

    response_id: int
    form: str | None
    form_order: int | None
    numbers: tuple[int | None, ...]
    entry_response: int | None
    entry_numbers: tuple[int | None, ...]


def exit_numbers_with_entry(
    codes: list[str], *, between: tuple[dt.date, dt.date]
) -> list[ExitNumbers]:
    """The exit responses of the local days from between[0] to between[1] (both included)
    that answered at least one of the parameters `codes` with a number, each with the same
    person's latest entry response before it and their numbers there — what
    with_latest_entry gives a row per answer, here a row per response.

    Two queries at most whatever the size: the exit responses with their entry response and
    numbers as sub-selects (a response's row, not its answers joined and grouped), then
    those entry responses' numbers, by their ids (no entry at all: that one is not asked). At
    full size (9,500 people, 1,182 exit responses and 9,456 exit answers of a year) this is
    ~45 ms of CPU where with_latest_entry's 9,456 dict rows, a datetime each, and the 18,760
    answers of all the people's entries took ~180 ms."""
    numbers = _numbers_by_parameter(codes)
    names = list(numbers)
    exits = Response.objects.filter(
        invitation__wave__questionnaire__purpose=Questionnaire.Purpose.EXIT,
        submitted_at__range=moments_between(*between),
    ).order_by()
    rows = list(
        exits.annotate(entry_response=latest_entry_before(), **numbers)
        .order_by("pk")
        .values_list(
            "pk",
            "invitation__pair__form__name",
            "invitation__pair__form__order",
            "entry_response",
            *names,
        )
    )
    # The entry responses found above, by id: as a sub-select, each exit's latest entry
    # was looked for again (PostgreSQL, full size: 961 sub-plan loops, ~25 ms of 66).
    entry_ids = sorted({row[3] for row in rows if row[3] is not None})
    entries = {
        pk: tuple(found)
        for pk, *found in Response.objects.filter(pk__in=entry_ids)
        .annotate(**numbers)
        .order_by()
        .values_list("pk", *names)
    }
    no_entry = (None,) * len(codes)
    return [
        ExitNumbers(
            response_id=pk,
            form=form,
            form_order=form_order,
            numbers=tuple(found),
            entry_response=entry_response,
            entry_numbers=entries.get(entry_response, no_entry),
        )
        for pk, form, form_order, entry_response, *found in rows
        if any(number is not None for number in found)
    ]
