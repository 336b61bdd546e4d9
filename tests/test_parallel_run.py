"""make test's runs split between pytest-xdist workers (tests/parallel.py): each worker's
database is its own and holds the migrated data though only the run's first worker migrated."""

import os

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.roles import Role
from mentorship.people.models import MentoringForm
from mentorship.surveys.models import Questionnaire
from tests.parallel import TEMPLATE_DIR_KEY

WORKER = os.environ.get("PYTEST_XDIST_WORKER")


# --- the database of each worker ---------------------------------------------------------------


def test_the_database_is_migrated_with_the_migrated_data(db):
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert set(Group.objects.values_list("name", flat=True)) >= {r.label for r in Role}
    assert Questionnaire.objects.exists()
    assert MentoringForm.objects.exists()


def test_the_serialized_content_is_the_databases_own(db):
    """What a transactional test with serialized_rollback brings back (computed by the first
    worker only, then read from the template folder) is this database's content."""
    saved = getattr(connection, "_test_serialized_contents", None)
    if saved is None:
        pytest.skip("no test of this run asks for serialized_rollback")
    assert saved == connection.creation.serialize_db_to_string()


@pytest.mark.skipif(WORKER is None, reason="a pytest-xdist worker's database")
def test_each_worker_has_a_database_of_its_own(db, request):
    name = connection.settings_dict["NAME"]
    assert TEMPLATE_DIR_KEY in request.config.workerinput
    if connection.vendor == "postgresql":
        assert name.endswith(f"_{WORKER}")
        assert not name.endswith("_template")
    else:
        # In memory: a database only this process sees.
        assert connection.creation.is_in_memory_db(name)
