"""The printable individual plan (PDF, or .docx with format=docx) of the pair `ids` names.
The curator and the director read any pair's plan; a mentor or a mentee only a pair they
work in (another's: 404, as in the cabinet); anyone else: 403."""

from django.http import Http404
from django.views.decorators.http import require_GET

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.orders import order_response

from ..plan_paper import plan_spec
from ..selectors import pairs_visible_to


def asked_own_pairs(request) -> set[int]:
    """The pairs the URL's `ids` name (the checks of the ids themselves are the order
    plumbing's), when the participant works in every one; another's pair: 404."""
    raw = ",".join(request.GET.getlist("ids")).split(",")
    ids = {int(x) for x in (r.strip() for r in raw) if x.isascii() and x.isdigit()}
    if ids and pairs_visible_to(request.user).filter(pk__in=ids).count() != len(ids):
        raise Http404("Нет такой пары среди ваших.")
    return ids


@require_GET
@role_required(Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE)
def plan_print_view(request):
    if not request.user.has_role(Role.CURATOR, Role.DIRECTOR):
        asked_own_pairs(request)
    return order_response(request, plan_spec())
