from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class College(models.Model):
    """The organisation itself: its names for documents, its director, its city.

    One row (pk=1), edited by the administrator; orders and reports print from it.
    """

    full_name = models.CharField(
        "полное наименование",
        max_length=400,
        default="Государственное бюджетное профессиональное образовательное учреждение",
    )
    short_name = models.CharField("краткое наименование", max_length=200, default="Колледж")
    city = models.CharField("город", max_length=100, default="")
    director_name = models.CharField(
        "директор (И.О. Фамилия)", max_length=200, default="", help_text="Например: А.В. Иванов"
    )
    director_position = models.CharField(
        "должность руководителя", max_length=100, default="Директор"
    )
    curator_name = models.CharField(
        "куратор программы наставничества (И.О. Фамилия)", max_length=200, blank=True
    )
    inactivity_days = models.PositiveSmallIntegerField(
        "пара считается неактивной, если встречи не было, дней",
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организация"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="people_college_single_row"),
        ]

    def __str__(self):
        return self.short_name

    @classmethod
    def get(cls) -> "College":
        college, _ = cls.objects.get_or_create(pk=1)
        return college
