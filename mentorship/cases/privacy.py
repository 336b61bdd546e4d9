"""The cases' personal data for the privacy registry (mentorship.privacy).

A case's author is free text — whom the college names, often a person. When a person's data
is destroyed their name is replaced by the placeholder in every case's author and texts
(SCRUB_NAME: the practice itself is the college's and stays). The files are the college's
methodical material; the curator is told not to write names into a case.
"""

from django.db.models import Q

from mentorship.privacy import How, ModelPrivacy, destroyed, free, register

from .models import Case, CaseFile, Material

WRITTEN = "when the row was written"
MATERIAL = "the college's methodical material, about no person"

register(
    ModelPrivacy(
        Case,
        fields=(
            free("title", "a practice's name"),
            destroyed("problem", How.SCRUB_NAME),
            destroyed("actions", How.SCRUB_NAME),
            destroyed("result", How.SCRUB_NAME),
            destroyed("author", How.SCRUB_NAME),
            free("tags", "words the curator sorts practices by"),
            free("created_at", WRITTEN),
            free("updated_at", WRITTEN),
        ),
        # A name may be in any case: the scrub looks for it in every row.
        rows=lambda person: Q(),
        item="имя в авторстве и текстах кейсов",
    ),
    ModelPrivacy(
        CaseFile,
        fields=(free("title", MATERIAL), free("file", MATERIAL)),
    ),
    ModelPrivacy(
        Material,
        fields=(
            free("title", MATERIAL),
            free("description", MATERIAL),
            free("file", MATERIAL),
            free("link", MATERIAL),
            free("tags", MATERIAL),
            free("created_at", WRITTEN),
        ),
    ),
)
