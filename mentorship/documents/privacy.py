"""The documents' models for the privacy registry (mentorship.privacy): the journal of
downloads points at a login. (An approved yearly report points at one too: roadmap.privacy.)"""

from mentorship.privacy import ModelPrivacy, free, kept, register

from .models import DocumentTemplate, ReportDownload

register(
    ModelPrivacy(
        ReportDownload,
        fields=(
            free("at", "when the document was taken"),
            # Only the office (curator, director, administrator) downloads these documents:
            # the journal says which office worker took a document that names students.
            kept("username", "the journal of documents that leave the system"),
            free("kind", "a choice from a fixed list"),
            free("period", "a report period's key: «2025» or «2025/2026»"),
        ),
    ),
)

register(
    ModelPrivacy(
        DocumentTemplate,
        fields=(
            free("kind", "a paper's kind from the registry"),
            free("file", "a blank letterhead with placeholders, no person's data"),
            free("uploaded_at", "when the template was replaced"),
        ),
    ),
)
