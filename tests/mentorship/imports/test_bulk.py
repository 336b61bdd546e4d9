"""The raw-SQL bulk writer against simple-history's own bulk helpers: for the same objects
it must leave the same rows and the same history records (the audit journal cannot tell
an imported row from one written by bulk_create_with_history / bulk_update_with_history).
"""

import datetime as dt
from unittest import mock

import pytest
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mentorship.imports.bulk import create_rows, update_rows
from mentorship.people.models import Person
from tests.factories import PartnerOrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every timestamp (auto_now, auto_now_add, history_date) comes from this moment, so the
# records of the two writers compare field by field.
MOMENT = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
# The database's numbering: the same objects get other ids on another run.
IDS = ("id", "history_id")
UPDATED = ["phone", "study_group", "course", "updated_at"]


def _people(organisation, other_user) -> list[Person]:
    """Fresh unsaved people, the same values on every call; one with its own change reason,
    one with its own history user (both are per-object attributes simple-history reads)."""
    people = [
        Person(
            last_name="Ёлкина",
            first_name="Вера",
            middle_name="Павловна",
            birth_date=dt.date(2007, 5, 1),
            kind=Person.Kind.STUDENT,
            study_group="ТМ-21",
            course=2,
            study_form=Person.StudyForm.FULL_TIME,
            orphan=True,
        ),
        Person(
            last_name="Кузнецов",
            first_name="Илья",
            birth_date=dt.date(1980, 1, 31),
            kind=Person.Kind.EMPLOYEE,
            organisation=organisation,
            position="мастер участка",
            experience_years=20,
            email="kuznetsov@example.com",
        ),
        Person(
            last_name="Петров",
            first_name="Глеб",
            middle_name="Ильич",
            birth_date=dt.date(2008, 2, 29),
            kind=Person.Kind.STUDENT,
            course=1,
            study_form=Person.StudyForm.PART_TIME,
            has_disability=True,
        ),
    ]
    people[1]._change_reason = "Импорт из Excel (xlsx)"
    people[2]._history_user = other_user
    for person in people:
        person.fill_derived_fields()  # what save() does, and the resource before a batch
    return people


def _changed(people) -> list[Person]:
    for number, person in enumerate(people):
        person.phone = f"+7 900 000-00-0{number}"
        person.study_group = "ТМ-31" if person.course else ""
        person.course = 3 if person.course else None
        person.updated_at = MOMENT
    return people


def _without_ids(rows: list[dict]) -> list[dict]:
    return [{key: value for key, value in row.items() if key not in IDS} for row in rows]


def _outcome(write) -> tuple[list[dict], list[dict]]:
    """The people rows and history records `write` leaves, then undone: each writer starts
    from the same empty tables. A history record must point at its own row."""
    with mock.patch("django.utils.timezone.now", return_value=MOMENT), transaction.atomic():
        people = write()
        keys = [person.pk for person in people]
        rows = list(Person.objects.filter(pk__in=keys).order_by("natural_key").values())
        history = list(Person.history.filter(id__in=keys).order_by("history_id").values())
        by_pk = {person.pk: person.natural_key for person in people}
        assert all(record["natural_key"] == by_pk[record["id"]] for record in history)
        transaction.set_rollback(True)
    return _without_ids(rows), _without_ids(history)


@pytest.fixture
def world():
    return PartnerOrganisationFactory(), UserFactory(), UserFactory()


def test_create_rows_writes_the_rows_and_history_of_bulk_create_with_history(world):
    organisation, importer, other = world

    def ours():
        people = _people(organisation, other)
        create_rows(Person, people, history_user=importer)
        return people

    def simple_history():
        people = _people(organisation, other)
        return bulk_create_with_history(people, Person, default_user=importer)

    ours_rows, ours_history = _outcome(ours)
    rows, history = _outcome(simple_history)
    assert len(ours_history) == 3
    assert {record["history_type"] for record in ours_history} == {"+"}
    assert ours_rows == rows
    assert ours_history == history


def test_update_rows_writes_the_rows_and_history_of_bulk_update_with_history(world):
    organisation, importer, other = world

    def saved():
        people = _people(organisation, other)
        for person in people:
            person.save()  # its «+» record, written the ordinary way in both runs
        return _changed(people)

    def ours():
        people = saved()
        update_rows(Person, people, UPDATED, history_user=importer)
        return people

    def simple_history():
        people = saved()
        bulk_update_with_history(people, Person, UPDATED, default_user=importer)
        return people

    ours_rows, ours_history = _outcome(ours)
    rows, history = _outcome(simple_history)
    assert [record["history_type"] for record in ours_history] == ["+"] * 3 + ["~"] * 3
    assert [row["course"] for row in ours_rows] == [3, None, 3]
    assert ours_rows == rows
    assert ours_history == history
