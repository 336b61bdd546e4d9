"""The journal of document downloads: who downloaded which report or order draft, when.

The yearly KPI report, the order drafts (which name students) and the college's package to
the regional centre are documents that leave the system; each download writes one row here,
in the request that serves the file. The journal is append-only: written by the views, read
by the curator and the director in the admin, never edited or deleted there.
"""

from django.conf import settings
from django.db import models

from mentorship.lib.storage import PrivateStorage


class ReportDownload(models.Model):
    class Kind(models.TextChoices):
        KPI_REPORT = "kpi_report", "Отчёт о реализации программы наставничества"
        ORDER_PAIRS = "order_pairs", "Проект приказа о закреплении пар"
        ORDER_MENTORS = "order_mentors", "Проект приказа о назначении наставников"
        ORDER_REWARDS = "order_rewards", "Проект приказа о поощрении участников"
        REGION_PACKAGE = "region_package", "Пакет для РНЦ"

    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The login as it was at the download: the row still says who it was if the account
    # is renamed or deleted later.
    username = models.CharField("логин", max_length=150)
    kind = models.CharField("документ", max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("год", null=True, blank=True)
    # The report period as written in the report: «2025» or «2025/2026» (year holds the
    # calendar year, or the one the academic year opens in). Empty for other documents.
    period = models.CharField("период", max_length=9, blank=True, default="")
    rows = models.PositiveIntegerField(
        "строк в документе",
        null=True,
        blank=True,
        help_text="Для приказов — сколько пар или наставников в документе.",
    )

    class Meta:
        verbose_name = "скачивание документа"
        verbose_name_plural = "журнал скачиваний документов"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.username}"

    @classmethod
    def record(
        cls,
        request,
        kind: str,
        *,
        year: int | None = None,
        rows: int | None = None,
        period: str = "",
    ):
        """Write the journal row for a document served to request.user. A report's period
        is its key («2025», «2025/2026»), given by the report view."""
        user = request.user
        return cls.objects.create(
            user=user,
            username=user.get_username(),
            kind=kind,
            year=year,
            period=period,
            rows=rows,
        )


def document_template_storage():
    """Templates live in MEDIA_ROOT/document_templates, served by no URL (a letterhead may
    carry the college's signatures and seal)."""
    return PrivateStorage("document_templates", "/documents/templates/")


class DocumentTemplate(models.Model):
    """A college's own .docx template of a paper (its letterhead) in place of the default
    one (templates/docx/KIND.docx). One per kind; deleting it returns to the default.
    Checked on upload (mentorship.documents.templates_docx)."""

    kind = models.CharField("документ", max_length=40, unique=True)
    file = models.FileField(
        "файл шаблона (.docx)", upload_to="%Y/", storage=document_template_storage
    )
    uploaded_at = models.DateTimeField("загружен", auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто загрузил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "шаблон документа"
        verbose_name_plural = "шаблоны документов"
        ordering = ["kind"]

    def __str__(self):
        from .papers import paper_title

        return paper_title(self.kind)
