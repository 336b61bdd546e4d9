"""Browser tests: real headless Chromium from Debian, driven by pytest-playwright.

Playwright's own browser downloads are never used (no `playwright install`): the tests
launch the system's /usr/bin/chromium. Every test in this directory gets the `browser`
marker, so `pytest -m "not browser"` runs the rest of the suite without Chromium.
"""

import os
from pathlib import Path

import pytest

from tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make to prepare data are still synchronous and safe there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # we run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Containers often give /dev/shm only 64 MB, too little for Chromium's renderer.
    "--disable-dev-shm-usage",
]

BROWSER_DIR = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_under_playwright(django_db_setup):
    """Make `django_db(serialized_rollback=True)` work in tests that drive a page.

    Playwright's sync API leaves an asyncio loop marked as running in the test thread, and
    then Django keeps its database connections in a context variable instead of the
    thread-local: the test gets a new connection object, without the snapshot of the
    migrated data (role groups...) that the test database setup attached to the old one,
    so nothing is restored after a transactional test flushed the tables
    (pytest-dev/pytest-django#1117). Every connection object created from now on gets the
    snapshot too. Runs before the `playwright` fixture: autouse fixtures of a scope come first.
    """
    from django.db import connections

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    create_connection = connections.create_connection

    def create_connection_with_snapshot(alias):
        connection = create_connection(alias)
        if alias in snapshots:
            connection._test_serialized_contents = snapshots[alias]
        return connection

    connections.create_connection = create_connection_with_snapshot
    yield
    del connections.create_connection


@pytest.hookimpl(tryfirst=True)  # before `-m` deselection looks at the markers
def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def log_in(page, live_server):
    """log_in(username): sign in through the real login form (password from the factories)."""

    def sign_in(username: str) -> None:
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Имя пользователя").fill(username)
        page.get_by_label("Пароль").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Войти").click()

    return sign_in
