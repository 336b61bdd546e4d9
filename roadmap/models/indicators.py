from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from mentorship.lib.periods import ReportPeriod

PERIOD_HELP = "Календарный год (2025) или учебный год (2025/2026)."


def period_key_clean(value: object) -> str:
    """A report period's key as stored: «2025» or «2025/2026» («2025-2026» and spaces are
    accepted and written the one way); ValidationError with a Russian message otherwise."""
    try:
        return ReportPeriod.parse(value).key
    except ValueError as error:
        raise ValidationError(str(error), code="invalid_period") from None


def validate_period_key(value: object) -> None:
    if period_key_clean(value) != value:
        raise ValidationError(
            f"Период записывается как 2025 или 2025/2026, а не «{value}».", code="invalid_period"
        )


class _PeriodKeyed(models.Model):
    """Kept per report period: its key in `period`, written the one way on save."""

    period = models.CharField(
        "период", max_length=9, validators=[validate_period_key], help_text=PERIOD_HELP
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        try:
            self.period = period_key_clean(self.period)
        except ValidationError:
            pass  # left to the database's and full_clean's refusal; nothing guessed
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        if self.period and (exclude is None or "period" not in exclude):
            try:
                self.period = period_key_clean(self.period)
            except ValidationError as error:
                raise ValidationError({"period": error.messages}) from None
        super().clean_fields(exclude=exclude)

    @property
    def report_period(self) -> ReportPeriod:
        return ReportPeriod.parse(self.period)


class Indicator(models.Model):
    """A KPI of the programme. What it computes is a code from the registry in
    roadmap/kpi/, or «вводится вручную»; its targets and entered figures are per report
    period (a calendar year «2025» or an academic year «2025/2026»)."""

    MANUAL = "manual"

    name = models.CharField("показатель", max_length=400, unique=True)
    unit = models.CharField("единица", max_length=20, default="%")
    computation = models.CharField(
        "как считается",
        max_length=50,
        default=MANUAL,
        help_text="Расчёт из данных системы или «вводится вручную».",
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)
    description = models.TextField("пояснение", blank=True)
    own_name = models.TextField(
        "название в программе колледжа",
        blank=True,
        help_text="Как показатель назван в таблице показателей программы или дорожной карты.",
    )
    result = models.TextField(
        "результат на выходе из программы",
        blank=True,
        help_text="Например: «Не менее 70 % обучающихся вовлечены в наставническую деятельность».",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "показатель эффективности"
        verbose_name_plural = "показатели эффективности"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class IndicatorTarget(_PeriodKeyed):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name="показатель"
    )
    value = models.DecimalField("целевое значение", max_digits=9, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "целевое значение"
        verbose_name_plural = "целевые значения"
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="roadmap_target_once")
        ]

    def __str__(self):
        return f"{self.period}: {self.value}"


class IndicatorYearData(_PeriodKeyed):
    """What the data cannot know, entered for a report period (a calendar or an academic
    year): a denominator (e.g. all enterprises of the region) or the value of a manual
    indicator."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="year_data", verbose_name="показатель"
    )
    denominator = models.DecimalField(
        "знаменатель", max_digits=12, decimal_places=2, null=True, blank=True
    )
    numerator = models.DecimalField(
        "числитель (для ручного показателя)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    value = models.DecimalField(
        "значение (для ручного показателя)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    source = models.CharField("источник", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "данные за год"
        verbose_name_plural = "данные за годы"
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="roadmap_yeardata_once")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period}"
