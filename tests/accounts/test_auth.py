import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory


@pytest.mark.django_db
def test_login_page_is_russian_and_rejects_wrong_password(client):
    UserFactory(username="kurator")
    page = client.get(reverse("login")).content.decode()
    assert "Вход" in page and "Имя пользователя" in page
    response = client.post(reverse("login"), {"username": "kurator", "password": "nepravilno"})
    assert "Неверный логин или пароль" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_login_then_logout_ends_the_session(client, curator):
    response = client.post(reverse("login"), {"username": "curator", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(curator.pk)
    client.post(reverse("logout"))
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_password_change_rejects_weak_password_in_russian(client_for, curator):
    response = client_for(curator).post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Введённый пароль слишком короткий" in page or "слишком широко распространён" in page
    curator.refresh_from_db()
    assert curator.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_unknown_address(client):
    UserFactory(username="kurator", email="kurator@college.example")
    known = client.post(reverse("password_reset"), {"email": "kurator@college.example"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@college.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Наставничество: смена пароля"
    assert "kurator" in mail.outbox[0].body


@pytest.mark.django_db
def test_password_reset_responses_for_known_and_unknown_addresses_are_identical(client):
    """RELIABILITY 54: nothing in the answer — status, headers, body, the page it leads
    to — tells whether an address belongs to an account."""
    UserFactory(username="kurator", email="kurator@college.example")
    form = client.get(reverse("password_reset"))
    assert form.status_code == 200

    def answer(email):
        response = client.post(reverse("password_reset"), {"email": email})
        headers = {k: v for k, v in response.headers.items() if k.lower() not in {"date"}}
        done = client.get(response["Location"])
        return response.status_code, headers, response.content, done.status_code, done.content

    known = answer("kurator@college.example")
    unknown = answer("nobody@college.example")
    differently_cased = answer("KURATOR@college.example")
    assert known == unknown == differently_cased
    assert "Если такой адрес есть в системе, на него отправлено письмо" in known[4].decode()
