"""xlsx import/export resources (django-import-export) for the four bases."""

from .base import ImportIssue, ImportRejected, XlsxImportResult, XlsxResource
from .organisations import PartnerOrganisationResource
from .persons import PersonResource
from .profiles import MenteeProfileResource, MentorProfileResource

__all__ = [
    "ImportIssue",
    "ImportRejected",
    "MenteeProfileResource",
    "MentorProfileResource",
    "PartnerOrganisationResource",
    "PersonResource",
    "XlsxImportResult",
    "XlsxResource",
]
