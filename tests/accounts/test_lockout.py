"""Password guessing (django-axes): a login is locked for its address after too many wrong
passwords; the rest of the college, behind the same NAT address, still gets in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

LOCKED = (
    "Слишком много неудачных попыток входа. Попробуйте через 15 минут "
    "или обратитесь к администратору."
)
COLLEGE_NAT = "203.0.113.7"


def attempt(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def fail_until_locked(client, username, **extra):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, username, "nepravilno", **extra)


@pytest.fixture
def kurator(db):
    return UserFactory(username="kurator")


def test_limits_are_the_documented_ones():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


@pytest.mark.django_db
def test_wrong_passwords_lock_the_login_with_a_russian_429(client, kurator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "kurator", "nepravilno", REMOTE_ADDR=COLLEGE_NAT)
        assert response.status_code == 200
        assert "Неверный логин или пароль" in response.content.decode()
    attempt(client, "kurator", "nepravilno", REMOTE_ADDR=COLLEGE_NAT)
    # Now even the right password is refused, without looking at it.
    response = attempt(client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT)
    assert response.status_code == 429
    assert LOCKED in " ".join(response.content.decode().split())
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_other_users_behind_the_same_address_still_log_in(client, kurator):
    UserFactory(username="direktor")
    fail_until_locked(client, "kurator", REMOTE_ADDR=COLLEGE_NAT)
    other = Client()
    response = attempt(other, "direktor", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert SESSION_KEY in other.session


@pytest.mark.django_db
def test_locked_login_opens_after_the_cool_off(client, kurator):
    fail_until_locked(client, "kurator", REMOTE_ADDR=COLLEGE_NAT)
    assert attempt(client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT).status_code == 429
    # Sixteen minutes later: the failures are older than the 15-minute cool-off.
    for row in AccessAttempt.objects.all():
        row.attempt_time -= timedelta(minutes=16)
        row.save(update_fields=["attempt_time"])
    response = attempt(client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT)
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(kurator.pk)


@pytest.mark.django_db
def test_administrator_unlocks_with_axes_reset_username(client, kurator):
    fail_until_locked(client, "kurator", REMOTE_ADDR=COLLEGE_NAT)
    assert attempt(client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT).status_code == 429
    call_command("axes_reset_username", "kurator", verbosity=0)
    response = attempt(client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT)
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(kurator.pk)


@pytest.mark.django_db
def test_success_clears_the_count(client, kurator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "kurator", "nepravilno", REMOTE_ADDR=COLLEGE_NAT)
    assert attempt(client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT).status_code == 302
    client.post(reverse("logout"))
    # The earlier typos no longer count: one more wrong password is not a lockout.
    assert attempt(client, "kurator", "nepravilno", REMOTE_ADDR=COLLEGE_NAT).status_code == 200
    assert attempt(client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT).status_code == 302


@pytest.mark.django_db
def test_made_up_forwarded_for_does_not_dodge_the_lockout(client, kurator, settings):
    settings.BEHIND_PROXY = False
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client,
            "kurator",
            "nepravilno",
            REMOTE_ADDR=COLLEGE_NAT,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    response = attempt(
        client, "kurator", TEST_PASSWORD, REMOTE_ADDR=COLLEGE_NAT, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {COLLEGE_NAT}


@pytest.mark.django_db
def test_behind_proxy_only_the_address_nginx_appended_counts(client, kurator, settings):
    settings.BEHIND_PROXY = True
    proxy = "127.0.0.1"
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The client made up the left-hand entry; nginx appended the real one on the right.
        attempt(
            client,
            "kurator",
            "nepravilno",
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, {COLLEGE_NAT}",
        )
    locked = attempt(
        client, "kurator", TEST_PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=COLLEGE_NAT
    )
    assert locked.status_code == 429
    elsewhere = attempt(
        client, "kurator", TEST_PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.44"
    )
    assert elsewhere.status_code == 302
