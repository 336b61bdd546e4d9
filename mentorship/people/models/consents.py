import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentorship.lib.dates import age_on

from ..validators import validate_scan
from .persons import ADULT_AGE
from .storage import consent_scan_storage


def consent_scan_name(instance, filename: str) -> str:
    """Store scans under a generated name: the uploaded name is never used as a path."""
    suffix = Path(filename).suffix.lower()
    if suffix not in {".pdf", ".jpg", ".jpeg", ".png"}:
        suffix = ""
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ConsentQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(withdrawn_on__isnull=True)


class Consent(models.Model):
    """Согласие на обработку персональных данных."""

    class Signer(models.TextChoices):
        SELF = "self", "сам участник"
        REPRESENTATIVE = "representative", "законный представитель"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="consents", verbose_name="человек"
    )
    signer = models.CharField("кто подписал", max_length=20, choices=Signer.choices)
    representative_name = models.CharField(
        "ФИО законного представителя", max_length=300, blank=True
    )
    representative_relation = models.CharField(
        "кем приходится", max_length=100, blank=True, help_text="мать, отец, опекун, …"
    )
    signed_on = models.DateField("дата подписания")
    special_categories = models.BooleanField(
        "включает сведения о здоровье (ОВЗ, инвалидность)",
        default=False,
        help_text="Письменное согласие на обработку специальных категорий персональных данных.",
    )
    scan = models.FileField(
        "скан согласия",
        upload_to=consent_scan_name,
        storage=consent_scan_storage,
        blank=True,
        max_length=200,
        validators=[validate_scan],
        help_text="PDF, JPEG или PNG.",
    )
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    withdrawal_reason = models.CharField("причина отзыва", max_length=300, blank=True)
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    history = HistoricalRecords()
    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "согласие на обработку ПДн"
        verbose_name_plural = "согласия на обработку ПДн"
        ordering = ["-signed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signer="self") | ~Q(representative_name=""),
                name="people_consent_representative_named",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("signed_on")),
                name="people_consent_withdrawn_after_signed",
            ),
        ]

    def __str__(self):
        return f"Согласие от {self.signed_on:%d.%m.%Y}"

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_on is None

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.signed_on and self.signed_on > today:
            errors["signed_on"] = "Дата подписания не может быть в будущем."
        if self.withdrawn_on and self.signed_on and self.withdrawn_on < self.signed_on:
            errors["withdrawn_on"] = "Согласие не может быть отозвано раньше, чем подписано."
        if self.signer == self.Signer.REPRESENTATIVE and not self.representative_name.strip():
            errors["representative_name"] = "Укажите ФИО законного представителя."
        person = self._person_or_none()
        if (
            person is not None
            and person.birth_date
            and self.signed_on
            and self.signer == self.Signer.SELF
            and age_on(person.birth_date, self.signed_on) < ADULT_AGE
        ):
            errors["signer"] = (
                f"{person.full_name} на дату подписания не исполнилось 18 лет: "
                "согласие подписывает законный представитель."
            )
        if errors:
            raise ValidationError(errors)

    def _person_or_none(self):
        try:
            return self.person
        except self._meta.get_field("person").related_model.DoesNotExist:
            return None
