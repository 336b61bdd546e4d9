"""The regional centre's data: the colleges of the region, their packages, the regional
denominators. Not a single person: a package holds only aggregates
(mentorship/package/SCHEMA.md), and these tables hold only what the packages say."""

from django.db import models
from django.db.models import Q

from roadmap.kpi import REGIONAL_DENOMINATORS


class RegionalCentre(models.Model):
    """The centre itself (one row, pk=1): its name and its region, for the reports."""

    name = models.CharField(
        "наименование центра", max_length=300, default="Региональный наставнический центр"
    )
    region = models.CharField("субъект РФ", max_length=200, blank=True)

    class Meta:
        verbose_name = "региональный наставнический центр"
        verbose_name_plural = "региональный наставнический центр"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="region_centre_single_row")]

    def __str__(self):
        return self.name

    @classmethod
    def get(cls) -> "RegionalCentre":
        centre, _ = cls.objects.get_or_create(pk=1)
        return centre


class RegionCollege(models.Model):
    """A college of the region, known by its ИНН: listed by the coordinator (so a missing
    package shows) or added by its first package. Names are the latest package's."""

    inn = models.CharField("ИНН", max_length=12, unique=True)
    short_name = models.CharField("краткое наименование", max_length=200)
    full_name = models.CharField("полное наименование", max_length=400, blank=True)
    city = models.CharField("город", max_length=100, blank=True)
    expected = models.BooleanField(
        "ждём пакеты",
        default=True,
        help_text="Колледж участвует в программе региона: без пакета за период он в списке "
        "«не прислали пакет».",
    )

    class Meta:
        verbose_name = "колледж региона"
        verbose_name_plural = "колледжи региона"
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


class Package(models.Model):
    """The package of one college for one period as it was uploaded last (a newer upload
    replaces it: PackageUpload keeps what happened). data is the package as written."""

    college = models.ForeignKey(
        RegionCollege, on_delete=models.CASCADE, related_name="packages", verbose_name="колледж"
    )
    period = models.CharField("отчётный период", max_length=9)
    schema_version = models.PositiveSmallIntegerField("версия схемы")
    app_version = models.CharField("версия программы колледжа", max_length=40)
    checksum = models.CharField("контрольная сумма", max_length=80)
    created_at = models.DateTimeField("выгружен в колледже")
    uploaded_at = models.DateTimeField("загружен в РНЦ")
    data = models.JSONField("пакет")

    class Meta:
        verbose_name = "пакет колледжа"
        verbose_name_plural = "пакеты колледжей"
        ordering = ["period", "college__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["college", "period"], name="region_package_one_per_college_period"
            )
        ]
        indexes = [models.Index(fields=["period"], name="region_package_period")]

    def __str__(self):
        return f"{self.college} — {self.period}"


class PackageKpi(models.Model):
    """One indicator of a package, as a row the regional dashboard can sum in SQL.
    Suppressed counts («< 3») are None with their flag set."""

    package = models.ForeignKey(
        Package, on_delete=models.CASCADE, related_name="kpis", verbose_name="пакет"
    )
    order = models.PositiveSmallIntegerField("порядок")
    code = models.CharField("код расчёта", max_length=40, blank=True)
    name = models.CharField("показатель", max_length=500)
    unit = models.CharField("единица", max_length=20, blank=True)
    target = models.DecimalField("цель", max_digits=12, decimal_places=2, null=True)
    numerator = models.DecimalField("числитель", max_digits=14, decimal_places=2, null=True)
    numerator_suppressed = models.BooleanField("числитель скрыт («< 3»)", default=False)
    denominator = models.DecimalField("знаменатель", max_digits=14, decimal_places=2, null=True)
    denominator_suppressed = models.BooleanField("знаменатель скрыт («< 3»)", default=False)
    denominator_entered = models.BooleanField("знаменатель внесён колледжем", default=False)
    regional_denominator = models.BooleanField("знаменатель региональный", default=False)
    value = models.DecimalField("значение", max_digits=12, decimal_places=2, null=True)
    value_suppressed = models.BooleanField("значение скрыто («< 3»)", default=False)
    status = models.CharField("статус", max_length=30, blank=True)

    class Meta:
        verbose_name = "показатель пакета"
        verbose_name_plural = "показатели пакетов"
        ordering = ["package", "order"]
        indexes = [models.Index(fields=["code"], name="region_packagekpi_code")]

    def __str__(self):
        return self.name


class PackageUpload(models.Model):
    """The journal of uploads: each accepted package, who uploaded it, and what it changed
    against the package it replaced."""

    college = models.ForeignKey(
        RegionCollege, on_delete=models.CASCADE, related_name="uploads", verbose_name="колледж"
    )
    period = models.CharField("отчётный период", max_length=9)
    checksum = models.CharField("контрольная сумма", max_length=80)
    replaced_checksum = models.CharField("заменил пакет", max_length=80, blank=True)
    changes = models.TextField("что изменилось", blank=True)
    warnings = models.TextField("предупреждения", blank=True)
    uploaded_at = models.DateTimeField("загружен")
    username = models.CharField("кто загрузил", max_length=150, blank=True)
    file_name = models.CharField("файл", max_length=255, blank=True)

    class Meta:
        verbose_name = "загрузка пакета"
        verbose_name_plural = "журнал загрузки пакетов"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.college} — {self.period}"


class RegionalDenominator(models.Model):
    """A regional figure for a period: children 10–19 living in the region, its enterprises,
    its young teachers… The region's indicators divide the colleges' summed numerators by it."""

    Kind = models.TextChoices(
        "Kind", [(key.upper(), (key, label)) for key, label in REGIONAL_DENOMINATORS.items()]
    )

    period = models.CharField("отчётный период", max_length=9)
    kind = models.CharField("знаменатель", max_length=30, choices=Kind.choices)
    value = models.PositiveIntegerField("значение")
    source = models.CharField(
        "источник",
        max_length=300,
        blank=True,
        help_text="Например: данные Кировстата на 01.01.2026",
    )

    class Meta:
        verbose_name = "региональный знаменатель"
        verbose_name_plural = "региональные знаменатели"
        ordering = ["period", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kind"], name="region_denominator_one_per_period_kind"
            ),
            models.CheckConstraint(condition=Q(value__gt=0), name="region_denominator_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.period}"
