"""Cases (лучшие практики наставничества) and methodical materials for mentors.

A case's texts go to the regional centre when it is marked «для РНЦ» (mentorship.package):
its author never does. Files are kept in private storage, served only by cases.views.file
to the office.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from mentorship.lib.storage import PrivateStorage
from mentorship.people.models import MentoringForm
from mentorship.people.models.consents import GeneratedNameFileField, consent_scan_name

from .validators import validate_case_file

FILE_HELP = "PDF, JPEG или PNG."
TAGS_HELP = "Через запятую: адаптация, профориентация."
NO_NAMES = "Без имён участников: текст кейса, отмеченного «для РНЦ», уходит в РНЦ."


def case_file_storage() -> PrivateStorage:
    """Cases' and materials' files: outside any public URL, served by cases:file."""
    return PrivateStorage("cases", "/cases/files/")


def split_tags(text: str) -> list[str]:
    """The tags of a comma text, trimmed, empty ones and repeats (any case) left out."""
    seen, tags = set(), []
    for tag in (part.strip() for part in text.split(",")):
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def tag_filter(tag: str) -> models.Q:
    """The rows whose comma-separated tags hold `tag` (any case)."""
    return models.Q(tags__iregex=rf"(^|,)\s*{re.escape(tag)}\s*(,|$)")


class Tagged(models.Model):
    tags = models.CharField("теги", max_length=300, blank=True, help_text=TAGS_HELP)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.tags = ", ".join(split_tags(self.tags))

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)


class Case(Tagged):
    title = models.CharField("название", max_length=200)
    form = models.ForeignKey(
        MentoringForm,
        verbose_name="форма наставничества",
        on_delete=models.PROTECT,
        related_name="cases",
    )
    problem = models.TextField("проблема", help_text=NO_NAMES)
    actions = models.TextField("что сделано", help_text=NO_NAMES)
    result = models.TextField("результат", help_text=NO_NAMES)
    author = models.CharField(
        "автор",
        max_length=200,
        blank=True,
        help_text="Кого колледж называет автором практики. В РНЦ не передаётся.",
    )
    for_region = models.BooleanField(
        "для РНЦ",
        default=False,
        help_text="Практика уходит в пакет колледжа для РНЦ за период, в котором она добавлена.",
    )
    created_at = models.DateTimeField("добавлен", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "кейс"
        verbose_name_plural = "кейсы и лучшие практики"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class CaseFile(models.Model):
    case = models.ForeignKey(
        Case, verbose_name="кейс", on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField("название", max_length=200, blank=True)
    file = GeneratedNameFileField(
        "файл",
        upload_to=consent_scan_name,
        storage=case_file_storage,
        max_length=200,
        validators=[validate_case_file],
        help_text=FILE_HELP,
    )

    class Meta:
        verbose_name = "файл кейса"
        verbose_name_plural = "файлы кейса"
        ordering = ["pk"]

    def __str__(self):
        return self.title or f"Файл № {self.pk}"


class Material(Tagged):
    title = models.CharField("название", max_length=200)
    form = models.ForeignKey(
        MentoringForm,
        verbose_name="форма наставничества",
        on_delete=models.PROTECT,
        related_name="materials",
        null=True,
        blank=True,
        help_text="Пусто — для всех форм.",
    )
    description = models.TextField("описание", blank=True)
    file = GeneratedNameFileField(
        "файл",
        upload_to=consent_scan_name,
        storage=case_file_storage,
        max_length=200,
        blank=True,
        validators=[validate_case_file],
        help_text=FILE_HELP,
    )
    link = models.URLField("ссылка", max_length=500, blank=True)
    created_at = models.DateTimeField("добавлен", auto_now_add=True)

    class Meta:
        verbose_name = "методический материал"
        verbose_name_plural = "методические материалы"
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.file and not self.link:
            raise ValidationError("Приложите файл или укажите ссылку на материал.")


@receiver(post_delete, sender=CaseFile)
@receiver(post_delete, sender=Material)
def _file_delete(sender, instance, **kwargs):
    """A deleted row's file leaves the disk too — once the deletion is committed (a rolled
    back deletion keeps its file). Nothing else points at it: these models keep no history."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
