from django.shortcuts import render
from django.utils import timezone

from mentorship.pairs.summary import pairs_summary
from mentorship.people import selectors

from .attention import attention_items
from .roles import Role
from .selectors import users_summary


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
        return render(request, "accounts/home_office.html", context)
    if role == Role.ADMINISTRATOR:
        return render(request, "accounts/home_administrator.html", users_summary())
    if role in (Role.MENTOR, Role.MENTEE):
        person = selectors.person_for_user(user)
        return render(request, "accounts/home_participant.html", {"person": person, "role": role})
    return render(request, "accounts/home_no_role.html", status=403)
