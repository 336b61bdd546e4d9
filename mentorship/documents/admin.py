"""The journal of document downloads in the admin: the curator and the director read it;
nobody adds, edits or deletes a row. The register of documents: the curator keeps it, the
director reads it. The library of .docx templates: the college's own letterhead in place of
a default template."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from accounts.roles import Role
from mentorship.admin_site import (
    AuditHistoryAdmin,
    JournalAdminMixin,
    ReadersCannotPostMixin,
    TitledListMixin,
)
from mentorship.lib.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from mentorship.lib.docx import DocxTemplateError

from . import register
from .models import DocumentTemplate, RegisteredDocument, ReportDownload
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


class YearFilter(admin.SimpleListFilter):
    title = "год"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = RegisteredDocument.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class RegisteredDocumentForm(forms.ModelForm):
    """The document and what it serves: roadmap activities and pairs. Both relations are
    declared above this app; the choices come through them (register.activity_model())."""

    activities = forms.ModelMultipleChoiceField(
        label="Мероприятия дорожной карты",
        queryset=register.activity_model().objects.none(),
        required=False,
        widget=FilteredSelectMultiple("мероприятия", is_stacked=False),
        help_text="Мероприятия, результат которых — этот документ.",
    )
    pairs = forms.ModelMultipleChoiceField(
        label="Пары",
        queryset=register.pair_model().objects.none(),
        required=False,
        widget=FilteredSelectMultiple("пары", is_stacked=False),
        help_text="Пары, которых касается документ (приказ о закреплении, соглашение).",
    )

    class Meta:
        model = RegisteredDocument
        fields = ["kind", "number", "date", "title", "scan", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = (
            register.activity_model()
            .objects.select_related("roadmap")
            .order_by("-roadmap__start_date", "section__order", "order", "pk")
        )
        self.fields["pairs"].queryset = (
            register.pair_model().objects.select_related("mentor__person", "form").order_by("-pk")
        )
        # Activities of several roadmaps may share a title: the roadmap tells them apart.
        self.fields["activities"].label_from_instance = lambda a: f"{a.roadmap.title}: {a}"
        if self.instance.pk:
            self.initial["activities"] = list(self.instance.activities.all())
            self.initial["pairs"] = list(self.instance.pairs.all())

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.activities.set(self.cleaned_data["activities"])
        self.instance.pairs.set(self.cleaned_data["pairs"])


@admin.register(RegisteredDocument)
class RegisteredDocumentAdmin(TitledListMixin, ReadersCannotPostMixin, AuditHistoryAdmin):
    """The curator keeps the register; the director reads it (view permission only). The
    scan's link leads to documents:scan, which checks the role."""

    form = RegisteredDocumentForm
    list_display = ["kind", "number", "date", "title", "has_scan"]
    list_display_links = ["kind", "number", "title"]
    list_filter = ["kind", YearFilter]
    search_fields = ["number", "title"]
    search_help_text = "Номер или слова из названия документа."
    list_per_page = 50

    def get_fields(self, request, obj=None):
        editing = self.has_change_permission(request, obj) or (
            obj is None and self.has_add_permission(request)
        )
        links = ["activities", "pairs"] if editing else ["activity_list", "pair_list"]
        fields = ["kind", ("number", "date"), "title", "scan", "note", *links]
        if obj is not None:
            fields.append(("registered_at", "registered_by"))
        return fields

    def get_readonly_fields(self, request, obj=None):
        return ["registered_at", "registered_by", "activity_list", "pair_list"]

    @admin.display(description="мероприятия дорожной карты")
    def activity_list(self, obj):
        return "; ".join(str(a) for a in obj.activities.all()) or "—"

    @admin.display(description="пары")
    def pair_list(self, obj):
        pairs = obj.pairs.select_related("mentor__person", "form")
        return "; ".join(str(p) for p in pairs) or "—"

    def get_changeform_initial_data(self, request):
        """The prefill of register.register_form_url: the relations declared on the other
        side (pairs, activities) come as comma-separated ids, which the admin splits only
        for its own many-to-many fields."""
        initial = super().get_changeform_initial_data(request)
        for name in ("pairs", "activities"):
            raw = initial.get(name)
            if isinstance(raw, str):
                initial[name] = [pk for pk in raw.split(",") if pk.strip().isdigit()]
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registered_by = request.user.get_username()
        super().save_model(request, obj, form, change)

    @admin.display(description="скан", boolean=True)
    def has_scan(self, obj):
        return bool(obj.scan)
