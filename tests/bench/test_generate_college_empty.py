"""generate_college on a base that is not empty (test_generate_college.py shares one
generated college between its tests; this one starts from a base with one real person)."""

import pytest
from django.core.management import CommandError, call_command

from mentorship.people.models import Person
from tests.factories import PersonFactory


def test_generate_college_refuses_a_database_with_people(db):
    PersonFactory(last_name="Настоящий")
    with pytest.raises(CommandError, match="--flush"):
        call_command("generate_college", students=20, teachers=4, organisations=3, years=1)
    assert Person.objects.count() == 1
    call_command(
        "generate_college",
        students=20,
        teachers=4,
        organisations=3,
        years=1,
        flush=True,
        verbosity=0,
    )
    assert not Person.objects.filter(last_name="Настоящий").exists()
    assert Person.objects.filter(kind=Person.Kind.STUDENT).count() == 20
