"""Tombstones: the destroyed stay destroyed after a database restore.

A backup taken before someone's data was destroyed still holds it. Restoring that backup
would bring the person back — names, contacts, a consent «in force» — so the list of whom
we destroyed cannot live only in the database. destroy_withdrawn appends one line per
destroyed person to an append-only file outside the database (settings.TOMBSTONE_PATH,
kept apart from the database backups), and on every run destroys again anyone in the
database whose key is in that file.

The line names nobody. The key is HMAC-SHA256 under SECRET_KEY of the person's record
number and original birth date: it recognises the same record in a restored database but
cannot be turned back into a name. A line:

    v1 <key hex> <consent withdrawn on, ISO> <retention basis or -> <destroyed on, ISO>

The withdrawal date and the basis are there because a backup older than the withdrawal
shows the consent still in force: the repeated destruction withdraws it with that date
and keeps only what the basis allows, as the first destruction did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

VERSION = "v1"


@dataclass(frozen=True)
class Tombstone:
    key: str
    withdrawn_on: dt.date
    basis: str
    destroyed_on: dt.date


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def person_key(pk: int, birth_date: dt.date, secret: str | None = None) -> str:
    """The keyed, one-way hash that recognises a person's record (original birth date)."""
    message = f"person:{pk}:{birth_date.isoformat()}".encode()
    secret = settings.SECRET_KEY if secret is None else secret
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def person_keys(pk: int, birth_date: dt.date) -> set[str]:
    """Under the current key and the retired ones (SECRET_KEY_FALLBACKS)."""
    return {person_key(pk, birth_date, secret) for secret in _secrets()}


def path() -> Path:
    configured = getattr(settings, "TOMBSTONE_PATH", "")
    if configured:
        return Path(configured)
    return Path(settings.MEDIA_ROOT) / "tombstones" / "destroyed.txt"


def tombstone_write(
    *, pk: int, birth_date: dt.date, withdrawn_on: dt.date, basis: str, destroyed_on: dt.date
) -> None:
    """Append one line and flush it to disk before the caller commits the destruction:
    a failure here rolls the destruction back (the person stays due and is retried)."""
    file = path()
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    line = " ".join(
        [
            VERSION,
            person_key(pk, birth_date),
            withdrawn_on.isoformat(),
            basis or "-",
            destroyed_on.isoformat(),
        ]
    )
    descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(descriptor, (line + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def tombstones_read() -> dict[str, Tombstone]:
    """Every tombstone by key; a damaged line is skipped (the rest still count)."""
    file = path()
    if not file.exists():
        return {}
    found = {}
    for line in file.read_text(encoding="ascii", errors="replace").splitlines():
        parts = line.split()
        if len(parts) != 5 or parts[0] != VERSION:
            continue
        try:
            stone = Tombstone(
                key=parts[1],
                withdrawn_on=dt.date.fromisoformat(parts[2]),
                basis="" if parts[3] == "-" else parts[3],
                destroyed_on=dt.date.fromisoformat(parts[4]),
            )
        except ValueError:
            continue
        found.setdefault(stone.key, stone)
    return found
