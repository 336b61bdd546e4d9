"""Two curators issuing the same person's login at the same moment give one account (row
locks: PostgreSQL only).

A transactional test, in a file of its own: the flush after it empties the database, so it
runs after every test that expects the migrated data (see tests/conftest.py)."""

import threading

import pytest
from django.db import connection, connections

from accounts.models import User
from accounts.roles import Role
from mentorship.office import accounts as issuing
from tests.factories import UserFactory

from .test_issue_accounts import mentee_person


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
# serialized_rollback like the browser tests: the flush after a transactional test must not
# leave the migrated roles and content types different from what the next one restores.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_curators_issuing_at_once_give_one_account():
    curator = UserFactory(username="curator", role=Role.CURATOR)
    person = mentee_person(last_name="Одновременная")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def issue():
        try:
            barrier.wait()
            results.append(issuing.accounts_issue(people=[person], by=curator))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(len(r.issued) for r in results) == [0, 1]
    assert [s.reason for r in results for s in r.skipped] == ["уже есть учётная запись"]
    assert User.objects.filter(person=person).count() == 1
