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
