import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, Max, Min, Q, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentorship.lib.history import moments_between, start_of_day

from .questionnaires import Question, Questionnaire


def new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class WaveState:
    """Where a wave stands on a day, as the wave list, its page and the admin show it."""

    label: str
    css: str  # the badge's colour (Bootstrap's text-bg-*)
    is_open: bool


class Wave(models.Model):
    """One sending of a questionnaire to chosen people, open until a closing date."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="waves", verbose_name="анкета"
    )
    title = models.CharField("название", max_length=200)
    opened_on = models.DateField("дата открытия", default=timezone.localdate)
    closes_on = models.DateField("принимать ответы по")
    closed_early_at = models.DateTimeField("закрыта досрочно", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто открыл",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "опрос (волна анкетирования)"
        verbose_name_plural = "опросы"
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opened_on")), name="surveys_wave_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closed_early_at is None and self.opened_on <= today <= self.closes_on

    def state(self, today=None) -> WaveState:
        """is_open() with the reason it is not: closed early, over, not yet open."""
        today = today or timezone.localdate()
        if self.closed_early_at is not None:
            closed = timezone.localtime(self.closed_early_at)
            return WaveState(f"закрыт досрочно {closed:%d.%m.%Y}", "secondary", False)
        if today > self.closes_on:
            return WaveState("приём ответов закончен", "secondary", False)
        if today < self.opened_on:
            return WaveState("ещё не открыт", "warning", False)
        return WaveState("идёт приём ответов", "success", True)

    @staticmethod
    def open_q(today, prefix: str = "") -> Q:
        """is_open() as a filter; prefix reaches a wave from another model ("wave__")."""
        return Q(
            **{
                f"{prefix}closed_early_at__isnull": True,
                f"{prefix}opened_on__lte": today,
                f"{prefix}closes_on__gte": today,
            }
        )


class Invitation(models.Model):
    """A personal one-time link to a wave. Needs no account.

    The respondent is a person (a participant, a curator) or a partner organisation, whose
    contact person answers on its behalf: exactly one of the two is set (a check in the
    database), so the link, the single answer and the results are one machinery for both.
    """

    class Role(models.TextChoices):
        MENTOR = "mentor", "наставник"
        MENTEE = "mentee", "наставляемый"
        CURATOR = "curator", "куратор"
        PARTNER = "partner", "организация-партнёр"

    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="invitations", verbose_name="опрос"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name="кому",
    )
    organisation = models.ForeignKey(
        "people.PartnerOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name="организация-партнёр",
    )
    pair = models.ForeignKey(
        "pairs.Pair",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name="пара / группа",
    )
    role = models.CharField("в роли", max_length=20, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    email_sent_at = models.DateTimeField("письмо отправлено", null=True, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    class Meta:
        verbose_name = "персональная ссылка"
        verbose_name_plural = "персональные ссылки"
        ordering = ["wave", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "person"], name="surveys_invitation_once_per_wave"
            ),
            models.UniqueConstraint(
                fields=["wave", "organisation"],
                name="surveys_invitation_organisation_once_per_wave",
            ),
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organisation__isnull=True))
                | (Q(person__isnull=True) & Q(organisation__isnull=False)),
                name="surveys_invitation_person_or_organisation",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(role="partner"),
                name="surveys_invitation_organisation_is_partner",
            ),
        ]

    def __str__(self):
        return f"{self.respondent_name} — {self.wave}"

    @property
    def respondent_name(self) -> str:
        """Who answers, as the curator's pages name them: the person, or the organisation."""
        if self.organisation_id is not None:
            return self.organisation.name
        return self.person.full_name

    @property
    def respondent_email(self) -> str:
        if self.organisation_id is not None:
            return self.organisation.email
        return self.person.email

    @property
    def greeting_name(self) -> str:
        """Whom the filling page greets: the first name, or the organisation's contact."""
        if self.organisation_id is not None:
            # The contact may have been cleared since (a destroyed person): the organisation.
            return self.organisation.contact_person or self.organisation.name
        return self.person.first_name


class ResponseQuerySet(models.QuerySet):
    """Responses' moments, as the admin's date hierarchy and the results' year choices ask
    for them, found through the time index (surveys_response_submitted) and not by reading
    every listed response: the first and the last by walking the index from either end
    until a listed one, a year by whether the listed responses hold one of its moments.
    Over a big college's 14,771 responses, the list searched for «ов» (12,070 match)
    asked 11 ms of SQLite for its first and last and 15 ms for its years; now well under
    one each. A list that holds few of them walks more of the index: at worst, all of it,
    as the plain aggregate did."""

    def aggregate(self, *args, **kwargs):
        # Django's date hierarchy asks exactly this of the listed responses.
        asked = {"first": Min("submitted_at"), "last": Max("submitted_at")}
        if not args and kwargs == asked and not (self.query.is_sliced or self.query.combinator):
            return self.first_and_last()
        return super().aggregate(*args, **kwargs)

    def first_and_last(self) -> dict:
        """{"first": the earliest submitted_at, "last": the latest} of these responses (None
        without any), in one query: each an ordered sub-select with LIMIT 1."""
        moments = self.order_by().values("submitted_at")
        row = (
            Response.objects.order_by()
            .values_list(
                Subquery(moments.order_by("submitted_at")[:1]),
                Subquery(moments.order_by("-submitted_at")[:1]),
            )
            .first()
        )
        first, last = row if row else (None, None)
        return {"first": first, "last": last}

    def year_bounds(self) -> range:
        """The local calendar years from the first to the last response of all (one
        query); empty without responses. Not every year between has responses."""
        bounds = Response.objects.first_and_last()
        if bounds["first"] is None:
            return range(0)
        first, last = (timezone.localtime(bounds[key]).year for key in ("first", "last"))
        return range(first, last + 1)

    def submitted_years(self) -> list[int]:
        """The local calendar years these responses came in, ascending (two queries: the
        bounds, then whether each year between has one of these responses)."""
        years = self.year_bounds()
        if not years:
            return []
        listed = self.order_by()
        held = (
            Response.objects.order_by()
            .values_list(
                *(
                    Exists(
                        listed.filter(
                            submitted_at__range=moments_between(
                                dt.date(year, 1, 1), dt.date(year, 12, 31)
                            )
                        )
                    )
                    for year in years
                )
            )
            .first()
        )
        return [year for year, has in zip(years, held, strict=True) if has]

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        """The years of submitted_at as Django gives them (each year's local 00:00 of
        1 January), from submitted_years(): the admin's date hierarchy asks for them on
        every list of responses, and Django truncates row by row (in SQLite a Python
        function per row: 170 ms of the list's 450 over a big college's responses)."""
        if (field_name, kind, tzinfo) != ("submitted_at", "year", None):
            return super().datetimes(field_name, kind, order, tzinfo)
        starts = [start_of_day(dt.date(year, 1, 1)) for year in self.submitted_years()]
        return starts[::-1] if order == "DESC" else starts


class Response(models.Model):
    """A filled questionnaire. One per invitation: the database keeps a link single-use."""

    class Source(models.TextChoices):
        ONLINE = "online", "по ссылке"
        PAPER = "paper", "с бумажной анкеты"

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="response", verbose_name="ссылка"
    )
    submitted_at = models.DateTimeField("получена", default=timezone.now)
    source = models.CharField("как получена", max_length=20, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто внёс",
    )

    history = HistoricalRecords()

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        ordering = ["-submitted_at"]
        # The satisfaction of a report period reads the responses of its days.
        indexes = [models.Index(fields=["submitted_at"], name="surveys_response_submitted")]

    def __str__(self):
        return f"Ответ: {self.invitation}"


class Answer(models.Model):
    """One question's answer: number for the scale (1–10) and yes/no (1/0), text for text
    questions, chosen options for choice questions."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name="ответ"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name="вопрос"
    )
    number = models.PositiveSmallIntegerField("число", null=True, blank=True)
    text = models.TextField("текст", blank=True)
    choices = models.ManyToManyField(
        "surveys.Choice", blank=True, verbose_name="выбранные варианты"
    )

    class Meta:
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="surveys_answer_once"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0, number__lte=10),
                name="surveys_answer_number_range",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.number if self.number is not None else self.text}"
