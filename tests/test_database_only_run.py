"""make test's PostgreSQL run keeps only the tests that use the database (TESTS_DATABASE_ONLY):
the choice must keep every test that can reach the database, whichever way it asks for it."""

import pytest

from tests.conftest import touches_the_database


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
