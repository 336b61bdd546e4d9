"""The change journal of one object, as the curator reads it: who, when, what changed from
what to what — in Russian, read-only, and without special categories for a role that may not
see them (the director reads the journal too).

Every admin of a base with ``HistoricalRecords`` inherits ``AuditHistoryAdmin``.
"""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import formats
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .models.persons import SPECIAL_CATEGORY_FIELDS

SPECIAL_CATEGORIES_PERM = "people.view_special_categories"

# Fields whose very value tells about health or social status, per model (app_label.model).
SPECIAL_CATEGORY_HISTORY_FIELDS = {
    "people.person": frozenset(SPECIAL_CATEGORY_FIELDS),
    "people.consent": frozenset({"special_categories"}),
}

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
    """Simple-history's «История» page as a read-only change journal."""

    object_history_list_template = "admin/audit_history_list.html"

    def history_hidden_fields(self, request) -> frozenset:
        if request.user.has_perm(SPECIAL_CATEGORIES_PERM):
            return frozenset()
        return SPECIAL_CATEGORY_HISTORY_FIELDS.get(self.model._meta.label_lower, frozenset())

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
