"""Data a test module builds once, as Django's TestCase.setUpTestData does: the heavy test
files share their pairs, years and people between their tests instead of building them again
for each (issue 16: `make test` on two cores)."""

from contextlib import contextmanager

import pytest
from django.db import transaction


@contextmanager
def built_once(django_db_blocker, make, *, today=None):
    """make() run once, inside a transaction rolled back when the block ends (the module's
    end, in a module-scoped fixture); each test's own transaction (the db fixture) is a
    savepoint within it, so what a test writes is gone before the next one. today: the day
    timezone.localdate() gives while make() runs — the module's frozen day."""
    with django_db_blocker.unblock(), transaction.atomic():
        if today is None:
            made = make()
        else:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
                made = make()
        yield made
        transaction.set_rollback(True)
