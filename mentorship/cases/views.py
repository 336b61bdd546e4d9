"""A case's or a material's file as a download, to the office that keeps and reads them."""

import mimetypes
from pathlib import PurePosixPath

from django.http import Http404

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.responses import download_response

from .models import CaseFile, Material


@role_required(Role.CURATOR, Role.DIRECTOR)
def file(request, name: str):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise Http404
    owner = CaseFile.objects.filter(file=name).first() or Material.objects.filter(file=name).first()
    if owner is None:
        raise Http404
    try:
        handle = owner.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    prefix = "keys" if isinstance(owner, CaseFile) else "material"
    return download_response(
        handle, filename=f"{prefix}-{owner.pk}{path.suffix}", content_type=content_type
    )
