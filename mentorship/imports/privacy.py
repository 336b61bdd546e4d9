"""The imports' models for the privacy registry (mentorship.privacy): a remembered mapping
holds a file's column headers and the fields they go to, never its rows."""

from mentorship.privacy import ModelPrivacy, free, register

from .models import RememberedMapping

register(
    ModelPrivacy(
        RememberedMapping,
        fields=(
            free("base_code", "a registered base's code"),
            free("headers_key", "a digest of a file's column headers"),
            free("headers", "a file's column headers, not its rows"),
            free("targets", "the template headers the columns go to"),
            # One value for every row of a file («обучающийся»): about no one person.
            free("constants", "a field's value for every row, e.g. a category"),
            free("saved_at", "when a curator confirmed the mapping"),
        ),
    ),
)
