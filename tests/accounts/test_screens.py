"""Every screen of the bases, walked as each role: anonymous → login, forbidden → 403,
allowed → 200."""

import pytest
from django.urls import reverse

from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PartnerOrganisationFactory,
    PersonFactory,
)

ROLES = ["curator", "director", "administrator", "mentor", "mentee", "outsider"]
OFFICE_READERS = {"curator", "director"}
BASES = ["person", "mentorprofile", "menteeprofile", "partnerorganisation", "consent"]


@pytest.fixture
def objects(db):
    person = PersonFactory()
    return {
        "person": person,
        "mentorprofile": MentorProfileFactory(),
        "menteeprofile": MenteeProfileFactory(person=person),
        "partnerorganisation": PartnerOrganisationFactory(),
        "consent": ConsentFactory(person=person),
    }


def _screens(objects):
    """(url, roles that get 200) for every screen of this stage."""
    screens = [
        (reverse("home"), {"curator", "director", "administrator", "mentor", "mentee"}),
        (reverse("password_change"), set(ROLES)),
        (reverse("admin:index"), {"curator", "director", "administrator"}),
        (reverse("people:templates"), {"curator"}),
        (reverse("people:template-download", args=["people"]), {"curator"}),
        (reverse("admin:accounts_user_changelist"), {"administrator"}),
    ]
    for base in BASES:
        obj = objects[base]
        screens += [
            (reverse(f"admin:people_{base}_changelist"), OFFICE_READERS),
            (reverse(f"admin:people_{base}_change", args=[obj.pk]), OFFICE_READERS),
            (reverse(f"admin:people_{base}_history", args=[obj.pk]), OFFICE_READERS),
            (reverse(f"admin:people_{base}_add"), {"curator"}),
            (reverse(f"admin:people_{base}_delete", args=[obj.pk]), {"curator"}),
        ]
        if base != "consent":
            screens += [
                (reverse(f"admin:people_{base}_import"), {"curator"}),
                (reverse(f"admin:people_{base}_export"), {"curator"}),
            ]
    return screens


@pytest.mark.django_db
def test_screens_send_anonymous_to_login(client, objects):
    for url, _allowed in _screens(objects):
        response = client.get(url, follow=True)
        assert response.redirect_chain, url
        assert response.request["PATH_INFO"] == reverse("login"), url
        assert response.status_code == 200, url
        assert "Вход" in response.content.decode(), url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_screens_answer_each_role(role, request, client, objects):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for url, allowed in _screens(objects):
        expected = 200 if role in allowed else 403
        response = client.get(url)
        assert response.status_code == expected, (role, url, response.status_code)


@pytest.mark.django_db
def test_home_shows_each_role_its_own_start_page(client_for, curator, director, administrator):
    assert "Рабочий стол куратора" in client_for(curator).get("/").content.decode()
    director_page = client_for(director).get("/").content.decode()
    assert "Сводка по программе наставничества" in director_page
    assert "Шаблоны, импорт" not in director_page
    assert "Управление пользователями" in client_for(administrator).get("/").content.decode()


@pytest.mark.django_db
def test_office_home_counts_link_to_the_filtered_lists(client_for, curator):
    MentorProfileFactory()
    page = client_for(curator).get("/").content.decode()
    for changelist, field, value in [
        ("pairs_pair", "status", "active"),
        ("people_person", "kind", "student"),
        ("people_mentorprofile", "status", "active"),
        ("people_menteeprofile", "status", "waiting"),
    ]:
        link = f'href="{reverse(f"admin:{changelist}_changelist")}?{field}__exact={value}"'
        assert link in page, link
    assert f'<a href="{reverse("admin:people_person_changelist")}">1</a>' in page


@pytest.mark.django_db
def test_participant_home_shows_own_profile_only(client_for, mentee):
    other = PersonFactory(last_name="Чужаков")
    page = client_for(mentee).get("/").content.decode()
    assert mentee.person.full_name in page
    assert "Я — наставляемый" in page
    assert other.last_name not in page


@pytest.mark.django_db
def test_navigation_shows_what_the_role_may_use(client_for, curator, director, mentor):
    curator_page = client_for(curator).get("/").content.decode()
    assert "Шаблоны и импорт" in curator_page and "Наставники" in curator_page
    director_page = client_for(director).get("/").content.decode()
    assert "Наставники" in director_page and "Шаблоны и импорт" not in director_page
    mentor_page = client_for(mentor).get("/").content.decode()
    assert "Наставники" not in mentor_page and "Люди" not in mentor_page


@pytest.mark.django_db
def test_director_cannot_write_through_admin(client_for, director):
    person = PersonFactory(last_name="Неизменный")
    client = client_for(director)
    url = reverse("admin:people_person_change", args=[person.pk])
    response = client.post(url, {"last_name": "Изменённый", "first_name": "Пётр"})
    assert response.status_code == 403
    delete = client.post(reverse("admin:people_person_delete", args=[person.pk]), {"post": "yes"})
    assert delete.status_code == 403
    person.refresh_from_db()
    assert person.last_name == "Неизменный"


@pytest.mark.django_db
def test_director_sees_person_read_only(client_for, director):
    person = PersonFactory()
    page = client_for(director).get(reverse("admin:people_person_change", args=[person.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert person.last_name in html
    assert 'name="last_name"' not in html
    assert "Сохранить" not in html
