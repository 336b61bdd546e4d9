"""The curator's meeting card offers as attendees only people who could have attended: its
own pair's mentees; a new meeting, the mentees of pairs at work."""

import datetime as dt

import pytest
from django.urls import reverse

from mentorship.pairs.models import Meeting
from tests.factories import pair_create

pytestmark = pytest.mark.django_db


def offered(response) -> set[int]:
    return {pk for pk, _label in response.context["adminform"].form.fields["attendees"].choices}


def test_meeting_card_offers_its_own_pair_only(client_for, curator):
    pair, other, finished = pair_create(), pair_create(), pair_create()
    finished.memberships.update(is_current=False)
    meeting = Meeting.objects.create(
        pair=pair, kind=Meeting.Kind.REGULAR, date=dt.date.today(), topic="Разбор практики"
    )
    client = client_for(curator)

    card = client.get(reverse("admin:pairs_meeting_change", args=[meeting.pk]))
    assert offered(card) == {pair.memberships.get().mentee_id}

    new = client.get(reverse("admin:pairs_meeting_add"))
    current = {p.memberships.get().mentee_id for p in (pair, other)}
    assert offered(new) == current


def test_searches_find_by_mentor_mentee_and_text_once_each(client_for, curator):
    pair = pair_create(mentees=2)
    mentor = pair.mentor.person
    mentee = pair.memberships.order_by("pk").first().mentee.person
    other = pair_create()
    for day in (1, 2):
        Meeting.objects.create(
            pair=pair, kind=Meeting.Kind.REGULAR, date=dt.date.today() - dt.timedelta(days=day),
            topic="Разбор практики",
        )
    Meeting.objects.create(
        pair=other, kind=Meeting.Kind.REGULAR, date=dt.date.today(), topic="Chess club"
    )
    client = client_for(curator)

    def found(url_name, term):
        response = client.get(reverse(url_name), {"q": term})
        return [obj.pk for obj in response.context["cl"].result_list]

    # A pair of two mentees is listed once, found by either side.
    assert found("admin:pairs_pair_changelist", mentee.last_name) == [pair.pk]
    assert found("admin:pairs_pair_changelist", mentor.last_name) == [pair.pk]
    assert sorted(found("admin:pairs_meeting_changelist", mentor.last_name)) == sorted(
        pair.meetings.values_list("pk", flat=True)
    )
    assert found("admin:pairs_meeting_changelist", "chess") == list(
        other.meetings.values_list("pk", flat=True)
    )


def test_name_searches_find_what_the_matching_people_found(client_for, curator):
    """The lists match the words on the joined mentor and mentee (issue 16): the same pairs
    and meetings as `person__in=Person.objects.search(term)` found, for any term."""
    from django.db.models import Q

    from mentorship.pairs.models import Pair, PairMembership
    from mentorship.people.models import Person

    pairs = [pair_create(mentees=2) for _ in range(3)]
    names = ["Сёмина", "Семенов", "Орлов"]
    for pair, name in zip(pairs, names, strict=True):
        Person.objects.filter(pk=pair.mentor.person_id).update(last_name=name)
        mentee = pair.memberships.order_by("pk").first().mentee.person
        mentee.last_name = f"{name}а-Ким"
        mentee.save()  # name_key follows the name on save
        Meeting.objects.create(
            pair=pair, kind=Meeting.Kind.REGULAR, date=dt.date.today(), topic=f"Тема {name}"
        )
    for person in Person.objects.all():
        person.save()
    client = client_for(curator)

    def found(url_name, term):
        response = client.get(reverse(url_name), {"q": term})
        return sorted(obj.pk for obj in response.context["cl"].result_list)

    for term in ["семин", "СЁМИНА", "ов", "орлова ким", "а", "нет-такого", "тема орлов"]:
        people = Person.objects.search(term).values("pk")
        with_mentee = PairMembership.objects.filter(mentee__person__in=people).values("pair")
        old_pairs = Pair.objects.filter(Q(mentor__person__in=people) | Q(pk__in=with_mentee))
        assert found("admin:pairs_pair_changelist", term) == sorted(
            old_pairs.values_list("pk", flat=True)
        ), term
        old_meetings = Meeting.objects.filter(
            Q(topic__icontains=term) | Q(pair__mentor__person__in=people)
        )
        assert found("admin:pairs_meeting_changelist", term) == sorted(
            old_meetings.values_list("pk", flat=True)
        ), term
    assert len(found("admin:pairs_pair_changelist", "семин")) == 1  # Сёмина, not Семенов
    assert len(found("admin:pairs_pair_changelist", "орлова ким")) == 1  # by the mentee
