"""The start page's «Требует внимания» when all is in order, and what its regional item
costs. Apart from tests/mentorship/office/test_attention.py, whose crafted data (waiting
mentees, quiet pairs, overdue activities, low-response waves, targets) is built once for
the whole module and would be in the base here. Today is frozen at 10.03.2026."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.mentorship.office.test_attention import TODAY, items_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def test_attention_leaves_out_what_is_in_order(curator):
    assert items_for(curator) == {}


def test_start_page_all_in_order(client_for, curator):
    page = client_for(curator).get(reverse("home")).content.decode()
    assert "Всё в порядке" in page


def test_regional_denominators_cost_the_curators_page_two_queries(client_for, curator, director):
    """The only queries the curator's start page runs beyond the director's are the regional
    denominators' (the college's start month and one for both running periods; the director
    gets no such item and they are not run)."""
    counts = {}
    for user in (director, curator):
        client = client_for(user)
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        counts[user.username] = len(queries)
    assert counts["curator"] == counts["director"] + 2
