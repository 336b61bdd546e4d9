"""A curator, in real headless Chromium, finds a student by surname and edits the card."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.people.models import Person
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_curator_finds_and_edits_a_person(page, live_server, log_in):
    UserFactory(username="kurator", role=Role.CURATOR)
    student = PersonFactory(last_name="Воробьёва", first_name="Алёна", study_group="ГЭ-24-1")
    PersonFactory(last_name="Соколов", first_name="Иван")

    log_in("kurator")
    expect(page.get_by_role("heading", name="Рабочий стол куратора")).to_be_visible()

    page.get_by_role("button", name="Базы").or_(page.get_by_role("link", name="Базы")).click()
    page.get_by_role("link", name="Люди", exact=True).click()
    page.locator("#searchbar").fill("воробьева")
    page.locator("#searchbar").press("Enter")
    results = page.locator("#result_list")
    expect(results).to_contain_text("Воробьёва Алёна")
    expect(results).not_to_contain_text("Соколов")

    results.get_by_role("link", name=re.compile("Воробьёва")).click()
    group = page.locator("#id_study_group")
    expect(group).to_have_value("ГЭ-24-1")
    group.fill("ГЭ-24-2")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist")).to_contain_text("сохранены")
    student.refresh_from_db()
    assert student.study_group == "ГЭ-24-2"
    assert Person.objects.count() == 2


def test_mentee_is_refused_the_bases(page, live_server, log_in):
    UserFactory(username="student", role=Role.MENTEE)
    log_in("student")
    expect(page.get_by_role("heading", name=re.compile("Здравствуйте"))).to_be_visible()
    expect(page.get_by_role("link", name="Люди", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Базы")).to_have_count(0)
    response = page.goto(f"{live_server.url}/admin/people/person/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Нет доступа")).to_be_visible()
