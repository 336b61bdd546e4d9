from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.text import capfirst


class MentorshipAdminSite(admin.AdminSite):
    """The curator's, director's and administrator's screens.

    Access follows the role, not is_staff: the office roles get in (what they may do inside
    is their permissions), everybody else who is logged in gets 403, anonymous users go to
    the site's own login page.
    """

    site_header = "Наставничество"
    site_title = "Наставничество"
    index_title = "Базы и справочники"
    # The list pages need the width more than a second menu.
    enable_nav_sidebar = False

    def has_permission(self, request):
        return request.user.is_active and request.user.is_office_staff

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, view)

    def login(self, request, extra_context=None):
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), settings.LOGIN_URL
        )


class ReadOnlyInline(admin.TabularInline):
    """Rows under a record that other screens write (memberships, status changes, meetings,
    act rows): shown read-only, never added, edited or deleted from the record's page."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class TitledListMixin:
    """List pages are titled by the base's name («Банк наставников»), as curators call them."""

    def changelist_view(self, request, extra_context=None):
        title = capfirst(self.model._meta.verbose_name_plural)
        return super().changelist_view(request, {"title": title, **(extra_context or {})})


class JournalAdminMixin:
    """A journal (downloads, destruction acts): written by the product itself, read in the
    admin by ``journal_readers`` only; nobody adds, edits or deletes a row, and a POST to
    the list is refused rather than answered «nothing selected»."""

    journal_readers: tuple = ()  # accounts.roles.Role members

    def _may_view(self, request) -> bool:
        return request.user.has_role(*self.journal_readers)

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
        if request.method == "POST":
            raise PermissionDenied
        return super().changelist_view(request, extra_context)
