"""A mentee opens a personal survey link on a phone-sized headless Chromium, answers every
question by tapping, and sees the thank-you page."""

import re

import pytest
from playwright.sync_api import expect

from mentorship.surveys.models import Response
from tests.factories import PersonFactory, consented
from tests.mentorship.surveys.factories import InvitationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def test_mentee_fills_the_survey_from_a_personal_link_on_a_phone(page, live_server):
    person = consented(PersonFactory(first_name="Дарья", last_name="Орлова"))
    invitation = InvitationFactory(person=person)  # «Анкета удовлетворённости наставляемого»
    questionnaire = invitation.wave.questionnaire
    questions = list(questionnaire.questions.prefetch_related("choices"))
    assert {q.kind for q in questions} >= {"scale", "single", "multiple", "yes_no", "long_text"}

    page.goto(f"{live_server.url}/s/{invitation.token}/")
    expect(page.get_by_role("heading", name=questionnaire.title)).to_be_visible()
    expect(page.get_by_text("Здравствуйте, Дарья!")).to_be_visible()
    expect(page.get_by_text("Орлова")).to_have_count(0)
    # Phone layout: nothing wider than the screen, scale buttons big enough for a thumb.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first_scale = page.get_by_role("group", name=re.compile(re.escape(questions[0].text)))
    box = first_scale.locator("label", has_text=re.compile(r"^\s*10\s*$")).bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44

    for number, question in enumerate(questions, start=1):
        group = page.get_by_role("group", name=re.compile(re.escape(f"{number}. {question.text}")))
        if question.kind == "scale":
            group.locator("label", has_text=re.compile(rf"^\s*{1 + number % 10}\s*$")).tap()
        elif question.kind == "yes_no":
            group.get_by_text("Да", exact=True).tap()
        elif question.kind == "single":
            group.get_by_label(question.choices.all()[1].text).tap()
        elif question.kind == "multiple":
            group.get_by_label(question.choices.all()[0].text).tap()
            group.get_by_label(question.choices.all()[2].text).tap()
        else:
            page.get_by_label(f"{number}. {question.text}").fill("Больше встреч <на практике>")

    # A double tap sends once: the button is disabled after the first (the server would
    # refuse the second anyway, but then the person would read «уже заполнена»).
    page.get_by_role("button", name="Отправить ответы").dblclick()

    expect(page.get_by_role("heading", name="Спасибо! Ваши ответы сохранены.")).to_be_visible()
    assert page.url == f"{live_server.url}/s/{invitation.token}/done/"

    response = Response.objects.get()
    assert response.invitation == invitation and response.source == Response.Source.ONLINE
    answers = {a.question_id: a for a in response.answers.prefetch_related("choices")}
    assert len(answers) == len(questions)
    for number, question in enumerate(questions, start=1):
        answer = answers[question.pk]
        if question.kind == "scale":
            assert answer.number == 1 + number % 10
        elif question.kind == "yes_no":
            assert answer.number == 1
        elif question.kind == "single":
            assert list(answer.choices.all()) == [question.choices.all()[1]]
        elif question.kind == "multiple":
            assert {c.pk for c in answer.choices.all()} == {
                question.choices.all()[0].pk,
                question.choices.all()[2].pk,
            }
        else:
            assert answer.text == "Больше встреч <на практике>"

    # Back to the link: thanked, not asked again.
    page.goto(f"{live_server.url}/s/{invitation.token}/")
    expect(page.get_by_role("heading", name="Эта анкета уже заполнена. Спасибо!")).to_be_visible()
    assert Response.objects.count() == 1
