from django import forms
from django.utils import timezone

from mentorship.lib.forms import DateInput


def _today():
    return timezone.localdate()


class PairActivateForm(forms.Form):
    on = forms.DateField(label="Дата начала работы", initial=_today, widget=DateInput())
    order_number = forms.CharField(label="Номер приказа о закреплении", max_length=50)
    order_date = forms.DateField(label="Дата приказа", initial=_today, widget=DateInput())


class PairFinishForm(forms.Form):
    on = forms.DateField(label="Дата завершения", initial=_today, widget=DateInput())
    result_summary = forms.CharField(
        label="Итоги работы",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Чего достигли наставляемые, что получилось и что нет.",
    )


class PairEndEarlyForm(forms.Form):
    on = forms.DateField(label="Дата прекращения", initial=_today, widget=DateInput())
    reason = forms.CharField(
        label="Причина",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Например: отчисление наставляемого, перевод, конфликт в паре.",
    )
