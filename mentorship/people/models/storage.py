from django.conf import settings
from django.core.files.storage import FileSystemStorage


def consent_scan_storage() -> FileSystemStorage:
    """Scans live outside the public media URL; their URL is the view that checks the role."""
    return FileSystemStorage(
        location=settings.MEDIA_ROOT / "consents", base_url="/people/consent-scans/"
    )
