"""make test's PostgreSQL run keeps only the tests that use the database (TESTS_DATABASE_ONLY):
the choice must keep every test that can reach the database, whichever way it asks for it."""

from types import SimpleNamespace

import pytest

from tests.conftest import (
    files_after_a_flush,
    files_mixing_flushes,
    flushes_the_database,
    pytest_collection_finish,
    pytest_collection_modifyitems,
    touches_the_database,
)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


def test_a_test_without_the_database_is_left_to_the_sqlite_run(request):
    assert not touches_the_database(request.node)


def test_the_db_fixture_is_kept(request, db):
    assert touches_the_database(request.node)


@pytest.mark.django_db
def test_the_marker_is_kept(request):
    assert touches_the_database(request.node)


def test_a_module_world_built_with_the_blocker_is_kept(request, module_world):
    assert touches_the_database(request.node)


class _Item:
    """What touches_the_database reads of a test: its fixtures and its markers."""

    def __init__(self, *fixturenames):
        self.fixturenames = fixturenames

    def get_closest_marker(self, name):
        return None


@pytest.mark.parametrize("fixture", ["transactional_db", "live_server"])
def test_a_transactional_or_live_server_test_is_kept(fixture):
    # Asked of a stand-in: a real transactional test here would flush the tables.
    assert touches_the_database(_Item("client", fixture))
    assert not touches_the_database(_Item("client", "settings"))


# --- transactional tests in files of their own (tests/conftest.py) ----------------------------


class _Test(_Item):
    """A stand-in test of a file, with its fixtures and its django_db marker's arguments."""

    def __init__(self, nodeid, *fixturenames, **django_db):
        super().__init__(*fixturenames)
        self.nodeid = nodeid
        self.django_db = pytest.mark.django_db(**django_db).mark if django_db else None

    def get_closest_marker(self, name):
        return self.django_db if name == "django_db" else None


def test_a_transactional_test_is_told_by_its_marker_or_its_fixtures():
    assert flushes_the_database(_Test("t.py::a", transaction=True))
    assert flushes_the_database(_Test("t.py::a", reset_sequences=True))
    assert flushes_the_database(_Test("t.py::a", "live_server"))
    assert flushes_the_database(_Test("t.py::a", "transactional_db"))
    assert not flushes_the_database(_Test("t.py::a", "db"))
    assert not flushes_the_database(_Test("t.py::a", transaction=False))


def test_a_file_mixing_transactional_tests_with_the_others_is_named():
    tests = [
        _Test("mixed.py::plain", "db"),
        _Test("mixed.py::live", "live_server"),
        _Test("apart.py::live", transaction=True),
        _Test("apart.py::no_database", "settings"),
        _Test("plain.py::a", "db"),
        _Test("plain.py::b", serialized_rollback=False),
    ]
    assert files_mixing_flushes(tests) == ["mixed.py"]
    assert files_mixing_flushes(tests[2:]) == []


def test_a_file_ordered_after_a_transactional_test_is_named():
    """In the run's final order (any plugin may sort after pytest-django), a test that
    expects the migrated data after a transactional one is named; one that only builds a
    module's world with django_db_setup, or uses no database, is not."""
    tests = [
        _Test("first.py::a", "db"),
        _Test("live.py::a", "live_server"),
        _Test("late.py::a", "db"),
        _Test("marked.py::a", transaction=False),
        _Test("world.py::a", "django_db_setup"),
        _Test("plain.py::a", "settings"),
        _Test("live_again.py::a", transaction=True),
    ]
    assert files_after_a_flush(tests) == ["late.py", "marked.py"]
    assert files_after_a_flush([tests[0], tests[1], tests[4], tests[5]]) == []


def test_a_run_ordered_after_a_flush_is_refused_once_collected():
    """The check runs on the order every plugin left (pytest_collection_finish): a `page`
    parameter once made pytest-playwright regroup a survey test and everything after it past
    the browser tests. Such a run stops before any test, naming the files."""
    late = [_Test("live.py::a", "live_server"), _Test("late.py::a", "db")]
    with pytest.raises(pytest.UsageError, match=r"emptied database: late\.py$"):
        pytest_collection_finish(SimpleNamespace(items=late))


def test_collecting_a_mixed_file_stops_the_run_naming_it(request):
    mixed = [_Test("mixed.py::plain", "db"), _Test("mixed.py::live", "live_server")]
    with pytest.raises(pytest.UsageError, match=r"files of their own.*: mixed\.py$"):
        pytest_collection_modifyitems(request.config, mixed)
