"""The register's own page: a registered document's signed scan, as a download, to the
office that keeps and reads the register (the curator and the director)."""

from django.http import Http404

from accounts.access import role_required
from accounts.roles import Role

from .models import RegisteredDocument
from .responses import stored_file_response, stored_name


@role_required(Role.CURATOR, Role.DIRECTOR)
def scan(request, name: str):
    """Serve a registered document's scan, never inline, never cached."""
    path = stored_name(name)
    document = RegisteredDocument.objects.filter(scan=name).first()
    if document is None:
        raise Http404
    return stored_file_response(document.scan, filename=f"dokument-{document.pk}{path.suffix}")
