"""make test's runs split between pytest-xdist workers (tests/parallel.py): each worker's
database is its own and holds the migrated data though only the run's first worker migrated,
and the files of a package sharing its data go to one worker."""

import os
import re
import sqlite3
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.roles import Role
from mentorship.people.models import MentoringForm
from mentorship.surveys.models import Questionnaire
from tests.conftest import pytest_xdist_make_scheduler
from tests.parallel import (
    KEPT_TOGETHER,
    TEMPLATE_DIR_KEY,
    PackageAwareLoadFileScheduling,
    migrated_sqlite_file,
    work_unit,
)

TESTS = Path(__file__).parent
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


@pytest.mark.skipif(WORKER is None, reason="a pytest-xdist run's template")
def test_the_sqlite_runs_migrated_file_is_a_whole_migrated_base(db, request):
    """What tests/test_backup_restore.py copies instead of migrating a new SQLite file."""
    path = migrated_sqlite_file(request.config)
    if connection.vendor != "sqlite":
        assert path is None
        return
    copy = sqlite3.connect(path)
    try:
        (applied,) = copy.execute("SELECT count(*) FROM django_migrations").fetchone()
        groups = {name for (name,) in copy.execute("SELECT name FROM auth_group")}
        (people,) = copy.execute("SELECT count(*) FROM people_person").fetchone()
    finally:
        copy.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert applied == cursor.fetchone()[0] > 60
    assert groups >= {r.label for r in Role}
    assert people == 0


# --- the files of a package sharing its data on one worker -------------------------------------


def test_a_test_file_is_its_own_unit():
    assert work_unit("tests/accounts/test_auth.py::test_login") == "tests/accounts/test_auth.py"
    assert work_unit("tests/mentorship/demo/test_years.py::t[a::b]") == (
        "tests/mentorship/demo/test_years.py"
    )


def test_the_files_of_the_loaded_demo_are_one_unit():
    folder = TESTS / "mentorship/demo/loaded"
    files = sorted(folder.glob("test_*.py"))
    assert len(files) >= 5
    units = {work_unit(f"tests/mentorship/demo/loaded/{f.name}::test_x") for f in files}
    assert units == {"tests/mentorship/demo/loaded/"}
    scheduler = object.__new__(PackageAwareLoadFileScheduling)
    assert scheduler._split_scope("tests/mentorship/demo/loaded/test_pairs.py::t") == (
        "tests/mentorship/demo/loaded/"
    )


def test_every_package_sharing_its_data_is_kept_together():
    """A conftest.py with a scope="package" fixture: its folder must be in KEPT_TOGETHER, or
    --dist loadfile would build the package's data on both workers."""
    sharing = {
        f"{conftest.parent.relative_to(TESTS.parent).as_posix()}/"
        for conftest in TESTS.rglob("conftest.py")
        if re.search(r"scope\s*=\s*[\"']package[\"']", conftest.read_text())
    }
    assert sharing == set(KEPT_TOGETHER)


class _Config:
    def __init__(self, dist):
        self.dist = dist

    def getvalue(self, name):
        return {"dist": self.dist, "tx": ["2*popen"]}[name]


def test_loadfile_runs_use_the_package_aware_scheduling():
    assert isinstance(
        pytest_xdist_make_scheduler(_Config("loadfile"), None), PackageAwareLoadFileScheduling
    )
    assert pytest_xdist_make_scheduler(_Config("load"), None) is None


# --- the garbage collector ------------------------------------------------------------------


def test_the_collector_runs_with_the_suites_thresholds_and_the_collected_tests_frozen():
    import gc

    from tests.conftest import GC_THRESHOLDS

    assert gc.get_threshold() == GC_THRESHOLDS
    # Django, the modules and the collected test items: tens of thousands of objects.
    assert gc.get_freeze_count() > 10_000
