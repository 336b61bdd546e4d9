"""The journal of document downloads in the admin: the curator and the director read it;
nobody adds, edits or deletes a row. The register of documents: the curator keeps it, the
director reads it."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple

from accounts.roles import Role
from mentorship.admin_site import (
    AuditHistoryAdmin,
    JournalAdminMixin,
    ReadersCannotPostMixin,
    TitledListMixin,
)

from . import register
from .models import RegisteredDocument, ReportDownload


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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registered_by = request.user.get_username()
        super().save_model(request, obj, form, change)

    @admin.display(description="скан", boolean=True)
    def has_scan(self, obj):
        return bool(obj.scan)
