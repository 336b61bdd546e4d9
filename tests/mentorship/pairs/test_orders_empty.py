# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""The page an order draft gets for an empty selection: with no pairs at all, the default
selections are empty too (apart from test_orders_fresh.py, whose finished pairs are built
once for the module)."""

import pytest
from django.urls import reverse

from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    college,
    download,
    fixed_today,
)


@pytest.mark.parametrize(
    ("url_name", "message", "back"),
    [
        ("pairs:order-pairs", "Не выбрано ни одной пары", "admin:pairs_pair_changelist"),
        (
            "pairs:order-mentors",
            "Не выбрано ни одного наставника",
            "admin:people_mentorprofile_changelist",
        ),
        ("pairs:order-rewards", "Не выбрано ни одной пары", "admin:pairs_pair_changelist"),
    ],
)
@pytest.mark.parametrize("query", ["", "?ids=", "?ids=,"])
def test_order_views_explain_an_empty_selection_on_a_page(
    college, client_for, curator, url_name, message, back, query
):
    response = download(client_for(curator), url_name, query)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert message in content
    assert f'href="{reverse(back)}"' in content
