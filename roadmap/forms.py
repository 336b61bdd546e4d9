import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from mentorship.documents.models import RegisteredDocument
from mentorship.lib.forms import DateInput

from . import services
from .models import Activity

# Evidence of a done activity: an order, a protocol, a photo, a list. Recognised by the
# content, never by the name alone; Office files are ZIP archives with their own parts.
EVIDENCE_TYPES = {
    ".pdf": "PDF",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".docx": "DOCX",
    ".xlsx": "XLSX",
}
_SIGNATURES = {"PDF": b"%PDF-", "JPEG": b"\xff\xd8\xff", "PNG": b"\x89PNG\r\n\x1a\n"}
_OFFICE_PARTS = {"DOCX": "word/document.xml", "XLSX": "xl/workbook.xml"}


def _office_has_part(upload, part: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def validate_evidence(upload) -> None:
    """PDF, JPEG, PNG, DOCX or XLSX of a sane size, its content matching its name."""
    limit = settings.ROADMAP_EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Файл слишком большой ({filesizeformat(upload.size)}); "
            f"допускается не больше {filesizeformat(limit)}."
        )
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    kind = EVIDENCE_TYPES.get(suffix)
    refused = ValidationError("Подтверждение — файл PDF, JPEG, PNG, DOCX или XLSX.")
    if kind is None:
        raise refused
    upload.seek(0)
    if kind in _OFFICE_PARTS:
        matches = _office_has_part(upload, _OFFICE_PARTS[kind])
    else:
        matches = upload.read(16).startswith(_SIGNATURES[kind])
    upload.seek(0)
    if not matches:
        raise ValidationError(
            f"Файл «{upload.name}» не похож на {kind}: проверьте, что он не повреждён."
        )


def _today():
    return timezone.localdate()


class RoadmapFilterForm(forms.Form):
    responsible = forms.ChoiceField(label="Ответственный", required=False)
    status = forms.ChoiceField(
        label="Статус",
        required=False,
        choices=[("", "любой"), *Activity.Status.choices],
    )
    overdue = forms.BooleanField(label="только просроченные", required=False)
    year = forms.TypedChoiceField(label="Год", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, responsible: list[str], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [("", "все"), *((n, n) for n in responsible)]
        self.fields["year"].choices = [(y, str(y)) for y in years]
        for name in ("responsible", "status", "year"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["overdue"].widget.attrs["class"] = "form-check-input"


class ActivityDoneForm(forms.Form):
    completed_on = forms.DateField(label="Дата выполнения", initial=_today, widget=DateInput())
    evidence_url = forms.URLField(
        label="Ссылка на подтверждение",
        required=False,
        assume_scheme="https",
        help_text="Публикация на сайте, папка с документами, приказ в системе документооборота.",
    )
    evidence_file = forms.FileField(
        label="Файл подтверждения",
        required=False,
        validators=[validate_evidence],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )
    documents = forms.ModelMultipleChoiceField(
        label="Документы из реестра",
        queryset=RegisteredDocument.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Подписанный приказ, протокол, положение, внесённые в реестр документов. "
        "Выбор заменяет прежний.",
    )

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = RegisteredDocument.objects.order_by("-date", "-pk")
        if activity.pk:
            self.initial.setdefault("documents", list(activity.documents.all()))
        limit = filesizeformat(settings.ROADMAP_EVIDENCE_MAX_BYTES)
        self.fields[
            "evidence_file"
        ].help_text = f"PDF, JPEG, PNG, DOCX или XLSX, не больше {limit}."
        if activity.evidence_url or activity.evidence_file:
            self.fields[
                "evidence_file"
            ].help_text += " Уже приложенное подтверждение сохранится, если не заменить его."
        if activity.evidence_url:
            self.initial.setdefault("evidence_url", activity.evidence_url)
        if activity.completed_on:
            self.initial["completed_on"] = activity.completed_on


class ActivityYearDoneForm(forms.Form):
    year = forms.TypedChoiceField(label="За какой год", coerce=int)
    completed_on = forms.DateField(label="Дата выполнения", initial=_today, widget=DateInput())
    evidence_url = forms.URLField(
        label="Ссылка на подтверждение", required=False, assume_scheme="https"
    )
    note = forms.CharField(
        label="Примечание",
        required=False,
        max_length=300,
        help_text="Например: «Протокол педагогического совета № 3 от 28.08.2026».",
    )

    def __init__(self, *args, years: list[int], default_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        if default_year in years:
            self.initial.setdefault("year", default_year)


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Статус",
        choices=[(s.value, s.label) for s in services.MANUAL_STATUSES],
        widget=forms.Select(attrs={"class": "form-select w-auto"}),
    )
