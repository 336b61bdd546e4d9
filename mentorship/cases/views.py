"""A case's or a material's file as a download, to the office that keeps and reads them."""

from django.http import Http404

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.responses import stored_file_response, stored_name

from .models import CaseFile, Material


@role_required(Role.CURATOR, Role.DIRECTOR)
def file(request, name: str):
    path = stored_name(name)
    owner = CaseFile.objects.filter(file=name).first() or Material.objects.filter(file=name).first()
    if owner is None:
        raise Http404
    prefix = "keys" if isinstance(owner, CaseFile) else "material"
    return stored_file_response(owner.file, filename=f"{prefix}-{owner.pk}{path.suffix}")
