"""The change journal: every change to a person, profile, consent, pair and survey response
is recorded with who and when, and the curator reads it per object on its «История» page —
in Russian, read-only, and without special categories for a role that may not see them."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship.pairs import services as pair_services
from mentorship.people.models import Consent, Person
from mentorship.surveys.models import Response
from tests.factories import ConsentFactory, MenteeProfileFactory, PersonFactory, pair_create
from tests.mentorship.surveys.factories import InvitationFactory, answers_post

pytestmark = pytest.mark.django_db


def journal(client, obj) -> str:
    opts = obj._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    table = page[page.index('id="change-history"') :]
    text = html.unescape(re.sub(r"<[^>]+>", " ", table[: table.index("</table>")]))
    return re.sub(r"\s+", " ", text)


def changed_by(obj, user, **values):
    for name, value in values.items():
        obj._meta.get_field(name)  # a typo must fail, not set a stray attribute
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


def test_person_journal_names_who_when_and_what_in_russian(client_for, curator):
    curator.first_name, curator.last_name = "Ольга", "Метелица"
    curator.save()
    person = PersonFactory(last_name="Сидоренко", phone="")
    changed_by(person, curator, last_name="Сидоренко-Ким", phone="+7 913 000-00-00")

    text = journal(client_for(curator), person)
    assert "Ольга Метелица" in text
    assert timezone.localtime().strftime("%d.%m.%Y") in text
    assert "Фамилия: Сидоренко → Сидоренко-Ким" in text
    assert "Телефон: — → +7 913 000-00-00" in text
    assert "Изменено" in text and "Создано" in text and "запись создана" in text
    # Nothing left in English from the library's own template.
    for english in ("Changes", "None", "Object", "Changed by", "Change reason"):
        assert english not in text


def test_special_categories_in_the_journal_only_for_who_may_see_them(client_for, curator, director):
    person = PersonFactory(last_name="Сидоренко")
    changed_by(person, curator, has_disability=True, orphan=True, first_name="Марк")

    curator_text = journal(client_for(curator), person)
    assert "ОВЗ / инвалидность: нет → да" in curator_text
    assert "Сирота: нет → да" in curator_text

    director_text = journal(client_for(director), person)
    assert "Имя:" in director_text and "Марк" in director_text
    assert "ОВЗ" not in director_text and "Сирота" not in director_text


def test_consent_withdrawal_is_in_the_consent_journal(client_for, curator):
    consent = ConsentFactory(
        person=PersonFactory(), signer=Consent.Signer.SELF, representative_name=""
    )
    withdrawn = timezone.localdate() - dt.timedelta(days=1)
    changed_by(
        consent, curator, withdrawn_on=withdrawn, withdrawal_reason="Заявление от 20.11.2026"
    )

    text = journal(client_for(curator), consent)
    assert f"— → {withdrawn:%d.%m.%Y}" in text
    assert "Заявление от 20.11.2026" in text


def test_mentee_profile_journal(client_for, curator):
    profile = MenteeProfileFactory()
    changed_by(profile, curator, notes="Помочь с курсовой по электротехнике")
    assert "Помочь с курсовой по электротехнике" in journal(client_for(curator), profile)


def test_pair_status_changes_are_in_the_pair_journal(client_for, curator):
    pair = pair_create()
    pair_services.pair_end_early(
        pair=pair, on=timezone.localdate(), reason="Наставник уволился", by=curator
    )
    pair.refresh_from_db()
    text = journal(client_for(curator), pair)
    assert pair.get_status_display() in text
    assert text.count("Изменено") >= 1


def test_survey_response_is_journalled(client, client_for, curator):
    invitation = InvitationFactory()
    url = reverse("surveys_public:fill", kwargs={"token": invitation.token})
    assert client.post(url, answers_post(invitation.wave.questionnaire)).status_code == 302
    response = Response.objects.get()
    assert response.history.count() == 1
    text = journal(client_for(curator), response)
    assert "Создано" in text and "без входа в систему" in text


@pytest.mark.parametrize("role", ["curator", "director"])
def test_the_journal_is_read_only(role, request, client_for):
    """Simple-history saves a POSTed old version with only a view permission checked:
    our journal refuses any POST, so nobody rewrites an object through its history."""
    person = PersonFactory(last_name="Неизменная", first_name="Анна")
    first = person.history.earliest()
    changed_by(person, None, last_name="Изменённая")
    client = client_for(request.getfixturevalue(role))
    url = reverse("admin:people_person_simple_history", args=[person.pk, first.history_id])
    assert client.get(url).status_code == 200
    data = {
        "kind": person.kind,
        "last_name": "Взлом",
        "first_name": "Анна",
        "birth_date": person.birth_date.strftime("%d.%m.%Y"),
    }
    assert client.post(url, data).status_code == 403
    person.refresh_from_db()
    assert person.last_name == "Изменённая"
    assert Person.history.filter(id=person.pk).count() == 2


def test_participants_never_open_a_journal(client_for, mentor, mentee):
    person = PersonFactory()
    url = reverse("admin:people_person_history", args=[person.pk])
    for user in (mentor, mentee):
        assert client_for(user).get(url).status_code in (302, 403)
