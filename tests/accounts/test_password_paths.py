"""Weak passwords are refused on every path that sets one (RELIABILITY 51): besides the
password change and the curator's issued accounts (test_session_security.py,
test_issue_accounts.py), the administrator's «add user» screen and the e-mailed reset."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory

WEAK = ["12345678", "qwerty123", "novyi.polzovatel"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("weak", WEAK)
def test_administrator_cannot_add_a_user_with_a_weak_password(client_for, administrator, weak):
    response = client_for(administrator).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "novyi.polzovatel",
            "usable_password": "true",
            "password1": weak,
            "password2": weak,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["password2"]
    assert not User.objects.filter(username="novyi.polzovatel").exists()


@pytest.mark.parametrize("weak", WEAK)
def test_password_reset_link_refuses_a_weak_password(client, weak):
    user = UserFactory(username="novyi.polzovatel", email="novyi@college.example")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    opened = client.get(reverse("password_reset_confirm", args=[uid, token]))
    assert opened.status_code == 302  # to the same page without the token in the URL
    response = client.post(opened["Location"], {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
