"""Opening a wave for chosen people, the consent rule, e-mailing the links, closing — the
services and the curator's pages for them."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from mentorship.pairs import services
from mentorship.pairs.models import Pair
from mentorship.people.consent_rules import consent_holds
from mentorship.people.models import Consent, MenteeProfile, MentorProfile, Person
from mentorship.surveys import waves
from mentorship.surveys.models import Invitation, Wave
from mentorship.surveys.waves import WaveSelection
from tests.factories import ConsentFactory, PersonFactory, UserFactory, consented, pair_create

from .survey_data import TODAY, invite, questionnaire, respond, wave_make

pytestmark = pytest.mark.django_db

MENTOR, MENTEE, CURATOR = Invitation.Role.MENTOR, Invitation.Role.MENTEE, Invitation.Role.CURATOR
CLOSES = TODAY + dt.timedelta(days=10)


def people(invitees) -> set[int]:
    return {invitee.person_id for invitee in invitees}


def members(pair: Pair) -> tuple[int, set[int]]:
    """(mentor's person id, mentees' person ids)"""
    return pair.mentor.person_id, {m.mentee.person_id for m in pair.memberships.all()}


def open_wave(code="entry-diagnostics", *, by=None, **kwargs) -> Wave:
    return waves.wave_open(
        questionnaire=questionnaire(code),
        title="Входная диагностика",
        closes_on=CLOSES,
        by=by,
        **kwargs,
    )


def preview(code="entry-diagnostics", **selection):
    return waves.wave_preview(
        questionnaire=questionnaire(code), selection=WaveSelection(**selection)
    )


def withdraw(person: Person):
    Consent.objects.filter(person=person).update(withdrawn_on=TODAY - dt.timedelta(days=1))


# --- selection -----------------------------------------------------------------------------


def test_selection_without_conditions_is_every_current_participant():
    group = pair_create("teacher-student", mentees=2)
    pair = pair_create("student-student")
    finished = pair_create("teacher-teacher")
    services.pair_end_early(pair=finished, on=TODAY, reason="перевод")
    chosen = people(preview().invitees)
    expected = set()
    for current in (group, pair):
        mentor, mentees = members(current)
        expected |= {mentor} | mentees
    assert chosen == expected


def test_selection_by_form():
    teacher_student = pair_create("teacher-student")
    pair_create("student-student")
    result = preview(forms=(teacher_student.form_id,))
    mentor, mentees = members(teacher_student)
    assert people(result.invitees) == {mentor} | mentees
    assert all(invitee.pair_id == teacher_student.pk for invitee in result.invitees)


@pytest.mark.parametrize(("roles", "expect"), [((MENTOR,), "mentor"), ((MENTEE,), "mentees")])
def test_selection_by_role(roles, expect):
    pair = pair_create("teacher-student", mentees=2)
    mentor, mentees = members(pair)
    result = preview(roles=roles)
    assert people(result.invitees) == ({mentor} if expect == "mentor" else mentees)
    assert {invitee.role for invitee in result.invitees} == set(roles)


def test_selection_follows_the_questionnaire_audience():
    pair = pair_create("teacher-student")
    mentor, mentees = members(pair)
    assert people(preview("mentee-satisfaction").invitees) == mentees
    assert people(preview("mentor-satisfaction").invitees) == {mentor}
    # asking mentors for the mentees' questionnaire gives nobody, not the mentors
    assert preview("mentee-satisfaction", roles=(MENTOR,)).invitees == []


def test_selection_by_mentor_status():
    active = pair_create("teacher-student")
    other = pair_create("teacher-student")
    MentorProfile.objects.filter(pk=other.mentor_id).update(status=MentorProfile.Status.APPROVED)
    result = preview("mentor-satisfaction", mentor_statuses=(MentorProfile.Status.ACTIVE,))
    assert people(result.invitees) == {active.mentor.person_id}


def test_selection_by_mentee_status_reaches_finished_pairs_when_asked():
    current = pair_create("teacher-student")
    ended = pair_create("teacher-student")
    services.pair_end_early(pair=ended, on=TODAY, reason="перевод в другой колледж")
    _mentor, ended_mentees = members(ended)
    waiting = MenteeProfile.Status.WAITING  # an ended-early pair's mentee waits again
    assert preview("mentee-satisfaction", mentee_statuses=(waiting,)).invitees == []
    result = preview("mentee-satisfaction", mentee_statuses=(waiting,), include_closed_pairs=True)
    assert people(result.invitees) == ended_mentees
    in_pair = preview("mentee-satisfaction", mentee_statuses=(MenteeProfile.Status.IN_PAIR,))
    assert people(in_pair.invitees) == members(current)[1]


def test_selection_by_chosen_pairs_whatever_their_status():
    chosen = pair_create("teacher-student", mentees=2)
    ended = pair_create("student-student")
    pair_create("teacher-student")
    services.pair_end_early(pair=ended, on=TODAY, reason="конфликт")
    result = preview(pairs=(chosen.pk, ended.pk))
    expected = set()
    for pair in (chosen, ended):
        mentor, mentees = members(pair)
        expected |= {mentor} | mentees
    assert people(result.invitees) == expected


def test_person_in_two_pairs_is_invited_once_with_the_latest_current_pair():
    first = pair_create("teacher-student", start=TODAY - dt.timedelta(days=90))
    mentor = first.mentor
    mentee = consented(PersonFactory(course=2, birth_date=TODAY - dt.timedelta(days=17 * 365)))
    profile = MenteeProfile.objects.create(person=mentee, desired_form=first.form)
    second = services.pair_create(
        mentor=mentor,
        mentees=[profile],
        form=first.form,
        start_date=TODAY - dt.timedelta(days=10),
        planned_end_date=TODAY + dt.timedelta(days=200),
    )
    result = preview("mentor-satisfaction")
    assert [(i.person_id, i.pair_id) for i in result.invitees] == [(mentor.person_id, second.pk)]


def test_curator_questionnaire_goes_to_curators_only():
    curator_user = UserFactory(role=Role.CURATOR)
    curator_person = consented(PersonFactory(teacher=True, user=curator_user))
    pair_create("teacher-student")
    result = preview("curator")
    assert [(i.person_id, i.role) for i in result.invitees] == [(curator_person.pk, CURATOR)]


# --- consent -------------------------------------------------------------------------------


def test_people_without_valid_consent_are_not_invited_and_named():
    pair = pair_create("teacher-student", mentees=2)
    left_out = pair.memberships.first().mentee.person
    withdraw(left_out)
    result = preview("mentee-satisfaction")
    assert left_out.pk not in people(result.invitees)
    assert [(p.person_id, p.name, p.reason) for p in result.not_invited] == [
        (left_out.pk, left_out.full_name, "нет согласия")
    ]


@pytest.mark.parametrize(
    ("age", "signer", "signed_days_ago", "withdrawn"),
    [
        (16, Consent.Signer.REPRESENTATIVE, 30, False),
        (16, Consent.Signer.SELF, 30, False),  # a minor's own signature is not enough
        (30, Consent.Signer.SELF, 30, False),
        (30, Consent.Signer.REPRESENTATIVE, 30, False),
        (30, Consent.Signer.SELF, 30, True),
        (30, Consent.Signer.SELF, -5, False),  # signed only in the future
        (None, None, None, False),  # no consent at all
    ],
)
def test_consent_check_is_rules_consent_holds(age, signer, signed_days_ago, withdrawn):
    born = TODAY - dt.timedelta(days=int((age or 20) * 365.25) + 10)
    person = PersonFactory(birth_date=born)
    if signer:
        ConsentFactory(
            person=person,
            signer=signer,
            signed_on=TODAY - dt.timedelta(days=signed_days_ago),
            withdrawn_on=TODAY if withdrawn else None,
        )
    allowed, refused = waves.consent_split([waves.Invitee(person.pk, MENTEE)], on=TODAY)
    assert bool(allowed) is consent_holds(person, TODAY)
    assert bool(refused) is not consent_holds(person, TODAY)


# --- wave_open and wave_invite -------------------------------------------------------------


def test_wave_open_creates_one_personal_link_per_person(curator):
    pair = pair_create("teacher-student", mentees=2)
    mentor, mentees = members(pair)
    wave = open_wave(by=curator)
    invitations = list(wave.invitations.all())
    assert {i.person_id for i in invitations} == {mentor} | mentees
    assert {i.pair_id for i in invitations} == {pair.pk}
    assert len({i.token for i in invitations}) == 3 and all(len(i.token) > 30 for i in invitations)
    assert (wave.invited_count, wave.not_invited) == (3, [])
    assert (wave.created_by, wave.opened_on, wave.closes_on) == (curator, TODAY, CLOSES)
    assert wave.is_open()


def test_wave_open_returns_who_was_left_out_for_lack_of_consent(curator):
    pair = pair_create("teacher-student", mentees=2)
    left_out = pair.memberships.first().mentee.person
    withdraw(left_out)
    wave = open_wave(by=curator)
    assert not wave.invitations.filter(person=left_out).exists()
    assert wave.invitations.count() == 2
    assert [p.person_id for p in wave.not_invited] == [left_out.pk]


def test_wave_open_with_people_pairs_and_roles(curator):
    pair = pair_create("teacher-student")
    mentee = pair.memberships.get().mentee.person
    wave = waves.wave_open(
        questionnaire=questionnaire("mentee-satisfaction"),
        title="Удовлетворённость",
        closes_on=CLOSES,
        by=curator,
        people_with_pairs_and_roles=[(mentee, pair, MENTEE)],
    )
    assert list(wave.invitations.values_list("person", "pair", "role")) == [
        (mentee.pk, pair.pk, MENTEE)
    ]


def test_wave_open_refuses_a_role_the_questionnaire_is_not_for(curator):
    pair = pair_create("teacher-student")
    with pytest.raises(ValidationError, match="заполняют наставляемые"):
        waves.wave_open(
            questionnaire=questionnaire("mentee-satisfaction"),
            title="Удовлетворённость",
            closes_on=CLOSES,
            by=curator,
            people_with_pairs_and_roles=[(pair.mentor.person, pair, MENTOR)],
        )
    assert not Wave.objects.exists()


def test_wave_open_refuses_nobody_and_opens_nothing(curator):
    with pytest.raises(ValidationError, match="Никто не выбран"):
        open_wave(by=curator)
    pair = pair_create("teacher-student")
    for person in (pair.mentor.person, pair.memberships.get().mentee.person):
        withdraw(person)
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        open_wave(by=curator)
    assert not Wave.objects.exists()


def test_wave_open_refuses_closing_before_opening(curator):
    pair_create("teacher-student")
    with pytest.raises(ValidationError) as error:
        waves.wave_open(
            questionnaire=questionnaire("entry-diagnostics"),
            title="Вход",
            closes_on=TODAY - dt.timedelta(days=1),
            by=curator,
        )
    assert "раньше даты открытия" in str(error.value)


def test_inviting_again_keeps_links_and_adds_only_newcomers(curator):
    pair = pair_create("teacher-student")
    wave = open_wave(by=curator)
    tokens = dict(wave.invitations.values_list("person_id", "token"))
    newcomer = pair_create("student-student")
    again = waves.wave_invite(
        wave=wave,
        invitees=waves.wave_select(questionnaire=wave.questionnaire, selection=WaveSelection()),
    )
    assert (again.created, again.already) == (2, 2)
    assert wave.invitations.count() == 4
    assert {
        p: t for p, t in wave.invitations.values_list("person_id", "token") if p in tokens
    } == tokens
    assert wave.invitations.filter(person=newcomer.mentor.person).exists()
    once_more = waves.wave_invite(wave=wave, invitees=[(pair.mentor.person, pair, MENTOR)] * 2)
    assert (once_more.created, wave.invitations.count()) == (0, 4)


def test_database_refuses_a_second_link_for_the_same_person_and_wave():
    wave = wave_make()
    person = consented(PersonFactory())
    invite(wave, person)
    with pytest.raises(IntegrityError), transaction.atomic():
        invite(wave, person)


def test_wave_opens_with_constant_queries(curator):
    def count(pairs: int) -> int:
        for _ in range(pairs):
            pair_create("teacher-student", mentees=2)
        Wave.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            open_wave(by=curator)
        return len(queries)

    assert count(1) == count(3)


# --- closing -------------------------------------------------------------------------------


def test_wave_close_stops_answers_and_is_idempotent(curator):
    wave = wave_make()
    closed = waves.wave_close(wave=wave, by=curator)
    assert closed.closed_early_at is not None and not closed.is_open()
    first = closed.closed_early_at
    assert waves.wave_close(wave=Wave.objects.get(pk=wave.pk), by=curator).closed_early_at == first
    with pytest.raises(ValidationError, match="закрыт"):
        waves.wave_invite(wave=closed, invitees=[(consented(PersonFactory()), None, MENTEE)])


def test_wave_close_after_its_date_is_refused(curator):
    wave = wave_make(
        opened_on=TODAY - dt.timedelta(days=30), closes_on=TODAY - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="уже закончился"):
        waves.wave_close(wave=wave, by=curator)
    wave.refresh_from_db()
    assert wave.closed_early_at is None


# --- e-mail --------------------------------------------------------------------------------


def email_wave():
    wave = wave_make(title="Удовлетворённость, май")
    with_address = consented(
        PersonFactory(first_name="Анна", middle_name="Игоревна", email="anna@example.ru")
    )
    without = consented(PersonFactory(email=""))
    answered = consented(PersonFactory(email="done@example.ru"))
    respond(invite(wave, answered), {1: 9})
    return wave, invite(wave, with_address), invite(wave, without)


def test_email_goes_to_those_with_an_address_in_russian_with_the_link():
    wave, to_anna, _without = email_wave()
    sent = waves.invitations_email(wave=wave, request_base_url="https://college.example/")
    assert sent == 1
    (letter,) = mail.outbox
    assert letter.to == ["anna@example.ru"]
    assert letter.subject == "«Анкета удовлетворённости наставляемого» — ваша персональная ссылка"
    assert "Здравствуйте, Анна Игоревна!" in letter.body
    assert "заполнить анкету программы наставничества" in letter.body
    assert f"https://college.example/s/{to_anna.token}/" in letter.body
    assert f"по {wave.closes_on:%d.%m.%Y} включительно" in letter.body
    to_anna.refresh_from_db()
    assert to_anna.email_sent_at is not None


def test_email_is_not_sent_twice_unless_asked():
    wave, to_anna, _without = email_wave()
    assert waves.invitations_email(wave=wave, request_base_url="http://testserver") == 1
    assert waves.invitations_email(wave=wave, request_base_url="http://testserver") == 0
    assert len(mail.outbox) == 1
    assert (
        waves.invitations_email(wave=wave, request_base_url="http://testserver", resend=True) == 1
    )
    assert [m.to for m in mail.outbox] == [["anna@example.ru"], ["anna@example.ru"]]


def test_email_failure_leaves_the_invitation_for_a_retry(monkeypatch):
    wave, to_anna, _without = email_wave()

    def fail(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    assert waves.invitations_email(wave=wave, request_base_url="http://testserver") == 0
    to_anna.refresh_from_db()
    assert to_anna.email_sent_at is None


def test_email_refused_for_a_closed_wave(curator):
    wave, _anna, _without = email_wave()
    waves.wave_close(wave=wave, by=curator)
    with pytest.raises(ValidationError, match="закрыт"):
        waves.invitations_email(wave=wave, request_base_url="http://testserver")
    assert mail.outbox == []


def test_invitation_path_is_the_public_filling_page():
    assert waves.invitation_path("abc") == reverse("surveys_public:fill", args=["abc"]) == "/s/abc/"


# --- pages ---------------------------------------------------------------------------------

WRITE_PAGES = ["surveys:wave-create", "surveys:wave-detail", "surveys:wave-print"]
POSTS = ["surveys:wave-send", "surveys:wave-close"]


def url(name, wave=None):
    if name == "surveys:wave-create":
        return reverse(name)
    return reverse(name, args=[(wave or wave_make()).pk])


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.parametrize("name", WRITE_PAGES + POSTS)
def test_wave_pages_send_anonymous_to_login(client, name):
    response = client.get(url(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", WRITE_PAGES)
@pytest.mark.parametrize(
    ("role", "status"), [("director", 403), ("mentor", 403), ("mentee", 403), ("curator", 200)]
)
def test_wave_pages_only_for_curator(client_for, request, name, role, status):
    user = request.getfixturevalue(role)
    assert client_for(user).get(url(name)).status_code == status


@pytest.mark.parametrize("name", POSTS)
@pytest.mark.parametrize("role", ["director", "mentor", "mentee"])
def test_wave_actions_forbidden_to_others_and_change_nothing(client_for, request, name, role):
    wave, _anna, _without = email_wave()
    response = client_for(request.getfixturevalue(role)).post(url(name, wave))
    assert response.status_code == 403
    wave.refresh_from_db()
    assert wave.closed_early_at is None and mail.outbox == []


def test_wave_create_previews_then_opens(client_for, curator):
    pair = pair_create("teacher-student", mentees=2)
    left_out = pair.memberships.first().mentee.person
    withdraw(left_out)
    client = client_for(curator)
    data = {
        "questionnaire": questionnaire("entry-diagnostics").pk,
        "title": "Входная диагностика 2025",
        "closes_on": CLOSES.isoformat(),
        "action": "preview",
    }
    page = client.post(reverse("surveys:wave-create"), data)
    assert page.status_code == 200 and not Wave.objects.exists()
    shown = text(page)
    assert "Будут приглашены: 2" in shown
    assert (
        f"Не приглашены: нет согласия на обработку персональных данных (1): {left_out.full_name}"
        in shown
    )
    fingerprint = page.context["fingerprint"]
    # conditions changed since the preview: a new preview, nothing opened
    changed = {**data, "action": "confirm", "previewed": fingerprint, "roles": [MENTOR]}
    assert client.post(reverse("surveys:wave-create"), changed).status_code == 200
    assert not Wave.objects.exists()
    response = client.post(
        reverse("surveys:wave-create"), {**data, "action": "confirm", "previewed": fingerprint}
    )
    wave = Wave.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "surveys:wave-detail", args=[wave.pk]
    )
    assert wave.invitations.count() == 2 and wave.created_by == curator
    followed = text(client.get(response.url))
    assert "персональных ссылок — 2" in followed
    assert (
        f"Не приглашены: нет согласия на обработку персональных данных — {left_out.full_name}"
        in followed
    )


def test_wave_create_refuses_a_past_closing_date(client_for, curator):
    pair_create("teacher-student")
    page = client_for(curator).post(
        reverse("surveys:wave-create"),
        {
            "questionnaire": questionnaire("entry-diagnostics").pk,
            "title": "Вход",
            "closes_on": (TODAY - dt.timedelta(days=1)).isoformat(),
            "action": "preview",
        },
    )
    assert "Дата окончания приёма ответов уже прошла." in text(page)


def test_wave_detail_lists_links_status_and_paper_entry(client_for, curator):
    wave, to_anna, without = email_wave()
    page = client_for(curator).get(url("surveys:wave-detail", wave))
    shown = text(page)
    assert f"http://testserver/s/{to_anna.token}/" in shown
    assert f"http://testserver/s/{without.token}/" in page.context["links"]
    answered = wave.invitations.get(response__isnull=False)
    assert answered.token not in page.context["links"]
    assert "ответил(а)" in shown and "не ответил(а)" in shown
    assert reverse("surveys:paper-entry", args=[to_anna.pk]) in page.content.decode()
    assert reverse("surveys:paper-entry", args=[answered.pk]) not in page.content.decode()
    assert "Скопировать список ссылок" in shown
    assert "Отправить письма (1)" in shown
    assert "Ответили 1 из 3 — 33,3 %" in shown


def test_wave_send_and_close_pages(client_for, curator):
    wave, _anna, _without = email_wave()
    client = client_for(curator)
    response = client.post(url("surveys:wave-send", wave), follow=True)
    assert "Отправлено писем: 1." in text(response) and len(mail.outbox) == 1
    response = client.post(url("surveys:wave-send", wave), follow=True)
    assert "Писем для отправки нет" in text(response) and len(mail.outbox) == 1
    response = client.post(url("surveys:wave-close", wave), follow=True)
    wave.refresh_from_db()
    assert wave.closed_early_at is not None
    assert "закрыт: ответы больше не принимаются" in text(response)
    assert "Отправить письма" not in text(response)


def test_wave_print_has_a_qr_code_per_person_who_has_not_answered(client_for, curator):
    wave, to_anna, without = email_wave()
    page = client_for(curator).get(url("surveys:wave-print", wave))
    html = page.content.decode()
    assert html.count("<svg width=") == 2 and html.count('class="qr-code"') == 2
    assert f"http://testserver/s/{to_anna.token}/" in html
    assert f"http://testserver/s/{without.token}/" in html
    assert "@page { size: A4" in html
    assert to_anna.person.full_name in text(page)


@pytest.mark.parametrize("view", ["surveys:wave-detail", "surveys:wave-print"])
def test_wave_detail_queries_do_not_grow_with_invitations(client_for, curator, view):
    """The wave's page and its print cards read only the columns they show (a field they
    show and did not ask for would be a query a row)."""
    wave = wave_make()
    client = client_for(curator)

    def count(extra: int) -> int:
        for _ in range(extra):
            person = consented(PersonFactory(email="x@example.ru"))
            respond(invite(wave, person), {1: 7}, source="paper")
            invite(wave, consented(PersonFactory()), pair=pair_create("teacher-student"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(view, wave)).status_code == 200
        return len(queries)

    assert count(1) == count(4)


def test_wave_list_for_director_shows_results_not_links(client_for, director):
    wave = wave_make(title="Опрос наставляемых")
    invite(wave, consented(PersonFactory()))
    page = client_for(director).get(reverse("surveys:wave-list"))
    html = page.content.decode()
    assert page.status_code == 200 and "Опрос наставляемых" in html
    assert reverse("surveys:wave-results", args=[wave.pk]) in html
    assert f'href="{reverse("surveys:wave-detail", args=[wave.pk])}"' not in html
    assert reverse("surveys:wave-create") not in html


def test_wave_list_queries_do_not_grow_with_waves(client_for, curator):
    client = client_for(curator)

    def count(extra: int) -> int:
        for _ in range(extra):
            wave = wave_make()
            respond(invite(wave, consented(PersonFactory())), {1: 5})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:wave-list")).status_code == 200
        return len(queries)

    assert count(1) == count(5)


def test_wave_state_shown_in_the_list(client_for, curator):
    wave_make(title="Открытый")
    closed = wave_make(title="Закрытый досрочно")
    Wave.objects.filter(pk=closed.pk).update(closed_early_at=timezone.now())
    wave_make(
        title="Прошедший",
        opened_on=TODAY - dt.timedelta(days=40),
        closes_on=TODAY - dt.timedelta(days=20),
    )
    shown = text(client_for(curator).get(reverse("surveys:wave-list")))
    assert "идёт приём ответов" in shown
    assert f"закрыт досрочно {TODAY:%d.%m.%Y}" in shown
    assert "приём ответов закончен" in shown


def test_wave_create_explains_an_empty_curator_list(client_for, curator):
    page = client_for(curator).post(
        reverse("surveys:wave-create"),
        {
            "questionnaire": questionnaire("curator").pk,
            "title": "Анкета куратора",
            "closes_on": CLOSES.isoformat(),
            "action": "preview",
        },
    )
    shown = text(page)
    assert "Под эти условия никто не подходит." in shown
    assert "учётная запись привязана к карточке человека" in shown
    assert "Открыть опрос и создать ссылки" not in shown


def test_wave_form_offers_pairs_at_work_and_those_closed_within_a_year():
    from mentorship.pairs.models import Pair
    from mentorship.surveys.forms.waves import WaveCreateForm
    from tests.factories import pair_create

    today = timezone.localdate()
    long_before = today - dt.timedelta(days=700)
    at_work, lately, long_ago = pair_create(), pair_create(start=long_before), pair_create(
        start=long_before
    )
    Pair.objects.filter(pk=lately.pk).update(
        status=Pair.Status.FINISHED, end_date=today - dt.timedelta(days=200)
    )
    Pair.objects.filter(pk=long_ago.pk).update(
        status=Pair.Status.FINISHED, end_date=today - dt.timedelta(days=400)
    )
    offered = {pair.pk for pair in WaveCreateForm().fields["pairs"].queryset}
    assert offered == {at_work.pk, lately.pk}


def test_wave_form_lists_the_pairs_as_their_instances_would_be_labelled():
    """The pairs' options are read as values (PairChoiceIterator): the same value, label and
    order as the field makes from each pair, and a chosen pair is kept when the form is
    shown again."""
    from mentorship.surveys.forms.waves import WaveCreateForm

    group = pair_create(mentees=2)
    pair_create()
    Person.objects.filter(pk=group.mentor.person_id).update(middle_name="")
    field = WaveCreateForm().fields["pairs"]
    expected = [(pair.pk, field.label_from_instance(pair)) for pair in field.queryset]
    assert [(value.value, label) for value, label in field.choices] == expected
    assert any(" — " in label and ", " in label and label.endswith(")") for _, label in expected)
    form = WaveCreateForm({"pairs": [str(group.pk)]})
    html = str(form["pairs"])
    assert f'<option value="{group.pk}" selected>' in html
    assert " multiple" in html


@pytest.mark.parametrize(
    ("opened", "closes", "closed_early", "label", "is_open"),
    [
        (-5, 5, None, "идёт приём ответов", True),
        (0, 0, None, "идёт приём ответов", True),  # both ends of the period count
        (1, 5, None, "ещё не открыт", False),
        (-5, -1, None, "приём ответов закончен", False),
        (-5, 5, dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC), "закрыт досрочно 20.11.2026", False),
    ],
)
def test_wave_state_agrees_with_open_q(opened, closes, closed_early, label, is_open):
    wave = wave_make(
        opened_on=TODAY + dt.timedelta(days=opened),
        closes_on=TODAY + dt.timedelta(days=closes),
        closed_early_at=closed_early,
    )
    state = wave.state(TODAY)
    assert (state.label, state.is_open) == (label, is_open)
    assert state.is_open is wave.is_open(TODAY)
    assert Wave.objects.filter(Wave.open_q(TODAY), pk=wave.pk).exists() is is_open


# The invitations' loop as the wave page's template wrote it before the rows were made in
# Python (views.waves.invitation_rows_html): the same text for the same rows.
OLD_INVITATION_LOOP = """{% for row in rows %}{% with inv=row.invitation %}
  <tr>
    <td>{{ inv.respondent_name }}<div class="small text-muted">{{ inv.get_role_display }}{% if inv.organisation %} · {{ inv.organisation.contact_person }}{% endif %}{% if inv.respondent_email %} · {{ inv.respondent_email }}{% endif %}</div></td>
    <td class="d-none d-md-table-cell">{% if inv.pair %}№ {{ inv.pair.pk }}, {{ inv.pair.form.name }}{% else %}—{% endif %}</td>
    <td>
      {% if row.answered %}
        <span class="badge text-bg-success">ответил(а)</span>
        <div class="small text-muted">{{ inv.response.submitted_at|date:"d.m.Y" }}, {{ inv.response.get_source_display }}</div>
      {% else %}
        <span class="badge text-bg-light border">не ответил(а)</span>
        {% url 'surveys:paper-entry' inv.pk as paper_url %}
        {% if paper_url %}<div class="small"><a href="{{ paper_url }}">внести с бумажной анкеты</a></div>{% endif %}
      {% endif %}
    </td>
    <td class="d-none d-lg-table-cell small">{% if inv.email_sent_at %}отправлено {{ inv.email_sent_at|date:"d.m.Y H:i" }}{% elif inv.respondent_email %}не отправлено{% else %}<span class="text-muted">нет адреса</span>{% endif %}</td>
    <td class="small">{% if row.answered %}<span class="text-muted">использована</span>{% else %}<span class="text-break font-monospace user-select-all">{{ row.url }}</span>{% endif %}</td>
  </tr>
  {% endwith %}{% endfor %}"""  # noqa: E501


def test_invitation_rows_html_is_what_the_template_wrote(rf):
    from django.template import Context, Template

    from mentorship.people.models import PartnerOrganisation
    from mentorship.surveys.views.waves import _invitation_rows, invitation_rows_html

    wave = wave_make("mentee-satisfaction")
    pair = pair_create()
    hostile = PersonFactory(last_name='<b>О\'Нил & "Ко"</b>', email="o'nil&co@example.org")
    waiting = invite(wave, hostile, pair=pair)
    Invitation.objects.filter(pk=waiting.pk).update(
        email_sent_at=timezone.make_aware(dt.datetime(2026, 3, 1, 23, 30))
    )
    no_address = invite(wave, PersonFactory(email=""), role=Invitation.Role.MENTOR)
    respond(no_address, {}, submitted_at=timezone.make_aware(dt.datetime(2026, 2, 28, 23, 50)))
    on_paper = invite(wave, PersonFactory(), pair=pair)
    respond(on_paper, {}, source="paper")
    organisation = PartnerOrganisation.objects.create(
        name="ООО «Завод & Ко»", contact_person="Петров <С. И.>", email="hr@example.org"
    )
    Invitation.objects.create(wave=wave, organisation=organisation, role="partner")

    rows = _invitation_rows(rf.get("/"), wave)
    assert len(rows) == 4
    old = Template(OLD_INVITATION_LOOP).render(Context({"rows": rows}))
    assert invitation_rows_html(rows) == old
    assert "&lt;b&gt;" in old and "отправлено 01.03.2026 23:30" in old
    assert invitation_rows_html([]) == ""


def test_invitation_rows_links_are_what_invitation_url_makes(rf):
    """The wave page puts each token into one address made once (issue 16): the same link
    as waves.invitation_url() for every token, an unusual one included."""
    from mentorship.surveys.views.waves import _invitation_rows

    wave = wave_make("mentee-satisfaction")
    tokens = []
    for token in ["AbC-_09", "пароль", "a b%c", "x/y"]:
        invitation = invite(wave, PersonFactory())
        Invitation.objects.filter(pk=invitation.pk).update(token=token)
        tokens.append(token)
    invite(wave, PersonFactory())  # a token of the model's own
    request = rf.get("/")
    rows = _invitation_rows(request, wave)
    assert len(rows) == 5
    base = request.build_absolute_uri("/")
    for row in rows:
        assert row.url == waves.invitation_url(base, row.invitation.token)
    assert {row.invitation.token for row in rows} >= set(tokens)
