"""What every xlsx base shares: exact headers, Excel row numbers, Russian errors, and
all-or-nothing imports with one lookup query for the whole file.

XlsxResource is import-export's ModelResource with its parts in their own modules: the
header row (headers.py), batch writes (batches.py), export columns (export.py); the import
itself is here.
"""

import copy
import hashlib
import logging

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources
from import_export.results import Error, RowResult

from .batches import BulkWritesMixin
from .columns import RelatedSetColumn
from .export import ExportMixin
from .headers import HeadersMixin
from .loader import KeyedInstanceLoader
from .preview import NoDiff, PreviewDiff
from .results import ImportRejected, XlsxImportResult

logger = logging.getLogger(__name__)

_LOOKUP_CHUNK = 500


def _loaded_relations(instance) -> set[str]:
    """Foreign keys whose row this import has just read (a widget's reference lookup, or
    the loader's select_related): Model.full_clean() would query each one again, per row,
    to check it exists. The database's foreign key still refuses a row that vanished."""
    cache = instance._state.fields_cache
    return {
        field.name
        for field in instance._meta.concrete_fields
        if field.many_to_one and cache.get(field.name) is not None
    }


class XlsxResource(HeadersMixin, BulkWritesMixin, ExportMixin, resources.ModelResource):
    """Base of every xlsx base's resource.

    Subclasses define their Column fields, row_key(row) (None when the row cannot be
    identified: its own cell errors say why), existing_queryset(keys) and
    instance_key(instance); identity_label names the columns that identify a row.
    """

    identity_label = ""
    identity_key = NON_FIELD_ERRORS
    # Template columns a file may leave out (the column then changes nothing).
    optional_columns: tuple[str, ...] = ()
    # The template columns a «ФИО» column of a curator's file fills (surname, name,
    # patronymic), e.g. ("Фамилия", "Имя", "Отчество"); () — the base has none, and the
    # mapping step does not offer «ФИО».
    full_name_columns: tuple[str, str, str] | tuple[()] = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        instance_loader_class = KeyedInstanceLoader
        # A base without related sets may set use_bulk: rows are then written in
        # batches with their history (see batches.py), not one save() per row.
        batch_size = 1000

    def __init__(self, user=None, expected_fingerprint=None, **kwargs):
        super().__init__()
        self.user = user
        # What the matched rows looked like at the preview (see check_versions).
        self.expected_fingerprint = expected_fingerprint
        self.fingerprint = ""
        self.lock_rows = False
        self.dry_run = False
        self.row_numbers: list[int] = []
        self.first_row_by_key: dict[str, int] = {}
        self.duplicate_of: dict[int, int] = {}
        self._related: dict[str, list] = {}
        self.show_diff = True
        self.notices: list[str] = []
        # Bulk writes: which row each pending instance came from, and what changed in it.
        self._pending_rows: dict[int, tuple[int, RowResult | None]] = {}
        self._changed_fields: dict[int, set[str]] = {}
        self._last_saved = None

    @classmethod
    def get_result_class(cls):
        return XlsxImportResult

    def get_import_fields(self):
        # Asked several times per row: during an import (when the columns are settled)
        # the list is kept, see import_data().
        cached = getattr(self, "_import_fields", None)  # (also asked by __init__)
        return cached if cached is not None else super().get_import_fields()

    def get_diff_class(self):
        # The preview shows each row's changes; a real import only needs the counts.
        return PreviewDiff if self.show_diff else NoDiff

    # --- import ------------------------------------------------------------------------

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """All or nothing: any invalid row rolls back every row, on every path."""
        try:
            self.check_may_import()
            self.check_headers(dataset)
        except ImportRejected as rejected:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(Error(rejected))
            return result
        self.notices = []
        self._pending_rows, self._changed_fields = {}, {}
        self.row_numbers = list(
            getattr(dataset, "excel_row_numbers", None) or range(2, len(dataset) + 2)
        )
        self._find_duplicates(dataset)
        self.show_diff = dry_run
        self.dry_run = dry_run
        self.lock_rows = not dry_run
        self._import_fields = super().get_import_fields()
        try:
            result = super().import_data(
                dataset,
                dry_run=dry_run,
                raise_errors=raise_errors,
                use_transactions=use_transactions,
                collect_failed_rows=collect_failed_rows,
                rollback_on_validation_errors=True,
                **kwargs,
            )
        except ImportRejected as rejected:  # raised while loading the existing rows
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(Error(rejected))
        finally:
            self._import_fields = None
        result.fingerprint = self.fingerprint
        result.notices = list(self.notices)
        result.excel_row_numbers = self.row_numbers
        # Columns the mapping step made from one file column (the parts of «ФИО») are named
        # as the file names that column.
        labels = getattr(dataset, "column_labels", None) or {}
        result.columns_by_key = {
            key: labels.get(column, column) for key, column in self.columns_by_key().items()
        }
        return result

    def check_may_import(self) -> None:
        # The file and its preview carry the special fields: only a user who may see
        # them may load them.
        if self.special_fields and not self.may_see_special_fields():
            raise ImportRejected(self.special_fields_refusal)

    def columns_by_key(self) -> dict[str, str]:
        columns = {}
        for name, field in self.fields.items():
            columns.setdefault(name, field.column_name)
            if field.attribute:
                columns.setdefault(field.attribute, field.column_name)
        if self.identity_label:
            columns[self.identity_key] = self.identity_label
        return columns

    def _find_duplicates(self, dataset) -> None:
        self.first_row_by_key, self.duplicate_of = {}, {}
        for index, values in enumerate(dataset, 1):
            key = self.row_key(dict(zip(dataset.headers, values, strict=False)))
            if not key:
                continue
            if key in self.first_row_by_key:
                self.duplicate_of[index] = self.first_row_by_key[key]
            else:
                self.first_row_by_key[key] = self.excel_row(index)

    def excel_row(self, number: int) -> int:
        return self.row_numbers[number - 1] if 0 < number <= len(self.row_numbers) else number + 1

    def existing_by_key(self) -> dict:
        keys = list(self.first_row_by_key)
        found = {}
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            queryset = self.existing_queryset(keys[start : start + _LOOKUP_CHUNK])
            if self.lock_rows:
                # A curator saving one of these people waits for the import (PostgreSQL).
                queryset = queryset.select_for_update(of=("self",))
            for instance in queryset:
                found[self.instance_key(instance)] = instance
        return found

    def check_versions(self, instances) -> None:
        """Refuse to write over changes made to the matched rows after the preview.

        The fingerprint covers the version of every row the file matched (see
        instance_version); the admin keeps the preview's one in the session and passes it
        back at the confirm.
        """
        if not (self.show_diff or self.expected_fingerprint is not None):
            return  # nobody will compare (the command): skip the work
        digest = hashlib.sha256()
        for instance in sorted(instances, key=lambda obj: obj.pk):
            digest.update(repr((instance.pk, self.instance_version(instance))).encode())
        self.fingerprint = digest.hexdigest()
        if self.expected_fingerprint is not None and self.fingerprint != self.expected_fingerprint:
            raise ImportRejected(
                "После предпросмотра эти записи изменили в базе (возможно, другой куратор). "
                "Чтобы не затереть их изменения, импорт отменён, ничего не записано. "
                "Загрузите файл ещё раз и проверьте предпросмотр."
            )

    def instance_version(self, instance):
        """What changes whenever the row changes: by default every imported column (a
        base whose model keeps a modification time may use that instead)."""
        columns = [f for f in self.get_import_fields() if not f.readonly and f.attribute]
        return [column.export(instance) for column in columns]

    def row_key(self, row) -> str | None:
        raise NotImplementedError

    def existing_queryset(self, keys: list[str]):
        raise NotImplementedError

    def instance_key(self, instance) -> str:
        raise NotImplementedError

    def duplicate_message(self, first_row: int) -> str:
        return f"повтор строки {first_row}: одна запись не может быть в файле дважды"

    def import_row(self, row, instance_loader, **kwargs):
        self._related = {}
        self._last_saved = None
        row_result = self._import_row(row, instance_loader, **kwargs)
        if self._last_saved is not None and self._meta.use_bulk:
            self._pending_rows[id(self._last_saved)] = (kwargs["row_number"], row_result)
        row_result.excel_row = self.excel_row(kwargs["row_number"])
        for error in row_result.errors:
            # The user sees a short Russian reason; the cause goes to the log.
            logger.error(
                "xlsx import of %s, row %s failed",
                self._meta.model._meta.label,
                row_result.excel_row,
                exc_info=error.error,
            )
        return row_result

    def _import_row(self, row, instance_loader, **kwargs):
        """import-export's import_row, less what our bases never do (delete rows), and
        cheaper per row: the «before» of an existing row is a shallow model copy (every
        value a field holds is immutable or replaced, never changed in place) instead of a
        deepcopy, and a new row has no «before» at all."""
        if not self._meta.store_instance:
            self._meta.store_instance = kwargs.get("retain_instance_in_row_result", False)
        row_result = self.get_row_result_class()()
        try:
            self.before_import_row(row, **kwargs)
            instance, new = self.get_or_init_instance(instance_loader, row)
            self.after_init_instance(instance, new, row, **kwargs)
            row_result.import_type = (
                RowResult.IMPORT_TYPE_NEW if new else RowResult.IMPORT_TYPE_UPDATE
            )
            original = None if new else copy.copy(instance)
            diff = self.get_diff_class()(self, original, new)
            import_validation_errors = {}
            try:
                self.import_instance(instance, row, **kwargs)
            except ValidationError as error:
                import_validation_errors = error.update_error_dict(import_validation_errors)
            if self.skip_row(instance, original, row, import_validation_errors):
                row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            else:
                self.validate_instance(instance, import_validation_errors)
                self.save_instance(instance, new, row, **kwargs)
                self.save_m2m(instance, row, **kwargs)
            row_result.add_instance_info(instance)
            if self._meta.store_instance:
                row_result.instance = instance
            diff.compare_with(self, instance)
            if not new:
                row_result.original = original
            row_result.diff = diff.as_html()
            self.after_import_row(row, row_result, **kwargs)
        except ValidationError as error:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = error
        except Exception as error:
            row_result.import_type = RowResult.IMPORT_TYPE_ERROR
            row_result.errors.append(
                self.get_error_result_class()(error, row=row, number=kwargs["row_number"])
            )
        return row_result

    def import_instance(self, instance, row, **kwargs):
        """Every column parsed, every problem collected (not just the first one)."""
        errors = {}
        first_row = self.duplicate_of.get(kwargs.get("row_number"))
        if first_row:
            errors[self.identity_key] = ValidationError(self.duplicate_message(first_row))
        errors.update(self.identity_errors(instance, row))
        for field in self.get_import_fields():
            if field.readonly or not field.attribute:
                continue
            try:
                if isinstance(field, RelatedSetColumn):
                    self._related[field.attribute] = field.clean(row)
                elif field.column_name in row:
                    # (import_field() skips a column the file lacks too, but only after
                    # formatting a debug line: half of its calls, a tenth of a preview.)
                    self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[field.attribute] = ValidationError(str(error))
        if errors:
            raise ValidationError(errors)

    def identity_errors(self, instance, row) -> dict:
        return {}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # Field rules and Model.clean() run for every row. Uniqueness and constraints are
        # not re-queried row by row: the loader matched every row against the whole base
        # in one query, repeats inside the file are errors already, and the database
        # constraints still refuse anything that slips through (the row error then rolls
        # the whole import back).
        try:
            instance.full_clean(
                exclude=set(errors) | self.clean_exclude(instance) | _loaded_relations(instance),
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            # Model.clean() reports on excluded fields too: a column whose cell could not
            # be read keeps that reason only.
            model_errors = error.update_error_dict({})
            for key, messages in model_errors.items():
                if key not in errors:
                    errors[key] = messages
        if errors:
            raise ValidationError(errors)

    def clean_exclude(self, instance) -> set[str]:
        return set()

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: an existing row whose every imported value equals what is stored."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        changed = set()
        for field in self.get_import_fields():
            if field.readonly or not field.attribute:
                continue
            if isinstance(field, RelatedSetColumn):
                if field.differs(original, self._related.get(field.attribute, [])):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                changed.add(field.attribute)
        if changed:
            # A bulk update writes only the columns that changed.
            self._changed_fields[id(instance)] = changed
            return False
        return True

    def save_instance(self, instance, is_create, row, **kwargs):
        self._last_saved = instance
        super().save_instance(instance, is_create, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        for field in self.get_import_fields():
            if isinstance(field, RelatedSetColumn) and field.attribute in self._related:
                field.save_related(instance, self._related[field.attribute])

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets SQL sequences after an import with explicit ids; ours
        # never sets ids.
        pass
