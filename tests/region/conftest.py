"""The regional centre's persona: the coordinator («Координатор РНЦ»)."""

import pytest

from accounts.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", role=Role.COORDINATOR)
