import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class ConsentScanStorage(FileSystemStorage):
    """Scans live in MEDIA_ROOT/consents, outside any public URL: their URL is the view
    that checks the role (people:consent-scan)."""

    def __init__(self):
        super().__init__(base_url="/people/consent-scans/")

    @cached_property
    def base_location(self):
        # Recomputed when MEDIA_ROOT changes (FileSystemStorage clears it on setting_changed).
        return os.path.join(settings.MEDIA_ROOT, "consents")


def consent_scan_storage() -> FileSystemStorage:
    return ConsentScanStorage()
