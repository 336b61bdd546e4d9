"""Writes of accounts: the curator gives logins to mentors and mentees from the people base.

A one-time password leaves this module only inside the returned IssuedAccount: it is never
stored in plain text or logged; the person replaces it at first login (middleware).
"""

import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from mentorship.pairs.rules import consent_holds
from mentorship.people.models import Person

from .models import User
from .roles import Role

logger = logging.getLogger(__name__)

SKIP_HAS_ACCOUNT = "уже есть учётная запись"
SKIP_NO_CONSENT = "нет согласия на обработку ПДн"
SKIP_NOT_PARTICIPANT = "не наставник и не наставляемый: учётная запись не нужна"

# A readable everyday transliteration (й → y, ю → yu, я → ya, х → kh) rather than the
# passport one (iu, ia), so that logins look like the names people expect.
# fmt: off
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)
# fmt: on
_NOT_LOGIN = re.compile(r"[^a-z0-9-]+")
# Read off a printed sheet and typed on a phone: lower case, no 0/o, 1/l/i look-alikes.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_PASSWORD_GROUPS, _PASSWORD_GROUP_LENGTH = 3, 4
_MAX_USERNAME_ATTEMPTS = 100


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


def transliterate(text: str) -> str:
    return text.lower().replace("ё", "е").translate(_TRANSLIT)


def username_base(person: Person) -> str:
    """«Иванов Пётр Сергеевич» → «ivanov.ps»; a double surname keeps its hyphen."""
    surname = _NOT_LOGIN.sub("-", transliterate(person.last_name)).strip("-") or "user"
    initials = "".join(
        transliterate(name)[:1] for name in (person.first_name, person.middle_name) if name
    )
    initials = _NOT_LOGIN.sub("", initials)
    # Room for a clash digit within User.username's 150 characters.
    return f"{surname[:140]}.{initials}" if initials else surname[:140]


def _username_candidates(base: str):
    yield base
    for number in range(2, _MAX_USERNAME_ATTEMPTS + 1):
        yield f"{base}{number}"


@sensitive_variables("password")  # kept out of error reports
def one_time_password(user: User) -> str:
    """A random password that passes every AUTH_PASSWORD_VALIDATORS rule for this user."""
    while True:
        groups = (
            "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(_PASSWORD_GROUP_LENGTH))
            for _ in range(_PASSWORD_GROUPS)
        )
        password = "-".join(groups)
        try:
            validate_password(password, user)
        except ValidationError:
            continue  # e.g. all digits by chance; draw again
        return password


def _skip_reason(person: Person, today) -> str | None:
    if person.user_id is not None:
        return SKIP_HAS_ACCOUNT
    if not _has_profile(person, "mentor_profile") and not _has_profile(person, "mentee_profile"):
        return SKIP_NOT_PARTICIPANT
    if not consent_holds(person, today):
        return SKIP_NO_CONSENT
    return None


def _has_profile(person: Person, name: str) -> bool:
    return getattr(person, name, None) is not None


@sensitive_variables("password")
def _create_user(person: Person, groups: list[Group]) -> tuple[User, str]:
    """Save a user under the first free login built from the person's name."""
    for username in _username_candidates(username_base(person)):
        if User.objects.filter(username__iexact=username).exists():
            continue
        user = User(
            username=username,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            must_change_password=True,
        )
        password = one_time_password(user)
        user.set_password(password)
        user.full_clean()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            continue  # another curator took this login a moment ago
        user.groups.set(groups)
        return user, password
    raise ValidationError(f"Не удалось подобрать свободный логин для {person.full_name}.")


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
    role_groups = {role: Group.objects.get(name=role.label) for role in (Role.MENTOR, Role.MENTEE)}
    issued, skipped = [], []
    for person in chosen:
        reason = _skip_reason(person, today)
        if reason:
            skipped.append(SkippedPerson(person=person, reason=reason))
            continue
        groups = [
            role_groups[role]
            for role, profile in ((Role.MENTOR, "mentor_profile"), (Role.MENTEE, "mentee_profile"))
            if _has_profile(person, profile)
        ]
        user, password = _create_user(person, groups)
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
