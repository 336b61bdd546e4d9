from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from mentorship.lib.periods import DEFAULT_START_MONTH
from mentorship.lib.text import clean_spaces, name_key, plural

from .organisations import inn_validator


class CourseFromGroup(models.TextChoices):
    """How a student's course is read from the name of the group (people.group_courses)
    when a list gives the group and not the course."""

    NONE = "", "никак: курс берётся только из колонки «Курс»"
    ENTRY_YEAR = "entry_year", "год набора — первые две цифры номера группы"
    COURSE_DIGIT = "course_digit", "курс — первая цифра номера группы"


class College(models.Model):
    """The organisation itself: its names for documents, its director, its city.

    One row (pk=1), edited by the administrator; orders and reports print from it.
    """

    CourseFromGroup = CourseFromGroup

    full_name = models.CharField(
        "полное наименование",
        max_length=400,
        default="Государственное бюджетное профессиональное образовательное учреждение",
    )
    short_name = models.CharField("краткое наименование", max_length=200, default="Колледж")
    city = models.CharField("город", max_length=100, default="")
    inn = models.CharField(
        "ИНН",
        max_length=12,
        blank=True,
        validators=[inn_validator],
        help_text="10 цифр. По ИНН региональный наставнический центр узнаёт колледж в пакетах.",
    )
    region = models.CharField(
        "субъект РФ", max_length=200, blank=True, help_text="Например: Кировская область"
    )
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
    default_programme_years = models.PositiveSmallIntegerField(
        "срок обучения по умолчанию, лет",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="Для специальностей, срок которых не указан в «Сроках обучения по "
        "специальностям»: при переводе на новый учебный год обучающиеся последнего курса "
        "становятся выпускниками.",
    )

    academic_year_start_month = models.PositiveSmallIntegerField(
        "месяц начала учебного года",
        default=DEFAULT_START_MONTH,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Номер месяца от 1 до 12 (9 — сентябрь): учебный год в показателях и "
        "отчётах длится с первого числа этого месяца до последнего дня предыдущего месяца "
        "следующего года, например 01.09.2025 – 31.08.2026 («2025/2026»).",
    )
    course_from_group = models.CharField(
        "как из названия группы узнать курс",
        max_length=20,
        choices=CourseFromGroup.choices,
        default=CourseFromGroup.NONE,
        blank=True,
        help_text="Для списков обучающихся, где есть группа, но нет курса: при загрузке "
        "базы «Люди» пустой или отсутствующий курс обучающегося узнаётся из номера группы. "
        "Год набора: ГР-241 — набор 2024 года, в 2025/2026 учебном году это 2 курс (курс "
        "растёт с началом каждого учебного года). Первая цифра: ТМ-21 — 2 курс. Курс, "
        "указанный в файле, всегда важнее.",
    )

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организация"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="people_college_single_row"),
            models.CheckConstraint(
                condition=Q(default_programme_years__gte=1, default_programme_years__lte=6),
                name="people_college_default_programme_years_range",
            ),
            models.CheckConstraint(
                condition=Q(academic_year_start_month__gte=1, academic_year_start_month__lte=12),
                name="people_college_academic_year_start_month_range",
            ),
            models.CheckConstraint(
                condition=Q(course_from_group__in=CourseFromGroup.values),
                name="people_college_course_from_group_choices",
            ),
        ]

    def __str__(self):
        return self.short_name

    @classmethod
    def get(cls) -> "College":
        college, _ = cls.objects.get_or_create(pk=1)
        return college


class SpecialtyProgramme(models.Model):
    """How many years a specialty is taught (2, 3 or 4 in a college): the roll-over to the
    next academic year makes the students of its last course alumni. The specialty is
    written as on the people's cards; it matches them ignoring case, ё/е and spacing."""

    specialty = models.CharField("специальность", max_length=200)
    years = models.PositiveSmallIntegerField(
        "срок обучения, лет", validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    # Derived: the normalised specialty the people's cards are matched on.
    specialty_key = models.CharField(max_length=200, editable=False, unique=True)

    class Meta:
        verbose_name = "срок обучения по специальности"
        verbose_name_plural = "сроки обучения по специальностям"
        ordering = ["specialty"]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1, years__lte=6),
                name="people_specialtyprogramme_years_range",
            ),
        ]

    def __str__(self):
        return f"{self.specialty}: {self.years} {plural(self.years, 'год', 'года', 'лет')}"

    def save(self, *args, **kwargs):
        self.specialty_key = self.key_of(self.specialty)
        super().save(*args, **kwargs)

    @staticmethod
    def key_of(specialty: str) -> str:
        return name_key(specialty)

    def clean(self):
        self.specialty = clean_spaces(self.specialty)
        self.specialty_key = self.key_of(self.specialty)
        clash = SpecialtyProgramme.objects.filter(specialty_key=self.specialty_key)
        if self.specialty and clash.exclude(pk=self.pk).exists():
            raise ValidationError({"specialty": "Срок обучения по этой специальности уже указан."})
