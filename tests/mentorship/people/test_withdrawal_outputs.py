"""RELIABILITY 55, the generated documents: once a consent is withdrawn the person's name
must not appear in any list the product generates — order PDFs, survey result exports —
even before the 30-day destruction.

The people, mentor and mentee exports leave them out too
(test_destruction.py::test_withdrawn_people_are_left_out_of_exports), and the KPI report
prints only counts.
"""

import datetime as dt

import pytest

from mentorship.pairs.documents import (
    order_mentors_data,
    order_mentors_default,
    order_pairs_data,
    order_pairs_default,
    order_rewards_data,
)
from mentorship.people.models import Consent
from mentorship.people.services import consents_withdraw
from mentorship.surveys.models import Response
from mentorship.surveys.results import wave_export_data
from tests.factories import PersonFactory, consented, pair_create
from tests.mentorship.surveys.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def withdraw(*people):
    consents_withdraw(consents=Consent.objects.filter(person__in=people), on=dt.date.today())


def names_in(data) -> str:
    return repr(data.rows) + repr(data.acquainted)


def test_order_drafts_leave_out_withdrawn_people():
    pair = pair_create("teacher-student")
    mentee = pair.memberships.get().mentee.person
    mentor = pair.mentor.person
    withdraw(mentee, mentor)
    assert mentee.last_name not in names_in(order_pairs_data(order_pairs_default()))
    assert mentor.last_name not in names_in(order_mentors_data(order_mentors_default()))


def test_a_mentee_who_withdrew_leaves_the_orders_the_mentor_stays_in_rewards():
    pair = pair_create("teacher-student")
    mentee = pair.memberships.get().mentee.person
    withdraw(mentee)
    # The pair has nobody left to assign: the order «о закреплении» leaves it out.
    assert order_pairs_data(order_pairs_default()).rows == ()
    rewards = order_rewards_data([pair], year=dt.date.today().year)
    assert [row.name for row in rewards.rows] == [pair.mentor.person.full_name]


def test_survey_results_export_leaves_out_withdrawn_respondents():
    person = consented(PersonFactory(last_name="Отозвавшая", adult=True))
    invitation = InvitationFactory(person=person)
    Response.objects.create(invitation=invitation, source=Response.Source.PAPER)
    withdraw(person)
    table = wave_export_data(invitation.wave)
    assert "Отозвавшая" not in repr(table.rows)
