"""Running an xlsx import of a base: the admin pages, the curator's templates page and the
import_xlsx command all go through here, with the same resources and the same file checks.
"""

from dataclasses import dataclass, field

import tablib

from mentorship.lib.tables import read_table
from mentorship.lib.xlsx import XlsxFileError, XlsxTable

from .mapping import ColumnMapping, MappingError, Targets
from .registry import XlsxBase
from .resources import ImportIssue, XlsxImportResult

# A file with a header row and nothing under it: refused by the admin and the command alike.
NO_ROWS = "В файле нет строк с данными — только заголовки."


@dataclass
class ImportReport:
    base: XlsxBase
    committed: bool
    total_rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    error_rows: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    # What the import will do besides the rows themselves (e.g. «новый показатель»).
    notices: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.issues)

    @classmethod
    def from_result(cls, base: XlsxBase, result: XlsxImportResult, committed: bool):
        counts = result.counts
        return cls(
            base=base,
            committed=committed,
            total_rows=result.total_rows,
            new=counts["new"],
            changed=counts["changed"],
            unchanged=counts["unchanged"],
            error_rows=counts["errors"],
            issues=result.issues,
            notices=list(result.notices),
        )

    def summary(self) -> str:
        return (
            f"Строк: {self.total_rows}; новых — {self.new}, изменённых — {self.changed}, "
            f"без изменений — {self.unchanged}, с ошибками — {self.error_rows}."
        )


def table_dataset(table: XlsxTable) -> tablib.Dataset:
    """The table with the file's own headers (they must then be the template's)."""
    dataset = tablib.Dataset(*[tuple(row) for row in table.rows], headers=table.headers)
    # Resources report errors with the row numbers the user sees in the file.
    dataset.excel_row_numbers = list(table.row_numbers)
    return dataset


def xlsx_import(
    *,
    base: XlsxBase,
    data: bytes | None = None,
    commit: bool,
    user=None,
    options: dict | None = None,
    filename: str = "",
    table: XlsxTable | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportReport:
    """Check and (with commit) write a whole file: every row or none of them.

    Without commit the rows are imported inside a transaction that is rolled back: the
    report is exactly what a commit would do. options: the base's XlsxOption values.
    The file is data (its kind told by filename) or an already read table. Without a
    mapping its headers must be the template's; with one (mapping.py) its columns go
    where the mapping says.
    """
    if table is None:
        try:
            table = read_table(data, filename)
        except XlsxFileError as error:
            issue = ImportIssue(None, None, str(error))
            return ImportReport(base=base, committed=False, issues=[issue])
    if not table.rows:
        return ImportReport(base=base, committed=False, issues=[ImportIssue(None, None, NO_ROWS)])
    resource = base.resource(user, **(options or {}))
    if mapping is None:
        dataset = table_dataset(table)
    else:
        try:
            dataset = mapping.apply(table, Targets(resource, table.headers))
        except MappingError as error:
            issue = ImportIssue(None, None, str(error))
            return ImportReport(base=base, committed=False, issues=[issue])
    result = resource.import_data(dataset, dry_run=not commit, raise_errors=False)
    return ImportReport.from_result(base, result, committed=commit and not result.has_issues())
