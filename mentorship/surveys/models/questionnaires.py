import uuid

from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

SCALE_MIN, SCALE_MAX = 1, 10
SCALE_INSTRUCTION = "где 1 – самый низший балл, а 10 – самый высокий"


class Questionnaire(models.Model):
    """A questionnaire template: its questions are data the curator may edit."""

    class Purpose(models.TextChoices):
        SATISFACTION = "satisfaction", "удовлетворённость участием"
        ENTRY = "entry", "входная диагностика"
        EXIT = "exit", "итоговая (выходная) диагностика"
        CURATOR = "curator", "анкета куратора"
        PARTNER = "partner", "анкета организации-партнёра"

    class Audience(models.TextChoices):
        MENTEE = "mentee", "наставляемые"
        MENTOR = "mentor", "наставники"
        PARTICIPANT = "participant", "наставники и наставляемые"
        CURATOR = "curator", "кураторы"
        PARTNER = "partner", "организации-партнёры"

    code = models.SlugField("код", max_length=50, unique=True)
    title = models.CharField("название", max_length=200, unique=True)
    purpose = models.CharField("назначение", max_length=20, choices=Purpose.choices)
    audience = models.CharField("кому", max_length=20, choices=Audience.choices)
    intro = models.TextField("обращение к участнику", blank=True)
    is_active = models.BooleanField("используется", default=True)
    # A new value on every change to any question or choice (questions_changed below): the
    # key under which a process keeps this questionnaire's form, built from its questions
    # (forms.questionnaire.questionnaire_form_class).
    # Random, never a counter: a questionnaire deleted and made again under the same id
    # never meets the old one's kept form.
    questions_revision = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", "шкала 1–10"
        YES_NO = "yes_no", "да / нет"
        SINGLE = "single", "один вариант"
        MULTIPLE = "multiple", "несколько вариантов"
        SHORT_TEXT = "short_text", "короткий ответ"
        LONG_TEXT = "long_text", "развёрнутый ответ"

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name="анкета"
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)
    text = models.CharField("вопрос", max_length=400)
    help_text = models.CharField("пояснение", max_length=300, blank=True)
    kind = models.CharField("тип ответа", max_length=20, choices=Kind.choices)
    required = models.BooleanField("обязательный", default=True)
    is_satisfaction = models.BooleanField(
        "входит в показатель удовлетворённости",
        default=False,
        help_text="Только для вопросов со шкалой 1–10.",
    )
    parameter = models.SlugField(
        "диагностируемый параметр",
        max_length=50,
        blank=True,
        help_text="Код параметра, одинаковый во входной и итоговой диагностике "
        "(например, motivation). Только для шкалы 1–10.",
    )

    class Meta:
        verbose_name = "вопрос"
        verbose_name_plural = "вопросы"
        ordering = ["questionnaire", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_satisfaction=False) | Q(kind="scale"),
                name="surveys_question_satisfaction_is_scale",
            ),
            models.CheckConstraint(
                condition=Q(parameter="") | Q(kind="scale"),
                name="surveys_question_parameter_is_scale",
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "parameter"],
                condition=~Q(parameter=""),
                name="surveys_question_parameter_once_per_questionnaire",
            ),
        ]

    def __str__(self):
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name="вопрос"
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)
    text = models.CharField("вариант ответа", max_length=200)

    class Meta:
        verbose_name = "вариант ответа"
        verbose_name_plural = "варианты ответа"
        ordering = ["question", "order", "pk"]

    def __str__(self):
        return self.text


def questions_with_choices(questionnaire_id: int) -> models.QuerySet:
    """A questionnaire's questions in their order, each with its choices in theirs: two
    queries on the two tables alone. The models' default orderings start with the parent
    (questionnaire, question), which would join the parents' tables only to sort by their
    own ordering (the questionnaire's title) — one parent here, so the same order."""
    choices = Choice.objects.order_by("order", "pk")
    return (
        Question.objects.filter(questionnaire_id=questionnaire_id)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("choices", queryset=choices))
    )


@receiver(post_save, sender=Question)
@receiver(post_delete, sender=Question)
@receiver(post_save, sender=Choice)
@receiver(post_delete, sender=Choice)
def questions_changed(sender, **kwargs):
    """Every questionnaire gets a new questions_revision: a few rows, changed only when the
    curator edits questions — and no question moved between questionnaires or choice moved
    between questions can leave a stale revision behind. In the editing transaction, so a
    reader sees the new questions and the new revision together. Not sent for bulk writes
    (QuerySet.update, bulk_create) nor in data migrations (historical models): such a write
    to questions or choices must set a new questions_revision itself."""
    Questionnaire.objects.update(questions_revision=uuid.uuid4())
