"""The people app's own pages: a consent scan as a download, the printable act of
destruction of personal data. (Its bases are edited in the admin.)"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.responses import stored_file_response, stored_name

from .models import College, Consent, DestructionAct


@role_required(Role.CURATOR, Role.ADMINISTRATOR)
def consent_scan(request, name: str):
    """Serve a consent scan to those who keep the consents, as a download, never inline."""
    path = stored_name(name)
    consent = Consent.objects.filter(scan=name).first()
    if consent is None:
        raise Http404
    return stored_file_response(consent.scan, filename=f"soglasie-{consent.pk}{path.suffix}")


@role_required(Role.CURATOR, Role.ADMINISTRATOR)
def destruction_act(request, pk: int):
    act = get_object_or_404(DestructionAct.objects.select_related("performed_by"), pk=pk)
    rows = [
        {"row": row, "kind": row.get_kind_display(), "basis": row.get_legal_basis_display()}
        for row in act.rows.order_by("person_id")
    ]
    context = {
        "act": act,
        "rows": rows,
        "college": College.get(),
        "has_basis": any(item["basis"] for item in rows),
    }
    response = render(request, "people/destruction_act.html", context)
    response["Cache-Control"] = "no-store"
    return response
