"""A mentor, on a phone-sized headless Chromium, opens their pair and records a meeting."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.pairs.models import Meeting
from tests.factories import UserFactory, pair_create

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def test_mentor_logs_a_meeting_from_the_phone(page, live_server, log_in):
    pair = pair_create(mentees=2)
    first, second = pair.mentees.select_related("person").order_by("pk")
    mentor = pair.mentor.person
    mentor.user = UserFactory(username="nastavnik", role=Role.MENTOR)
    mentor.save()

    log_in("nastavnik")
    expect(page.get_by_role("heading", name="Мои пары и группы")).to_be_visible()
    page.get_by_role("link", name=f"Открыть пару № {pair.pk}").click()
    expect(page.get_by_role("heading", name=pair.form.name)).to_be_visible()
    # Phone layout: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_text("Записать встречу").click()
    expect(page.get_by_label("Дата")).to_have_value(timezone.localdate().isoformat())
    page.get_by_label("Вид встречи").select_option(label="регулярная")
    page.get_by_label("Дистанционно").check()
    page.get_by_label("Тема").fill("Подготовка к демонстрационному экзамену")
    page.get_by_label("Заметки").fill("Разобрали билеты 1–5")
    page.get_by_label(second.person.full_name).uncheck()
    page.get_by_role("button", name="Сохранить встречу").click()

    expect(page.get_by_role("alert")).to_contain_text("Встреча записана.")
    meetings = page.locator("#meeting-list")
    expect(meetings).to_contain_text("Подготовка к демонстрационному экзамену")
    expect(meetings).to_contain_text(re.compile(r"присутствовали: 1 из 2"))

    meeting = Meeting.objects.get(pair=pair)
    assert meeting.topic == "Подготовка к демонстрационному экзамену"
    assert meeting.kind == Meeting.Kind.REGULAR and meeting.format == Meeting.Format.ONLINE
    assert meeting.date == timezone.localdate() and meeting.notes == "Разобрали билеты 1–5"
    assert list(meeting.attendees.all()) == [first]
    assert meeting.created_by.username == "nastavnik"
