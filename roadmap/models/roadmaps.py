import uuid
from pathlib import Path

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from mentorship.lib.storage import PrivateStorage

STAGES = [
    (1, "Подготовка условий для запуска программы наставничества"),
    (2, "Формирование базы наставляемых"),
    (3, "Формирование базы наставников"),
    (4, "Отбор и обучение наставников"),
    (5, "Формирование наставнических пар / групп"),
    (6, "Организация работы наставнических пар / групп"),
    (7, "Завершение программы наставничества"),
]


def evidence_storage() -> PrivateStorage:
    """Evidence files live in MEDIA_ROOT/roadmap-evidence and are downloaded only through
    roadmap:activity-evidence, which checks the role."""
    return PrivateStorage("roadmap-evidence", "/roadmap/")


def evidence_name(instance, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"{uuid.uuid4().hex}{suffix}"


class Roadmap(models.Model):
    """Дорожная карта of the programme for a period (e.g. 2022–2024, or an academic year)."""

    title = models.CharField("название", max_length=300)
    start_date = models.DateField("начало периода")
    end_date = models.DateField("конец периода")
    approved_by = models.CharField("кем утверждена", max_length=200, blank=True)
    approved_on = models.DateField("дата утверждения", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "дорожная карта"
        verbose_name_plural = "дорожные карты"
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="roadmap_roadmap_end_after_start"
            )
        ]

    def __str__(self):
        return self.title


class Section(models.Model):
    """A stage of the seven (stage set) or a free section («Информационное сопровождение»)."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="sections", verbose_name="дорожная карта"
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)
    stage = models.PositiveSmallIntegerField(
        "этап", choices=STAGES, null=True, blank=True, help_text="Пусто — раздел вне этапов."
    )
    title = models.CharField("название", max_length=300)
    task = models.TextField("задача этапа", blank=True)

    class Meta:
        verbose_name = "этап / раздел"
        verbose_name_plural = "этапы и разделы"
        ordering = ["roadmap", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["roadmap", "stage"],
                condition=Q(stage__isnull=False),
                name="roadmap_section_stage_once",
            )
        ]

    def __str__(self):
        return self.title


class Activity(models.Model):
    """An activity of the roadmap. Its deadline is written as colleges' roadmaps write it: a date,
    a month, «ежегодно» with months, or «весь период». Overdue is derived, never stored."""

    class DeadlineKind(models.TextChoices):
        DATE = "date", "дата"
        MONTH = "month", "месяц"
        YEARLY = "yearly", "ежегодно"
        PERIOD = "period", "весь период"
        NONE = "none", "без фиксированного срока"

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        IN_PROGRESS = "in_progress", "выполняется"
        DONE = "done", "выполнено"
        CANCELLED = "cancelled", "отменено"

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="activities", verbose_name="дорожная карта"
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="activities", verbose_name="этап / раздел"
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)
    title = models.TextField("мероприятие")
    substage = models.TextField(
        "содержание подэтапа",
        blank=True,
        help_text="Подэтап, к которому относится мероприятие, как в программе колледжа.",
    )
    start_date = models.DateField("начало", null=True, blank=True)
    deadline_kind = models.CharField("вид срока", max_length=10, choices=DeadlineKind.choices)
    deadline_date = models.DateField("срок (дата)", null=True, blank=True)
    deadline_month = models.DateField(
        "срок (месяц)", null=True, blank=True, help_text="Первое число месяца."
    )
    yearly_months = models.JSONField(
        "месяцы (для «ежегодно»)", default=list, blank=True, help_text="Номера месяцев, 1–12."
    )
    deadline_words = models.TextField(
        "срок словами дорожной карты",
        blank=True,
        help_text="Срок, как он записан в загруженной дорожной карте; график прочитан из него.",
    )
    responsible = models.CharField("ответственные", max_length=300, blank=True)
    expected_result = models.TextField("ожидаемый результат (документ)", blank=True)
    indicator = models.TextField("показатель эффективности", blank=True)
    status = models.CharField(
        "статус", max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    completed_on = models.DateField("дата выполнения", null=True, blank=True)
    evidence_url = models.URLField("подтверждение (ссылка)", blank=True)
    evidence_file = models.FileField(
        "подтверждение (файл)",
        upload_to=evidence_name,
        storage=evidence_storage,
        blank=True,
        max_length=200,
    )
    documents = models.ManyToManyField(
        "documents.RegisteredDocument",
        verbose_name="подтверждение (документы реестра)",
        related_name="activities",
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожной карты"
        ordering = ["roadmap", "section__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(deadline_kind="date") | Q(deadline_date__isnull=False),
                name="roadmap_activity_date_kind_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(deadline_kind="month") | Q(deadline_month__isnull=False),
                name="roadmap_activity_month_kind_has_month",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False)
                | Q(deadline_kind="yearly"),
                name="roadmap_activity_done_has_date",
            ),
        ]

    def __str__(self):
        return self.title[:120]


class ActivityYearDone(models.Model):
    """For a yearly activity: that it was done in a year, when, and the evidence."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="year_done", verbose_name="мероприятие"
    )
    year = models.PositiveSmallIntegerField(
        "год", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    completed_on = models.DateField("дата выполнения")
    evidence_url = models.URLField("подтверждение (ссылка)", blank=True)
    note = models.CharField("примечание", max_length=300, blank=True)

    class Meta:
        verbose_name = "выполнение за год"
        verbose_name_plural = "выполнение по годам"
        ordering = ["activity", "year"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year"], name="roadmap_yeardone_once")
        ]

    def __str__(self):
        return f"{self.year}: {self.completed_on:%d.%m.%Y}"
