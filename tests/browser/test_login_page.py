"""Smoke test of the browser wiring: Chromium opens the login page of a live server."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

# live_server needs data committed for its thread to see it; serialized_rollback puts back
# what migrations created (role groups) for the transactional tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_login_page_rejects_a_wrong_password(live_server, page):
    UserFactory(username="ivanova")

    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", name="Вход")).to_be_visible()

    page.locator("input[name=username]").fill("ivanova")
    page.locator("input[name=password]").fill("не-тот-пароль")
    page.get_by_role("button", name="Войти").click()

    expect(page.get_by_text("Неверный логин или пароль")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login/$"))
