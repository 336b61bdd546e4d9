"""The printable act of destruction of personal data."""

from django.shortcuts import get_object_or_404, render

from accounts.access import role_required
from accounts.roles import Role

from .models import College, DestructionAct


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

