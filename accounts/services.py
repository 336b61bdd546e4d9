"""Writes of accounts: a new user with a one-time password.

A one-time password leaves this module only in the returned pair: it is never stored in
plain text or logged; the person replaces it at first login (middleware).
"""

import re
import secrets
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.views.decorators.debug import sensitive_variables

from mentorship.lib.text import transliterate

from .models import User

_NOT_LOGIN = re.compile(r"[^a-z0-9-]+")
# Read off a printed sheet and typed on a phone: lower case, no 0/o, 1/l/i look-alikes.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_PASSWORD_GROUPS, _PASSWORD_GROUP_LENGTH = 3, 4
_MAX_USERNAME_ATTEMPTS = 100


def username_base(*, last_name: str, first_name: str, middle_name: str = "") -> str:
    """«Иванов Пётр Сергеевич» → «ivanov.ps»; a double surname keeps its hyphen."""
    surname = _NOT_LOGIN.sub("-", transliterate(last_name)).strip("-") or "user"
    initials = "".join(transliterate(name)[:1] for name in (first_name, middle_name) if name)
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


@sensitive_variables("password")
def user_create_with_one_time_password(
    *,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    email: str = "",
    groups: Iterable[Group] = (),
) -> tuple[User, str]:
    """Save a user under the first free login built from the name, with a one-time password
    that must be changed at the first login. Returns the user and the password."""
    base = username_base(last_name=last_name, first_name=first_name, middle_name=middle_name)
    for username in _username_candidates(base):
        if User.objects.filter(username__iexact=username).exists():
            continue
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
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
    full_name = " ".join(name for name in (last_name, first_name, middle_name) if name)
    raise ValidationError(f"Не удалось подобрать свободный логин для {full_name}.")
