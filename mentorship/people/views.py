import mimetypes
from pathlib import PurePosixPath

from django.http import Http404

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.responses import download_response

from .models import Consent


@role_required(Role.CURATOR, Role.ADMINISTRATOR)
def consent_scan(request, name: str):
    """Serve a consent scan to those who keep the consents, as a download, never inline."""
    consent = Consent.objects.filter(scan=name).first()
    if consent is None or PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
        raise Http404
    try:
        handle = consent.scan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    filename = f"soglasie-{consent.pk}{PurePosixPath(name).suffix}"
    return download_response(handle, filename=filename, content_type=content_type)
