"""What an import reports: issues with Excel row numbers and column names, Russian counts,
and the Russian reason for a refused file or a failed row."""

from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError
from import_export.results import Result, RowResult


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
        # One cell of the file may fill several columns («ФИО»): its problem once.
        return list(dict.fromkeys(issues + found))

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
