from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentorship.lib.constraints import ChecksAtOnce
from mentorship.lib.dates import age_on
from mentorship.lib.scans import GeneratedNameFileField, scan_name

from ..validators import validate_scan
from .persons import ADULT_AGE
from .storage import consent_scan_storage


def consent_scan_name(instance, filename: str) -> str:
    """Store scans under a generated name (kept by this name: old migrations point here)."""
    return scan_name(instance, filename)


class ConsentQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(withdrawn_on__isnull=True)


# Signing policy by the subject's age on the signing day (152-ФЗ ст. 9; ГК РФ ст. 26, 28):
# under 14 — the legal representative signs; 14–17 — the representative and the minor both
# sign (the college's policy: a minor of 14 acts with the parents' consent); 18 and over —
# the person themself.
CHILD_AGE = 14


class RetentionBasis(models.TextChoices):
    """Another legal ground to keep some of the data after the consent is withdrawn
    (152-ФЗ ст. 6 ч. 1 п. 2–11, ст. 21 ч. 5). Which fields each ground keeps is fixed in
    mentorship.people.destruction.RETAINED_FIELDS and printed in the act."""

    EDUCATION = (
        "education",
        (
            "обучающийся колледжа: сведения об обучающемся хранятся по закону "
            "«Об образовании в Российской Федерации» (273-ФЗ)"
        ),
    )


class Consent(ChecksAtOnce, models.Model):
    """Согласие на обработку персональных данных."""

    class Signer(models.TextChoices):
        SELF = "self", "сам участник"
        REPRESENTATIVE = "representative", "законный представитель"

    Basis = RetentionBasis

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
    signed_by_subject = models.BooleanField(
        "подписано также самим несовершеннолетним",
        default=False,
        help_text="С 14 до 18 лет согласие подписывают и законный представитель, и сам "
        "обучающийся.",
    )
    signed_on = models.DateField("дата подписания")
    special_categories = models.BooleanField(
        "включает сведения о здоровье (ОВЗ, инвалидность)",
        default=False,
        help_text="Письменное согласие на обработку специальных категорий персональных данных.",
    )
    scan = GeneratedNameFileField(
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
    withdrawal_basis = models.CharField(
        "иное законное основание хранить сведения",
        max_length=20,
        choices=RetentionBasis.choices,
        blank=True,
        help_text="Заполняется при отзыве, только если закон обязывает хранить часть сведений. "
        "Тогда через 30 дней сохранятся только ФИО, дата рождения, категория, группа, курс и "
        "специальность; остальное будет уничтожено.",
    )
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
            models.CheckConstraint(
                condition=Q(withdrawal_basis="") | Q(withdrawn_on__isnull=False),
                name="people_consent_basis_only_when_withdrawn",
            ),
        ]
        indexes = [
            # The dashboard's kept KPI counts count the withdrawn consents on every visit
            # (roadmap/kpi/kept.py): only they are in it, read without the table.
            models.Index(
                fields=["withdrawn_on"],
                condition=Q(withdrawn_on__isnull=False),
                name="people_consent_withdrawn",
            ),
        ]

    def __str__(self):
        return f"Согласие от {self.signed_on:%d.%m.%Y}"

    # Who signed and when, as loaded: a consent on file is judged by the rules of its day,
    # and withdrawing it later must not fail on a policy added since (signed_by_subject).
    _SIGNING_FIELDS = ("person_id", "signer", "signed_on", "signed_by_subject")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_signing = tuple(
            getattr(instance, name, None) for name in cls._SIGNING_FIELDS
        )
        return instance

    def _signing_changed(self) -> bool:
        loaded = getattr(self, "_loaded_signing", None)
        current = tuple(getattr(self, name, None) for name in self._SIGNING_FIELDS)
        return loaded is None or loaded != current

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_on is None

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        # clean() must not name a field the form does not have (a ModelForm raises
        # ValueError for it, a 500); it reads what the form left out from here.
        self._clean_exclude = set(exclude or ())
        try:
            return super().full_clean(exclude, validate_unique, validate_constraints)
        finally:
            del self._clean_exclude

    def _asked(self, field: str) -> bool:
        return field not in getattr(self, "_clean_exclude", ())

    def clean(self):
        errors = self._clean_errors()
        if errors:
            # An error about a field the form does not show goes on top of the form.
            placed = {}
            for field, message in errors.items():
                key = field if self._asked(field) else NON_FIELD_ERRORS
                placed.setdefault(key, []).append(message)
            raise ValidationError(placed)

    def _clean_errors(self) -> dict:
        errors = {}
        today = timezone.localdate()
        if self.signed_on and self.signed_on > today:
            errors["signed_on"] = "Дата подписания не может быть в будущем."
        if self.withdrawn_on and self.signed_on and self.withdrawn_on < self.signed_on:
            errors["withdrawn_on"] = "Согласие не может быть отозвано раньше, чем подписано."
        if self.signer == self.Signer.REPRESENTATIVE and not self.representative_name.strip():
            errors["representative_name"] = "Укажите ФИО законного представителя."
        person = self._person_or_none()
        if person is not None and person.birth_date and self.signed_on and self._signing_changed():
            errors.update(self._signing_errors(person))
        if self.withdrawal_basis:
            if not self.withdrawn_on:
                errors["withdrawal_basis"] = (
                    "Основание хранить сведения указывается только при отзыве согласия: "
                    "заполните дату отзыва."
                )
            elif (
                self.withdrawal_basis == RetentionBasis.EDUCATION
                and person is not None
                and person.kind not in ("student", "pupil")
            ):
                errors["withdrawal_basis"] = (
                    "Это основание есть только у обучающихся и школьников: "
                    f"{person.full_name} — {person.get_kind_display()}."
                )
        return errors

    def _signing_errors(self, person) -> dict:
        """Under 14: the representative signs; 14–17: the representative and the minor
        both; 18 and over: anyone (an adult may have a guardian)."""
        age = age_on(person.birth_date, self.signed_on)
        if age >= ADULT_AGE:
            return {}
        if self.signer == self.Signer.SELF:
            return {
                "signer": f"{person.full_name} на дату подписания не исполнилось 18 лет: "
                "согласие подписывает законный представитель."
            }
        # A form that does not ask whether the minor signed too cannot be held to it.
        if age >= CHILD_AGE and not self.signed_by_subject and self._asked("signed_by_subject"):
            return {
                "signed_by_subject": f"{person.full_name} на дату подписания {age} лет: с 14 до "
                "18 лет согласие подписывают и законный представитель, и сам обучающийся. "
                "Проверьте обе подписи и отметьте «подписано также самим несовершеннолетним»."
            }
        return {}

    def _person_or_none(self):
        try:
            return self.person
        except self._meta.get_field("person").related_model.DoesNotExist:
            return None
