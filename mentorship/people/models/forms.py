from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .persons import Person

# A course is that of a learner (обучающийся, школьник): 1 to 6, like Person.course.
COURSE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(6)]


def _course(verbose_name: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=COURSE_VALIDATORS
    )


class MentoringForm(models.Model):
    """A form of mentoring (студент – студент, …): the five of the target model come from a
    data migration, a college adds its own (a school's «ученик – ученик»).

    The rules a pair of the form keeps are its data, read by pairs/rules.py alone:
    mentor_kinds / mentee_kinds list the Person.Kind values that may take each side (a JSON
    list: a handful of fixed choices, read whole with the form, never joined on); the course
    limits bind a side's learners (обучающиеся, школьники), other kinds have no course.
    """

    class Code:
        """The codes of the forms the data migration creates: code names a form by these
        (the migrations and the fixtures keep the literals, as they were written)."""

        STUDENT_STUDENT = "student-student"
        STUDENT_PUPIL = "student-pupil"
        TEACHER_TEACHER = "teacher-teacher"
        TEACHER_STUDENT = "teacher-student"
        EMPLOYER_STUDENT = "employer-student"

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("название", max_length=100, unique=True)
    description = models.TextField("описание", blank=True)
    mentor_kinds = models.JSONField("кто может быть наставником", default=list)
    mentee_kinds = models.JSONField("кто может быть наставляемым", default=list)
    mentor_course_min = _course("курс наставника-обучающегося: с")
    mentor_course_max = _course("курс наставника-обучающегося: по")
    mentee_course_min = _course("курс наставляемого-обучающегося: с")
    mentee_course_max = _course("курс наставляемого-обучающегося: по")
    mentor_senior_course = models.BooleanField(
        "наставник-обучающийся учится на старшем курсе, чем наставляемый", default=False
    )
    mentor_from_partner = models.BooleanField(
        "наставник — сотрудник организации-партнёра", default=False
    )
    period = models.CharField("срок", max_length=200, blank=True)
    tasks = models.TextField("цели и задачи", blank=True)
    expected_results = models.TextField("планируемые результаты", blank=True)
    risks = models.TextField("риски и пути их минимизации", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mentor_course_min__isnull=True)
                | Q(mentor_course_max__isnull=True)
                | Q(mentor_course_min__lte=models.F("mentor_course_max")),
                name="people_mentoringform_mentor_courses_ordered",
            ),
            models.CheckConstraint(
                condition=Q(mentee_course_min__isnull=True)
                | Q(mentee_course_max__isnull=True)
                | Q(mentee_course_min__lte=models.F("mentee_course_max")),
                name="people_mentoringform_mentee_courses_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """Each side takes at least one known kind; a course limit reads «с … по …»."""
        errors = {}
        known = set(Person.Kind.values)
        for field, side in (("mentor_kinds", "наставником"), ("mentee_kinds", "наставляемым")):
            kinds = getattr(self, field)
            if not isinstance(kinds, list) or not kinds:
                errors[field] = f"Укажите, кто может быть {side} в этой форме."
            elif unknown := [k for k in kinds if k not in known]:
                errors[field] = f"Неизвестная категория участников: {', '.join(map(str, unknown))}."
        for side, word in (("mentor", "наставника"), ("mentee", "наставляемого")):
            low = getattr(self, f"{side}_course_min")
            high = getattr(self, f"{side}_course_max")
            if low is not None and high is not None and low > high:
                errors[f"{side}_course_max"] = (
                    f"Курс {word} «по» ({high}) не может быть меньше курса «с» ({low})."
                )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def kind_labels(kinds) -> str:
        """«обучающийся, выпускник»: a side's kinds in the curator's words."""
        return ", ".join(Person.Kind(kind).label for kind in kinds)


class RoleModel(models.Model):
    """A role-model variant inside a form («успевающий – неуспевающий», …)."""

    form = models.ForeignKey(
        MentoringForm, on_delete=models.CASCADE, related_name="role_models", verbose_name="форма"
    )
    name = models.CharField("вариант ролевой модели", max_length=200)
    description = models.TextField("смысл взаимодействия", blank=True)

    class Meta:
        verbose_name = "вариант ролевой модели"
        verbose_name_plural = "варианты ролевых моделей"
        ordering = ["form__order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "name"], name="people_rolemodel_form_name_unique"
            )
        ]

    def __str__(self):
        return f"{self.form.name}: {self.name}"
