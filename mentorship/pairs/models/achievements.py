from django.db import models
from simple_history.models import HistoricalRecords


class Achievement(models.Model):
    """A result of a mentee or a mentor, as in programmes' achievement tables."""

    class Level(models.TextChoices):
        CITY = "Г", "Г — городской"
        REGIONAL = "Р", "Р — региональный"
        INTERREGIONAL = "МР", "МР — межрегиональный"
        NATIONAL = "В", "В — всероссийский"
        INTERNATIONAL = "М", "М — международный"

    class Result(models.TextChoices):
        WINNER = "winner", "победитель"
        PRIZE = "prize", "призёр"
        LAUREATE = "laureate", "лауреат"
        PARTICIPANT = "participant", "участник"

    class Document(models.TextChoices):
        DIPLOMA = "diploma", "диплом"
        CERTIFICATE = "certificate", "сертификат"
        LETTER = "letter", "грамота"

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="achievements",
        verbose_name="участник",
    )
    pair = models.ForeignKey(
        "pairs.Pair",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="achievements",
        verbose_name="пара / группа",
    )
    event = models.CharField("мероприятие", max_length=300)
    level = models.CharField("уровень", max_length=2, choices=Level.choices)
    result = models.CharField("результат", max_length=20, choices=Result.choices)
    document = models.CharField("документ", max_length=20, choices=Document.choices)
    date = models.DateField("дата")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "достижение"
        verbose_name_plural = "достижения"
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"{self.event} ({self.get_result_display()})"
