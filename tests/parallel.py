"""The machinery of a run split between pytest-xdist workers (make test: `-n 2 --dist
loadfile`), used by tests/conftest.py's hooks and its django_db_setup.

One migration per run. Running the 60-odd migrations is the dearest setup of the suite
(~9 s on SQLite, ~13 s on PostgreSQL, in each worker). The first worker that needs the
database migrates it as pytest-django would and leaves a copy in the run's template folder
(made by the controller, handed to every worker: TEMPLATE_DIR_KEY); every other worker makes
its own database from that copy: on SQLite the in-memory database is restored from a file
through the sqlite3 backup API, on PostgreSQL it is `CREATE DATABASE … TEMPLATE`. Each worker
still has a database of its own holding the migrated data (roles, forms, questionnaires), and
the serialized content transactional tests with serialized_rollback need (computed once too).
A lock on the folder makes the others wait for the first; a worker that finds no finished copy
(the first failed) migrates itself.

One worker for a package's shared data. `--dist loadfile` hands a test file at a time to a
worker; a package whose conftest builds its data once for the package (scope="package", e.g.
the loaded demo) would build it on each worker that gets one of its files. KEPT_TOGETHER names
those folders: their files go to one worker as one unit.
"""

from __future__ import annotations

import fcntl
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from xdist.scheduler import LoadFileScheduling

# workerinput's key for the run's template folder (tests/conftest.py's pytest_configure_node).
TEMPLATE_DIR_KEY = "mentorship_db_template_dir"

# The folders (relative to the repository) whose conftest.py builds data once for the whole
# package (a scope="package" fixture): their files run on one worker, one after the other.
KEPT_TOGETHER = ("tests/mentorship/demo/loaded/",)


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to under `--dist loadfile`: its file, or the package
    folder when the file is in one of KEPT_TOGETHER."""
    path = nodeid.split("::", 1)[0]
    for folder in KEPT_TOGETHER:
        if path.startswith(folder):
            return folder
    return path


class PackageAwareLoadFileScheduling(LoadFileScheduling):
    """xdist's loadfile scheduling, work_unit deciding what goes together: units are handed
    out in the order of their first test (--no-loadscope-reorder), each test keeping its
    place inside its unit."""

    def _split_scope(self, nodeid: str) -> str:
        return work_unit(nodeid)


# --- one migration per run ------------------------------------------------------------------

READY = "ready"  # written last: the copy is whole
POSTGRES_TEMPLATE = "postgresql-template"  # the template database's name, for its DROP


def _serialized_path(folder: Path, alias: str) -> Path:
    return folder / f"serialized-{alias}.json"


def _sqlite_path(folder: Path, alias: str) -> Path:
    return folder / f"{alias}.sqlite3"


@contextmanager
def locked(folder: Path):
    with open(folder / "lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def can_copy(connection) -> bool:
    """An in-memory SQLite test database (the default) or a PostgreSQL one."""
    if connection.vendor == "postgresql":
        return True
    if connection.vendor == "sqlite":
        creation = connection.creation
        return creation.is_in_memory_db(creation._get_test_db_name())
    return False


def postgres_template_name(test_name: str, worker_id: str) -> str:
    """test_mentorship_gw0 -> test_mentorship_template: one name for the run's workers."""
    return f"{test_name.removesuffix('_' + worker_id)}_template"


def save_template(connection, folder: Path, worker_id: str) -> None:
    """Leave a copy of this worker's freshly migrated test database in folder."""
    alias = connection.alias
    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized is not None:
        _serialized_path(folder, alias).write_text(serialized)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        partial = folder / f"{alias}.partial"
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        partial.replace(_sqlite_path(folder, alias))
    else:
        own = connection.settings_dict["NAME"]
        template = postgres_template_name(own, worker_id)
        quote = connection.ops.quote_name
        # CREATE DATABASE … TEMPLATE wants no session on the source: close ours (the next
        # query opens it again).
        connection.close()
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)}")
            cursor.execute(f"CREATE DATABASE {quote(template)} WITH TEMPLATE {quote(own)}")
        (folder / POSTGRES_TEMPLATE).write_text(template)
    (folder / f"{READY}-{alias}").write_text(worker_id)


def has_template(folder: Path, alias: str) -> bool:
    return (folder / f"{READY}-{alias}").exists()


def create_test_db_from_template(creation, folder: Path):
    """A create_test_db for this connection's creation that copies the run's template
    instead of migrating: the rest as Django's (the test name in the settings, the serialized
    content when asked for, the cache table, a connection opened)."""
    from django.conf import settings
    from django.core.management import call_command

    connection = creation.connection
    alias = connection.alias

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        test_name = creation._get_test_db_name()
        if verbosity >= 1:
            creation.log(f"Copying the run's migrated test database for alias '{alias}'...")
        if connection.vendor == "postgresql":
            template = (folder / POSTGRES_TEMPLATE).read_text()
            quote = connection.ops.quote_name
            with creation._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
                cursor.execute(
                    f"CREATE DATABASE {quote(test_name)} WITH TEMPLATE {quote(template)}"
                )
        connection.close()
        settings.DATABASES[alias]["NAME"] = test_name
        connection.settings_dict["NAME"] = test_name
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            source = sqlite3.connect(_sqlite_path(folder, alias))
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        if serialize:
            saved = _serialized_path(folder, alias)
            connection._test_serialized_contents = (
                saved.read_text() if saved.exists() else creation.serialize_db_to_string()
            )
        call_command("createcachetable", database=alias)
        return test_name

    return create_test_db


def migrated_sqlite_file(config) -> Path | None:
    """The SQLite run's migrated test database as a file (its template), for a test that
    needs a freshly migrated SQLite base of its own; None elsewhere (no xdist, PostgreSQL)."""
    folder = getattr(config, "workerinput", {}).get(TEMPLATE_DIR_KEY)
    if folder is None or not has_template(Path(folder), "default"):
        return None
    path = _sqlite_path(Path(folder), "default")
    return path if path.exists() else None


def drop_postgres_template(folder: Path) -> None:
    """The controller, once the workers are done: drop the run's template database."""
    name_file = folder / POSTGRES_TEMPLATE
    if not name_file.exists():
        return
    from django.db import connection

    with connection.creation._nodb_cursor() as cursor:
        name = connection.ops.quote_name(name_file.read_text())
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
