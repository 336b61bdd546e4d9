"""xlsx import/export resources (django-import-export). Fleshed out by the import work."""

from import_export import resources

from .models import MenteeProfile, MentorProfile, PartnerOrganisation, Person


class PersonResource(resources.ModelResource):
    class Meta:
        model = Person


class MentorProfileResource(resources.ModelResource):
    class Meta:
        model = MentorProfile


class MenteeProfileResource(resources.ModelResource):
    class Meta:
        model = MenteeProfile


class PartnerOrganisationResource(resources.ModelResource):
    class Meta:
        model = PartnerOrganisation
