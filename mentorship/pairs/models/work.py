from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class IndividualPlan(models.Model):
    """Индивидуальный план (персонализированная программа наставничества) of a pair."""

    pair = models.OneToOneField(
        "pairs.Pair", on_delete=models.CASCADE, related_name="plan", verbose_name="пара / группа"
    )
    goals = models.TextField("цели", help_text="Чего пара хочет достичь к концу программы.")
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "индивидуальный план"
        verbose_name_plural = "индивидуальные планы"

    def __str__(self):
        return f"План пары {self.pair_id}"


class PlanTask(models.Model):
    plan = models.ForeignKey(
        IndividualPlan, on_delete=models.CASCADE, related_name="tasks", verbose_name="план"
    )
    title = models.CharField("задача", max_length=300)
    due_date = models.DateField("срок")
    mentee = models.ForeignKey(
        "people.MenteeProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plan_tasks",
        verbose_name="чья задача",
        help_text="Пусто — задача всей пары/группы; её отмечает наставник.",
    )
    done = models.BooleanField("выполнена", default=False)
    done_on = models.DateField("дата выполнения", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "задача плана"
        verbose_name_plural = "задачи плана"
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done=False, done_on__isnull=True) | Q(done=True, done_on__isnull=False),
                name="pairs_plantask_done_has_date",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # The date a task was done goes with the mark; the screens need not ask for both.
        if self.done and self.done_on is None:
            self.done_on = timezone.localdate()
        if not self.done:
            self.done_on = None


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ACQUAINTANCE = "acquaintance", "знакомство"
        TRIAL = "trial", "пробная рабочая встреча"
        PLANNING = "planning", "планирование"
        REGULAR = "regular", "регулярная"
        FINAL = "final", "итоговая"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "очно"
        ONLINE = "online", "дистанционно"
        MIXED = "mixed", "смешанный"

    pair = models.ForeignKey(
        "pairs.Pair",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name="пара / группа",
    )
    kind = models.CharField("вид встречи", max_length=20, choices=Kind.choices)
    date = models.DateField("дата")
    format = models.CharField(
        "формат", max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    topic = models.CharField("тема", max_length=300)
    notes = models.TextField("заметки", blank=True)
    attendees = models.ManyToManyField(
        "people.MenteeProfile", blank=True, related_name="meetings", verbose_name="присутствовали"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто записал",
    )
    created_at = models.DateTimeField("записано", auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        ordering = ["-date", "-pk"]
        # The admin's list pages in this order: read from the index, the first 50 of tens of
        # thousands of meetings cost what 50 rows cost (no join of every row, then a sort).
        indexes = [models.Index(fields=["-date", "-id"], name="pairs_meeting_date_id")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"
