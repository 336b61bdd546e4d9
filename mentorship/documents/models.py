"""The journal of document downloads (who downloaded which report or order draft, when) and
the register of the programme's documents (RegisteredDocument).

The yearly KPI report, the order drafts (which name students) and the college's package to
the regional centre are documents that leave the system; each download writes one row here,
in the request that serves the file. The journal is append-only: written by the views, read
by the curator and the director in the admin, never edited or deleted there.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentorship.lib.scans import GeneratedNameFileField, check_scan, scan_name
from mentorship.lib.storage import PrivateStorage


class ReportDownload(models.Model):
    class Kind(models.TextChoices):
        KPI_REPORT = "kpi_report", "Отчёт о реализации программы наставничества"
        ORDER_PAIRS = "order_pairs", "Проект приказа о закреплении пар"
        ORDER_MENTORS = "order_mentors", "Проект приказа о назначении наставников"
        ORDER_REWARDS = "order_rewards", "Проект приказа о поощрении участников"
        ORDER_PLANS = "order_plans", "Проект приказа об утверждении индивидуальных планов"
        REGION_PACKAGE = "region_package", "Пакет для РНЦ"
        ROADMAP = "roadmap", "Дорожная карта (для печати)"
        INDIVIDUAL_PLAN = "individual_plan", "Индивидуальный план пары (для печати)"
        ORDER_TARGET_MODEL = "order_target_model", "Проект приказа о внедрении целевой модели"
        ORDER_CURATOR = "order_curator", "Проект приказа о назначении куратора"
        ORDER_FINAL_EVENT = "order_final_event", "Проект приказа об итоговом мероприятии"
        THANKS_PARTNERS = "thanks_partners", "Благодарственные письма партнёрам"
        CERTIFICATES = "certificates", "Сертификаты участников"
        AGREEMENT = "agreement", "Соглашения об участии в программе наставничества"

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


def register_scan_storage():
    """Signed scans of registered documents live in MEDIA_ROOT/register and are downloaded
    only through documents:scan, which checks the role."""
    return PrivateStorage("register", "/documents/scans/")


def register_scan_name(instance, filename: str) -> str:
    return scan_name(instance, filename)


def validate_register_scan(upload) -> None:
    check_scan(upload, what="Скан документа")


class RegisteredDocument(models.Model):
    """A document of the programme in the register: its kind, number and date, the signed
    scan, the roadmap activities it serves and the pairs it concerns (both declared on
    their side: roadmap.Activity.documents, pairs.Pair.documents)."""

    class Kind(models.TextChoices):
        REGULATION = "regulation", "положение о наставничестве"
        ORDER = "order", "приказ"
        COUNCIL_MINUTES = "council_minutes", "протокол педагогического совета"
        PROGRAMME = "programme", "программа наставничества"
        PARTNER_AGREEMENT = "partner_agreement", "соглашение с организацией-партнёром"
        PARTICIPANT_AGREEMENT = "participant_agreement", "соглашение с участником"
        THANK_YOU_LETTER = "thank_you_letter", "благодарственное письмо"
        CERTIFICATE = "certificate", "сертификат"
        OTHER = "other", "иное"

    kind = models.CharField("вид документа", max_length=30, choices=Kind.choices)
    number = models.CharField("номер", max_length=50, blank=True)
    date = models.DateField("дата")
    title = models.CharField("название", max_length=500)
    scan = GeneratedNameFileField(
        "подписанный скан",
        upload_to=register_scan_name,
        storage=register_scan_storage,
        blank=True,
        max_length=200,
        validators=[validate_register_scan],
        help_text="PDF, JPEG или PNG.",
    )
    note = models.TextField("примечание", blank=True)
    registered_at = models.DateTimeField("внесён в реестр", auto_now_add=True)
    # The login as it was at registering, a text and not a link: the register is the
    # programme's record, and a link to a login would tie it (and the roadmap activities
    # that point to it) to a person's data.
    registered_by = models.CharField("кто внёс", max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "документ реестра"
        verbose_name_plural = "реестр документов"
        ordering = ["-date", "-pk"]

    def __str__(self):
        number = f" № {self.number}" if self.number else ""
        kind = self.get_kind_display().capitalize()
        return f"{kind}{number} от {self.date:%d.%m.%Y}: {self.title}"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": "Дата документа не может быть в будущем: в реестр вносят подписанные."}
            )
        if not (self.title or "").strip():
            raise ValidationError({"title": "Укажите название документа."})
