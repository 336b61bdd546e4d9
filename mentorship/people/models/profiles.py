from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Competency(models.Model):
    """A topic a mentor can help with and a mentee may ask for; matching joins the two."""

    name = models.CharField("название", max_length=150, unique=True)

    class Meta:
        verbose_name = "компетенция / тема запроса"
        verbose_name_plural = "компетенции и темы запросов"
        ordering = ["name"]

    def __str__(self):
        return self.name


class MentorProfile(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "кандидат"
        APPROVED = "approved", "утверждён"
        ACTIVE = "active", "действующий"
        FINISHED = "finished", "завершил участие"

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        verbose_name="человек",
    )
    status = models.CharField(
        "статус", max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    forms = models.ManyToManyField(
        "people.MentoringForm", blank=True, related_name="mentors", verbose_name="формы"
    )
    competencies = models.ManyToManyField(
        Competency, blank=True, related_name="mentors", verbose_name="компетенции"
    )
    useful_for = models.TextField(
        "чем могу быть полезен",
        blank=True,
        help_text="Ответ наставника на анкету «Чем я могу быть полезен».",
    )
    capacity = models.PositiveSmallIntegerField(
        "сколько наставляемых может вести",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    interview_date = models.DateField("дата собеседования", null=True, blank=True)
    appointment_order = models.CharField("приказ о назначении", max_length=100, blank=True)
    appointment_date = models.DateField("дата приказа", null=True, blank=True)
    notes = models.TextField("заметки куратора", blank=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[forms, competencies])

    class Meta:
        verbose_name = "наставник"
        verbose_name_plural = "банк наставников"
        ordering = ["person__last_name", "person__first_name", "person__middle_name"]
        permissions = [
            ("import_mentorprofile", "Может импортировать наставников из xlsx"),
            ("export_mentorprofile", "Может выгружать наставников в xlsx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=30),
                name="people_mentorprofile_capacity_range",
            )
        ]

    def __str__(self):
        return str(self.person)


class MentorTraining(models.Model):
    """A training a mentor took (stage 4 «Отбор и обучение наставников»)."""

    mentor = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="trainings", verbose_name="наставник"
    )
    course_title = models.CharField("программа обучения", max_length=300)
    provider = models.CharField("кто проводил", max_length=300, blank=True)
    hours = models.PositiveSmallIntegerField("часов", validators=[MinValueValidator(1)])
    completed_on = models.DateField("дата окончания")
    certificate = models.CharField("документ (номер удостоверения)", max_length=100, blank=True)

    class Meta:
        verbose_name = "обучение наставника"
        verbose_name_plural = "обучение наставников"
        ordering = ["-completed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=1), name="people_mentortraining_hours_positive"
            )
        ]

    def __str__(self):
        return f"{self.course_title} ({self.hours} ч.)"


class MenteeProfile(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "ожидает наставника"
        IN_PAIR = "in_pair", "в паре / группе"
        FINISHED = "finished", "завершил программу"
        NO_PAIR = "no_pair", "пара не подобрана"

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="mentee_profile",
        verbose_name="человек",
    )
    status = models.CharField(
        "статус", max_length=20, choices=Status.choices, default=Status.WAITING
    )
    desired_form = models.ForeignKey(
        "people.MentoringForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentees",
        verbose_name="форма наставничества",
    )
    notes = models.TextField("заметки куратора", blank=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "наставляемый"
        verbose_name_plural = "банк наставляемых"
        ordering = ["person__last_name", "person__first_name", "person__middle_name"]
        permissions = [
            ("import_menteeprofile", "Может импортировать наставляемых из xlsx"),
            ("export_menteeprofile", "Может выгружать наставляемых в xlsx"),
        ]

    def __str__(self):
        return str(self.person)


class MenteeRequest(models.Model):
    """What a mentee needs help with (запрос), and who raised it."""

    class RaisedBy(models.TextChoices):
        SELF = "self", "сам наставляемый"
        CLASS_TEACHER = "class_teacher", "классный руководитель"
        PSYCHOLOGIST = "psychologist", "психолог"
        PARENT = "parent", "родитель"

    mentee = models.ForeignKey(
        MenteeProfile,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name="наставляемый",
    )
    topic = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name="тема запроса",
    )
    description = models.TextField("описание", blank=True)
    raised_by = models.CharField("кто выявил запрос", max_length=20, choices=RaisedBy.choices)
    raised_on = models.DateField("дата", null=True, blank=True)

    class Meta:
        verbose_name = "запрос наставляемого"
        verbose_name_plural = "запросы наставляемых"
        ordering = ["mentee", "topic__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "topic"], name="people_menteerequest_mentee_topic_unique"
            )
        ]

    def __str__(self):
        return f"{self.topic} ({self.get_raised_by_display()})"
