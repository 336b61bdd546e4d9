"""The list rows' links (mentorship.admin_site.RowLinksChangeList) carry the list's filters
written once for the page, not resolved again for every row (issue 16): the very links
Django's own ChangeList writes."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse

from mentorship.admin_site import RowLinksChangeList
from mentorship.pairs.models import Pair
from mentorship.surveys.models import Invitation
from tests.factories import PersonFactory, consented, pair_create
from tests.mentorship.surveys.survey_data import invite, wave_make

pytestmark = pytest.mark.django_db

HOSTILE = ["О'Нил", 'Смит & "Сыновья"', "Ёлкин%20+ов"]
ROW_LINK = re.compile(r'<a href="([^"]*/change/[^"]*)"')


def row_links(client, url, params) -> list[str]:
    page = client.get(url, params)
    assert page.status_code == 200
    return ROW_LINK.findall(page.content.decode())


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status__exact": "active"},
        {"status__exact": "active", "q": "ов"},
        {"q": 'Смит & "С'},
        {"q": "Ёлкин%20+"},
    ],
)
def test_row_links_are_the_ones_djangos_changelist_writes(client_for, curator, params, monkeypatch):
    for name in HOSTILE:
        mentee = pair_create().memberships.get().mentee.person
        mentee.last_name = name
        mentee.save()
    client = client_for(curator)
    url = reverse("admin:pairs_pair_changelist")
    model_admin = admin.site._registry[Pair]
    assert model_admin.get_changelist(None) is RowLinksChangeList
    ours = row_links(client, url, params)
    monkeypatch.setattr(type(model_admin), "get_changelist", lambda self, request, **kw: ChangeList)
    assert ours == row_links(client, url, params)
    assert ours
    assert all(("?_changelist_filters=" in link) == bool(params) for link in ours), ours


def test_the_links_list_keeps_its_filters_in_its_rows(client_for, curator, monkeypatch):
    """The links' list has a ChangeList of its own (surveys.admin.InvitationChangeList, the
    columns it reads): its rows' links are Django's too, the filters in them."""
    wave = wave_make()
    for name in HOSTILE:
        invite(wave, consented(PersonFactory(last_name=name)))
    client = client_for(curator)
    url = reverse("admin:surveys_invitation_changelist")
    params = {"role__exact": "mentee", "q": "ов"}
    model_admin = admin.site._registry[Invitation]
    assert issubclass(model_admin.get_changelist(None), RowLinksChangeList)
    ours = row_links(client, url, params)
    monkeypatch.setattr(type(model_admin), "get_changelist", lambda self, request, **kw: ChangeList)
    assert ours == row_links(client, url, params)
    assert ours and all("?_changelist_filters=" in link for link in ours)
