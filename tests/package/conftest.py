"""The package tests' shared world."""

import pytest

from tests.package.package_data import college_with_inn
from tests.roadmap.report_data import year_make
from tests.worlds import built_once


def year_and_college_make():
    year_make()
    return college_with_inn()


@pytest.fixture(scope="module")
def year_world(django_db_setup, django_db_blocker):
    """The hand-counted year and the college with its ИНН, built once for each module that
    asks, inside a transaction rolled back at the module's end; each test's own transaction
    is a savepoint within it (a test that clears the ИНН leaves it cleared for itself only)."""
    with built_once(django_db_blocker, year_and_college_make) as world:
        yield world
