"""Personas: one user per role, plus an outsider with no role at all; the choice of the
tests a database-only run keeps; the rule that keeps transactional tests in files of
their own; and a run split between pytest-xdist workers: one migration for the run, the
files of a package sharing its data on one worker (tests/parallel.py)."""

import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from pytest_django.plugin import blocking_manager_key, validate_django_db

from accounts.roles import Role
from tests.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    UserFactory,
)
from tests.parallel import (
    TEMPLATE_DIR_KEY,
    PackageAwareLoadFileScheduling,
    can_copy,
    create_test_db_from_template,
    drop_postgres_template,
    has_template,
    locked,
    save_template,
)
from tests.pdf_once import pdfs_laid_out_once


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, as a new process does: a test's rolled-back
    rows are written again under the same ids and dates by the next test, and the counts
    kept under a fingerprint of them (roadmap.kpi.kept) would be the previous test's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def pdf_once():
    """For a module that asks (`pytest.mark.usefixtures("pdf_once")`): each distinct HTML
    laid out as PDF once in the module (tests/pdf_once.py); the dict of what was laid out."""
    with pdfs_laid_out_once() as made:
        yield made


@pytest.fixture
def curator(db):
    return UserFactory(username="curator", role=Role.CURATOR)


@pytest.fixture
def director(db):
    return UserFactory(username="director", role=Role.DIRECTOR)


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=Role.ADMINISTRATOR)


@pytest.fixture
def mentor(db):
    user = UserFactory(username="mentor", role=Role.MENTOR)
    MentorProfileFactory(person__user=user)
    return user


@pytest.fixture
def mentee(db):
    user = UserFactory(username="mentee", role=Role.MENTEE)
    MenteeProfileFactory(person__user=user)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client logged in as that user (None: anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


# What gives a test the database under pytest-django: its marker or one of these fixtures
# (a module-scoped world built with django_db_blocker asks for django_db_setup). Any other
# test is refused the database by pytest-django, so its result cannot depend on which one
# the run uses.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_setup",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def touches_the_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def flushes_the_database(item) -> bool:
    """A transactional test (as pytest-django tells them apart to order them): it works
    outside a rolled-back transaction and the tables are emptied after it, migrated data
    too (roles, forms, questionnaires). pytest-django runs these after every other test
    that uses the database."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def files_mixing_flushes(items) -> list[str]:
    """The test files holding both transactional tests and tests that expect the migrated
    data. Each of make test's runs hands whole files to its pytest-xdist workers in the
    order pytest-django sorted the tests (--no-loadscope-reorder: not the biggest file
    first): a file of transactional tests only comes after every other file that uses the
    database, but a mixed file would run its transactional test early and leave its worker
    an empty database for the files after it."""
    kinds: dict[str, set[bool]] = {}
    for item in items:
        if touches_the_database(item):
            kinds.setdefault(item.nodeid.split("::")[0], set()).add(flushes_the_database(item))
    return sorted(path for path, seen in kinds.items() if len(seen) == 2)


def files_after_a_flush(items) -> list[str]:
    """The files holding a test that expects the migrated data and comes, in the run's
    order, after a transactional test: its worker may reach it with the tables emptied.
    pytest-django puts the transactional tests last, but a plugin sorting after it can
    undo that: a test asking for a fixture named `page` (a parameter so named too) is one
    of pytest-playwright's, and its items were regrouped past the browser tests."""
    flushed, late = False, []
    for item in items:
        if flushes_the_database(item):
            flushed = True
        elif flushed and _expects_the_migrated_data(item):
            late.append(item.nodeid.split("::")[0])
    return sorted(set(late))


def _expects_the_migrated_data(item) -> bool:
    """A test in a rolled-back transaction over the migrated data: the django_db marker or
    the db fixture (a module's world built with django_db_setup alone is made by its own
    tests' db)."""
    return item.get_closest_marker("django_db") is not None or "db" in getattr(
        item, "fixturenames", ()
    )


def pytest_collection_modifyitems(config, items):
    """Refuse a file mixing transactional tests with the others (files_mixing_flushes).

    TESTS_DATABASE_ONLY=1 (make test's PostgreSQL run, beside the SQLite run of the
    whole suite): keep only the tests that use the database; the others give the same
    answer on either and have run in the SQLite run."""
    mixed = files_mixing_flushes(items)
    if mixed:
        raise pytest.UsageError(
            "transactional tests (transaction=True, transactional_db, live_server) go in "
            "files of their own, apart from the tests that expect the migrated data: "
            + ", ".join(mixed)
        )
    if os.environ.get("TESTS_DATABASE_ONLY") != "1":
        return
    kept, elsewhere = [], []
    for item in items:
        (kept if touches_the_database(item) else elsewhere).append(item)
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = kept


# --- the garbage collector ------------------------------------------------------------------

# Collect the youngest generation every 50,000 new objects instead of CPython's 700: a request
# through the test client, a factory's pair or a PDF makes tens of thousands of short-lived
# objects, and with the default threshold the collector kept walking them (and, every tenth
# time, the older generation holding the whole of Django). Measured on test_url_roles and
# test_report together: ~15 % less CPU, peak memory 215 → 320 MB per process.
GC_THRESHOLDS = (50_000, 50, 100)


def pytest_configure(config):
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """Refuse a run whose order, once every plugin has sorted it, has a test that expects
    the migrated data after a transactional one (files_after_a_flush). What is alive once
    the tests are collected (Django, the modules, the test items) lives to the end of the
    run: move it out of the collector's sight."""
    late = files_after_a_flush(session.items)
    if late:
        raise pytest.UsageError(
            "tests that expect the migrated data come after a transactional test, on an "
            "emptied database: " + ", ".join(late)
        )
    gc.collect()
    gc.freeze()


# --- a run split between pytest-xdist workers (tests/parallel.py) ---------------------------

_template_dir = pytest.StashKey[str]()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile: a test file at a time, but a package sharing its data (KEPT_TOGETHER)
    as one unit."""
    if config.getvalue("dist") == "loadfile":
        return PackageAwareLoadFileScheduling(config, log)
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """The controller hands every worker the run's one template folder."""
    config = node.config
    if _template_dir not in config.stash:
        config.stash[_template_dir] = tempfile.mkdtemp(prefix="mentorship-test-db-")
    node.workerinput[TEMPLATE_DIR_KEY] = config.stash[_template_dir]


def pytest_sessionfinish(session):
    """The controller, after its workers: the template database and folder go."""
    folder = session.config.stash.get(_template_dir, None)
    if folder is None:
        return
    try:
        with session.config.stash[blocking_manager_key].unblock():
            drop_postgres_template(Path(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(  # noqa: PLR0913
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's django_db_setup (the same options), but a pytest-xdist worker copies
    the database the run's first worker migrated instead of migrating its own (tests/
    parallel.py). Without xdist, --nomigrations or --reuse-db: pytest-django's own way."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    workerinput = getattr(request.config, "workerinput", {})
    folder = workerinput.get(TEMPLATE_DIR_KEY)
    options = {}
    if not django_db_use_migrations:
        _disable_migrations()
        folder = None
    if django_db_keepdb and not django_db_createdb:
        options["keepdb"] = True
        folder = None
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    options.update(
        verbosity=request.config.option.verbose,
        interactive=False,
        aliases=aliases,
        serialized_aliases=serialized_aliases,
    )
    with django_db_blocker.unblock():
        copied = [alias for alias in aliases if folder and can_copy(connections[alias])]
        if not copied:
            db_cfg = setup_databases(**options)
        else:
            folder = Path(folder)
            with locked(folder):
                first = [alias for alias in copied if not has_template(folder, alias)]
                for alias in set(copied) - set(first):
                    creation = connections[alias].creation
                    creation.create_test_db = create_test_db_from_template(creation, folder)
                try:
                    db_cfg = setup_databases(**options)
                finally:
                    for alias in copied:
                        vars(connections[alias].creation).pop("create_test_db", None)
                for alias in first:
                    save_template(connections[alias], folder, workerinput["workerid"])

    yield

    if not django_db_keepdb:
        with django_db_blocker.unblock():
            try:
                teardown_databases(db_cfg, verbosity=request.config.option.verbose)
            except Exception as exc:  # noqa: BLE001
                request.node.warn(
                    pytest.PytestWarning(f"Error when trying to teardown test databases: {exc!r}")
                )
