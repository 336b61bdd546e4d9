"""The questionnaire as a Django form: one field per question, named q_<question pk>.

Choices are offered from the question's own options only, so a forged value is an
ordinary «выберите вариант из списка» error, never a lookup that fails later.
"""

import copy
import hashlib
from collections.abc import Iterable
from functools import cached_property

from django import forms

from ..models import Question, Questionnaire
from ..models.questionnaires import (
    SCALE_INSTRUCTION,
    SCALE_MAX,
    SCALE_MIN,
    questions_with_choices,
)
from ..responses import LONG_TEXT_MAX, SHORT_TEXT_MAX

REQUIRED = "Ответьте на этот вопрос."
INVALID_CHOICE = "Выберите вариант из предложенных."
TOO_LONG = "Ответ слишком длинный: не больше %(limit_value)d знаков (сейчас %(show_value)d)."
SCALE_HELP = f"Оцените по шкале от {SCALE_MIN} до {SCALE_MAX}, {SCALE_INSTRUCTION}."

_MESSAGES = {"required": REQUIRED, "invalid_choice": INVALID_CHOICE, "max_length": TOO_LONG}


class ButtonChoiceWidget(forms.RadioSelect):
    """Radios drawn as a row of big buttons (the scale 1–10, Да / Нет): easy to hit with a
    thumb. Drawn by templates/surveys/public_field_buttons.html; still plain radios, so the
    form works without JavaScript and keeps the choice on a validation error."""

    is_buttons = True

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", "autocomplete": "off", **(attrs or {})}, choices)


class ScaleWidget(ButtonChoiceWidget):
    is_scale = True


def _help(question: Question, extra: str = "") -> str:
    return " ".join(part for part in (question.help_text, extra) if part)


def _field_for(question: Question, number: int) -> forms.Field:
    common = {
        "label": f"{number}. {question.text}",
        "required": question.required,
        "error_messages": _MESSAGES,
        "help_text": _help(question),
    }
    kind = question.kind
    if kind == Question.Kind.SCALE:
        return forms.TypedChoiceField(
            choices=[(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
            coerce=int,
            empty_value=None,
            widget=ScaleWidget,
            **{**common, "help_text": _help(question, SCALE_HELP)},
        )
    if kind == Question.Kind.YES_NO:
        return forms.TypedChoiceField(
            choices=[("yes", "Да"), ("no", "Нет")],
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=ButtonChoiceWidget,
            **common,
        )
    if kind in Question.CHOICE_KINDS:
        options = {str(choice.pk): choice for choice in question.choices.all()}
        choices = [(key, choice.text) for key, choice in options.items()]
        if kind == Question.Kind.SINGLE:
            return forms.TypedChoiceField(
                choices=choices,
                coerce=options.__getitem__,
                empty_value=None,
                widget=forms.RadioSelect,
                **common,
            )
        return forms.TypedMultipleChoiceField(
            choices=choices,
            coerce=options.__getitem__,
            empty_value=[],
            widget=forms.CheckboxSelectMultiple,
            **{**common, "help_text": _help(question, "Можно выбрать несколько.")},
        )
    if kind == Question.Kind.SHORT_TEXT:
        return forms.CharField(max_length=SHORT_TEXT_MAX, strip=True, **common)
    return forms.CharField(
        max_length=LONG_TEXT_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        **common,
    )


def _fields_version(fields) -> str:
    """A digest of everything an unanswered form's fields draw (names, labels, help,
    choices, required): the drawn fields are cached under it (public_fill.html), and any
    change to a question makes a new one."""
    drawn = [
        (
            name,
            str(field.label),
            str(field.help_text),
            field.required,
            type(field.widget).__name__,
            sorted(field.widget.attrs.items()),
            [(str(value), str(label)) for value, label in getattr(field, "choices", ())],
        )
        for name, field in fields.items()
    ]
    return hashlib.sha256(repr(drawn).encode()).hexdigest()


def _fields_and_questions(questions: Iterable[Question]) -> tuple[dict, dict[str, Question]]:
    fields, by_name = {}, {}
    for number, question in enumerate(questions, start=1):
        name = f"q_{question.pk}"
        fields[name] = _field_for(question, number)
        by_name[name] = question
    return fields, by_name


def _field_copy(field: forms.Field) -> forms.Field:
    """A kept field for one form: what Django's deepcopy of a declared field copies — the
    field, its widget and the widget's attrs (crispy changes them while drawing), its error
    messages and validators — except the options, which nothing changes in place (setting
    a field's choices makes a new list). A questionnaire's ~100 options made deepcopy a
    fifth of a link's CPU."""
    copied = copy.copy(field)
    copied.widget = copy.copy(field.widget)
    copied.widget.attrs = field.widget.attrs.copy()
    copied.error_messages = field.error_messages.copy()
    copied.validators = field.validators[:]
    return copied


class QuestionnaireForm(forms.Form):
    """All questions of a questionnaire, in their order. `answers()` gives the mapping the
    services take (responses.response_submit / response_enter_paper).

    Built from the questions given, or — a class made by questionnaire_form_class — from
    the class's kept fields, copied for every form (_field_copy)."""

    base_questions: dict[str, Question] = {}
    kept_fields: dict[str, forms.Field] = {}

    def __init__(self, *args, questions: Iterable[Question] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if questions is None:
            self.fields.update((name, _field_copy(f)) for name, f in self.kept_fields.items())
            self.questions = dict(self.base_questions)
        else:
            fields, self.questions = _fields_and_questions(questions)
            self.fields.update(fields)

    @cached_property
    def fields_version(self) -> str:
        return _fields_version(self.fields)

    def answers(self) -> dict[Question, object]:
        return {question: self.cleaned_data.get(name) for name, question in self.questions.items()}


def questionnaire_form(
    *, questionnaire: Questionnaire, data=None, questions: Iterable[Question] | None = None
) -> QuestionnaireForm:
    """The form for a questionnaire: its questions with their options in one query each,
    unless the caller gives them (all of them, in order, choices prefetched)."""
    if questions is None:
        questions = questions_with_choices(questionnaire.pk)
    return QuestionnaireForm(data, questions=questions)


# Form classes a process keeps, by questionnaire and questions_revision: a few
# questionnaires, each with a new revision only when the curator edits its questions.
_FORM_CLASSES: dict[tuple, type[QuestionnaireForm]] = {}
FORM_CLASSES_KEPT = 32


def questionnaire_form_class(questionnaire: Questionnaire) -> type[QuestionnaireForm]:
    """The form class of the questionnaire's questions as they stand under its
    questions_revision — the questionnaire must be read from the database just now (with
    the invitation), so that its revision is current. Made once per process and revision:
    a whole college opening its links reads the questions and builds their fields once,
    then every form copies the fields (and its drawn version is worked out once too). Any
    save or delete of a question or a choice gives every questionnaire a new revision
    (models.questionnaires.questions_changed), so the next request misses and builds the
    class again from the questions as they are then."""
    key = (questionnaire.pk, questionnaire.questions_revision)
    form_class = _FORM_CLASSES.get(key)
    if form_class is None:
        fields, by_name = _fields_and_questions(questions_with_choices(questionnaire.pk))
        form_class = type(QuestionnaireForm)(
            "QuestionnaireForm",
            (QuestionnaireForm,),
            {
                "base_questions": by_name,
                "kept_fields": fields,
                "fields_version": _fields_version(fields),
            },
        )
        if len(_FORM_CLASSES) >= FORM_CLASSES_KEPT:
            _FORM_CLASSES.clear()
        _FORM_CLASSES[key] = form_class
    return form_class
