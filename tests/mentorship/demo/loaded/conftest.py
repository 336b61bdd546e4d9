"""What the tests of the loaded demo share: load_demo run once for the whole package (it
takes seconds; every module here reads the same college), a second run of load_demo on top
of it, and a temporary MEDIA_ROOT for the scans the demo stores."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone


@pytest.fixture(scope="package", autouse=True)
def demo_media(tmp_path_factory):
    """The scans load_demo stores (the register's) go to a temporary MEDIA_ROOT, never to
    the project's; package-wide, so the package's one load writes there too."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media):
        yield media


@pytest.fixture(scope="package")
def loaded(django_db_setup, django_db_blocker, demo_media) -> str:
    """`load_demo --quiet`, once for the package, inside a transaction rolled back at its
    end; every test runs in its own savepoint on top of it. Returns what the command
    printed (nothing, with --quiet)."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", "--quiet", stdout=out)
        if connection.vendor == "postgresql":
            # Fresh rows have no planner statistics yet (autovacuum gives them in a running
            # database); without them PostgreSQL nests loops over the survey answers.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def today():
    return timezone.localdate()


def load_again(counts) -> str:
    """Run load_demo again: the rows counted by counts() stay as they were. Returns what the
    command printed."""
    before = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    return out.getvalue()
