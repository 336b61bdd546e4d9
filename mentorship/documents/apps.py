from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """What every document the product hands out shares: the journal of downloads, the one
    way a file is served as a download, and the plumbing of order drafts (their URL
    parameters, selection limits and the admin actions that lead to them)."""

    name = "mentorship.documents"
    label = "documents"
    verbose_name = "Документы"
