"""The journal of document downloads in the admin: the curator and the director read it;
nobody adds, edits or deletes a row."""

from django.contrib import admin

from accounts.roles import Role
from mentorship.admin_site import JournalAdminMixin, TitledListMixin

from .models import ReportDownload


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
