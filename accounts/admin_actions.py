"""The admin action that gives chosen mentors and mentees their logins.

Registered on the Person, MentorProfile and MenteeProfile admins (mentorship/people/admin.py);
on a profile list it acts on the profiles' persons.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.debug import sensitive_variables

from mentorship.people.models import Person

from . import services
from .roles import Role
from .views_issue import issued_sheet_keep


def _people_of(queryset):
    if queryset.model is Person:
        return queryset
    return Person.objects.filter(pk__in=queryset.values("person_id"))


# "change": the action is offered only to roles that may edit the list (never the director).
@admin.action(description="Выдать учётные записи выбранным", permissions=["change"])
@sensitive_variables("result")
def issue_accounts(modeladmin, request, queryset):
    # Handing out logins is the curator's job, whatever other permissions a user holds.
    if not request.user.has_role(Role.CURATOR):
        raise PermissionDenied
    try:
        result = services.accounts_issue(people=_people_of(queryset), by=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    issued_sheet_keep(request, result)
    return redirect("accounts-issued")
