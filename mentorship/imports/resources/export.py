"""What an export writes, and the fields only some users may see."""

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db.models import Manager, QuerySet
from import_export.fields import Field


class ExportMixin:
    """XlsxResource's export columns: special_fields are left out for a user without
    special_fields_permission (the owning app names both, and the refusal below)."""

    # Model fields hidden from users without special_fields_permission.
    special_fields: tuple[str, ...] = ()
    special_fields_permission: str = ""
    # Why a file of a base with special fields is refused to such a user (the preview
    # would show them): the owning app's words.
    special_fields_refusal: str = ""

    # While export() runs: (the columns asked for, each column's way to its value).
    _export_plan: tuple | None = None

    def may_see_special_fields(self) -> bool:
        # No user: the import_xlsx command, run by whoever runs the server.
        return self.user is None or self.user.has_perm(self.special_fields_permission)

    def get_export_fields(self, selected_fields=None):
        export_fields = super().get_export_fields(selected_fields)
        if self.may_see_special_fields():
            return export_fields
        return [f for f in export_fields if f.attribute not in self.special_fields]

    def get_user_visible_fields(self):
        return self.get_export_fields()

    def export(self, queryset=None, **kwargs):
        # import-export settles the columns (the export order, the user's permission) and
        # looks up each column's dehydrate method once per cell: 9,400 people × 20 columns
        # were a third of the export. The same columns and the same methods, once.
        # The plan is made at the first row: before_export() may still add columns.
        self._export_plan = (kwargs.get("export_fields"), None)
        try:
            return super().export(queryset, **kwargs)
        finally:
            self._export_plan = None

    def _exporter(self, field):
        """export_field()'s choice for one column: (its dehydrate method, False), or (the
        column's own export, True: it takes export()'s keyword arguments)."""
        method = field.get_dehydrate_method(self.get_field_name(field))
        if not callable(method):
            method = getattr(self, method, None)
        if method is not None:
            return method, False  # called with the instance alone, as export_field() does
        return _plain_export(field) or field.export, True

    def iter_queryset(self, queryset):
        """The rows as tuples of the columns' values (values_list) when every column is a
        model field exported as it is (_plain_export: no dehydrate method, no «__» path):
        no model instance per row, no select_related of whole rows. A foreign key's
        objects are read once, in one query, and handed to its widget as the instance
        path would. Any other column: the instances, as import-export reads them."""
        plan = self._export_plan
        renderers = None
        if plan is not None and isinstance(queryset, QuerySet):
            if not queryset._prefetch_related_lookups:
                columns = self.get_export_fields(plan[0])
                renderers = _values_renderers(queryset, [self._exporter(c) for c in columns])
        if renderers is None:
            yield from super().iter_queryset(queryset)
            return
        attributes, render = renderers
        self._export_plan = (plan[0], render)
        yield from queryset.values_list(*attributes).iterator(chunk_size=self.get_chunk_size())

    def export_resource(self, instance, selected_fields=None, **kwargs):
        plan = self._export_plan
        if plan is None or plan[0] is not selected_fields:
            return super().export_resource(instance, selected_fields, **kwargs)
        if callable(plan[1]):  # a values_list row (iter_queryset)
            return plan[1](instance, kwargs)
        if plan[1] is None:
            columns = self.get_export_fields(selected_fields)
            plan = self._export_plan = (selected_fields, [self._exporter(c) for c in columns])
        return [
            method(instance, **kwargs) if with_kwargs else method(instance)
            for method, with_kwargs in plan[1]
        ]


def _values_renderers(queryset: QuerySet, exporters) -> tuple[list[str], object] | None:
    """For iter_queryset's values path: the values_list attributes and a function making a
    row's cells from them, or None when a column needs the instance."""
    attributes, widgets = [], []
    for method, with_kwargs in exporters:
        field = getattr(method, "plain_field", None) if with_kwargs else None
        if field is None:
            return None
        try:
            model_field = queryset.model._meta.get_field(field.attribute)
        except FieldDoesNotExist:
            return None
        if not model_field.concrete or model_field.many_to_many:
            return None
        render = field.widget.render
        if model_field.is_relation:
            # The related objects once (the instance path's select_related), by id.
            key = model_field.target_field.attname
            related = {
                getattr(obj, key): obj
                for obj in model_field.related_model._base_manager.filter(
                    **{f"{key}__in": queryset.order_by().values(model_field.attname)}
                )
            }
            render = _related_render(render, related)
        attributes.append(model_field.attname)
        widgets.append(render)

    def row_cells(row, kwargs):
        return [render(value, **kwargs) for render, value in zip(widgets, row, strict=True)]

    return attributes, row_cells


def _related_render(render, related: dict):
    def render_related(value, **kwargs):
        return render(None if value is None else related.get(value), **kwargs)

    return render_related


def _plain_export(field):
    """Field.export() of a column that reads one attribute of the instance, without
    get_value()'s walk along «__» per cell; None for any other column (its own export)."""
    kind = type(field)
    attribute = field.attribute
    if kind.export is not Field.export or kind.get_value is not Field.get_value:
        return None
    if not attribute or "__" in attribute:
        return None
    render = field.widget.render

    def export(instance, **kwargs):
        if isinstance(instance, dict):  # get_value() reads a dict by key
            return field.export(instance, **kwargs)
        try:
            value = getattr(instance, attribute, None)
        except (ValueError, ObjectDoesNotExist, KeyError):
            value = None
        if value is not None and callable(value) and not isinstance(value, Manager):
            value = value()
        return render(value, **kwargs)

    export.plain_field = field  # the values path (iter_queryset) may read it by values_list
    return export
