"""Thank-you letters to partner organisations and participants' certificates as PDF or .docx
(`format=docx`), of a year (`year`). Drafts the curator prints for the director to sign, like
the order drafts: only the curator downloads them (the director and participants: 403)."""

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.orders import order_response

from ..awards import certificates_spec, thanks_spec


@role_required(Role.CURATOR)
def thanks_partners_view(request):
    return order_response(request, thanks_spec())


@role_required(Role.CURATOR)
def certificates_view(request):
    return order_response(request, certificates_spec())
