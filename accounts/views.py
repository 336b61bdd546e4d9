from django.shortcuts import render

from mentorship.pairs.summary import pairs_summary
from mentorship.people import selectors

from .roles import Role
from .selectors import users_summary


def home(request):
    """The start page of the user's main role."""
    user = request.user
    role = user.main_role
    if role in (Role.CURATOR, Role.DIRECTOR):
        context = {
            "summary": selectors.bases_summary(),
            "pairs": pairs_summary(),
            "can_import": role == Role.CURATOR,
        }
        return render(request, "accounts/home_office.html", context)
    if role == Role.ADMINISTRATOR:
        return render(request, "accounts/home_administrator.html", users_summary())
    if role in (Role.MENTOR, Role.MENTEE):
        person = selectors.person_for_user(user)
        return render(request, "accounts/home_participant.html", {"person": person, "role": role})
    return render(request, "accounts/home_no_role.html", status=403)
