"""lib.history.rows_as_of: the history rows in force at a moment, one per object, in one
query (it is a queryset: evaluated only by whoever aggregates it)."""

import datetime as dt

import pytest
from django.db.models import Q

from mentorship.lib.history import end_of_day, moments_between, rows_as_of, start_of_day
from mentorship.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

D = dt.date
MOMENT = end_of_day(D(2025, 12, 31))


def _date(person, day, *, kind=None):
    rows = Person.history.filter(id=person.pk)
    if kind:
        rows = rows.filter(history_type=kind)
    rows.update(history_date=start_of_day(day))


def _courses(rows) -> dict[int, int | None]:
    return dict(rows.values_list("id", "course"))


def test_the_day_bounds_are_in_the_projects_time_zone():
    assert start_of_day(D(2025, 9, 1)).isoformat() == "2025-09-01T00:00:00+03:00"
    assert end_of_day(D(2025, 12, 31)).isoformat() == "2025-12-31T23:59:59.999999+03:00"


def test_the_latest_row_up_to_the_moment_is_in_force():
    person = PersonFactory(course=1)
    _date(person, D(2025, 1, 1))
    person.course = 2
    person.save()
    _date(person, D(2025, 12, 31), kind="~")  # the last day counts
    person.course = 3
    person.save()  # now: after the moment
    assert _courses(rows_as_of(Person.history, MOMENT)) == {person.pk: 2}
    assert _courses(rows_as_of(Person.history, end_of_day(D(2025, 12, 30)))) == {person.pk: 1}
    # A moment in the future: the latest state.
    future = end_of_day(D(2100, 1, 1))
    assert _courses(rows_as_of(Person.history, future)) == {person.pk: 3}


def test_rows_of_the_same_instant_are_one_the_later_written():
    person = PersonFactory(course=1)
    person.course = 2
    person.save()
    Person.history.update(history_date=start_of_day(D(2025, 3, 1)))  # a back-dated history
    found = rows_as_of(Person.history, MOMENT)
    assert list(found.values_list("id", "course")) == [(person.pk, 2)]


def test_an_object_deleted_by_the_moment_is_gone():
    gone = PersonFactory()
    kept = PersonFactory()
    Person.history.update(history_date=start_of_day(D(2025, 1, 1)))
    gone_pk = gone.pk
    gone.delete()
    Person.history.filter(history_type="-").update(history_date=start_of_day(D(2025, 6, 1)))
    assert set(_courses(rows_as_of(Person.history, MOMENT))) == {kept.pk}
    before = end_of_day(D(2025, 5, 31))
    assert set(_courses(rows_as_of(Person.history, before))) == {gone_pk, kept.pk}


def test_recorded_later_it_is_absent_unless_first_known_then_its_first_state():
    named = PersonFactory(course=1)
    other = PersonFactory(course=1)
    named.course = 4
    named.save()  # both recorded now, after the moment
    assert _courses(rows_as_of(Person.history, MOMENT)) == {}
    found = rows_as_of(Person.history, MOMENT, first_known_for=Q(id=named.pk))
    assert _courses(found) == {named.pk: 1}
    assert other.pk not in _courses(found)


def test_first_known_for_does_not_override_a_state_recorded_by_the_moment():
    person = PersonFactory(course=1)
    _date(person, D(2025, 1, 1))
    person.course = 2
    person.save()
    found = rows_as_of(Person.history, MOMENT, first_known_for=Q(id=person.pk))
    assert _courses(found) == {person.pk: 1}


def test_it_takes_a_model_a_manager_or_rows_and_stays_one_query(django_assert_num_queries):
    person = PersonFactory()
    _date(person, D(2025, 1, 1))
    with django_assert_num_queries(1):
        assert rows_as_of(Person.history.model, MOMENT).count() == 1
    assert rows_as_of(Person.history.filter(id=person.pk), MOMENT).count() == 1
    assert rows_as_of(Person.history.filter(id=-1), MOMENT).count() == 0


def test_moments_between_take_whole_local_days():
    first, last = moments_between(D(2025, 9, 1), D(2026, 8, 31))
    assert first.isoformat() == "2025-09-01T00:00:00+03:00"
    assert last.isoformat() == "2026-08-31T23:59:59.999999+03:00"
