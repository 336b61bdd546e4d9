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
from .plan_print import asked_own_pairs


@require_GET
@role_required(Role.CURATOR, Role.MENTOR, Role.MENTEE)
def agreement_print_view(request):
    if request.user.has_role(Role.CURATOR):
        return order_response(request, agreement_spec())
    person = Person.objects.filter(user=request.user).values_list("pk", flat=True).first()
    if person is None or not asked_own_pairs(request):
        raise Http404("Нет такой пары среди ваших.")
    return order_response(request, agreement_spec(person_id=person))
