"""xlsx import/export resources (django-import-export) for the four people bases."""

from .organisations import PartnerOrganisationResource
from .persons import PersonResource
from .profiles import MenteeProfileResource, MentorProfileResource

__all__ = [
    "MenteeProfileResource",
    "MentorProfileResource",
    "PartnerOrganisationResource",
    "PersonResource",
]
