"""The register's own page: a registered document's signed scan, as a download, to the
office that keeps and reads the register (the curator and the director)."""

import mimetypes
from pathlib import PurePosixPath

from django.http import Http404

from accounts.access import role_required
from accounts.roles import Role

from .models import RegisteredDocument
from .responses import download_response


@role_required(Role.CURATOR, Role.DIRECTOR)
def scan(request, name: str):
    """Serve a registered document's scan, never inline, never cached."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise Http404
    document = RegisteredDocument.objects.filter(scan=name).first()
    if document is None:
        raise Http404
    try:
        handle = document.scan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    filename = f"dokument-{document.pk}{path.suffix}"
    return download_response(handle, filename=filename, content_type=content_type)
