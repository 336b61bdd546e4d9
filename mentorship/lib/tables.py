"""A curator's spreadsheet as a table: headers, rows and each row's number in the file.

read_table() is the one entry for every import: it picks the reader by the file's kind and
gives an XlsxTable (headers, rows, row_numbers) whatever the format.
"""

from __future__ import annotations

from .xlsx import XlsxFileError, XlsxLimits, XlsxTable, read_xlsx


def read_table(data: bytes, filename: str = "", limits: XlsxLimits | None = None) -> XlsxTable:
    """The first sheet of the file as a table. XlsxFileError (a Russian message) when the
    file cannot be read."""
    if filename and not filename.lower().endswith(".xlsx"):
        raise XlsxFileError("Поддерживается только .xlsx.")
    return read_xlsx(data, limits)
