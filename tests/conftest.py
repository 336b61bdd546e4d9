"""Personas: one user per role, plus an outsider with no role at all."""

import pytest
from django.core.cache import cache

from accounts.roles import Role
from tests.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, as a new process does: a test's rolled-back
    rows are written again under the same ids and dates by the next test, and the counts
    kept under a fingerprint of them (roadmap.kpi.kept) would be the previous test's."""
    cache.clear()
    yield
    cache.clear()


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
