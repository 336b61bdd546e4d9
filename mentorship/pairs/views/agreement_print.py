"""The participation agreements (PDF, or .docx with format=docx) of the pairs `ids` names —
without `ids`, of the pairs starting (forming and active). They are drafts the office
prints for signing: the curator makes them for any pairs; the director, who signs orders
and not these, is refused (403) as for the other drafts. A mentor or a mentee gets the
pages of their own pair that concern them (their agreement; a mentee also their legal
representative's) and must name the pair: another's pair is 404, as in the cabinet."""

from django.http import Http404
from django.views.decorators.http import require_GET

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.orders import order_response
from mentorship.people.models import Person

from ..agreement_paper import agreement_spec
from ..selectors import pairs_visible_to


@require_GET
@role_required(Role.CURATOR, Role.MENTOR, Role.MENTEE)
def agreement_print_view(request):
    if request.user.has_role(Role.CURATOR):
        return order_response(request, agreement_spec())
    raw = ",".join(request.GET.getlist("ids")).split(",")
    ids = {int(x) for x in (r.strip() for r in raw) if x.isascii() and x.isdigit()}
    if not ids or pairs_visible_to(request.user).filter(pk__in=ids).count() != len(ids):
        raise Http404("Нет такой пары среди ваших.")
    person = Person.objects.filter(user=request.user).values_list("pk", flat=True).first()
    if person is None:
        raise Http404("Нет такой пары среди ваших.")
    return order_response(request, agreement_spec(person_id=person))
