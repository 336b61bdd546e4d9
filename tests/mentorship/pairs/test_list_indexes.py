"""The admin's lists of meetings and of pairs read their page from an index in the list's
order: the database stops at the page's rows instead of joining (and, for pairs, computing the
activity and plan figures of) every row, then sorting them all (issue 16)."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from mentorship.pairs.models import Meeting
from tests.factories import pair_create

pytestmark = pytest.mark.django_db


def page_plan(client, url: str) -> str:
    """The plan of the changelist's own page query. On PostgreSQL sorting is priced out, as
    a big table prices it: a handful of test rows would rather be sorted than read in order."""
    queryset = client.get(url).context["cl"].result_list
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
    return queryset.explain()


@pytest.mark.parametrize(
    ("url_name", "index"),
    [
        ("admin:pairs_meeting_changelist", "pairs_meeting_date_id"),
        ("admin:pairs_pair_changelist", "pairs_pair_start_date_id"),
    ],
)
def test_list_page_is_read_in_order_from_the_index(client_for, curator, url_name, index):
    pair = pair_create()
    for day in range(3):
        Meeting.objects.create(
            pair=pair, kind=Meeting.Kind.REGULAR, date=dt.date.today() - dt.timedelta(days=day)
        )
    plan = page_plan(client_for(curator), reverse(url_name))
    assert index in plan
    # SQLite's sort of the list's rows (a sub-select's own sort has a parent step, not 0).
    top = [line.split(" ", 3) for line in plan.splitlines()]
    assert not [step for step in top if step[1:] == ["0", "0", "USE TEMP B-TREE FOR ORDER BY"]]
