"""lib.database.OneOf: `IN (values)` sent as one parameter."""

import pytest

from mentorship.lib.database import OneOf
from mentorship.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_one_of_keeps_the_rows_with_one_of_the_values_in_one_parameter():
    people = PersonFactory.create_batch(4)
    wanted = [people[0].pk, people[2].pk, people[3].pk + 1000]
    found = Person.objects.filter(OneOf("pk", wanted))
    assert set(found.values_list("pk", flat=True)) == {people[0].pk, people[2].pk}
    # Not a placeholder per value: the whole list is one parameter.
    assert len(found.query.sql_with_params()[1]) == 1
    assert set(Person.objects.filter(~OneOf("pk", wanted)).values_list("pk", flat=True)) == {
        people[1].pk,
        people[3].pk,
    }


def test_one_of_nothing_keeps_nothing():
    PersonFactory()
    assert not Person.objects.filter(OneOf("pk", [])).exists()
    assert Person.objects.filter(~OneOf("pk", [])).count() == 1
