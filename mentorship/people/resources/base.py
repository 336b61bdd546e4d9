"""What every xlsx base shares: exact headers, Excel row numbers, Russian errors, and
all-or-nothing imports with one lookup query for the whole file."""

import copy
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import Error, Result, RowResult

from mentorship.lib.text import clean_spaces

from .bulk import create_rows, update_rows
from .widgets import FlagWidget, match_key

logger = logging.getLogger(__name__)

SPECIAL_CATEGORIES_PERM = "people.view_special_categories"
_LOOKUP_CHUNK = 500


class ImportRejected(Exception):
    """The whole file is refused before any row is imported (Russian message)."""


@dataclass(frozen=True)
class ImportIssue:
    """One problem as the user sees it: Excel row (None: the file), column, reason."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return f"Строка {self.row}, «{self.column}»: {self.message}"
        return f"Строка {self.row}: {self.message}"


class Column(fields.Field):
    """A resource field with its xlsx column and a line for the template's «Справка»."""

    def __init__(self, *args, help_text="", required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text = help_text
        self.required = required


class RelatedSetColumn(Column):
    """A set of related rows (many-to-many, or mentee requests) written after the row's
    instance is saved, and compared as a set to tell «changed» from «unchanged»."""

    def current(self, instance) -> set:
        if instance.pk is None:
            return set()
        return set(self.get_value(instance) or [])

    def differs(self, instance, values) -> bool:
        return set(values) != self.current(instance)

    def get_value(self, instance):
        if instance.pk is None:
            return []
        return list(getattr(instance, self.attribute).all())

    def save_related(self, instance, values) -> None:
        getattr(instance, self.attribute).set(values)


class XlsxImportResult(Result):
    """import-export's result, plus what our pages and the command show: issues with
    Excel row numbers and column names, and Russian counts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.excel_row_numbers: list[int] = []
        self.columns_by_key: dict[str, str] = {}
        # What the import does besides the rows (a new indicator, a new section): shown
        # on the preview so that nothing is created unannounced.
        self.notices: list[str] = []

    def excel_row(self, number: int) -> int:
        if 0 < number <= len(self.excel_row_numbers):
            return self.excel_row_numbers[number - 1]
        return number + 1

    @property
    def counts(self) -> dict[str, int]:
        totals = self.totals
        return {
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
            "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
            "errors": totals[RowResult.IMPORT_TYPE_ERROR] + totals[RowResult.IMPORT_TYPE_INVALID],
        }

    @property
    def issues(self) -> list[ImportIssue]:
        issues = [ImportIssue(None, None, _error_message(e.error)) for e in self.base_errors]
        found = []
        for invalid in self.invalid_rows:
            row = self.excel_row(invalid.number)
            for key, messages in invalid.error_dict.items():
                column = self.columns_by_key.get(key)
                for message in messages:
                    found.append(ImportIssue(row, column, _lowercase_first(message)))
        for error_row in self.error_rows:
            row = self.excel_row(error_row.number)
            for error in error_row.errors:
                found.append(ImportIssue(row, None, _error_message(error.error)))
        found.sort(key=lambda issue: issue.row or 0)
        return issues + found

    PREVIEW_LIMIT = 500

    @property
    def preview_rows(self) -> list[RowResult]:
        """New and changed rows for the preview table (the unchanged are only counted)."""
        shown = [row for row in self.rows if row.is_new() or row.is_update()]
        return shown[: self.PREVIEW_LIMIT]

    @property
    def preview_hidden(self) -> int:
        counts = self.counts
        return max(counts["new"] + counts["changed"] - self.PREVIEW_LIMIT, 0)

    def has_issues(self) -> bool:
        return self.has_errors() or self.has_validation_errors()


def _lowercase_first(message: str) -> str:
    message = str(message).rstrip(".")
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message


def _error_message(error: Exception) -> str:
    if isinstance(error, ImportRejected):
        return str(error)
    if isinstance(error, IntegrityError):
        return (
            "база данных отклонила запись (нарушено ограничение целостности); "
            "импорт отменён, ничего не записано"
        )
    if isinstance(error, DatabaseError):
        return "ошибка базы данных при сохранении; импорт отменён, ничего не записано"
    return "непредвиденная ошибка при обработке; импорт отменён, ничего не записано"


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


class KeyedInstanceLoader(BaseInstanceLoader):
    """Existing rows for the whole file in one query (per 500 keys), matched by the
    resource's spelling-insensitive key instead of a lookup per row."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = resource.existing_by_key()
        resource.check_versions(self.instances.values())

    def get_instance(self, row):
        key = self.resource.row_key(row)
        return self.instances.get(key) if key else None


class _LazyDiffHtml:
    """A row's diff cells, rendered only when the preview table shows the row: the
    preview lists the first XlsxImportResult.PREVIEW_LIMIT rows, not thousands."""

    def __init__(self, diff):
        self._diff = diff
        self._html = None

    def _cells(self):
        if self._html is None:
            diff = self._diff
            if diff._original is None:
                diff.left = [""] * len(diff._resource.get_import_fields())
            else:
                diff.left = diff._read_field_values(diff._resource, diff._original)
            diff.right = diff._read_field_values(diff._resource, diff._instance)
            self._html = resources.Diff.as_html(diff)
        return self._html

    def __iter__(self):
        return iter(self._cells())

    def __len__(self):
        return len(self._cells())

    def __getitem__(self, index):
        return self._cells()[index]


class _PreviewDiff(resources.Diff):
    def __init__(self, resource, instance, new):
        # Read when the preview shows the row. `instance` is the row's «before» copy,
        # never changed afterwards; a new row has nothing before it (empty cells).
        self._original = instance
        self.left, self.right = [], []
        self.new = new

    def compare_with(self, resource, instance):
        # Read when (and if) the preview table shows the row.
        self._resource, self._instance = resource, instance

    def as_html(self):
        return _LazyDiffHtml(self)


class _NoDiff(resources.Diff):
    """Used when nobody will look at the diff (a confirmed import, the command)."""

    def __init__(self, resource, instance, new):
        self.left, self.right, self.new = [], [], new

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


class XlsxResource(resources.ModelResource):
    """Base of the four bases' resources.

    Subclasses define their Column fields, row_key(row) (None when the row cannot be
    identified: its own cell errors say why), existing_queryset(keys) and
    instance_key(instance); identity_label names the columns that identify a row.
    """

    identity_label = ""
    identity_key = NON_FIELD_ERRORS
    # Template columns a file may leave out (the column then changes nothing).
    optional_columns: tuple[str, ...] = ()
    # Model fields hidden from users without the special-categories permission.
    special_fields: tuple[str, ...] = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        instance_loader_class = KeyedInstanceLoader
        # A base without related sets may set use_bulk: rows are then written in
        # batches with their history (see _write_batch), not one save() per row.
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
        return _PreviewDiff if self.show_diff else _NoDiff

    # --- headers -------------------------------------------------------------------

    def template_columns(self) -> list[Column]:
        return list(self.get_import_fields())

    def template_headers(self) -> list[str]:
        return [column.column_name for column in self.template_columns()]

    def check_headers(self, dataset) -> None:
        """Exactly the template's columns, in any order; headers are renamed to the
        template's spelling (case, ё/е and spaces do not matter)."""
        expected = {match_key(name): name for name in self.template_headers()}
        seen, unknown, renamed = set(), [], []
        for header in dataset.headers or []:
            key = match_key(header)
            if key in expected and key not in seen:
                seen.add(key)
                renamed.append(expected[key])
            elif key in seen:
                raise ImportRejected(
                    f"Колонка «{expected[key]}» встречается в файле дважды. "
                    "Оставьте одну и загрузите файл снова."
                )
            else:
                unknown.append(clean_spaces(header) or "(без названия)")
                renamed.append(header)
        optional = {match_key(name) for name in self.optional_columns}
        missing = [
            name for key, name in expected.items() if key not in seen and key not in optional
        ]
        if missing or unknown:
            parts = []
            if missing:
                parts.append("нет колонок " + ", ".join(f"«{n}»" for n in missing))
            if unknown:
                parts.append(
                    "лишние или написанные иначе колонки " + ", ".join(f"«{n}»" for n in unknown)
                )
            raise ImportRejected(
                "Файл не принят: заголовки не совпадают с шаблоном — "
                + "; ".join(parts)
                + ". Скачайте шаблон и скопируйте данные в него: первая строка — "
                + ", ".join(f"«{n}»" for n in self.template_headers())
                + "."
            )
        dataset.headers = renamed

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
        result.columns_by_key = self.columns_by_key()
        return result

    def check_may_import(self) -> None:
        # The file and its preview carry health and social status (152-ФЗ special
        # categories): only a role that may see them may load them.
        if self.special_fields and not self.may_see_special_categories():
            raise ImportRejected(
                "Эта база содержит особые категории персональных данных (ОВЗ, ТЖС, "
                "малоимущая семья, сирота): загружать её может только роль с доступом к ним."
            )

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
                else:
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

    # --- bulk writes (Meta.use_bulk) ---------------------------------------------------------

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write_batch(self.create_instances, True, result, raise_errors)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write_batch(self.update_instances, False, result, raise_errors)

    def _write_batch(self, pending: list, create: bool, result, raise_errors: bool) -> None:
        """Write a batch of rows and their history records (simple-history's bulk helpers:
        every row still gets its audit record, with the importing user).

        On a database error the batch is replayed row by row to name the row the database
        refused; the whole import is then rolled back like on any row error.
        """
        instances = list(pending)
        pending.clear()
        if not instances or result.has_issues() or self.dry_run:
            # Nothing to write, or the import is rolled back anyway. The preview of a bulk
            # base writes nothing at all: every rule is checked row by row before the
            # write, and the confirmed import writes all rows or none (a database refusal
            # then names its row, like any row error).
            return
        now = timezone.now()
        for instance in instances:
            self._prepare_for_bulk(instance, create, now)
        fields = None if create else self._bulk_update_fields(instances)
        try:
            with transaction.atomic(using=self.get_db_connection_name()):
                self._bulk_save(instances, create, fields)
        except DatabaseError as error:
            self._report_failed_batch(instances, create, fields, error, result)
            if raise_errors:
                raise
        else:
            for instance in instances:
                self._pending_rows.pop(id(instance), None)
                self._changed_fields.pop(id(instance), None)

    def _prepare_for_bulk(self, instance, create: bool, now) -> None:
        # What save() and auto_now would have done.
        if hasattr(instance, "fill_derived_fields"):
            instance.fill_derived_fields()
        if not create:
            for field in self._auto_now_fields():
                setattr(instance, field.attname, now)

    def _auto_now_fields(self) -> list:
        return [f for f in self._meta.model._meta.concrete_fields if getattr(f, "auto_now", False)]

    def _bulk_update_fields(self, instances) -> list[str]:
        model = self._meta.model
        changed = set()
        for instance in instances:
            changed |= self._changed_fields.get(id(instance), set())
        concrete = {f.name for f in model._meta.concrete_fields}
        names = sorted(name for name in changed if name in concrete)
        names.extend(getattr(model, "DERIVED_FIELDS", ()))
        names.extend(f.name for f in self._auto_now_fields())
        return names

    def _bulk_save(self, instances, create: bool, fields) -> None:
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        using = self.get_db_connection_name()
        if create:
            create_rows(self._meta.model, instances, using=using, history_user=user)
        else:
            update_rows(self._meta.model, instances, fields, using=using, history_user=user)

    def _report_failed_batch(self, instances, create, fields, error, result) -> None:
        db = self.get_db_connection_name()
        for instance in instances:
            try:
                with transaction.atomic(using=db):
                    self._bulk_save([instance], create, fields)
            except DatabaseError as row_error:
                number, row_result = self._pending_rows.get(id(instance), (None, None))
                if number is None:
                    break
                if row_result is not None:
                    result.totals[row_result.import_type] -= 1
                    row_result.import_type = RowResult.IMPORT_TYPE_ERROR
                    result.totals[RowResult.IMPORT_TYPE_ERROR] += 1
                    row_result.errors.append(Error(row_error, number=number))
                result.append_error_row(number, None, [Error(row_error, number=number)])
                logger.error(
                    "xlsx import of %s, row %s failed",
                    self._meta.model._meta.label,
                    self.excel_row(number),
                    exc_info=row_error,
                )
                return
        # No single row fails alone: the batch as a whole was refused.
        result.append_base_error(Error(error))
        logger.error("xlsx import of %s failed", self._meta.model._meta.label, exc_info=error)

    def save_m2m(self, instance, row, **kwargs):
        for field in self.get_import_fields():
            if isinstance(field, RelatedSetColumn) and field.attribute in self._related:
                field.save_related(instance, self._related[field.attribute])

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets SQL sequences after an import with explicit ids; ours
        # never sets ids.
        pass

    # --- export --------------------------------------------------------------------------

    def may_see_special_categories(self) -> bool:
        return self.user is None or self.user.has_perm(SPECIAL_CATEGORIES_PERM)

    def get_export_fields(self, selected_fields=None):
        export_fields = super().get_export_fields(selected_fields)
        if self.may_see_special_categories():
            return export_fields
        return [f for f in export_fields if f.attribute not in self.special_fields]

    def get_user_visible_fields(self):
        return self.get_export_fields()

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(column, required, what to write) for the template's «Справка» sheet."""
        return [
            (column.column_name, "да" if column.required else "", column.help_text)
            for column in self.template_columns()
        ]


def flag_column(attribute: str, column_name: str) -> Column:
    return Column(
        attribute=attribute,
        column_name=column_name,
        widget=FlagWidget(),
        help_text=f"{FlagWidget.ALLOWED}; пустая ячейка — «нет»",
    )


def labels(choices: Iterable[tuple[str, str]]) -> str:
    return ", ".join(label for _value, label in choices)
