"""The curator's indicator screens: what each indicator computes, its targets by year, the
figures only a person can enter (a region's enterprises, a manual indicator's value), and
xlsx import/export of targets. The director reads them (view permissions only).

Registered on import of this module; roadmap's admin loads it.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from mentorship.admin_site import AuditHistoryAdmin, ReadersCannotPostMixin, TitledListMixin
from mentorship.lib.periods import ReportPeriod

from .admin_xlsx import KpiTargetImportExportMixin
from .kpi import COMPUTATIONS, MANUAL, computation_choices, computation_label
from .models import Indicator, IndicatorTarget, IndicatorYearData
from .models.indicators import PERIOD_HELP, period_key_clean


class PeriodField(forms.CharField):
    """A report period typed as «2025» (calendar year) or «2025/2026» (academic year);
    «2025-2026» is accepted and written «2025/2026». A Russian message for anything else."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Период")
        kwargs.setdefault("help_text", PERIOD_HELP)
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "2025 или 2025/2026")
        self.widget.attrs.setdefault("size", 10)

    def clean(self, value):
        value = super().clean(value)
        try:
            return period_key_clean(value)
        except ValidationError as error:
            raise ValidationError(error.messages, code="invalid_period") from None


class IndicatorForm(forms.ModelForm):
    computation = forms.ChoiceField(
        label="Как считается",
        help_text="Расчёт из данных системы (формула — ниже) или «вводится вручную»: тогда "
        "значение за период (год или учебный год) вносится в «Данные за периоды».",
    )

    class Meta:
        model = Indicator
        fields = ["name", "own_name", "unit", "computation", "order", "description", "result"]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = computation_choices()
        current = self.instance.computation if self.instance.pk else None
        if current and current not in dict(choices):
            # A code the registry no longer has: shown, so that saving keeps it visible.
            choices.append((current, computation_label(current)))
        self.fields["computation"].choices = choices
        if not self.instance.pk:
            self.initial.setdefault("computation", MANUAL)


class IndicatorTargetForm(forms.ModelForm):
    period = PeriodField()
    value = forms.DecimalField(
        label="Целевое значение", max_digits=9, decimal_places=2, min_value=0
    )

    class Meta:
        model = IndicatorTarget
        fields = ["period", "value"]


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    form = IndicatorTargetForm
    extra = 0
    verbose_name_plural = "целевые значения по периодам (годам или учебным годам)"


class IndicatorYearDataForm(forms.ModelForm):
    period = PeriodField()

    class Meta:
        model = IndicatorYearData
        fields = ["period", "denominator", "numerator", "value", "source"]


class IndicatorYearDataInline(admin.TabularInline):
    model = IndicatorYearData
    form = IndicatorYearDataForm
    extra = 0
    verbose_name_plural = (
        "данные за периоды (годы или учебные годы): знаменатель, которого нет в базе "
        "(для долей от числа по субъекту РФ — детей 10–19 и 15–19 лет, молодых педагогов, "
        "предприятий региона — он обязателен: без него показатель не рассчитывается), "
        "знаменатель, которому доверяют больше, чем базе, или значение ручного показателя"
    )


@admin.register(Indicator)
class IndicatorAdmin(
    KpiTargetImportExportMixin, TitledListMixin, ReadersCannotPostMixin, AuditHistoryAdmin
):
    form = IndicatorForm
    list_display = ["name", "unit", "computation_text", "targets_text", "order"]
    list_display_links = ["name"]
    search_fields = ["name"]
    ordering = ["order", "pk"]
    list_per_page = 50
    inlines = [IndicatorTargetInline, IndicatorYearDataInline]
    readonly_fields = ["formula"]
    fields = [
        "name",
        "own_name",
        ("unit", "order"),
        "computation",
        "formula",
        "description",
        "result",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("targets")

    def get_readonly_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.readonly_fields
        return [*self.readonly_fields, "computation_text"]

    def get_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.fields
        return ["name", ("unit", "order"), "computation_text", "formula", "description"]

    @admin.display(description="как считается", ordering="computation")
    def computation_text(self, obj):
        return computation_label(obj.computation)

    @admin.display(description="цели по периодам")
    def targets_text(self, obj):
        targets = sorted(obj.targets.all(), key=lambda target: ReportPeriod.parse(target.period))
        return " · ".join(f"{t.period}: {_number(t.value)}" for t in targets) or "—"

    @admin.display(description="формула")
    def formula(self, obj):
        computation = COMPUTATIONS.get(obj.computation) if obj else None
        if computation is None:
            return "вводится вручную: значение или числитель и знаменатель за период"
        return computation.description


def _number(value) -> str:
    return f"{value.normalize():f}".replace(".", ",")
