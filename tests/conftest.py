"""Personas: one user per role, plus an outsider with no role at all."""

import pytest

from accounts.roles import Role
from tests.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    UserFactory,
)


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
