"""The regional centre's lists in the admin, for the coordinator («Координатор РНЦ»): the
colleges of the region, the regional denominators, the packages (read-only: they come only by
upload, mentorship.region.upload), the journal of uploads and the centre's own card.

What each role may do here is its permissions (mentorship/region/migrations/0002): the college's
office holds none of them, so these screens answer it 403.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponseRedirect
from django.urls import reverse

from mentorship.admin_site import ReadersCannotPostMixin, ReadOnlyInline, TitledListMixin
from mentorship.lib.periods import ReportPeriod

from .models import (
    Package,
    PackageKpi,
    PackageUpload,
    RegionalCentre,
    RegionalDenominator,
    RegionCollege,
)


class NoWriteMixin(ReadersCannotPostMixin):
    """Rows written by the upload only: looked at, never added, changed or deleted here; a
    POST to the list (an action) is refused (ReadersCannotPostMixin: nobody may change)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegionCollege)
class RegionCollegeAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    list_display = ["inn", "short_name", "city", "expected", "last_period"]
    list_filter = ["expected"]
    search_fields = ["inn", "short_name", "full_name", "city"]
    fields = ["inn", "short_name", "full_name", "city", "expected"]
    list_per_page = 200

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(last_package_period=Max("packages__period"))

    @admin.display(description="последний пакет за", ordering="last_package_period")
    def last_period(self, obj):
        key = getattr(obj, "last_package_period", None)
        return ReportPeriod.parse(key).label if key else "—"


class RegionalDenominatorForm(forms.ModelForm):
    class Meta:
        model = RegionalDenominator
        fields = ["period", "kind", "value", "source"]
        help_texts = {"period": "Год (2025) или учебный год (2025/2026)."}
        error_messages = {
            "value": {"invalid": "Введите целое число больше нуля."},
        }

    def clean_period(self):
        try:
            return ReportPeriod.parse(self.cleaned_data["period"]).key
        except ValueError as error:
            raise forms.ValidationError(f"{error}.") from None

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value <= 0:
            raise forms.ValidationError("Значение знаменателя должно быть больше нуля.")
        return value


@admin.register(RegionalDenominator)
class RegionalDenominatorAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    form = RegionalDenominatorForm
    list_display = ["period", "kind", "value", "source"]
    list_filter = ["period", "kind"]
    list_per_page = 200


class PackageKpiInline(ReadOnlyInline):
    model = PackageKpi
    fields = ["name", "unit", "target", "numerator", "denominator", "value", "status"]


@admin.register(Package)
class PackageAdmin(NoWriteMixin, TitledListMixin, admin.ModelAdmin):
    list_display = ["college", "period", "app_version", "created_at", "uploaded_at", "checksum"]
    list_filter = ["period"]
    list_select_related = ["college"]
    search_fields = ["college__inn", "college__short_name"]
    fields = [
        "college",
        "period",
        "schema_version",
        "app_version",
        "created_at",
        "uploaded_at",
        "checksum",
    ]
    readonly_fields = fields
    inlines = [PackageKpiInline]
    list_per_page = 200


@admin.register(PackageUpload)
class PackageUploadAdmin(NoWriteMixin, TitledListMixin, admin.ModelAdmin):
    list_display = ["uploaded_at", "college", "period", "username", "file_name", "replaced"]
    list_filter = ["period"]
    list_select_related = ["college"]
    search_fields = ["college__inn", "college__short_name", "username", "file_name"]
    date_hierarchy = "uploaded_at"
    fields = [
        "uploaded_at",
        "college",
        "period",
        "username",
        "file_name",
        "checksum",
        "replaced_checksum",
        "changes",
        "warnings",
    ]
    readonly_fields = fields
    list_per_page = 200

    @admin.display(description="заменил прежний", boolean=True)
    def replaced(self, obj):
        return bool(obj.replaced_checksum)


@admin.register(RegionalCentre)
class RegionalCentreAdmin(admin.ModelAdmin):
    """One card: the list goes straight to it; nothing to add or delete."""

    fields = ["name", "region"]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        RegionalCentre.get()
        return HttpResponseRedirect(reverse("admin:region_regionalcentre_change", args=[1]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
