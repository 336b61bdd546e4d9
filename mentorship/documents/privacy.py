"""The documents' models for the privacy registry (mentorship.privacy): the journal of
downloads points at a login, and so does the register of documents (who registered one).
(An approved yearly report points at one too: roadmap.privacy.)"""

from mentorship.privacy import ModelPrivacy, free, kept, register

from .models import DocumentTemplate, RegisteredDocument, ReportDownload

# A registered document is the college's signed record (an order, a protocol, an agreement):
# it is kept as the records-keeping rules keep it, not destroyed with one participant's
# data; the names in it are the document's own.
RECORD = "the college's signed record, kept by the records-keeping rules"

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
    ModelPrivacy(
        RegisteredDocument,
        fields=(
            free("kind", "a choice from a fixed list"),
            free("number", "the document's registration number"),
            free("date", "the document's date"),
            kept("title", RECORD),
            kept("scan", RECORD),
            kept("note", RECORD),
            free("registered_at", "when the document was registered"),
            # Only the office registers documents: which office worker did.
            kept("registered_by", RECORD),
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
