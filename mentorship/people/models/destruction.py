from django.conf import settings
from django.db import models

from .consents import RetentionBasis
from .persons import Person


class DestructionAct(models.Model):
    """Акт об уничтожении персональных данных: who destroyed, when, and whose data.

    «Whose» is the person's internal number and category, never the name: an act that
    listed the names of the people whose data was destroyed would itself keep that data.
    """

    performed_on = models.DateField("дата уничтожения")
    performed_at = models.DateTimeField("записано", auto_now_add=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто уничтожил",
    )
    # Kept as text: the act must still say who acted if the account is later removed.
    performed_by_label = models.CharField("кто уничтожил (как записано)", max_length=300)

    class Meta:
        verbose_name = "акт об уничтожении персональных данных"
        verbose_name_plural = "акты об уничтожении персональных данных"
        ordering = ["-performed_on", "-pk"]

    def __str__(self):
        return f"Акт № {self.pk} от {self.performed_on:%d.%m.%Y}"


class DestructionActRow(models.Model):
    """One person whose personal data an act destroyed."""

    act = models.ForeignKey(
        DestructionAct, on_delete=models.PROTECT, related_name="rows", verbose_name="акт"
    )
    # A number, not a foreign key: the act outlives whatever happens to the record later.
    # Unique: a person's data is destroyed once, and the daily run skips those listed here.
    person_id = models.PositiveIntegerField("внутренний номер человека", unique=True)
    kind = models.CharField("категория", max_length=20, choices=Person.Kind.choices)
    consent_withdrawn_on = models.DateField("согласие отозвано")
    destroyed = models.TextField("что уничтожено")
    files_deleted = models.PositiveSmallIntegerField("удалено файлов сканов", default=0)
    # Another legal ground (Consent.withdrawal_basis) under which the listed fields were kept.
    legal_basis = models.CharField(
        "основание хранить часть сведений",
        max_length=20,
        blank=True,
        choices=RetentionBasis.choices,
    )
    kept = models.TextField("что сохранено по этому основанию", blank=True)
    # Destroyed again: a restored backup brought the person back (mentorship.people.tombstones).
    repeated = models.BooleanField(
        "повторно, после восстановления из резервной копии", default=False
    )

    class Meta:
        verbose_name = "строка акта об уничтожении"
        verbose_name_plural = "строки акта об уничтожении"
        ordering = ["act", "person_id"]

    def __str__(self):
        return f"№ {self.person_id}"
