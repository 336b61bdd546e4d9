"""The curator types in a paper questionnaire: curator only, one response per link."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship.surveys.models import Answer, Response
from tests.factories import PersonFactory, consented

from .factories import InvitationFactory, WaveFactory, answers_post

pytestmark = pytest.mark.django_db

ALREADY = "Ответ уже получен"


def paper_url(invitation) -> str:
    return reverse("surveys:paper-entry", args=[invitation.pk])


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def invitation():
    person = PersonFactory(last_name="Смирнов", first_name="Илья", middle_name="Петрович")
    return InvitationFactory(person=consented(person))


def test_paper_entry_anonymous_is_sent_to_login(client, invitation):
    response = client.get(paper_url(invitation))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.post(paper_url(invitation), answers_post(invitation.wave.questionnaire))
    assert not Response.objects.exists()


@pytest.mark.parametrize("persona", ["director", "administrator", "mentor", "mentee", "outsider"])
def test_paper_entry_other_roles_are_forbidden(client_for, invitation, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(paper_url(invitation)).status_code == 403
    posted = client.post(paper_url(invitation), answers_post(invitation.wave.questionnaire))
    assert posted.status_code == 403
    assert not Response.objects.exists()


def test_paper_entry_curator_sees_the_form_for_the_person(client_for, curator, invitation):
    response = client_for(curator).get(paper_url(invitation))
    assert response.status_code == 200
    text = page_text(response)
    assert "Смирнов Илья Петрович" in text
    assert invitation.wave.title in text and invitation.wave.questionnaire.title in text
    assert all(f'name="q_{q.pk}"' in text for q in invitation.wave.questionnaire.questions.all())


def test_paper_entry_unknown_invitation_is_404(client_for, curator):
    assert client_for(curator).get(reverse("surveys:paper-entry", args=[987654])).status_code == 404


def test_paper_entry_curator_saves_a_paper_response(client_for, curator, invitation):
    client = client_for(curator)
    response = client.post(paper_url(invitation), answers_post(invitation.wave.questionnaire))
    assert response.status_code == 302 and response["Location"] == paper_url(invitation)

    stored = Response.objects.get()
    assert stored.source == Response.Source.PAPER and stored.entered_by == curator
    assert stored.answers.count() == invitation.wave.questionnaire.questions.count()

    page = page_text(client.get(response["Location"]))
    assert "Бумажная анкета внесена: ответ сохранён." in page
    assert ALREADY in page and "с бумажной анкеты" in page and 'name="q_' not in page
    submitted = timezone.localtime(stored.submitted_at)
    assert f"{ALREADY} {submitted:%d.%m.%Y %H:%M}" in page


def test_paper_entry_invalid_form_keeps_what_was_typed(client_for, curator, invitation):
    questionnaire = invitation.wave.questionnaire
    scale = questionnaire.questions.filter(kind="scale").first()
    long_text = questionnaire.questions.get(kind="long_text")
    data = answers_post(
        questionnaire, **{f"q_{scale.pk}": None, f"q_{long_text.pk}": "<b>с бланка</b>"}
    )
    response = client_for(curator).post(paper_url(invitation), data)
    assert response.status_code == 200
    text = page_text(response)
    assert "Ответьте на этот вопрос." in text
    assert "&lt;b&gt;с бланка&lt;/b&gt;</textarea>" in text
    assert not Response.objects.exists()


def test_paper_entry_after_an_online_response_is_refused(client, client_for, curator, invitation):
    data = answers_post(invitation.wave.questionnaire)
    client.post(reverse("surveys_public:fill", args=[invitation.token]), data)
    assert Response.objects.get().source == Response.Source.ONLINE

    client = client_for(curator)
    got = client.get(paper_url(invitation))
    assert ALREADY in page_text(got) and "по ссылке" in page_text(got)
    posted = client.post(paper_url(invitation), data, follow=True)
    assert ALREADY in page_text(posted)
    assert Response.objects.count() == 1 and Response.objects.get().source == Response.Source.ONLINE
    assert Answer.objects.count() == invitation.wave.questionnaire.questions.count()


def test_paper_entry_after_the_grace_period_is_refused(client_for, curator):
    closed = timezone.localdate() - dt.timedelta(days=31)
    wave = WaveFactory(opened_on=closed - dt.timedelta(days=30), closes_on=closed)
    invitation = InvitationFactory(wave=wave)
    client = client_for(curator)
    got = page_text(client.get(paper_url(invitation)))
    assert "не позже 30 дней после закрытия" in got and 'name="q_' not in got
    client.post(paper_url(invitation), answers_post(wave.questionnaire))
    assert not Response.objects.exists()


def test_paper_entry_in_the_grace_period_is_accepted(client_for, curator):
    closed = timezone.localdate() - dt.timedelta(days=10)
    wave = WaveFactory(opened_on=closed - dt.timedelta(days=30), closes_on=closed)
    invitation = InvitationFactory(wave=wave)
    client_for(curator).post(paper_url(invitation), answers_post(wave.questionnaire))
    assert Response.objects.get().source == Response.Source.PAPER


def test_paper_entry_without_consent_is_refused(client_for, curator):
    invitation = InvitationFactory(person=PersonFactory())
    client = client_for(curator)
    got = page_text(client.get(paper_url(invitation)))
    assert "нет согласия на обработку персональных данных" in got
    client.post(paper_url(invitation), answers_post(invitation.wave.questionnaire))
    assert not Response.objects.exists()


def test_paper_entry_consent_withdrawn_while_typing_is_refused(client_for, curator, invitation):
    client = client_for(curator)
    client.get(paper_url(invitation))
    invitation.person.consents.update(withdrawn_on=timezone.localdate())
    response = client.post(paper_url(invitation), answers_post(invitation.wave.questionnaire))
    text = page_text(response)
    assert "нет согласия на обработку персональных данных" in text
    assert not Response.objects.exists()
