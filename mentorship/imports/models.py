"""Mappings a curator confirmed on the mapping step, kept for the next file with the same
headers (see mapping.py)."""

from django.conf import settings
from django.db import models


class RememberedMapping(models.Model):
    """«колонка файла → поле базы» of one base for one header row, as last confirmed."""

    base_code = models.CharField("база", max_length=50)
    headers_key = models.CharField("ключ заголовков", max_length=64)
    headers = models.JSONField("заголовки файла", default=list)
    # By position: a template header, «ФИО», or None (не загружается).
    targets = models.JSONField("поля базы", default=list)
    constants = models.JSONField("значения для всех строк", default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто подтвердил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField("когда", auto_now=True)

    class Meta:
        verbose_name = "запомненное сопоставление колонок"
        verbose_name_plural = "запомненные сопоставления колонок"
        constraints = [
            models.UniqueConstraint(
                fields=["base_code", "headers_key"], name="imports_mapping_unique_headers"
            )
        ]

    def __str__(self) -> str:
        return f"{self.base_code}: {', '.join(self.headers)}"
