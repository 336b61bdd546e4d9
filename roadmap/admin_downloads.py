"""The journal of PDF downloads in the admin (RELIABILITY 41): the curator and the director
read it; nobody adds, edits or deletes a row.

A unit of its own, registered when the admin autodiscovers roadmap/admin.py (which imports
it), like the indicators' admin_kpi.
"""

from django.contrib import admin

from accounts.roles import Role
from mentorship.admin_site import JournalAdminMixin, TitledListMixin

from .models import ReportDownload


@admin.register(ReportDownload)
class ReportDownloadAdmin(JournalAdminMixin, TitledListMixin, admin.ModelAdmin):
    """The journal of PDF downloads (RELIABILITY 41): written by the report and order views
    only; the curator and the director read it, nobody edits or deletes a row."""

    list_display = ["at", "username", "kind", "year", "rows"]
    list_filter = ["kind", "year"]
    search_fields = ["username"]
    date_hierarchy = "at"
    fields = ["at", "username", "user", "kind", "year", "rows"]
    readonly_fields = fields
    list_per_page = 100
    journal_readers = (Role.CURATOR, Role.DIRECTOR)
