"""The journal of PDF downloads in the admin (RELIABILITY 41): the curator and the director
read it; nobody adds, edits or deletes a row.

Registered from RoadmapConfig.ready() rather than roadmap/admin.py, so the journal stays a
unit of its own.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from mentorship.admin_site import TitledListMixin

from .models import ReportDownload


@admin.register(ReportDownload)
class ReportDownloadAdmin(TitledListMixin, admin.ModelAdmin):
    """The journal of PDF downloads (RELIABILITY 41): written by the report and order views
    only; the curator and the director read it, nobody edits or deletes a row."""

    list_display = ["at", "username", "kind", "year", "rows"]
    list_filter = ["kind", "year"]
    search_fields = ["username"]
    date_hierarchy = "at"
    fields = ["at", "username", "user", "kind", "year", "rows"]
    readonly_fields = fields
    list_per_page = 100

    def _may_view(self, request) -> bool:
        return request.user.has_role(Role.CURATOR, Role.DIRECTOR)

    def has_module_permission(self, request):
        return self._may_view(request)

    def has_view_permission(self, request, obj=None):
        return self._may_view(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # No action may write here: a POST to the list is refused, not «nothing selected».
        if request.method == "POST":
            raise PermissionDenied
        return super().changelist_view(request, extra_context)
