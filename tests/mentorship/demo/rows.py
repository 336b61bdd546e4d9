"""The rows the demo writes, counted: what a second run of load_demo must leave as it was."""

from django.contrib.auth import get_user_model

from mentorship.cases.models import Case, Material
from mentorship.documents.models import RegisteredDocument
from mentorship.people.models import (
    Consent,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    MentorTraining,
    PartnerOrganisation,
    Person,
)

MODELS = [
    Person,
    Consent,
    PartnerOrganisation,
    MentorProfile,
    MentorProfile.forms.through,
    MentorProfile.competencies.through,
    MentorTraining,
    MenteeProfile,
    MenteeRequest,
    get_user_model(),
    # The programme's papers (demo/papers.py).
    RegisteredDocument,
    RegisteredDocument.activities.through,
    RegisteredDocument.pairs.through,
    Case,
    Material,
]


def counts() -> dict[str, int]:
    """Rows of every table the demo writes, history tables included."""
    result = {m._meta.label: m.objects.count() for m in MODELS}
    for model in (
        Person,
        Consent,
        PartnerOrganisation,
        MentorProfile,
        MenteeProfile,
        RegisteredDocument,
    ):
        result[f"history of {model._meta.label}"] = model.history.count()
    return result


def kinds() -> dict[str, int]:
    return {kind: Person.objects.filter(kind=kind).count() for kind in Person.Kind.values}
