from django.db import models


class MentoringForm(models.Model):
    """A form of mentoring (студент – студент, …), created by a data migration.

    mentor_kinds / mentee_kinds list the Person.Kind values that may take each side.
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
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RoleModel(models.Model):
    """A role-model variant inside a form («успевающий – неуспевающий», …)."""

    form = models.ForeignKey(
        MentoringForm, on_delete=models.CASCADE, related_name="role_models", verbose_name="форма"
    )
    name = models.CharField("вариант ролевой модели", max_length=200)
    description = models.TextField("описание", blank=True)

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
