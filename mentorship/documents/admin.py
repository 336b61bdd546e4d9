"""The journal of document downloads in the admin: the curator and the director read it;
nobody adds, edits or deletes a row. The library of .docx templates: the college's own
letterhead in place of a default template."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from accounts.roles import Role
from mentorship.admin_site import JournalAdminMixin, ReadersCannotPostMixin, TitledListMixin
from mentorship.lib.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from mentorship.lib.docx import DocxTemplateError

from .models import DocumentTemplate, ReportDownload
from .papers import paper_title, papers
from .responses import download_response
from .templates_docx import check_uploaded_template, template_bytes

DOWNLOAD_URL = "admin:documents_documenttemplate_download"


def _download_links():
    """«Шаблон по умолчанию»: each paper's template in use, to start a letterhead from."""
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse(DOWNLOAD_URL, args=[kind]), paper.title) for kind, paper in papers().items()),
    )


@admin.register(ReportDownload)
class ReportDownloadAdmin(JournalAdminMixin, TitledListMixin, admin.ModelAdmin):
    """Written by the report and order views only (ReportDownload.record)."""

    list_display = ["at", "username", "kind", "period", "year", "rows"]
    list_filter = ["kind", "period", "year"]
    search_fields = ["username"]
    date_hierarchy = "at"
    fields = ["at", "username", "user", "kind", "period", "year", "rows"]
    readonly_fields = fields
    list_per_page = 100
    journal_readers = (Role.CURATOR, Role.DIRECTOR)


class DocumentTemplateForm(forms.ModelForm):
    """The kind from the registry of papers; the file checked before it is stored (a real
    .docx holding every field the paper needs), the refusal in Russian."""

    kind = forms.ChoiceField(label="Документ")
    file = forms.FileField(
        label="Файл шаблона (.docx)",
        widget=forms.FileInput(attrs={"accept": ".docx"}),
        help_text=(
            "Документ Word (.docx) с бланком колледжа и полями в фигурных скобках, как в "
            "шаблоне по умолчанию: {{ number }} — номер, {{ date }} — дата, {{ rows }} — "
            "строки таблицы приложения (обязательны); {{ organisation }}, {{ city }}, "
            "{{ title }}, {{ basis }}, {{ items }}, {{ director_position }}, "
            "{{ director_name }}, {{ acquainted }}, {{ appendix_title }}."
        ),
    )

    class Meta:
        model = DocumentTemplate
        fields = ["kind", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = format_html(
            "{} Скачать действующий шаблон, чтобы взять его за основу: {}.",
            self.fields["file"].help_text,
            _download_links(),
        )
        if "kind" in self.fields:  # chosen once, on upload; a replaced file keeps its kind
            self.fields["kind"].choices = [(kind, paper.title) for kind, paper in papers().items()]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or self.instance.kind
        upload = cleaned.get("file")
        if (
            "kind" in self.fields
            and kind
            and DocumentTemplate.objects.filter(kind=kind).exclude(pk=self.instance.pk).exists()
        ):
            self.add_error(
                "kind", "Шаблон этого документа уже загружен: откройте его и замените файл."
            )
        if kind and upload is not None and hasattr(upload, "read"):
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
            try:
                check_uploaded_template(kind, data)
            except DocxTemplateError as error:
                self.add_error("file", str(error))
        return cleaned


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    """The college's own templates of the papers. The administrator and the curator upload
    and delete them (deleted — the default template is used again); the director reads."""

    form = DocumentTemplateForm
    list_display = ["title", "file_name", "uploaded_at", "uploaded_by", "download"]
    readonly_fields = ["file_name", "uploaded_at", "uploaded_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["kind", "file"]
        if self.has_change_permission(request, obj):
            return ["title", "file_name", "file", "uploaded_at", "uploaded_by"]
        return ["title", "file_name", "uploaded_at", "uploaded_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ["title", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description="документ", ordering="kind")
    def title(self, obj):
        return paper_title(obj.kind)

    @admin.display(description="файл")
    def file_name(self, obj):
        return obj.file.name.rsplit("/", 1)[-1] if obj.file else "—"

    @admin.display(description="шаблон")
    def download(self, obj):
        return format_html('<a href="{}">скачать</a>', reverse(DOWNLOAD_URL, args=[obj.kind]))

    def get_urls(self):
        own = [
            path(
                "download/<slug:kind>/",
                self.admin_site.admin_view(self.download_view),
                name="documents_documenttemplate_download",
            )
        ]
        return own + super().get_urls()

    def download_view(self, request, kind):
        """The template a paper is filled into now (the college's own or the default), as a
        .docx download: to start a letterhead from. For those who may see the library."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        paper = papers().get(kind)
        if paper is None:
            raise Http404("Нет такого документа.")
        return download_response(
            template_bytes(paper),
            filename=f"Шаблон — {paper.title}.docx",
            content_type=DOCX_CONTENT_TYPE,
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "kind" in form.base_fields:
            del form.base_fields["kind"]
        return form

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
