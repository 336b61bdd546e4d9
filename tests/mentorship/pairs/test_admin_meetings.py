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
