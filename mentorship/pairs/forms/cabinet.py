from django import forms
from django.utils import timezone

from mentorship.lib.forms import DateInput

from ..models import Meeting

# Phones: full-width controls of a comfortable height.
_BIG = {"class": "form-control-lg"}


class MenteeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.person.full_name


class MeetingForm(forms.Form):
    """«Записать встречу». Attendees are offered from the pair's own mentees only, so an id
    from another pair fails as an invalid choice before the service is called."""

    kind = forms.ChoiceField(
        label="Вид встречи",
        choices=Meeting.Kind.choices,
        widget=forms.Select(attrs={"class": "form-select-lg"}),
    )
    date = forms.DateField(label="Дата", widget=DateInput(attrs=_BIG))
    format = forms.ChoiceField(
        label="Формат",
        choices=Meeting.Format.choices,
        initial=Meeting.Format.IN_PERSON,
        widget=forms.RadioSelect,
    )
    topic = forms.CharField(label="Тема", max_length=300, widget=forms.TextInput(attrs=_BIG))
    notes = forms.CharField(
        label="Заметки",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Что обсудили, о чём договорились. Видят все участники пары или группы.",
    )
    attendees = MenteeChoiceField(
        label="Присутствовали",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, mentees, first_meeting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = mentees
        self.fields["date"].initial = timezone.localdate
        self.fields["attendees"].initial = list(mentees)
        self.fields["kind"].initial = (
            Meeting.Kind.ACQUAINTANCE if first_meeting else Meeting.Kind.REGULAR
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                "Дата встречи ещё не наступила: записывайте встречи, которые уже прошли."
            )
        return date
