"""The curator's form for opening a wave: which questionnaire, until when, and for whom."""

import datetime as dt

from django import forms
from django.db.models import Case, Q, When
from django.utils import timezone

from mentorship.lib.forms import DateInput
from mentorship.pairs.models import Pair
from mentorship.people.models import MenteeProfile, MentoringForm, MentorProfile

from ..models import Invitation, Questionnaire
from ..waves import WaveSelection

DEFAULT_DAYS_OPEN = 14


RECENT_PAIR_DAYS = 365


def _default_closing():
    return timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS_OPEN)


class PairChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return (
            f"№ {obj.pk} — {obj.mentor.person.short_name}, {obj.form.name} "
            f"({obj.get_status_display()})"
        )


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
        widget=forms.SelectMultiple(attrs={"size": 8}),
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
