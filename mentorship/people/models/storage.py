from mentorship.lib.storage import PrivateStorage


def consent_scan_storage() -> PrivateStorage:
    """Scans live in MEDIA_ROOT/consents; their URL is the view that checks the role
    (people:consent-scan)."""
    return PrivateStorage("consents", "/people/consent-scans/")
