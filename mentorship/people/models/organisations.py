from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

inn_validator = RegexValidator(
    r"^(\d{10}|\d{12})$", "ИНН состоит из 10 цифр (организация) или 12 цифр (ИП)."
)


class PartnerOrganisation(models.Model):
    """An enterprise or institution that gives mentors (форма «работодатель – студент»)."""

    name = models.CharField("название", max_length=300)
    inn = models.CharField("ИНН", max_length=12, blank=True, validators=[inn_validator])
    agreement_number = models.CharField("номер соглашения", max_length=50, blank=True)
    agreement_date = models.DateField("дата соглашения", null=True, blank=True)
    contact_person = models.CharField("контактное лицо", max_length=200, blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("email", blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "организация-партнёр"
        verbose_name_plural = "организации-партнёры"
        ordering = ["name"]
        permissions = [
            ("import_partnerorganisation", "Может импортировать организации из xlsx"),
            ("export_partnerorganisation", "Может выгружать организации в xlsx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="people_partnerorganisation_name_unique"),
            models.UniqueConstraint(
                fields=["inn"], condition=~Q(inn=""), name="people_partnerorganisation_inn_unique"
            ),
        ]

    def __str__(self):
        return self.name
