"""The start page of each role, and the printable sheet of issued one-time passwords.

The sheet is shown once: the admin action leaves it in the session, accounts_issued takes it
out before rendering, and the page may not be cached. Nothing else keeps the passwords.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables

from accounts.access import role_required
from accounts.roles import Role
from accounts.selectors import users_summary
from mentorship.pairs.summary import pairs_summary
from mentorship.people import selectors

from .accounts import AccountsIssue
from .attention import attention_items

ISSUED_SESSION_KEY = "accounts_issued_sheet"


def home(request):
    """The start page of the user's main role."""
    user = request.user
    role = user.main_role
    if role in (Role.CURATOR, Role.DIRECTOR):
        summary, pairs = selectors.bases_summary(), pairs_summary()
        context = {
            "summary": summary,
            "pairs": pairs,
            "attention": attention_items(
                user=user, bases=summary, pairs=pairs, today=timezone.localdate()
            ),
            "can_import": role == Role.CURATOR,
        }
        return render(request, "office/home_office.html", context)
    if role == Role.ADMINISTRATOR:
        return render(request, "office/home_administrator.html", users_summary())
    if role == Role.COORDINATOR:
        # The regional centre holds no college and no person: its start is the region.
        return redirect("region:dashboard")
    if role in (Role.MENTOR, Role.MENTEE):
        person = selectors.person_for_user(user)
        return render(request, "office/home_participant.html", {"person": person, "role": role})
    return render(request, "office/home_no_role.html", status=403)


@sensitive_variables("result")
def issued_sheet_keep(request, result: AccountsIssue) -> None:
    """Hold the sheet for the one request that shows it (the redirect after the action)."""
    request.session[ISSUED_SESSION_KEY] = {
        "issued": [
            {"full_name": a.person.full_name, "username": a.username, "password": a.password}
            for a in result.issued
        ],
        "skipped": [{"full_name": s.person.full_name, "reason": s.reason} for s in result.skipped],
    }


@never_cache
@role_required(Role.CURATOR)
@sensitive_variables("sheet", "context")
def accounts_issued(request):
    sheet = request.session.pop(ISSUED_SESSION_KEY, None)
    context = {
        "sheet": sheet,
        "site_url": request.build_absolute_uri(reverse("login")),
    }
    return render(request, "office/accounts_issued.html", context)
