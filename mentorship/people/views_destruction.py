"""The printable act of destruction of personal data."""

from django.shortcuts import get_object_or_404, render

from accounts.access import role_required
from accounts.roles import Role

from .models import College, DestructionAct, Person
from .models.consents import RetentionBasis


@role_required(Role.CURATOR, Role.ADMINISTRATOR)
def destruction_act(request, pk: int):
    act = get_object_or_404(DestructionAct.objects.select_related("performed_by"), pk=pk)
    rows = [
        {"row": row, "kind": _kind_label(row.kind), "basis": _basis_label(row.legal_basis)}
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


def _kind_label(kind: str) -> str:
    try:
        return Person.Kind(kind).label
    except ValueError:
        return kind


def _basis_label(basis: str) -> str:
    if not basis:
        return ""
    try:
        return RetentionBasis(basis).label
    except ValueError:
        return basis
