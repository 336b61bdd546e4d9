from django.conf import settings
from django.db import models


class AcademicYearRollOver(models.Model):
    """The college moved to an academic year: courses advanced, the last courses graduated,
    their pairs ended. One row per year makes the roll-over happen once: a second run finds
    it and changes nothing. counts keeps what it did, for the curator and the report."""

    academic_year = models.CharField("учебный год", max_length=9, unique=True)
    done_at = models.DateTimeField("выполнен", auto_now_add=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The name as it was at the roll-over (a command run from the server has no login).
    done_by_name = models.CharField("выполнил", max_length=300, blank=True)
    counts = models.JSONField("итоги", default=dict)

    class Meta:
        verbose_name = "перевод на новый учебный год"
        verbose_name_plural = "переводы на новый учебный год"
        ordering = ["-academic_year"]

    def __str__(self):
        return f"Перевод на {self.academic_year} учебный год"
