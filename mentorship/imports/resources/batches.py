"""Rows written in batches, each with its history record (a base with Meta.use_bulk)."""

import logging

from django.db import DatabaseError, transaction
from django.utils import timezone
from import_export.results import Error, RowResult

from ..bulk import create_rows, update_rows

logger = logging.getLogger(__name__)


class BulkWritesMixin:
    """XlsxResource's batch writes: import-export collects the rows of a base with
    Meta.use_bulk and hands them over here instead of one save() per row."""

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
