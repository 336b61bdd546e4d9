"""A partner organisation's contact person opens the organisation's personal link on a
phone-sized headless Chromium, fills «Анкета для организации-партнёра (работодателя)» by
tapping, and is thanked; the answer is the organisation's, stored once (issue 15)."""

import re

import pytest
from playwright.sync_api import expect

from mentorship.surveys.models import Invitation, Response
from tests.factories import PartnerOrganisationFactory
from tests.mentorship.surveys.factories import WaveFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
TITLE = "Анкета для организации-партнёра (работодателя)"
PROPOSAL = "Больше практики на участке <ремонта>"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def test_partner_fills_the_questionnaire_from_the_organisations_link_on_a_phone(
    page, live_server
):
    organisation = PartnerOrganisationFactory(
        name="АО «Разрез Северный»", contact_person="Сергей Иванович"
    )
    wave = WaveFactory(questionnaire_code="partner")
    invitation = Invitation.objects.create(
        wave=wave, organisation=organisation, role=Invitation.Role.PARTNER
    )
    questions = list(wave.questionnaire.questions.prefetch_related("choices"))
    assert wave.questionnaire.title == TITLE

    page.goto(f"{live_server.url}/s/{invitation.token}/")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Здравствуйте, Сергей Иванович!")).to_be_visible()
    expect(page.get_by_text("от имени организации: АО «Разрез Северный»")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    for number, question in enumerate(questions, start=1):
        group = page.get_by_role("group", name=re.compile(re.escape(f"{number}. {question.text}")))
        if question.kind == "scale":
            group.locator("label", has_text=re.compile(rf"^\s*{number + 2}\s*$")).tap()
        elif question.kind == "yes_no":
            group.get_by_text("Да", exact=True).tap()
        elif question.kind == "multiple":
            group.get_by_label(question.choices.all()[1].text).tap()
        else:
            page.get_by_label(f"{number}. {question.text}").fill(PROPOSAL)

    page.get_by_role("button", name="Отправить ответы").tap()

    expect(page.get_by_role("heading", name="Спасибо! Ваши ответы сохранены.")).to_be_visible()
    response = Response.objects.get()
    assert response.invitation == invitation and response.invitation.organisation == organisation
    answers = {a.question_id: a for a in response.answers.prefetch_related("choices")}
    assert len(answers) == len(questions)
    for number, question in enumerate(questions, start=1):
        answer = answers[question.pk]
        if question.kind == "scale":
            assert answer.number == number + 2
        elif question.kind == "yes_no":
            assert answer.number == 1
        elif question.kind == "multiple":
            assert list(answer.choices.all()) == [question.choices.all()[1]]
        else:
            assert answer.text == PROPOSAL

    # The link again: thanked, not asked a second time.
    page.goto(f"{live_server.url}/s/{invitation.token}/")
    expect(page.get_by_role("heading", name="Эта анкета уже заполнена. Спасибо!")).to_be_visible()
    assert Response.objects.count() == 1
