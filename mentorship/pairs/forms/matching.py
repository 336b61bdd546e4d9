"""Forms of the matching pages: the waiting list filter, forming a pair, accepting a proposal."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from mentorship.lib.dates import academic_year_end
from mentorship.lib.forms import DateInput, LongSelect
from mentorship.people.models import MenteeProfile, MentoringForm, MentorProfile, RoleModel

from .. import matching, rules


class WaitingFilterForm(forms.Form):
    form = forms.ModelChoiceField(
        label="Форма",
        queryset=MentoringForm.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="все формы",
    )
    status = forms.ChoiceField(
        label="Статус",
        required=False,
        choices=[
            ("", "ожидают и без пары"),
            (MenteeProfile.Status.WAITING, "ожидают наставника"),
            (MenteeProfile.Status.NO_PAIR, "пара не подобрана"),
        ],
    )
    course = forms.TypedChoiceField(
        label="Курс",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "любой")] + [(n, f"{n} курс") for n in range(1, 7)],
    )
    group = forms.ChoiceField(label="Группа", required=False, widget=LongSelect)

    def __init__(self, *args, groups: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "все группы")] + [(g, g) for g in groups]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["form"]:
            queryset = queryset.filter(desired_form=data["form"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["course"]:
            queryset = queryset.filter(person__course=data["course"])
        if data["group"]:
            queryset = queryset.filter(person__study_group=data["group"])
        return queryset


class FormChoiceForm(forms.Form):
    """The first step of forming a pair: which form of mentoring (it narrows the lists)."""

    form = forms.ModelChoiceField(
        label="Форма наставничества",
        queryset=MentoringForm.objects.all(),
        to_field_name="code",
        empty_label=None,
    )


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        left = max(obj.capacity - obj.load, 0)
        return f"{obj.person.full_name} — свободно {left} из {obj.capacity}"


class MenteeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        person = obj.person
        details = [
            d for d in (person.study_group, f"{person.course} курс" if person.course else "") if d
        ]
        return f"{person.full_name}" + (f" — {', '.join(details)}" if details else "")


def mentors_for_form(mentoring_form: MentoringForm, *, also=()):
    """Mentors the select offers: ready ones of a kind the form takes (plus `also`, ids a
    link prefilled, so that the rules, not the select, say what is wrong with them)."""
    fits = Q(status__in=matching.READY_MENTOR_STATUSES) & rules.mentor_fits_q(mentoring_form)
    return (
        MentorProfile.objects.filter(fits | Q(pk__in=also))
        .select_related("person")
        .annotate(load=matching.current_load())
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )


def mentees_for_form(mentoring_form: MentoringForm, *, also=()):
    """Waiting mentees of a kind and course the form takes (plus prefilled `also`)."""
    fits = rules.waiting_mentees_q() & rules.mentee_fits_q(mentoring_form)
    return (
        MenteeProfile.objects.filter(fits | Q(pk__in=also))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


class _PairDatesForm(forms.Form):
    """A pair's planned end comes after its start (the Pair table's check, said in words)."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("planned_end_date")
        if start and end and end <= start:
            self.add_error(
                "planned_end_date", "Плановая дата окончания должна быть позже даты начала."
            )
        return data


class PairCreateForm(_PairDatesForm):
    role_model = forms.ModelChoiceField(
        label="Вариант ролевой модели",
        queryset=RoleModel.objects.none(),
        required=False,
        empty_label="— не выбран —",
    )
    mentor = MentorChoiceField(label="Наставник", queryset=MentorProfile.objects.none())
    mentees = MenteeChoiceField(
        label="Наставляемые",
        queryset=MenteeProfile.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Один — пара, несколько — группа. Ctrl или ⌘ — выбрать несколько.",
    )
    start_date = forms.DateField(label="Дата начала", widget=DateInput())
    planned_end_date = forms.DateField(
        label="Плановая дата окончания",
        widget=DateInput(),
        help_text="По умолчанию — конец учебного года, 30 июня.",
    )
    order_number = forms.CharField(
        label="Номер приказа о закреплении", max_length=50, required=False
    )
    order_date = forms.DateField(label="Дата приказа", required=False, widget=DateInput())

    def __init__(
        self, *args, mentoring_form: MentoringForm, prefill_mentor=(), prefill_mentees=(), **kwargs
    ):
        today = timezone.localdate()
        mentor_ids, mentee_ids = _ids(prefill_mentor), _ids(prefill_mentees)
        initial = {
            "start_date": today,
            "planned_end_date": academic_year_end(today),
            "mentor": mentor_ids[0] if mentor_ids else None,
            "mentees": mentee_ids,
            **kwargs.pop("initial", {}),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.mentoring_form = mentoring_form
        self.fields["role_model"].queryset = RoleModel.objects.filter(form=mentoring_form).order_by(
            "name"
        )
        self.fields["mentor"].queryset = mentors_for_form(mentoring_form, also=mentor_ids)
        self.fields["mentees"].queryset = mentees_for_form(mentoring_form, also=mentee_ids)


class ProposalAcceptForm(_PairDatesForm):
    """Dates and the order the accepted pairs of a proposal share."""

    start_date = forms.DateField(label="Дата начала", widget=DateInput())
    planned_end_date = forms.DateField(label="Плановая дата окончания", widget=DateInput())
    order_number = forms.CharField(label="Номер приказа", max_length=50, required=False)
    order_date = forms.DateField(label="Дата приказа", required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial", {"start_date": today, "planned_end_date": academic_year_end(today)}
        )
        super().__init__(*args, **kwargs)
