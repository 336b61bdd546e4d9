"""The privacy registry: for every model that holds a person's data, which fields are
personal and how each is destroyed when the person withdraws their consent, and which
fields hold no personal data (and why).

Each app declares its own models in its own `privacy` module with register(); entries()
imports every installed app's `privacy` module the first time it is called (as the admin
finds `admin` modules). mentorship.people.destruction walks the entries; the test in
tests/test_privacy_registry.py fails on any text, e-mail, file or date field of a model
that reaches a person and is declared nowhere (privacy_gaps() in .checks).

This package imports no app: the apps import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.module_loading import autodiscover_modules


class How(StrEnum):
    """What happens to a field when its person's data is destroyed."""

    # Emptied ("" for texts).
    CLEAR = "clear"
    # A required value: replaced by a placeholder where it is not empty.
    REPLACE = "replace"
    # A text that also belongs to others (a pair's notes): stays, the person's name in it
    # is replaced by the placeholder.
    SCRUB_NAME = "scrub_name"
    # The file is deleted from the storage (every version's file) and the field emptied.
    DELETE_FILE = "delete_file"
    # Only the year is left (1 July of it).
    COARSEN_DATE = "coarsen_date"
    # About the person, but stays: an aggregate needs it or the law keeps it; once the
    # rest is gone it points at nobody. The reason says which.
    KEEP = "keep"
    # Not personal data (a time a record was written, a choice of the record's type…).
    FREE = "free"


# What the generic walk of mentorship.people.destruction does by itself; a model whose
# fields need more (the person's own row, a login) is destroyed by its own `destroy`.
GENERIC = frozenset({How.CLEAR, How.REPLACE, How.SCRUB_NAME, How.DELETE_FILE})
DESTROYED = GENERIC | {How.COARSEN_DATE}


@dataclass(frozen=True)
class Field:
    name: str
    how: How
    # Required for KEEP and FREE: why the field may stay.
    reason: str = ""

    def __post_init__(self):
        if self.how in (How.KEEP, How.FREE) and not self.reason:
            raise ValueError(f"{self.name}: {self.how} needs a reason")


def destroyed(name: str, how: How) -> Field:
    return Field(name, how)


def kept(name: str, reason: str) -> Field:
    return Field(name, How.KEEP, reason)


def free(name: str, reason: str) -> Field:
    return Field(name, How.FREE, reason)


@dataclass(frozen=True)
class ModelPrivacy:
    """One model's declaration.

    rows(person) is the filter of the person's rows — written so that it also holds on
    the model's history table (simple-history keeps the foreign keys under the same
    names), so earlier versions are destroyed with the rows, even of rows since deleted.
    Without rows the owning app destroys the model by its own code (the person's own row,
    an organisation's contact that is matched by name). destroy(rows) replaces the generic
    clearing for a model that needs more than emptying fields; it returns how many rows it
    destroyed. item is what the destruction act says was destroyed.
    """

    model: type[models.Model]
    fields: tuple[Field, ...]
    rows: Callable[[Any], models.Q] | None = None
    destroy: Callable[[models.QuerySet], int] | None = None
    item: str = ""

    def names(self, *hows: How) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.how in hows)


# The bookkeeping columns simple-history adds to every history table.
HISTORY_FIELDS = (
    free("history_date", "when the version was written"),
    free("history_type", "created, changed or deleted"),
    free("history_change_reason", "set by code only (the demo loader), never typed in"),
)

_entries: list[ModelPrivacy] = []
_discovered = False


def register(*entries: ModelPrivacy) -> None:
    """Add models to the registry (from an app's `privacy` module), each model once."""
    known = {entry.model for entry in _entries}
    for entry in entries:
        if entry.model in known:
            raise ValueError(f"{entry.model._meta.label} is registered twice")
        known.add(entry.model)
        _entries.append(entry)


def entries() -> tuple[ModelPrivacy, ...]:
    """Every declaration, in the order of INSTALLED_APPS and of register() calls."""
    global _discovered
    if not _discovered:
        autodiscover_modules("privacy")
        _discovered = True
    return tuple(_entries)
