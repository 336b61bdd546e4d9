import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentorship.lib import names
from mentorship.lib.constraints import ChecksAtOnce
from mentorship.lib.dates import age_on, years_before
from mentorship.lib.text import clean_name, clean_spaces, name_key

ADULT_AGE = 18

# The special and social categories mentoring programmes name, as (field, Russian label).
CATEGORY_FIELDS = [
    ("has_disability", "ОВЗ / инвалидность"),
    ("is_gifted", "Одарённый"),
    ("hard_life_situation", "ТЖС"),
    ("low_income_family", "Малоимущая семья"),
    ("rural", "Сельская местность"),
    ("orphan", "Сирота"),
]
# Health and social status: special categories of personal data (152-ФЗ), shown only to
# roles with the people.view_special_categories permission.
SPECIAL_CATEGORY_FIELDS = ["has_disability", "hard_life_situation", "low_income_family", "orphan"]
SPECIAL_CATEGORIES_PERM = "people.view_special_categories"


def adult_born_by(day: dt.date) -> dt.date:
    """The last birth date of someone of ADULT_AGE or older on the day."""
    return years_before(day, ADULT_AGE)


def minor_on(day: dt.date, *, through: str = "") -> Q:
    """Under ADULT_AGE on the day, as a condition on birth_date (people, or their history
    rows as a report reads them; through: the path to the person, «person__» from a
    consent)."""
    return Q(**{f"{through}birth_date__gt": adult_born_by(day)})


class PersonQuerySet(models.QuerySet):
    def with_consent_state(self):
        """Annotate has_valid_consent: a signed consent on file that is not withdrawn."""
        from ..consent_rules import consent_on_file_q  # the rules module imports the models

        return self.annotate(has_valid_consent=consent_on_file_q())

    def with_valid_consent(self):
        return self.with_consent_state().filter(has_valid_consent=True)

    def without_valid_consent(self):
        return self.with_consent_state().filter(has_valid_consent=False)

    def minors_on(self, day: dt.date):
        return self.filter(minor_on(day))

    def search(self, term: str):
        """Match every word of term against the normalised full name (ё = е, any case)."""
        qs = self
        for word in name_key(term).split():
            qs = qs.filter(name_key__contains=word)
        return qs


class Person(ChecksAtOnce, models.Model):
    """One human in the organisation's registry; mentors and mentees are roles of a person."""

    class Kind(models.TextChoices):
        STUDENT = "student", "обучающийся"
        PUPIL = "pupil", "школьник"
        TEACHER = "teacher", "педагог"
        EMPLOYEE = "employee", "сотрудник предприятия"
        ALUMNUS = "alumnus", "выпускник"
        PARENT = "parent", "родитель"

    class StudyForm(models.TextChoices):
        FULL_TIME = "full_time", "очная"
        PART_TIME = "part_time", "очно-заочная"
        EXTRAMURAL = "extramural", "заочная"

    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    birth_date = models.DateField("дата рождения")
    kind = models.CharField("категория", max_length=20, choices=Kind.choices)

    study_group = models.CharField("группа", max_length=30, blank=True)
    course = models.PositiveSmallIntegerField(
        "курс",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    # Learners only, like the course; a student always has one (full-time unless told).
    study_form = models.CharField(
        "форма обучения", max_length=20, choices=StudyForm.choices, blank=True
    )
    specialty = models.CharField("специальность", max_length=200, blank=True)
    position = models.CharField("должность", max_length=200, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        "стаж, лет", null=True, blank=True, validators=[MaxValueValidator(70)]
    )
    organisation = models.ForeignKey(
        "people.PartnerOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="организация",
    )
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("email", blank=True)
    # Set when a student becomes an alumnus (the roll-over to the next academic year sets the
    # last day of the finished year): the alumni's KPI count by it.
    graduated_on = models.DateField("дата окончания обучения", null=True, blank=True)

    has_disability = models.BooleanField("ОВЗ / инвалидность", default=False)
    is_gifted = models.BooleanField("одарённый", default=False)
    hard_life_situation = models.BooleanField("трудная жизненная ситуация (ТЖС)", default=False)
    low_income_family = models.BooleanField("малоимущая семья", default=False)
    rural = models.BooleanField("сельская местность", default=False)
    orphan = models.BooleanField("сирота", default=False)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="учётная запись",
    )
    # Derived: normalised «фамилия имя отчество|дата» — the natural key imports match on
    # (ё = е, any case, any spacing) and what name search looks in.
    name_key = models.CharField(max_length=400, editable=False, db_index=True)
    natural_key = models.CharField(max_length=420, editable=False)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "человек"
        verbose_name_plural = "люди"
        ordering = ["last_name", "first_name", "middle_name", "birth_date"]
        permissions = [
            ("import_person", "Может импортировать людей из xlsx"),
            ("export_person", "Может выгружать людей в xlsx"),
            ("view_special_categories", "Видит особые категории (ОВЗ, ТЖС, сирота, малоимущие)"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["natural_key"], name="people_person_natural_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(course__isnull=True) | Q(course__gte=1, course__lte=6),
                name="people_person_course_range",
            ),
            models.CheckConstraint(
                condition=Q(course__isnull=True) | Q(kind__in=["student", "pupil"]),
                name="people_person_course_only_for_learners",
            ),
            models.CheckConstraint(
                condition=Q(study_form="") | Q(kind__in=["student", "pupil"]),
                name="people_person_study_form_only_for_learners",
            ),
            # The KPI's full-time students: a student without a form would silently drop
            # out of them (save() and the import give the default, «очная»).
            models.CheckConstraint(
                condition=~Q(kind="student", study_form=""),
                name="people_person_study_form_of_students",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "course"], name="people_person_kind_course"),
            models.Index(fields=["study_group"], name="people_person_group"),
            # The dashboard's kept KPI counts read the latest change on every visit
            # (roadmap/kpi/kept.py): from the index, not a scan of every person.
            models.Index(fields=["updated_at"], name="people_person_updated_at"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        self.fill_default_study_form()
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return names.full_name(self.last_name, self.first_name, self.middle_name)

    @property
    def short_name(self) -> str:
        return names.short_name(self.last_name, self.first_name, self.middle_name)

    @staticmethod
    def build_name_key(last_name: str, first_name: str, middle_name: str) -> str:
        return " ".join(k for k in map(name_key, (last_name, first_name, middle_name)) if k)

    @classmethod
    def build_natural_key(
        cls, last_name: str, first_name: str, middle_name: str, birth_date: dt.date | None
    ) -> str:
        return cls._natural_key_of(
            cls.build_name_key(last_name, first_name, middle_name), birth_date
        )

    @staticmethod
    def _natural_key_of(name_key: str, birth_date: dt.date | None) -> str:
        return f"{name_key}|{birth_date.isoformat() if birth_date else ''}"

    def age(self, on: dt.date | None = None) -> int:
        return age_on(self.birth_date, on or timezone.localdate())

    def is_minor(self, on: dt.date | None = None) -> bool:
        return self.age(on) < ADULT_AGE

    def clean(self):
        self.last_name = clean_name(self.last_name)
        self.first_name = clean_name(self.first_name)
        self.middle_name = clean_name(self.middle_name)
        for field in ("study_group", "specialty", "position", "phone"):
            setattr(self, field, clean_spaces(getattr(self, field)))
        self.email = clean_spaces(self.email).lower()
        errors = {}
        today = timezone.localdate()
        if self.birth_date:
            if self.birth_date > today:
                errors["birth_date"] = "Дата рождения в будущем."
            elif age_on(self.birth_date, today) > 100:
                errors["birth_date"] = "Дата рождения раньше чем 100 лет назад — проверьте год."
            elif age_on(self.birth_date, today) < 5:
                errors["birth_date"] = "Человеку меньше 5 лет — проверьте год рождения."
        learners = {self.Kind.STUDENT, self.Kind.PUPIL}
        # (an unknown category is its own error: no second one about the course)
        if self.course is not None and self.kind and self.kind not in learners:
            errors["course"] = "Курс указывается только для обучающихся и школьников."
        if self.study_form and self.kind and self.kind not in learners:
            errors["study_form"] = "Форма обучения указывается только для обучающихся и школьников."
        self.fill_default_study_form()  # before the constraints are validated
        if self.kind == self.Kind.EMPLOYEE and not self.organisation_id:
            errors["organisation"] = "Для сотрудника предприятия укажите организацию."
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        key = self.build_natural_key(
            self.last_name, self.first_name, self.middle_name, self.birth_date
        )
        clash = Person.objects.filter(natural_key=key).exclude(pk=self.pk)
        if self.birth_date and clash.exists():
            raise ValidationError(
                f"{self.full_name}, {self.birth_date:%d.%m.%Y} г. р., уже есть в базе."
            )

    def fill_default_study_form(self) -> None:
        """A student whose form of study is not given is full-time: the college's usual
        form, and how every student was counted before the form was recorded. clean() and
        save() call it; bulk writes (xlsx import, demo, bench) call it or set the form."""
        if self.kind == self.Kind.STUDENT and not self.study_form:
            self.study_form = self.StudyForm.FULL_TIME

    # Fields save() derives from the others; bulk writes (xlsx import) call
    # fill_derived_fields() themselves and write these too.
    DERIVED_FIELDS = ("name_key", "natural_key")

    def fill_derived_fields(self) -> None:
        self.name_key = self.build_name_key(self.last_name, self.first_name, self.middle_name)
        self.natural_key = self._natural_key_of(self.name_key, self.birth_date)
