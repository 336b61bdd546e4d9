from django.conf import settings
from django.db import models
from django.db.models import Q

from mentorship.lib.periods import ReportPeriod


def report_filename(period: ReportPeriod, note: str = "") -> str:
    """«Отчёт по наставничеству за 2025 год.pdf», «… за 2025-2026 учебный год (note).pdf»:
    the report's file name, live or approved (no «/» in a file name)."""
    note = f" ({note})" if note else ""
    return f"Отчёт по наставничеству за {period.label.replace('/', '-')}{note}.pdf"


class ReportApproval(models.Model):
    """One approved version of the yearly report: the PDF's bytes and the figures' JSON as
    the director approved them. Downloads of an approved period serve these bytes, so the
    report reads the same whatever the data becomes later, and a backup of the database
    holds the approved reports. A correction is a new version with its reason; no version
    is ever changed or deleted.

    The period is text, not a year number: a calendar year is «2025», and an academic
    year can be «2025/2026» without changing what the column means."""

    period = models.CharField("период", max_length=20)
    version = models.PositiveSmallIntegerField("версия")
    approved_at = models.DateTimeField("утверждён", auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The name as it was at the approval: the row still says who approved if the account
    # is renamed or deleted later.
    approved_by_name = models.CharField("утвердил", max_length=300)
    reason = models.TextField(
        "причина исправления", blank=True, help_text="Обязательна со второй версии."
    )
    pdf = models.BinaryField("отчёт (PDF)")
    numbers = models.TextField("показатели (JSON)")

    class Meta:
        verbose_name = "утверждённый отчёт"
        verbose_name_plural = "утверждённые отчёты"
        ordering = ["-period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version"], name="roadmap_reportapproval_version_once"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="roadmap_reportapproval_version_positive"
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(reason=""),
                name="roadmap_reportapproval_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"Отчёт за {self.period_text}, версия {self.version}"

    @property
    def report_period(self) -> ReportPeriod:
        return ReportPeriod.parse(self.period)

    @property
    def period_text(self) -> str:
        """«2025 год»; an academic year «2025/2026 учебный год»."""
        return self.report_period.label

    @property
    def filename(self) -> str:
        return report_filename(self.report_period, f"утверждён, версия {self.version}")
