"""lib.prepared.PreparedQuery: a queryset compiled once per connection and key, run with
another value each time — the same instances the ORM makes, and never a row kept; and
PreparedCounts: an aggregate's SQL kept per key, every call answered by the database."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.fields import DateField
from django.test.utils import CaptureQueriesContext

from mentorship.lib.prepared import PreparedCounts, PreparedQuery
from mentorship.people.models import PartnerOrganisation
from mentorship.surveys.models import Invitation, Response
from tests.factories import PartnerOrganisationFactory
from tests.mentorship.surveys.factories import InvitationFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


def _invitations(key, token):
    return (
        Invitation.objects.select_related("wave__questionnaire", "person", "organisation")
        .filter(token=token)
        .annotate(
            key_day=Value(key, output_field=DateField()),
            answered=Exists(Response.objects.filter(invitation=OuterRef("pk"))),
        )
    )


def _fields(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_the_instances_are_the_orms_with_related_objects_and_annotations():
    prepared = PreparedQuery(_invitations)
    partners = InvitationFactory(
        person=None, organisation=PartnerOrganisationFactory(), role="partner"
    )
    for invitation in (InvitationFactory(), partners):
        expected = _invitations(DAY, invitation.token).get()
        [got] = prepared.objects(DAY, invitation.token)
        assert type(got) is Invitation and got.pk == invitation.pk
        assert _fields(got) == _fields(expected)
        assert _fields(got.wave) == _fields(expected.wave)
        assert _fields(got.wave.questionnaire) == _fields(expected.wave.questionnaire)
        for name in ("person", "organisation"):
            mine, theirs = getattr(got, name), getattr(expected, name)
            assert (mine and _fields(mine)) == (theirs and _fields(theirs))
        assert (got.key_day, got.answered) == (DAY, False)
        assert got._state.db == "default" and not got._state.adding


def test_every_call_asks_the_database_with_its_own_value():
    prepared = PreparedQuery(_invitations)
    first, second = InvitationFactory(), InvitationFactory()
    assert [i.pk for i in prepared.objects(DAY, first.token)] == [first.pk]
    assert [i.pk for i in prepared.objects(DAY, second.token)] == [second.pk]
    assert prepared.objects(DAY, "no-such-token") == []
    # Nothing is kept but the SQL: a change since the last call is in the next one.
    Response.objects.create(invitation=first, source=Response.Source.ONLINE)
    first.person.first_name = "Изменённое"
    first.person.save()
    with CaptureQueriesContext(connection) as asked:
        [again] = prepared.objects(DAY, first.token)
    assert len(asked) == 1
    assert again.answered is True and again.person.first_name == "Изменённое"


def test_compiled_once_per_key_and_again_for_a_new_key():
    built = []

    def build(key, token):
        built.append(key)
        return _invitations(key, token)

    prepared = PreparedQuery(build)
    invitation = InvitationFactory()
    for _ in range(3):
        prepared.objects(DAY, invitation.token)
    assert built == [DAY]
    later = DAY + dt.timedelta(days=1)
    [got] = prepared.objects(later, invitation.token)
    assert built == [DAY, later] and got.key_day == later


def test_rows_for_a_values_queryset():
    prepared = PreparedQuery(
        lambda _key, token: Invitation.objects.filter(token=token).values_list("pk", "role")
    )
    invitation = InvitationFactory()
    assert prepared.rows(None, invitation.token) == [(invitation.pk, invitation.role)]
    with pytest.raises(TypeError):
        prepared.objects(None, invitation.token)


def test_a_queryset_without_the_placeholder_is_refused():
    prepared = PreparedQuery(lambda _key, _token: Invitation.objects.filter(role="mentee"))
    with pytest.raises(ValueError):
        prepared.objects(None, "x")


# --- PreparedCounts: an aggregate's SQL kept per key ---------------------------------------


def _organisations_named(key):
    """Organisations whose name starts with the key, and those with an INN."""
    return PartnerOrganisation.objects.filter(name__startswith=key), {
        "named": Count("pk"),
        "with_inn": Count("pk", filter=~Q(inn="")),
    }


def test_prepared_counts_are_the_orms_and_each_call_asks_the_database():
    counts = PreparedCounts(_organisations_named)
    PartnerOrganisationFactory(name="АО «Первое»", inn="4205000001")
    assert counts("АО") == {"named": 1, "with_inn": 1}
    PartnerOrganisationFactory(name="АО «Второе»", inn="")
    PartnerOrganisationFactory(name="ООО «Третье»", inn="4205000003")
    with CaptureQueriesContext(connection) as queries:
        kept = counts("АО")
    queryset, aggregates = _organisations_named("АО")
    assert kept == queryset.aggregate(**aggregates) == {"named": 2, "with_inn": 1}
    assert len(queries) == 1
    assert counts("ООО") == {"named": 1, "with_inn": 1}


def test_prepared_counts_send_the_kept_statement_not_a_new_build():
    built = []

    def build(key):
        built.append(key)
        return _organisations_named(key)

    counts = PreparedCounts(build)
    PartnerOrganisationFactory(name="АО «Первое»")
    with CaptureQueriesContext(connection) as first:
        counts("АО")
    with CaptureQueriesContext(connection) as second:
        counts("АО")
    assert built == ["АО"]
    assert second[0]["sql"] == first[0]["sql"]


def test_prepared_counts_keep_the_last_keys_only():
    built = []

    def build(key):
        built.append(key)
        return _organisations_named(key)

    counts = PreparedCounts(build, keys=2)
    for key in ("А", "Б", "А", "В", "А", "Б"):
        counts(key)
    # «Б» was pushed out by «В» (the two last used were «А» and «В»), so it is built again.
    assert built == ["А", "Б", "В", "Б"]


def test_prepared_counts_keep_no_answer_the_orm_gave_without_the_database():
    built = []

    def build(key):
        built.append(key)
        return PartnerOrganisation.objects.filter(pk__in=[]), {"named": Count("pk")}

    counts = PreparedCounts(build)
    with CaptureQueriesContext(connection) as queries:
        assert counts("x") == {"named": 0}
        assert counts("x") == {"named": 0}
    assert len(queries) == 0 and built == ["x", "x"]
