"""The admin site and the admin mixins every app's screens share (no app imported here)."""

import dataclasses
import datetime
from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


class MentorshipAdminSite(admin.AdminSite):
    """The curator's, director's and administrator's screens.

    Access follows the role, not is_staff: the office roles and the regional centre's
    coordinator get in (what they may do inside is their permissions: the coordinator's are
    the region's models only), everybody else who is logged in gets 403, anonymous users go
    to the site's own login page.
    """

    site_header = "Наставничество"
    site_title = "Наставничество"
    index_title = "Базы и справочники"
    # The list pages need the width more than a second menu.
    enable_nav_sidebar = False

    def has_permission(self, request):
        return request.user.is_active and request.user.works_in_admin

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


class RowCheckboxMixin:
    """The action checkbox of a list row written as a string, the very markup Django's
    ModelAdmin.action_checkbox() renders through the CheckboxInput widget's templates: those
    cost 0.12-0.2 ms a row (6-9 ms of a 50-row page at full size, every list of the admin)."""

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class RowLinksChangeList(ChangeList):
    """The admin's ChangeList whose rows link to their change page with the list's filters
    written into the link once for the page: Django's add_preserved_filters() resolves each
    row's URL to learn whether it is the list's own (it never is: a row links to its change
    page), 7.5 ms for the 100 rows of a filtered list on PostgreSQL at full size, 1.1 ms
    this way. The links are the same text: items_for_result() re-encodes a link's query as
    it finds it when there are no filters left to add."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_filters, self.preserved_filters = self.preserved_filters, ""

    def url_for_result(self, result):
        url = super().url_for_result(result)
        return f"{url}?{self.row_filters}" if self.row_filters else url


class TitledListMixin(RowCheckboxMixin):
    """List pages are titled by the base's name («Банк наставников»), as curators call them;
    their rows' checkboxes are RowCheckboxMixin's, their rows' links RowLinksChangeList's."""

    def get_changelist(self, request, **kwargs):
        return RowLinksChangeList

    def changelist_view(self, request, extra_context=None):
        title = capfirst(self.model._meta.verbose_name_plural)
        return super().changelist_view(request, {"title": title, **(extra_context or {})})


class ReadersCannotPostMixin:
    """A user who may only view (the director) gets 403 for any POST to a list: actions
    included, not a silent «no action selected»."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and not (
            self.has_change_permission(request) or self.has_delete_permission(request)
        ):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)


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


# --- the change journal («История») -------------------------------------------------------

EMPTY = "—"


def display_value(field, value) -> str:
    """A stored value as the curator reads it on the object's own page."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list):  # many-to-many: the related objects' names
        return ", ".join(str(item) for item in value) or EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(field, models.FileField):
        return "файл загружен"
    return str(value)


class RussianRecordContextHelper(HistoricalRecordContextHelper):
    """Field names by their verbose names, values as on the object's page; hidden fields
    left out entirely."""

    def __init__(self, model, historical_record, *, hidden_fields=frozenset(), **kwargs):
        super().__init__(model, historical_record, **kwargs)
        self.hidden_fields = hidden_fields

    def context_for_delta_changes(self, delta):
        visible = [c for c in delta.changes if c.field not in self.hidden_fields]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=visible))

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return display_value(self.model._meta.get_field(change.field), value)


class AuditHistoryAdmin(SimpleHistoryAdmin):
    """Simple-history's «История» page as a read-only change journal: who, when, what
    changed from what to what — in Russian.

    Every admin of a base with ``HistoricalRecords`` inherits it. An app whose model holds
    fields some readers may not see names them in history_hidden_fields().
    """

    object_history_list_template = "admin/audit_history_list.html"

    def history_hidden_fields(self, request) -> frozenset:
        """Fields left out of the journal for this request's user."""
        return frozenset()

    def get_historical_record_context_helper(self, request, historical_record):
        return RussianRecordContextHelper(
            self.model, historical_record, hidden_fields=self.history_hidden_fields(request)
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Simple-history saves a POSTed old version with only a view permission checked.
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        # The journal is evidence: going back to an old version is a new edit on the
        # object's own form, recorded in its turn; a revert button could silently undo a
        # consent withdrawal.
        return True
