"""The admin action that gives chosen mentors and mentees their logins.

The people app knows nothing of it: the office adds the action to the Person, MentorProfile
and MenteeProfile lists here, when the admin autodiscovers this module (after people's
admin, by the order of INSTALLED_APPS). On a profile list it acts on the profiles' persons.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.debug import sensitive_variables

from accounts.roles import Role
from mentorship.people.models import MenteeProfile, MentorProfile, Person

from .accounts import accounts_issue
from .views import issued_sheet_keep


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
        result = accounts_issue(people=_people_of(queryset), by=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    issued_sheet_keep(request, result)
    return redirect("accounts-issued")


def _offer_on_people_lists() -> None:
    for model in (Person, MentorProfile, MenteeProfile):
        model_admin = admin.site.get_model_admin(model)
        if issue_accounts not in model_admin.actions:
            model_admin.actions = [*model_admin.actions, issue_accounts]


_offer_on_people_lists()
