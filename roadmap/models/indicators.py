from django.db import models
from simple_history.models import HistoricalRecords


class Indicator(models.Model):
    """A KPI of the programme. What it computes is a code from the registry in
    roadmap/kpi/, or «вводится вручную»; its targets and entered figures are per year."""

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

    history = HistoricalRecords()

    class Meta:
        verbose_name = "показатель эффективности"
        verbose_name_plural = "показатели эффективности"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name="показатель"
    )
    year = models.PositiveSmallIntegerField("год")
    value = models.DecimalField("целевое значение", max_digits=9, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "целевое значение"
        verbose_name_plural = "целевые значения"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="roadmap_target_once")
        ]

    def __str__(self):
        return f"{self.year}: {self.value}"


class IndicatorYearData(models.Model):
    """What the data cannot know, entered for a year: a denominator (e.g. all enterprises of
    the region) or the value of a manual indicator."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="year_data", verbose_name="показатель"
    )
    year = models.PositiveSmallIntegerField("год")
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
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="roadmap_yeardata_once")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.year}"
