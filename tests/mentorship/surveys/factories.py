"""Waves and personal links for tests. Kept small and stable: other test modules use them.

WaveFactory(questionnaire_code="entry-diagnostics")    open since a week, for two more
InvitationFactory(wave=..., person=..., role=...)      a person with a valid consent
answers_post(questionnaire)                           a complete POST for its form
"""

import datetime as dt

import factory
from django.utils import timezone

from mentorship.surveys.models import Invitation, Question, Questionnaire, Wave
from tests.factories import PersonFactory, consented


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wave

    class Params:
        questionnaire_code = "mentee-satisfaction"  # one of the five shipped questionnaires

    questionnaire = factory.LazyAttribute(
        lambda o: Questionnaire.objects.get(code=o.questionnaire_code)
    )
    title = factory.Sequence(lambda n: f"Опрос № {n + 1}")
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    wave = factory.SubFactory(WaveFactory)
    # Surveyed people have a consent: without one the link refuses (tested on purpose).
    person = factory.LazyFunction(lambda: consented(PersonFactory()))
    role = Invitation.Role.MENTEE


def answers_post(questionnaire: Questionnaire, **overrides) -> dict:
    """POST data answering every question of the questionnaire: scales 7, «Да», the first
    option of single questions, the first two of multiple ones, and some text.
    `q_<pk>=...` overrides a field; None leaves it out."""
    data = {}
    for question in questionnaire.questions.prefetch_related("choices"):
        choices = [str(choice.pk) for choice in question.choices.all()]
        data[f"q_{question.pk}"] = {
            Question.Kind.SCALE: "7",
            Question.Kind.YES_NO: "yes",
            Question.Kind.SINGLE: choices[:1] and choices[0],
            Question.Kind.MULTIPLE: choices[:2],
            Question.Kind.SHORT_TEXT: "12 пар",
            Question.Kind.LONG_TEXT: "Больше встреч на производстве.",
        }[question.kind]
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}
