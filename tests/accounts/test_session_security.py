"""Sessions, passwords and cookies (RELIABILITY 50–52): a login gets a new session key,
logout and a password change end the server-side sessions, weak passwords are refused
everywhere a password is set, and production cookies are HttpOnly, SameSite and Secure."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts import services
from tests.factories import TEST_PASSWORD, UserFactory

REPO = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "Svoi-novyi-parol-2025"
LONG_USERNAME = "kuratorova.ivanna"


def session_exists(key: str) -> bool:
    from importlib import import_module

    return import_module(settings.SESSION_ENGINE).SessionStore().exists(key)


def log_in(client, username, password=TEST_PASSWORD):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.session.session_key


@pytest.mark.django_db
def test_login_gets_a_new_session_key_and_the_old_one_is_gone(client):
    UserFactory(username=LONG_USERNAME)
    session = client.session
    session["seen_before_login"] = True
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    after = log_in(client, LONG_USERNAME)
    assert after != before
    assert not session_exists(before)  # a planted (fixated) key is useless after login


@pytest.mark.django_db
def test_logout_deletes_the_session_on_the_server(client):
    UserFactory(username=LONG_USERNAME)
    key = log_in(client, LONG_USERNAME)
    assert session_exists(key)
    client.post(reverse("logout"))
    assert not session_exists(key)
    # A copy of the old cookie no longer opens anything.
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stolen.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_password_change_logs_out_the_other_sessions_but_not_this_one():
    UserFactory(username=LONG_USERNAME)
    here, elsewhere = Client(), Client()
    log_in(here, LONG_USERNAME)
    log_in(elsewhere, LONG_USERNAME)
    # The password change page: open to any logged-in user, whatever their role.
    assert elsewhere.get(reverse("password_change")).status_code == 200
    response = here.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert here.get(reverse("password_change")).status_code == 200
    gone = elsewhere.get(reverse("password_change"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))
    assert SESSION_KEY not in elsewhere.session


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["12345678", "qwerty123", LONG_USERNAME])
def test_weak_passwords_are_refused_on_password_change(client, weak):
    user = UserFactory(username=LONG_USERNAME)
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": weak, "new_password2": weak},
    )
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_accounts_issue_redraws_a_password_the_validators_refuse(monkeypatch):
    """The one-time password is checked by the same validators: a weak draw is not issued."""
    user = UserFactory.build(username=LONG_USERNAME)
    for weak in ("12345678", "qwerty123", LONG_USERNAME):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    draws = iter(["qwerty123", "12345678", LONG_USERNAME])
    real = services.validate_password
    seen = []

    def validate_first_draws_weak(password, user=None):
        seen.append(password)
        return real(next(draws, password), user)

    monkeypatch.setattr(services, "validate_password", validate_first_draws_weak)
    password = services.one_time_password(user)
    assert len(seen) == 4 and password == seen[-1]
    validate_password(password, user)


def test_production_cookies_are_httponly_samesite_and_secure():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_", "DEBUG"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="production-like-secret-" + "k" * 40,
        ALLOWED_HOSTS="nastavnik.college.example",
        DJANGO_SETTINGS_MODULE="mentorship.settings",
    )
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n)"
        " for n in ['SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'SESSION_COOKIE_SECURE',"
        " 'CSRF_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SAMESITE']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    flags = json.loads(result.stdout.strip().splitlines()[-1])
    assert flags == {
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
    }


# --- idle timeout and browser close (RELIABILITY 52) ------------------------------------------


def age_session(key: str, seconds: int) -> None:
    """Pretend the session's last request was `seconds` ago."""
    import time
    from importlib import import_module

    from accounts.middleware import IDLE_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    store[IDLE_KEY] = int(time.time()) - seconds
    store.save()


@pytest.mark.django_db
def test_idle_session_is_ended_on_the_server_and_sent_to_login(client):
    UserFactory(username=LONG_USERNAME)
    key = log_in(client, LONG_USERNAME)
    assert settings.SESSION_IDLE_TIMEOUT == 60 * 60
    age_session(key, settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not session_exists(key)
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Сеанс завершён: сайтом долго не пользовались. Войдите снова." in page


@pytest.mark.django_db
def test_a_session_in_use_is_not_idle(client):
    UserFactory(username=LONG_USERNAME)
    key = log_in(client, LONG_USERNAME)
    # Last request 50 minutes ago: still open, and the clock starts again.
    age_session(key, settings.SESSION_IDLE_TIMEOUT - 600)
    assert client.get(reverse("password_change")).status_code == 200
    age_session(client.session.session_key, 600)
    assert client.get(reverse("password_change")).status_code == 200


@pytest.mark.django_db
def test_session_past_its_lifetime_is_refused(client):
    """SESSION_COOKIE_AGE bounds the session on the server too, whatever the cookie says."""
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    UserFactory(username=LONG_USERNAME)
    key = log_in(client, LONG_USERNAME)
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_session_cookie_dies_with_the_browser(client):
    UserFactory(username=LONG_USERNAME)
    response = client.post(reverse("login"), {"username": LONG_USERNAME, "password": TEST_PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # no date: a browser-session cookie
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
