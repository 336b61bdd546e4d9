"""The generic xlsx resource (django-import-export) every base's resource derives from."""

from .columns import Column, RelatedSetColumn, flag_column, labels
from .resource import XlsxResource
from .results import ImportIssue, ImportRejected, XlsxImportResult

__all__ = [
    "Column",
    "ImportIssue",
    "ImportRejected",
    "RelatedSetColumn",
    "XlsxImportResult",
    "XlsxResource",
    "flag_column",
    "labels",
]
