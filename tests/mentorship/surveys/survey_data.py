"""Waves, invitations and responses written straight to the models, for the tests of
waves, results and the admin (the filling pages are tested on their own)."""

import datetime as dt

from django.utils import timezone

from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response, Wave

TODAY = timezone.localdate()


def questionnaire(code: str) -> Questionnaire:
    return Questionnaire.objects.get(code=code)


def wave_make(code: str = "mentee-satisfaction", *, title: str = "", **fields) -> Wave:
    fields.setdefault("opened_on", TODAY - dt.timedelta(days=3))
    fields.setdefault("closes_on", TODAY + dt.timedelta(days=14))
    return Wave.objects.create(
        questionnaire=questionnaire(code), title=title or f"Опрос: {code}", **fields
    )


def invite(wave: Wave, person, role: str = Invitation.Role.MENTEE, pair=None) -> Invitation:
    return Invitation.objects.create(wave=wave, person=person, role=role, pair=pair)


def at(year: int, month: int = 5, day: int = 15) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 12, 0))


def respond(invitation: Invitation, answers: dict, *, submitted_at=None, source="online"):
    """answers: {question (or its position in the questionnaire, from 1): value} — an int
    for scale and yes/no (1/0), a str for text, a list of choice texts for choices."""
    response = Response.objects.create(
        invitation=invitation, submitted_at=submitted_at or timezone.now(), source=source
    )
    questions = list(invitation.wave.questionnaire.questions.all())
    for key, value in answers.items():
        question = questions[key - 1] if isinstance(key, int) else key
        if question.kind in Question.CHOICE_KINDS:
            answer = Answer.objects.create(response=response, question=question)
            answer.choices.set(question.choices.filter(text__in=value))
        elif isinstance(value, str):
            Answer.objects.create(response=response, question=question, text=value)
        else:
            Answer.objects.create(response=response, question=question, number=value)
    return response


def satisfaction_items(code: str) -> list[Question]:
    return list(questionnaire(code).questions.filter(is_satisfaction=True))


def satisfaction_answer(wave: Wave, person, role: str, scores: list[int], *, submitted_at=None):
    """A response scoring the wave's satisfaction items in order with scores."""
    items = satisfaction_items(wave.questionnaire.code)
    return respond(
        invite(wave, person, role),
        dict(zip(items, scores, strict=False)),
        submitted_at=submitted_at,
    )


def parameter_questions(code: str) -> dict[str, Question]:
    return {q.parameter: q for q in questionnaire(code).questions.exclude(parameter="")}


def diagnostics(wave: Wave, person, values: dict[str, int], *, pair=None, role="mentee", at=None):
    """A response to an entry or exit wave giving each named parameter its value."""
    questions = parameter_questions(wave.questionnaire.code)
    return respond(
        invite(wave, person, role, pair),
        {questions[code]: value for code, value in values.items()},
        submitted_at=at,
    )
