"""The curator's form for opening a wave: which questionnaire, until when, and for whom."""

import datetime as dt

from django import forms
from django.db.models import Case, Q, When
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import timezone

from mentorship.lib.forms import DateInput, LongSelectMultiple
from mentorship.lib.names import short_name
from mentorship.pairs.models import Pair
from mentorship.people.models import MenteeProfile, MentoringForm, MentorProfile

from ..models import Invitation, Questionnaire
from ..waves import WaveSelection

DEFAULT_DAYS_OPEN = 14


RECENT_PAIR_DAYS = 365


def _default_closing():
    return timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS_OPEN)


def _pair_label(pk: int, mentor: str, form: str, status: str) -> str:
    return f"№ {pk} — {mentor}, {form} ({Pair.Status(status).label})"


class PairChoiceIterator(ModelChoiceIterator):
    """The pairs' options read as values: a big college lists ~1,200 pairs, and three model
    instances a row (the pair, its mentor's person, its form) were most of the page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list(
            "pk",
            "mentor__person__last_name",
            "mentor__person__first_name",
            "mentor__person__middle_name",
            "form__name",
            "status",
        )
        for pk, last, first, middle, form, status in rows:
            label = _pair_label(pk, short_name(last, first, middle), form, status)
            yield ModelChoiceIteratorValue(pk, None), label


class PairChoiceField(forms.ModelMultipleChoiceField):
    iterator = PairChoiceIterator

    def label_from_instance(self, obj):
        return _pair_label(obj.pk, obj.mentor.person.short_name, obj.form.name, obj.status)


class WaveCreateForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label="Анкета",
        queryset=Questionnaire.objects.filter(is_active=True),
        empty_label="выберите анкету",
    )
    title = forms.CharField(
        label="Название опроса",
        max_length=200,
        help_text="Его видят участники в письме и на странице анкеты, например: "
        "«Удовлетворённость участием, май 2025».",
    )
    closes_on = forms.DateField(
        label="Принимать ответы по", initial=_default_closing, widget=DateInput()
    )
    roles = forms.MultipleChoiceField(
        label="Роль",
        required=False,
        choices=[(Invitation.Role.MENTOR, "наставники"), (Invitation.Role.MENTEE, "наставляемые")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Ничего не отмечено — все, кому адресована анкета.",
    )
    mentoring_forms = forms.ModelMultipleChoiceField(
        label="Форма наставничества",
        queryset=MentoringForm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mentor_statuses = forms.MultipleChoiceField(
        label="Статус наставника",
        required=False,
        choices=MentorProfile.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    mentee_statuses = forms.MultipleChoiceField(
        label="Статус наставляемого",
        required=False,
        choices=MenteeProfile.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    pairs = PairChoiceField(
        label="Только эти пары и группы",
        queryset=Pair.objects.none(),  # set per form: see __init__
        required=False,
        # Hundreds of pairs in a big college: written without a template per option.
        widget=LongSelectMultiple(attrs={"size": 8}),
        help_text="Ctrl (⌘) + щелчок — выбрать несколько. Ничего не выбрано — все пары.",
    )
    include_closed_pairs = forms.BooleanField(
        label="Включая завершённые пары",
        required=False,
        help_text="Например, итоговая анкета после того, как пары завершили работу.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pairs at work, then those closed within a year (an exit survey after the end),
        # newest first: a big college has thousands of pairs over the years, and a list of
        # all of them is neither readable nor fast.
        recent = timezone.localdate() - dt.timedelta(days=RECENT_PAIR_DAYS)
        self.fields["pairs"].queryset = (
            Pair.objects.filter(Q(status__in=Pair.CURRENT_STATUSES) | Q(end_date__gte=recent))
            .select_related("mentor__person", "form")
            .order_by(
                Case(When(status__in=Pair.CURRENT_STATUSES, then=0), default=1),
                "-start_date",
                "pk",
            )
        )
        self.fields["pairs"].help_text += (
            f" В списке — действующие пары и завершённые за последние {RECENT_PAIR_DAYS} дней."
        )

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError("Дата окончания приёма ответов уже прошла.")
        return closes_on

    def selection(self) -> WaveSelection:
        data = self.cleaned_data
        return WaveSelection(
            roles=tuple(data["roles"]),
            forms=tuple(form.pk for form in data["mentoring_forms"]),
            mentor_statuses=tuple(data["mentor_statuses"]),
            mentee_statuses=tuple(data["mentee_statuses"]),
            pairs=tuple(pair.pk for pair in data["pairs"]),
            include_closed_pairs=data["include_closed_pairs"],
        )
