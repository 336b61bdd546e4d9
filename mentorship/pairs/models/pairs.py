import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from mentorship.lib.constraints import ChecksAtOnce


class PairQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Pair.Status.ACTIVE)

    def current(self):
        """Pairs that hold their members: being formed or at work."""
        return self.filter(status__in=Pair.CURRENT_STATUSES)

    def active_between(self, start: dt.date, end: dt.date):
        """Pairs that were at work at some point from start to end (both included): activated
        (not only being formed), started by end, not ended before start — a report period,
        a calendar or an academic year."""
        return self.exclude(status=Pair.Status.FORMING).filter(
            Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))
        )

    def with_activity(self):
        """Annotate last_meeting (date), mentee_count, and plan task counts.

        Each by its own correlated subquery: joining meetings, memberships and tasks onto
        the same rows multiplies them (thousands of rows per pair) before counting."""
        from .work import Meeting, PlanTask

        def per_pair(queryset, pair_path):
            return queryset.filter(**{pair_path: OuterRef("pk")}).order_by().values(pair_path)

        def count(queryset, pair_path):
            counted = per_pair(queryset, pair_path).annotate(n=Count("pk")).values("n")
            return Coalesce(Subquery(counted), 0)

        tasks = PlanTask.objects.all()
        return self.annotate(
            last_meeting=Subquery(
                per_pair(Meeting.objects.all(), "pair").annotate(d=Max("date")).values("d")
            ),
            mentee_count=count(PairMembership.objects.all(), "pair"),
            task_total=count(tasks, "plan__pair"),
            task_done=count(tasks.filter(done=True), "plan__pair"),
        )

    def with_inactivity(self, day: dt.date, days: int):
        """Annotate is_inactive: an active pair with no meeting in the last `days` days
        (counted from its start while it has had none)."""
        from .work import Meeting

        last_meeting = Meeting.objects.filter(pair=OuterRef("pk")).order_by("-date").values("date")
        return self.alias(
            activity_since=Coalesce(Subquery(last_meeting[:1]), F("start_date"))
        ).annotate(
            is_inactive=Case(
                When(
                    status=Pair.Status.ACTIVE,
                    activity_since__lt=day - dt.timedelta(days=days),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def inactive_on(self, day: dt.date, days: int):
        """The pairs is_inactive names, by the same condition written as plain filters: a
        filter on the CASE made the database work out the latest meeting of every pair,
        ended ones included (11 ms at 2,600 pairs), where only the active ones need it."""
        return self.with_inactivity(day, days).filter(
            status=Pair.Status.ACTIVE, activity_since__lt=day - dt.timedelta(days=days)
        )


class Pair(ChecksAtOnce, models.Model):
    """A mentoring pair (one mentee) or group (several): one mentor, one form."""

    class Status(models.TextChoices):
        FORMING = "forming", "формируется"
        ACTIVE = "active", "активна"
        FINISHED = "finished", "завершена"
        ENDED_EARLY = "ended_early", "прекращена досрочно"

    CURRENT_STATUSES = (Status.FORMING, Status.ACTIVE)
    CLOSED_STATUSES = (Status.FINISHED, Status.ENDED_EARLY)

    mentor = models.ForeignKey(
        "people.MentorProfile",
        on_delete=models.PROTECT,
        related_name="pairs",
        verbose_name="наставник",
    )
    mentees = models.ManyToManyField(
        "people.MenteeProfile",
        through="PairMembership",
        related_name="pairs",
        verbose_name="наставляемые",
    )
    form = models.ForeignKey(
        "people.MentoringForm", on_delete=models.PROTECT, related_name="pairs", verbose_name="форма"
    )
    role_model = models.ForeignKey(
        "people.RoleModel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairs",
        verbose_name="вариант ролевой модели",
    )
    status = models.CharField(
        "статус", max_length=20, choices=Status.choices, default=Status.FORMING
    )
    start_date = models.DateField("дата начала")
    planned_end_date = models.DateField("плановая дата окончания")
    end_date = models.DateField("дата окончания", null=True, blank=True)
    order_number = models.CharField("номер приказа", max_length=50, blank=True)
    order_date = models.DateField("дата приказа", null=True, blank=True)
    end_reason = models.TextField("причина досрочного прекращения", blank=True)
    result_summary = models.TextField("итоги работы", blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    # The register's documents that concern the pair (an order, an agreement); declared here,
    # above the documents app.
    documents = models.ManyToManyField(
        "documents.RegisteredDocument",
        verbose_name="документы реестра",
        related_name="pairs",
        blank=True,
    )

    history = HistoricalRecords()
    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = "пара / группа"
        verbose_name_plural = "пары и группы"
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gt=F("start_date")),
                name="pairs_pair_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="pairs_pair_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["finished", "ended_early"]) | Q(end_date__isnull=False),
                name="pairs_pair_closed_has_end_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended_early") | ~Q(end_reason=""),
                name="pairs_pair_ended_early_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "form"], name="pairs_pair_status_form"),
            # The admin's list in Meta.ordering: its page read from the index, the activity
            # and plan figures counted for the 50 pairs shown, not for every pair, then sorted.
            models.Index(fields=["-start_date", "id"], name="pairs_pair_start_date_id"),
        ]

    def __str__(self):
        return f"№ {self.pk}: {self.mentor.person.short_name} — {self.form.name}"

    @property
    def is_group(self) -> bool:
        return self.memberships.count() > 1

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT_STATUSES


class PairMembership(models.Model):
    """A mentee in a pair. form and is_current copy the pair's so that the database itself
    keeps a mentee in at most one current pair of a form (a partial unique index)."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="memberships")
    mentee = models.ForeignKey(
        "people.MenteeProfile",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name="наставляемый",
    )
    form = models.ForeignKey("people.MentoringForm", on_delete=models.PROTECT, related_name="+")
    is_current = models.BooleanField(default=True)
    joined_on = models.DateField("в паре с")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "участие наставляемого"
        verbose_name_plural = "наставляемые пары"
        constraints = [
            models.UniqueConstraint(fields=["pair", "mentee"], name="pairs_membership_unique"),
            models.UniqueConstraint(
                fields=["mentee", "form"],
                condition=Q(is_current=True),
                name="pairs_membership_one_current_pair_per_form",
            ),
        ]

    def __str__(self):
        return str(self.mentee)


class PairStatusChange(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField("было", max_length=20, choices=Pair.Status.choices, blank=True)
    to_status = models.CharField("стало", max_length=20, choices=Pair.Status.choices)
    changed_on = models.DateField("дата")
    changed_at = models.DateTimeField("записано", auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто изменил",
    )
    reason = models.TextField("комментарий", blank=True)

    class Meta:
        verbose_name = "изменение статуса"
        verbose_name_plural = "история статусов"
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
