"""The curator gives logins to mentors and mentees from the people base.

The login itself is made by accounts (a user with a one-time password); this links it to
the person. A one-time password leaves this module only inside the returned IssuedAccount:
it is never stored in plain text or logged.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create_with_one_time_password
from mentorship.people.consent_rules import consent_holds
from mentorship.people.models import Person

logger = logging.getLogger(__name__)

SKIP_HAS_ACCOUNT = "уже есть учётная запись"
SKIP_NO_CONSENT = "нет согласия на обработку ПДн"
SKIP_NOT_PARTICIPANT = "не наставник и не наставляемый: учётная запись не нужна"

_PROFILE_ROLES = ((Role.MENTOR, "mentor_profile"), (Role.MENTEE, "mentee_profile"))


@dataclass(frozen=True)
class IssuedAccount:
    person: Person
    username: str
    password: str = field(repr=False)  # never in logs or tracebacks


@dataclass(frozen=True)
class SkippedPerson:
    person: Person
    reason: str


@dataclass(frozen=True)
class AccountsIssue:
    issued: list[IssuedAccount]
    skipped: list[SkippedPerson]


def _has_profile(person: Person, name: str) -> bool:
    return getattr(person, name, None) is not None


def _skip_reason(person: Person, today) -> str | None:
    if person.user_id is not None:
        return SKIP_HAS_ACCOUNT
    if not any(_has_profile(person, profile) for _role, profile in _PROFILE_ROLES):
        return SKIP_NOT_PARTICIPANT
    if not consent_holds(person, today):
        return SKIP_NO_CONSENT
    return None


@sensitive_variables("password")
def _user_for(person: Person, groups: list[Group]) -> tuple[User, str]:
    return user_create_with_one_time_password(
        last_name=person.last_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        email=person.email,
        groups=groups,
    )


# Innermost: the filter hides the locals of the function the wrapper calls directly.
@transaction.atomic
@sensitive_variables("password", "issued")
def accounts_issue(*, people: Iterable[Person], by: User) -> AccountsIssue:
    """Give each chosen mentor and mentee a login and a one-time password.

    People who already have an account, have no valid consent or are neither mentor nor
    mentee are skipped with the reason. All or nothing: one transaction.
    """
    today = timezone.localdate()
    ids = [person.pk for person in people]
    # Locked so that two curators issuing at once cannot give one person two accounts.
    chosen = (
        Person.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("mentor_profile", "mentee_profile")
        .order_by("last_name", "first_name", "middle_name", "pk")
    )
    role_groups = {role: Group.objects.get(name=role.label) for role, _profile in _PROFILE_ROLES}
    issued, skipped = [], []
    for person in chosen:
        reason = _skip_reason(person, today)
        if reason:
            skipped.append(SkippedPerson(person=person, reason=reason))
            continue
        groups = [
            role_groups[role] for role, profile in _PROFILE_ROLES if _has_profile(person, profile)
        ]
        user, password = _user_for(person, groups)
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        issued.append(IssuedAccount(person=person, username=user.username, password=password))
    logger.info(
        "accounts issued by %s: %s; skipped: %d",
        by.username,
        ", ".join(account.username for account in issued) or "none",
        len(skipped),
    )
    return AccountsIssue(issued=issued, skipped=skipped)
