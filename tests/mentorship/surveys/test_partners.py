"""The partners' questionnaire (issue 15): a partner organisation's contact person answers
through the organisation's personal link, once; the results show each organisation."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.surveys import results, waves
from mentorship.surveys.models import Invitation, Question, Questionnaire, Response, Wave
from tests.factories import PartnerOrganisationFactory, PersonFactory, consented

from .factories import answers_post
from .survey_data import TODAY, questionnaire, respond, wave_make

pytestmark = pytest.mark.django_db

PARTNER = Invitation.Role.PARTNER
TITLE = "Анкета для организации-партнёра (работодателя)"
CLOSES = TODAY + dt.timedelta(days=14)


def text(response) -> str:
    """The page's text, tags out, spaces squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def partner(name: str, contact: str = "Петров Сергей Иванович", email: str = ""):
    return PartnerOrganisationFactory(name=name, contact_person=contact, email=email)


def open_partner_wave(curator, **kwargs) -> Wave:
    return waves.wave_open(
        questionnaire=questionnaire("partner"),
        title="Партнёры, май",
        closes_on=CLOSES,
        by=curator,
        **kwargs,
    )


def partner_invitation(organisation=None, **wave_fields) -> Invitation:
    wave = wave_make("partner", **wave_fields)
    return Invitation.objects.create(
        wave=wave, organisation=organisation or partner("АО «Разрез Северный»"), role=PARTNER
    )


# --- the shipped questionnaire -------------------------------------------------------


def test_partner_questionnaire_is_shipped_in_the_five_style():
    shipped = Questionnaire.objects.get(code="partner")
    assert shipped.title == TITLE
    assert shipped.audience == Questionnaire.Audience.PARTNER
    assert shipped.purpose == Questionnaire.Purpose.PARTNER
    kinds = [q.kind for q in shipped.questions.all()]
    texts = " ".join(q.text for q in shipped.questions.all())
    assert kinds.count(Question.Kind.SCALE) >= 5
    for topic in ("сотрудничество", "подготовку студентов", "нагрузка наставника"):
        assert topic in texts
    continue_ = shipped.questions.get(text__startswith="Готова ли ваша организация продолжить")
    assert continue_.kind == Question.Kind.YES_NO
    proposals = shipped.questions.get(text__startswith="Ваши предложения")
    assert proposals.kind == Question.Kind.LONG_TEXT and not proposals.required
    # The participants' satisfaction KPI is the mentors' and mentees': the partners' scale
    # questions do not enter it.
    assert not shipped.questions.filter(is_satisfaction=True).exists()


# --- opening the wave ----------------------------------------------------------------


def test_partner_wave_makes_one_link_per_organisation_with_a_contact(curator):
    north = partner("АО «Разрез Северный»")
    south = partner("ООО «Южный кран»", contact="Смирнова Ольга")
    nobody = PartnerOrganisationFactory(name="ПАО «Без контакта»", contact_person="")
    consented(PersonFactory())  # a participant: not the partners' questionnaire's audience

    wave = open_partner_wave(curator)

    invitations = list(wave.invitations.order_by("organisation__name"))
    assert [i.organisation for i in invitations] == [north, south]
    assert all(i.person_id is None and i.role == PARTNER for i in invitations)
    assert wave.invited_count == 2
    assert [(n.name, n.reason) for n in wave.not_invited] == [(nobody.name, waves.NO_CONTACT)]
    # Inviting them again keeps their links.
    again = waves.wave_invite(wave=wave, invitees=[north, south, nobody])
    assert (again.created, again.already) == (0, 2)
    assert wave.invitations.count() == 2


def test_partner_wave_without_any_contact_opens_nothing(curator):
    PartnerOrganisationFactory(name="ПАО «Без контакта»", contact_person="")
    with pytest.raises(ValidationError) as error:
        open_partner_wave(curator)
    assert "ни у одной организации-партнёра не указано контактное лицо" in str(error.value)
    assert not Wave.objects.exists()


def test_partner_wave_without_organisations_opens_nothing(curator):
    with pytest.raises(ValidationError) as error:
        open_partner_wave(curator)
    assert "в базе нет ни одной организации-партнёра" in str(error.value)
    assert not Wave.objects.exists()


def test_participants_questionnaire_refuses_an_organisation(curator):
    wave = wave_make("mentee-satisfaction")
    with pytest.raises(ValidationError) as error:
        waves.wave_invite(wave=wave, invitees=[partner("АО «Разрез Северный»")])
    assert "организация-партнёр" in str(error.value)
    assert not wave.invitations.exists()


def test_invitation_is_a_person_or_an_organisation_never_both_nor_none():
    wave = wave_make("partner")
    organisation = partner("АО «Разрез Северный»")
    person = consented(PersonFactory())
    for fields in (
        {"person": person, "organisation": organisation, "role": PARTNER},
        {"role": PARTNER},
        {"organisation": organisation, "role": Invitation.Role.MENTEE},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Invitation.objects.create(wave=wave, **fields)
    Invitation.objects.create(wave=wave, organisation=organisation, role=PARTNER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(wave=wave, organisation=organisation, role=PARTNER)


def test_curator_opens_the_partner_wave_from_the_screen(client_for, curator):
    partner("АО «Разрез Северный»")
    PartnerOrganisationFactory(name="ПАО «Без контакта»", contact_person="")
    client = client_for(curator)
    data = {
        "questionnaire": questionnaire("partner").pk,
        "title": "Партнёры, май",
        "closes_on": CLOSES.isoformat(),
        "action": "preview",
    }
    page = client.post(reverse("surveys:wave-create"), data)
    shown = text(page)
    assert "Будут приглашены: 1" in shown and "организаций-партнёров — 1" in shown
    assert "Не приглашены: не указано контактное лицо (1)" in shown
    assert "ПАО «Без контакта»" in shown
    confirm = {**data, "action": "confirm", "previewed": page.context["fingerprint"]}
    done = client.post(reverse("surveys:wave-create"), confirm, follow=True)
    wave = Wave.objects.get()
    assert wave.invitations.get().organisation.name == "АО «Разрез Северный»"
    shown = text(done)
    assert "персональных ссылок — 1" in shown
    assert "Не приглашены: не указано контактное лицо — ПАО «Без контакта»" in shown
    # The wave's page lists the organisation and its link; the print page has its card.
    link = wave.invitations.get().token
    assert "АО «Разрез Северный»" in shown and link in shown
    printed = client.get(reverse("surveys:wave-print", args=[wave.pk]))
    cards = text(printed)
    assert "АО «Разрез Северный»" in cards and "для Петров Сергей Иванович" in cards
    assert link in cards and 'class="qr-code"' in printed.content.decode()


def test_partner_links_are_mailed_to_the_organisation(curator):
    partner("АО «Разрез Северный»", email="hr@razrez.ru")
    partner("ООО «Южный кран»")  # no address: no letter
    wave = open_partner_wave(curator)
    assert results.wave_counts(wave).to_email == 1
    sent = waves.invitations_email(wave=wave, request_base_url="https://college.test/")
    assert sent == 1
    (letter,) = mail.outbox
    assert letter.to == ["hr@razrez.ru"]
    assert "Здравствуйте, Петров Сергей Иванович!" in letter.body
    token = wave.invitations.get(organisation__email="hr@razrez.ru").token
    assert f"https://college.test/s/{token}/" in letter.body


# --- the contact person answers, once ------------------------------------------------


def test_partner_answers_once_through_the_link_without_login(client):
    invitation = partner_invitation()
    url = reverse("surveys_public:fill", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Здравствуйте, Петров Сергей Иванович!" in text(page)
    assert "Вы отвечаете от имени организации: АО «Разрез Северный»." in text(page)
    assert TITLE in text(page)
    data = answers_post(invitation.wave.questionnaire)
    sent = client.post(url, data)
    assert sent.status_code == 302
    response = Response.objects.get(invitation=invitation)
    assert response.answers.count() == invitation.wave.questionnaire.questions.count()
    # A second sending is thanked and stores nothing.
    again = client.post(url, data)
    assert again.status_code == 200
    assert "Эта анкета уже заполнена. Спасибо!" in text(again)
    assert Response.objects.count() == 1
    assert "Эта анкета уже заполнена. Спасибо!" in text(client.get(url))


def test_partner_link_of_a_closed_wave_takes_no_answer(client):
    invitation = partner_invitation(
        opened_on=TODAY - dt.timedelta(days=20), closes_on=TODAY - dt.timedelta(days=1)
    )
    url = reverse("surveys_public:fill", args=[invitation.token])
    sent = client.post(url, answers_post(invitation.wave.questionnaire))
    assert sent.status_code == 410
    assert "Приём ответов по этой анкете завершён" in text(sent)
    assert not Response.objects.exists()


def test_partner_paper_questionnaire_is_entered_by_the_curator(client_for, curator):
    invitation = partner_invitation()
    client = client_for(curator)
    url = reverse("surveys:paper-entry", args=[invitation.pk])
    page = client.get(url)
    assert "АО «Разрез Северный» (контактное лицо: Петров Сергей Иванович)" in text(page)
    client.post(url, answers_post(invitation.wave.questionnaire))
    assert Response.objects.get(invitation=invitation).source == Response.Source.PAPER


# --- results per organisation --------------------------------------------------------


def _answered_wave(curator, organisations: int, prefix: str = "Партнёр"):
    """A partners' wave where every organisation but the last has answered."""
    for n in range(organisations):
        partner(f"ООО «{prefix} {n + 1:02}»", contact=f"Контакт {n + 1}")
    wave = open_partner_wave(curator)
    for invitation in wave.invitations.order_by("organisation__name")[: organisations - 1]:
        respond(
            invitation, {1: 9, 5: 4, 7: 1, 9: ["экскурсии на предприятие"], 10: "Больше практики"}
        )
    return wave


def test_partner_results_per_organisation_and_overall(client_for, curator, director):
    wave = _answered_wave(curator, 3)
    found = results.wave_results(wave)
    rows = found.organisations
    assert [row.name for row in rows] == [
        "ООО «Партнёр 01»",
        "ООО «Партнёр 02»",
        "ООО «Партнёр 03»",
    ]
    assert rows[0].values[0] == 9 and rows[0].values[4] == 4 and rows[0].values[6] == "да"
    assert rows[0].values[8] == "экскурсии на предприятие"
    assert rows[0].values[9] == "Больше практики"
    assert rows[2].values is None and rows[2].submitted_at is None
    assert found.questions[0].mean == 9 and found.questions[0].answered == 2

    page = client_for(director).get(reverse("surveys:wave-results", args=[wave.pk]))
    assert page.status_code == 200
    shown = text(page)
    assert "Ответы по организациям" in shown
    assert "ООО «Партнёр 01»" in shown and "Контакт 1" in shown and "ответа пока нет" in shown
    assert "Больше практики" in shown


def test_partner_results_take_the_same_queries_for_more_organisations(curator):
    small = _answered_wave(curator, 2)
    with CaptureQueriesContext(connection) as few:
        results.wave_results(small)
    big = _answered_wave(curator, 6, prefix="Ещё партнёр")
    with CaptureQueriesContext(connection) as many:
        # Every organisation is invited to the second wave: the first two come back.
        assert len(results.wave_results(big).organisations) == 8
    assert len(many) == len(few)


def test_participants_results_have_no_organisation_table(client_for, curator):
    wave = wave_make("mentee-satisfaction")
    assert results.wave_results(wave).organisations == []
    page = client_for(curator).get(reverse("surveys:wave-results", args=[wave.pk]))
    assert "Ответы по организациям" not in text(page)


def test_partner_export_names_the_organisation(curator):
    wave = _answered_wave(curator, 2)
    table = results.wave_export_data(wave)
    assert table.headers[0] == "Организация"
    assert [row[0] for row in table.rows] == ["ООО «Партнёр 01»"]
    assert table.rows[0][1] == "организация-партнёр"


# --- access --------------------------------------------------------------------------


def test_partner_wave_pages_by_role(client_for, curator, director):
    wave = _answered_wave(curator, 2)
    results_url = reverse("surveys:wave-results", args=[wave.pk])
    detail_url = reverse("surveys:wave-detail", args=[wave.pk])
    assert client_for(director).get(results_url).status_code == 200
    # The director reads the results but never sees the organisations' links.
    assert client_for(director).get(detail_url).status_code == 403
    anonymous = Client().get(results_url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


# --- the command ---------------------------------------------------------------------


def test_partner_survey_command_opens_the_wave_and_prints_links(capsys):
    partner("АО «Разрез Северный»")
    PartnerOrganisationFactory(name="ПАО «Без контакта»", contact_person="")
    call_command(
        "partner_survey",
        "--title=Партнёры, май",
        f"--closes-on={CLOSES:%d.%m.%Y}",
        "--base-url=https://college.test",
    )
    out = capsys.readouterr().out
    wave = Wave.objects.get()
    token = wave.invitations.get().token
    assert "Опрос «Партнёры, май» открыт: персональных ссылок — 1." in out
    assert f"АО «Разрез Северный» (Петров Сергей Иванович): https://college.test/s/{token}/" in out
    assert "Не приглашена: ПАО «Без контакта» — не указано контактное лицо." in out


def test_partner_survey_command_refuses_with_the_screens_message():
    PartnerOrganisationFactory(name="ПАО «Без контакта»", contact_person="")
    with pytest.raises(CommandError, match="не указано контактное лицо"):
        call_command(
            "partner_survey",
            "--title=Партнёры",
            f"--closes-on={CLOSES:%d.%m.%Y}",
            "--base-url=https://college.test",
        )
    with pytest.raises(CommandError, match="ДД.ММ.ГГГГ"):
        call_command(
            "partner_survey", "--title=Партнёры", "--closes-on=завтра", "--base-url=https://x"
        )
    assert not Wave.objects.exists()
