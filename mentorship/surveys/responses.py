"""Filling in a questionnaire: a person's answers become one Response, once per link.

The database keeps a link single-use (Response.invitation is one-to-one). On top of that
the services lock the invitation row before they look: concurrent submits of one link
queue up on the lock, and every one after the first finds the response and is refused
politely with AlreadySubmitted. The IntegrityError branch is the last line, for a
database without row locks (SQLite) or a caller that races past the check.

Answers are given as a mapping question (a Question or its pk) → value:

- scale: an int 1–10; yes_no: a bool (stored as number 1 / 0);
- single: a Choice (or its pk); multiple: an iterable of Choices (or pks);
- short_text / long_text: a str, kept exactly as typed (templates escape it);
- None, "" or an empty list: not answered — no Answer row is written, so averages and
  counts are taken over the people who did answer.

Paper questionnaires (response_enter_paper). Paper forms are handed out and collected
while the wave is open but typed in by the curator afterwards, so their entry stays
allowed for PAPER_GRACE_DAYS after the wave closed (on its closing date or early, whichever
came first). Later than that the wave's results have been reported and a late paper would
silently change them: refused. The consent rule is the same as online: the data is
processed when it is entered, so consent must hold on that day.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateField, Exists, OuterRef, QuerySet, Value
from django.utils import timezone
from django.utils.formats import date_format

from mentorship.lib.prepared import PreparedQuery
from mentorship.people.consent_rules import consent_holds, consent_holds_q

from .models import Answer, Choice, Invitation, Question, Response
from .models.questionnaires import SCALE_MAX, SCALE_MIN, questions_with_choices

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000
PAPER_GRACE_DAYS = 30

AnswerValue = int | bool | str | Choice | Iterable[Choice] | None


class SurveyError(ValidationError):
    """A response refused; `message` is Russian and safe to show to the person."""

    default_message = "Анкета недоступна."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.default_message)


class AlreadySubmitted(SurveyError):
    default_message = "Эта анкета уже заполнена. Спасибо!"


class SurveyClosed(SurveyError):
    default_message = "Приём ответов по этой анкете завершён."


class SurveyNotStarted(SurveyClosed):
    default_message = "Приём ответов по этой анкете ещё не начался."


class NoConsent(SurveyError):
    default_message = (
        "Анкета недоступна: нет согласия на обработку персональных данных. Обратитесь к куратору."
    )


class InvalidAnswers(SurveyError):
    """Answers that do not fit the questionnaire: the form should have caught them."""

    def __init__(self, messages: list[str]):
        ValidationError.__init__(self, messages)
        self.message = " ".join(messages)


def _closed_on(invitation: Invitation) -> dt.date:
    """The last day the wave accepted online answers."""
    wave = invitation.wave
    if wave.closed_early_at is not None:
        return min(wave.closes_on, timezone.localdate(wave.closed_early_at))
    return wave.closes_on


def invitations_with_check_facts(queryset: QuerySet, on: dt.date) -> QuerySet:
    """The invitations with what invitation_check asks the database about each — is there a
    response, does the person's consent hold on `on` — answered in the same query. A link
    opened by a whole college at once costs one query instead of three. The facts are as of
    the fetch: the services check again under the row lock with fresh queries."""
    return queryset.annotate(
        check_facts_on=Value(on, output_field=DateField()),
        check_answered=Exists(Response.objects.filter(invitation=OuterRef("pk"))),
        check_consent_holds=consent_holds_q(on, person_path="person__"),
    )


# Invitation.token's max_length: anything longer is not a token, and is not looked up.
TOKEN_MAX_LENGTH = 64

_WITH_FACTS = PreparedQuery(
    lambda on, token: invitations_with_check_facts(
        Invitation.objects.select_related("wave__questionnaire", "person", "organisation")
        .filter(token=token)  # unique: no ordering needed
        .order_by(),
        on,
    )
)
_LOCK = PreparedQuery(
    lambda _key, token: Invitation.objects.select_for_update()
    .filter(token=token)
    .order_by()
    .values_list("pk")
)


def _may_be_a_token(token: str) -> bool:
    """Not longer than a token, and no NUL (PostgreSQL refuses it in a text parameter):
    anything else is simply not found."""
    return len(token) <= TOKEN_MAX_LENGTH and "\x00" not in token


def invitation_by_token(token: str, on: dt.date | None = None) -> Invitation | None:
    """The link's invitation with its wave, questionnaire, person or organisation and the
    check facts for `on` (today unless told; see invitations_with_check_facts), in one
    query; None for a token nobody holds. The query is compiled once per process and day
    (mentorship.lib.prepared): a whole college opening its links costs the ORM nothing
    per link."""
    if not _may_be_a_token(token):
        return None
    found = _WITH_FACTS.objects(on or timezone.localdate(), token)
    return found[0] if found else None


def _answered(invitation: Invitation, on: dt.date) -> bool:
    if getattr(invitation, "check_facts_on", None) == on:
        return invitation.check_answered
    return Response.objects.filter(invitation_id=invitation.pk).exists()


def _consent_holds(invitation: Invitation, on: dt.date) -> bool:
    if getattr(invitation, "check_facts_on", None) == on:
        return invitation.check_consent_holds
    return consent_holds(invitation.person, on)


def invitation_check(
    *, invitation: Invitation, source: str = Response.Source.ONLINE, on: dt.date | None = None
) -> None:
    """Raise the SurveyError that refuses a response to this link today, if any.

    The order is what the person should hear first: a used link is thanked whatever else
    changed since; then the dates; the consent last (it names no one). An invitation from
    invitations_with_check_facts for the same day is checked without a query.
    """
    on = on or timezone.localdate()
    if _answered(invitation, on):
        raise AlreadySubmitted
    wave = invitation.wave
    if on < wave.opened_on:
        raise SurveyNotStarted(
            "Приём ответов по этой анкете ещё не начался: он откроется "
            f"{date_format(wave.opened_on, 'j E Y')} г."
        )
    if source == Response.Source.PAPER:
        last_day = _closed_on(invitation) + dt.timedelta(days=PAPER_GRACE_DAYS)
        if on > last_day:
            closed = date_format(_closed_on(invitation), "j E Y")
            raise SurveyClosed(
                f"Приём ответов по этой анкете завершён {closed} г.; бумажные анкеты "
                f"вносятся не позже {PAPER_GRACE_DAYS} дней после закрытия."
            )
    elif not wave.is_open(on):
        raise SurveyClosed
    # A partner organisation's contact answers for the organisation: no consent is asked
    # (waves.py says why); a person answers only under a consent that holds today.
    if invitation.organisation_id is None and not _consent_holds(invitation, on):
        raise NoConsent


@dataclass(frozen=True)
class _CleanAnswer:
    question: Question
    number: int | None = None
    text: str = ""
    choice_ids: tuple[int, ...] = ()


def _is_empty(value) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return not value
    return False


def _choice_id(value) -> int | None:
    if isinstance(value, Choice):
        return value.pk
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _answers_clean(questions: list[Question], answers: Mapping) -> list[_CleanAnswer]:
    """Check the answers against the questionnaire; return what to store, in order."""
    by_pk = {}
    for key, value in answers.items():
        by_pk[key.pk if isinstance(key, Question) else key] = value
    known = {question.pk for question in questions}
    errors = [f"Вопрос № {pk} не из этой анкеты." for pk in by_pk if pk not in known]
    clean = []
    for question in questions:
        value = by_pk.get(question.pk)
        if _is_empty(value):
            if question.required:
                errors.append(f"Не отвечен обязательный вопрос «{question.text}».")
            continue
        kind = question.kind
        wrong = f"Ответ на вопрос «{question.text}» не подходит к его типу."
        if kind == Question.Kind.SCALE:
            if isinstance(value, bool) or not isinstance(value, int):
                errors.append(wrong)
            elif not SCALE_MIN <= value <= SCALE_MAX:
                errors.append(f"Оценка за вопрос «{question.text}» — от 1 до 10.")
            else:
                clean.append(_CleanAnswer(question, number=value))
        elif kind == Question.Kind.YES_NO:
            if value not in (True, False):
                errors.append(wrong)
            else:
                clean.append(_CleanAnswer(question, number=int(bool(value))))
        elif kind in Question.CHOICE_KINDS:
            values = [value] if kind == Question.Kind.SINGLE else value
            if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
                errors.append(wrong)
                continue
            allowed = {choice.pk for choice in question.choices.all()}
            ids = [_choice_id(item) for item in values]
            if any(pk not in allowed for pk in ids):
                errors.append(f"В вопросе «{question.text}» выбран вариант не из списка.")
            else:
                clean.append(_CleanAnswer(question, choice_ids=tuple(dict.fromkeys(ids))))
        else:
            limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
            if not isinstance(value, str):
                errors.append(wrong)
            elif len(value) > limit:
                errors.append(f"Ответ на вопрос «{question.text}» длиннее {limit} знаков.")
            else:
                clean.append(_CleanAnswer(question, text=value))
    if errors:
        raise InvalidAnswers(errors)
    return clean


def _questions(invitation: Invitation, questions: Iterable[Question] | None) -> list[Question]:
    """The questionnaire's questions with their choices: the caller's, when it has just read
    them (the form it validated the answers with), or read here."""
    questionnaire_id = invitation.wave.questionnaire_id
    if questions is None:
        return list(questions_with_choices(questionnaire_id))
    questions = list(questions)
    if any(question.questionnaire_id != questionnaire_id for question in questions):
        raise ValueError("questions of another questionnaire than the invitation's")
    return questions


def _locked(token: str, on: dt.date) -> Invitation | None:
    """In a transaction: the link's row lock, then the invitation afresh with its facts for
    `on` (None for a token nobody holds). The lock makes concurrent submits of one link wait
    here, one after another; only the invitation's row (its person or organisation is an
    outer join, which PostgreSQL will not lock). The facts are read in a statement of their
    own after the lock: on PostgreSQL a new snapshot, which sees a response committed while
    this one waited, so the check asks nothing more."""
    if not _may_be_a_token(token) or not _LOCK.rows(None, token):
        return None
    return invitation_by_token(token, on)


def _store(invitation: Invitation, clean: list[_CleanAnswer], source: str, by) -> Response:
    """The response (its history row by its save), its answers and their choices."""
    response = Response.objects.create(invitation=invitation, source=source, entered_by=by)
    saved = Answer.objects.bulk_create(
        Answer(response=response, question=item.question, number=item.number, text=item.text)
        for item in clean
    )
    Through = Answer.choices.through
    Through.objects.bulk_create(
        Through(answer_id=answer.pk, choice_id=choice_id)
        for answer, item in zip(saved, clean, strict=True)
        for choice_id in item.choice_ids
    )
    return response


def _response_create(
    *,
    invitation: Invitation,
    answers: Mapping,
    source: str,
    by=None,
    questions: Iterable[Question] | None = None,
) -> Response:
    clean = _answers_clean(_questions(invitation, questions), answers)
    try:
        with transaction.atomic():
            on = timezone.localdate()
            locked = _locked(invitation.token, on)
            if locked is None:
                raise Invitation.DoesNotExist
            invitation_check(invitation=locked, source=source, on=on)
            response = _store(locked, clean, source, by)
    except IntegrityError:
        if Response.objects.filter(invitation_id=invitation.pk).exists():
            raise AlreadySubmitted from None
        raise
    return response


def response_submit_by_token(
    *,
    token: str,
    answers_of: Callable[[Invitation], tuple[Mapping, Iterable[Question]] | None],
) -> tuple[Invitation | None, Response | None]:
    """Store the answers sent through a personal link, reading the link once: under its row
    lock, with its facts (response_submit reads it again under the lock after the caller
    has read it; a person's POST needs it only once).

    When the link is checked (a used link, a closed wave, a missing consent are refused
    first, so nobody corrects a form only to hear it is closed), answers_of(invitation)
    gives the answers and the questions they answer — all of them, choices prefetched, as
    response_submit takes them — or None (a form with errors): nothing is stored then.

    Returns (the invitation, None for a token nobody holds; the response, None when
    answers_of gave none). Raises what response_submit raises; nothing is stored then.
    """
    try:
        with transaction.atomic():
            on = timezone.localdate()
            invitation = _locked(token, on)
            if invitation is None:
                return None, None
            invitation_check(invitation=invitation, on=on)
            given = answers_of(invitation)
            if given is None:
                return invitation, None
            answers, questions = given
            clean = _answers_clean(_questions(invitation, questions), answers)
            return invitation, _store(invitation, clean, Response.Source.ONLINE, None)
    except IntegrityError:
        if Response.objects.filter(invitation__token=token).exists():
            raise AlreadySubmitted from None
        raise


def response_submit(
    *, invitation: Invitation, answers: Mapping, questions: Iterable[Question] | None = None
) -> Response:
    """Store the answers a person sent through their personal link.

    questions: all of the questionnaire's questions with their choices prefetched, when the
    caller has them (the form the answers came through); read from the database otherwise.

    Raises AlreadySubmitted, SurveyClosed (SurveyNotStarted), NoConsent or InvalidAnswers;
    nothing is stored then.
    """
    return _response_create(
        invitation=invitation,
        answers=answers,
        source=Response.Source.ONLINE,
        questions=questions,
    )


def response_enter_paper(*, invitation: Invitation, answers: Mapping, by) -> Response:
    """Store a paper questionnaire typed in by the curator `by`.

    The same refusals as response_submit, except that a closed wave still takes paper
    forms for PAPER_GRACE_DAYS (see the module docstring).
    """
    return _response_create(
        invitation=invitation, answers=answers, source=Response.Source.PAPER, by=by
    )
