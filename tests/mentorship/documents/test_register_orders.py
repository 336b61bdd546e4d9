"""A generated order into the register (issue 15, round 2): the pairs list's action opens
the register's add form prefilled with the order (kind, title, number and date as typed in
the pairs, the pairs); saving with the scan registers it linked to those pairs. The pair's
page lists the registered documents that concern it, scans as role-checked links."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.documents.models import RegisteredDocument
from mentorship.documents.register import register_form_url
from mentorship.pairs.models import Pair
from tests.factories import pair_create

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PAIRS = "admin:pairs_pair_changelist"
TITLE = "О закреплении наставнических пар (групп)"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def run_action(client, pairs) -> str:
    response = client.post(
        reverse(PAIRS),
        {"action": "order_pairs_register", "_selected_action": [p.pk for p in pairs]},
    )
    assert response.status_code == 302
    return response["Location"]


def test_action_opens_the_add_form_prefilled_and_saving_registers_the_order(client_for, curator):
    first, second, other = pair_create(), pair_create(), pair_create()
    Pair.objects.filter(pk__in=[first.pk, second.pk]).update(
        order_number="42-н", order_date=dt.date(2025, 9, 5)
    )
    client = client_for(curator)
    url = run_action(client, [first, second])
    assert url == register_form_url(
        title=TITLE, number="42-н", date=dt.date(2025, 9, 5), pair_ids=[first.pk, second.pk]
    )

    form = client.get(url)
    assert form.status_code == 200
    initial = form.context["adminform"].form.initial
    assert initial["kind"] == RegisteredDocument.Kind.ORDER
    assert (initial["title"], initial["number"], initial["date"]) == (TITLE, "42-н", "05.09.2025")
    assert sorted(map(int, initial["pairs"])) == [first.pk, second.pk]
    html = form.content.decode()
    assert 'value="05.09.2025"' in html and 'value="42-н"' in html
    selected = re.findall(r'<option value="(\d+)" selected>', html)
    assert sorted(map(int, selected)) == [first.pk, second.pk]

    # The curator attaches the scan and saves what the form shows.
    saved = client.post(
        url,
        {
            "kind": initial["kind"],
            "number": initial["number"],
            "date": initial["date"],
            "title": initial["title"],
            "note": "",
            "pairs": initial["pairs"],
            "scan": SimpleUploadedFile("prikaz.pdf", PDF),
        },
    )
    assert saved.status_code == 302
    document = RegisteredDocument.objects.get()
    assert (document.kind, document.number, document.date, document.title) == (
        RegisteredDocument.Kind.ORDER,
        "42-н",
        dt.date(2025, 9, 5),
        TITLE,
    )
    assert document.scan.read() == PDF
    assert sorted(document.pairs.values_list("pk", flat=True)) == [first.pk, second.pk]
    assert not other.documents.exists()


def test_number_and_date_are_left_blank_when_the_pairs_disagree(client_for, curator):
    first, second = pair_create(), pair_create()
    Pair.objects.filter(pk=first.pk).update(order_number="42-н", order_date=dt.date(2025, 9, 5))
    url = run_action(client_for(curator), [first, second])
    assert "number=" not in url and "date=" not in url
    assert f"pairs={first.pk},{second.pk}" in url


def test_rewards_order_is_prefilled_with_its_title_and_pairs_only(client_for, curator):
    first, second = pair_create(), pair_create()
    Pair.objects.update(order_number="42-н", order_date=dt.date(2025, 9, 5))
    client = client_for(curator)
    response = client.post(
        reverse(PAIRS),
        {"action": "order_rewards_register", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    # The pairs' order number is the pairs order's, not the rewards order's.
    assert response["Location"] == register_form_url(
        title="О поощрении участников наставнической деятельности",
        pair_ids=[first.pk, second.pk],
    )
    initial = client.get(response["Location"]).context["adminform"].form.initial
    assert "number" not in initial and "date" not in initial
    assert sorted(map(int, initial["pairs"])) == [first.pk, second.pk]


def test_director_cannot_run_the_action(client_for, director):
    pair = pair_create()
    response = client_for(director).post(
        reverse(PAIRS), {"action": "order_pairs_register", "_selected_action": [pair.pk]}
    )
    assert response.status_code == 403


def register(pair, number, *, scan=True):
    document = RegisteredDocument.objects.create(
        kind=RegisteredDocument.Kind.ORDER,
        number=number,
        date=dt.date(2025, 9, 1),
        title=TITLE,
    )
    if scan:
        document.scan.save("prikaz.pdf", SimpleUploadedFile("prikaz.pdf", PDF))
    document.pairs.add(pair)
    return document


def change_page(client, pair):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:pairs_pair_change", args=[pair.pk]))
    assert response.status_code == 200
    return response, len(queries)


def test_pair_page_lists_its_registered_documents_with_scan_links(client_for, curator, director):
    pair, other = pair_create(), pair_create()
    mine = register(pair, "42-н")
    without_scan = register(pair, "43-н", scan=False)
    register(other, "99-н")
    for user in (curator, director):
        client = client_for(user)
        html = change_page(client, pair)[0].content.decode()
        assert "документы реестра" in html.lower()
        assert f'href="{mine.scan.url}"' in html
        assert str(mine) in html and str(without_scan) in html
        assert "99-н" not in html
        # The link is the role-checked download.
        download = client.get(mine.scan.url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF


def test_pair_page_query_count_does_not_grow_with_documents(client_for, curator):
    pair = pair_create()
    client = client_for(curator)
    change_page(client, pair)  # the first request fills per-process caches (content types)
    register(pair, "1")
    _, one = change_page(client, pair)
    for number in ("2", "3", "4"):
        register(pair, number)
    _, four = change_page(client, pair)
    assert four == one
