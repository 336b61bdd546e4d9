"""Consent lifecycle (issue 6): a withdrawn consent excludes the person at once from new
pairs, surveys and exports; 30 days later destroy_withdrawn anonymises them in the main
and history tables and on disk, records an act, and the KPIs of past years still compute."""

import datetime as dt
import io
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from mentorship.pairs import services as pair_services
from mentorship.people import destruction
from mentorship.people.destruction import PLACEHOLDER, people_destroy_withdrawn, people_due
from mentorship.people.models import (
    Consent,
    DestructionAct,
    DestructionActRow,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    MentorTraining,
    Person,
)
from mentorship.people.services import consents_withdraw
from mentorship.surveys import waves
from mentorship.surveys.models import Answer, Question, Questionnaire, Response
from mentorship.surveys.responses import NoConsent, response_submit
from mentorship.surveys.waves import WaveSelection
from roadmap.kpi import kpi_values_for_year, people_counts
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PartnerOrganisationFactory,
    PersonFactory,
    UserFactory,
    consented,
    pair_ready,
)
from tests.mentorship.surveys.factories import InvitationFactory, WaveFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WITHDRAWN = dt.date(2026, 9, 1)
DUE_DAY = WITHDRAWN + dt.timedelta(days=31)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_TMP_DIR = tmp_path / "import-uploads"
    settings.TOMBSTONE_PATH = str(tmp_path / "outside-the-database" / "tombstones.txt")
    return tmp_path


def withdraw(person, on=WITHDRAWN):
    consents_withdraw(consents=Consent.objects.filter(person=person), on=on, reason="переезд")


def scan(consent, name="Согласие Петрова.pdf"):
    consent.scan = SimpleUploadedFile(name, PDF)
    consent.save()
    return consent


@pytest.fixture
def rich():
    """A minor mentee with everything that names her: contacts, group, flags, an account,
    a representative's consent with a scan (replaced once), notes, a request, and a mentor
    profile with notes — each edited so that the history tables hold several versions."""
    user = UserFactory(first_name="Анна", last_name="Петрова", email="anna@example.ru")
    person = PersonFactory(
        last_name="Петрова",
        first_name="Анна",
        middle_name="Игоревна",
        birth_date=dt.date(2008, 11, 23),
        phone="+7 900 111-22-33",
        email="anna@example.ru",
        study_group="ГЭ-24-1",
        has_disability=True,
        orphan=True,
        low_income_family=True,
        user=user,
    )
    person.phone = "+7 900 111-22-44"
    person.save()
    consent = ConsentFactory(
        person=person,
        signed_on=dt.date(2024, 9, 1),
        representative_name="Петрова Мария Ивановна",
        representative_relation="мать",
    )
    scan(consent, "первый.pdf")
    scan(consent, "второй.pdf")  # the first file stays on disk, named in the history
    mentee = MenteeProfileFactory(person=person, notes="Живёт с бабушкой, ул. Ленина, 5")
    mentee.notes = "Живёт с бабушкой, ул. Ленина, 5, кв. 7"
    mentee.save()
    MenteeRequest.objects.create(
        mentee=mentee,
        topic_id=_topic().pk,
        description="Конфликт с отчимом",
        raised_by=MenteeRequest.RaisedBy.PSYCHOLOGIST,
    )
    mentor = MentorProfile.objects.create(
        person=person, useful_for="Помогу с математикой", notes="Телефон мамы 8-900"
    )
    mentor.notes = "Телефон мамы 8-900-000"
    mentor.save()
    MentorTraining.objects.create(
        mentor=mentor,
        course_title="Школа наставника",
        hours=16,
        completed_on=dt.date(2025, 5, 5),
        certificate="УД-4200-123",
    )
    withdraw(person)
    person.refresh_from_db()
    return person


def _topic():
    from mentorship.people.models import Competency

    return Competency.objects.get_or_create(name="Учёба")[0]


# --- who is due ------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "due"), [(0, False), (30, False), (31, True), (400, True)])
def test_due_more_than_30_days_after_the_withdrawal(days, due):
    person = consented(PersonFactory(adult=True))
    withdraw(person)
    today = WITHDRAWN + dt.timedelta(days=days)
    assert (person.pk in set(people_due(today=today).values_list("pk", flat=True))) is due


def test_not_due_without_a_consent_ever_or_with_a_valid_one():
    never = PersonFactory(adult=True)
    reconsented = consented(PersonFactory(adult=True))
    withdraw(reconsented)
    ConsentFactory(person=reconsented, signer=Consent.Signer.SELF, representative_name="")
    assert not people_due(today=DUE_DAY + dt.timedelta(days=365)).filter(
        pk__in=[never.pk, reconsented.pk]
    )


def test_the_latest_withdrawal_counts():
    person = PersonFactory(adult=True)
    ConsentFactory(
        person=person, signer="self", representative_name="", signed_on=dt.date(2024, 1, 1)
    )
    ConsentFactory(
        person=person, signer="self", representative_name="", signed_on=dt.date(2025, 1, 1)
    )
    Consent.objects.filter(person=person, signed_on__year=2024).update(
        withdrawn_on=dt.date(2024, 2, 1)
    )
    withdraw(person, on=WITHDRAWN)
    assert not people_due(today=WITHDRAWN + dt.timedelta(days=30)).filter(pk=person.pk)
    assert people_due(today=DUE_DAY).filter(pk=person.pk)


# --- what is destroyed -------------------------------------------------------------------------


def test_main_tables_keep_nothing_that_names_the_person(rich):
    (act,) = people_destroy_withdrawn(today=DUE_DAY)
    person = Person.objects.get(pk=rich.pk)
    assert (person.last_name, person.first_name, person.middle_name) == (
        PLACEHOLDER,
        f"№ {rich.pk}",
        "",
    )
    assert person.birth_date == dt.date(2008, 7, 1)  # the year stays: ages by year unchanged
    assert person.phone == person.email == person.study_group == person.specialty == ""
    assert not (person.orphan or person.low_income_family)
    assert person.has_disability  # kept for the ОВЗ KPI (обезличено)
    assert person.kind == Person.Kind.STUDENT and person.course == 1
    assert person.natural_key == f"удалено-{rich.pk}|"
    assert "петрова" not in person.name_key

    consent = Consent.objects.get(person=rich)
    assert consent.representative_name == PLACEHOLDER
    assert consent.representative_relation == consent.withdrawal_reason == ""
    assert not consent.scan
    assert (consent.signed_on, consent.withdrawn_on) == (dt.date(2024, 9, 1), WITHDRAWN)
    assert MenteeProfile.objects.get(person=rich).notes == ""
    assert MenteeRequest.objects.get(mentee__person=rich).description == ""
    mentor = MentorProfile.objects.get(person=rich)
    assert mentor.notes == mentor.useful_for == ""
    training = MentorTraining.objects.get(mentor=mentor)
    assert training.certificate == "" and training.hours == 16

    user = rich.user
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert user.first_name == user.last_name == user.email == ""
    assert "petrov" not in user.username.lower()

    (row,) = act.rows.all()
    assert (row.person_id, row.kind, row.consent_withdrawn_on) == (rich.pk, "student", WITHDRAWN)
    assert row.files_deleted == 2


def test_history_tables_hold_only_the_anonymised_values(rich):
    assert Person.history.filter(id=rich.pk).count() >= 2
    people_destroy_withdrawn(today=DUE_DAY)

    versions = Person.history.filter(id=rich.pk)
    assert versions.count() >= 2
    for version in versions:
        assert version.last_name == PLACEHOLDER and version.middle_name == ""
        assert version.phone == version.email == version.study_group == ""
        assert version.birth_date == dt.date(2008, 7, 1)
        assert not version.orphan and "петрова" not in version.name_key
    for version in Consent.history.filter(person_id=rich.pk):
        assert version.representative_name in ("", PLACEHOLDER)
        assert version.representative_relation == version.withdrawal_reason == version.scan == ""
    assert not MenteeProfile.history.filter(person_id=rich.pk).exclude(notes="")
    assert not MentorProfile.history.filter(person_id=rich.pk).exclude(notes="")
    assert not MentorProfile.history.filter(person_id=rich.pk).exclude(useful_for="")


def test_scan_files_are_removed_from_disk(rich, media):
    assert len(list((media / "consents").rglob("*.pdf"))) == 2
    people_destroy_withdrawn(today=DUE_DAY)
    assert list((media / "consents").rglob("*.pdf")) == []


def test_others_data_is_left_alone(rich, media):
    other = consented(PersonFactory(last_name="Сидоров", phone="+7 1", adult=True))
    scan(Consent.objects.get(person=other))
    people_destroy_withdrawn(today=DUE_DAY)
    other.refresh_from_db()
    assert other.last_name == "Сидоров" and other.phone == "+7 1"
    assert Consent.objects.get(person=other).scan
    assert len(list((media / "consents").rglob("*.pdf"))) == 1


def test_survey_text_answers_go_numbers_stay():
    questionnaire = Questionnaire.objects.create(
        code="t", title="Т", purpose="satisfaction", audience="mentee"
    )
    scale = Question.objects.create(questionnaire=questionnaire, order=1, kind="scale", text="О")
    text = Question.objects.create(questionnaire=questionnaire, order=2, kind="long_text", text="Т")
    invitation = InvitationFactory(
        wave=WaveFactory(questionnaire=questionnaire), person=consented(PersonFactory(adult=True))
    )
    response_submit(invitation=invitation, answers={scale: 9, text: "Мой наставник Иванов"})
    withdraw(invitation.person)
    people_destroy_withdrawn(today=DUE_DAY)
    assert Answer.objects.get(question=scale).number == 9
    assert Answer.objects.get(question=text).text == ""
    assert Response.objects.filter(invitation=invitation).exists()


def test_organisation_contact_who_is_the_person_goes():
    org = PartnerOrganisationFactory(contact_person="Орлов Олег Олегович", phone="+7 2")
    person = consented(
        PersonFactory(
            last_name="Орлов",
            first_name="Олег",
            middle_name="Олегович",
            kind=Person.Kind.EMPLOYEE,
            course=None,
            organisation=org,
            adult=True,
        )
    )
    withdraw(person)
    people_destroy_withdrawn(today=DUE_DAY)
    org.refresh_from_db()
    assert org.contact_person == org.phone == ""
    assert org.name  # the organisation itself stays
    assert not org.history.exclude(contact_person="")


def test_past_year_kpis_still_compute_with_the_same_people_counts(rich):
    past = DUE_DAY.year - 1
    before = people_counts(past)
    people_destroy_withdrawn(today=DUE_DAY)
    assert people_counts(past) == before
    assert kpi_values_for_year(past, today=DUE_DAY)  # every indicator, no error


# --- the act, idempotence, failures ------------------------------------------------------------


def test_act_is_printable_by_curator_and_administrator_not_director(
    rich, client_for, curator, administrator, director
):
    (act,) = people_destroy_withdrawn(today=DUE_DAY, by=curator)
    url = reverse("people:destruction-act", args=[act.pk])
    for user in (curator, administrator):
        response = client_for(user).get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"Акт № {act.pk}" in html and "об уничтожении персональных данных" in html
        assert str(rich.pk) in html and "02.10.2026" in html
        assert "Петрова" not in html and "Игоревна" not in html
        assert response["Cache-Control"] == "no-store"
    assert client_for(director).get(url).status_code == 403
    assert act.performed_by == curator and act.performed_by_label == "curator"


def test_act_admin_is_read_only_and_hidden_from_the_director(rich, client_for, curator, director):
    (act,) = people_destroy_withdrawn(today=DUE_DAY)
    assert act.performed_by is None and "автоматически" in act.performed_by_label
    change = reverse("admin:people_destructionact_change", args=[act.pk])
    response = client_for(curator).get(change)
    assert response.status_code == 200
    assert reverse("people:destruction-act", args=[act.pk]) in response.content.decode()
    assert client_for(curator).get(reverse("admin:people_destructionact_add")).status_code == 403
    assert client_for(director).get(change).status_code == 403


def test_act_rows_name_the_category_in_russian_on_screen_and_in_print(rich, client_for, curator):
    (act,) = people_destroy_withdrawn(today=DUE_DAY)
    row = act.rows.get()
    label = rich.get_kind_display()
    change = client_for(curator).get(reverse("admin:people_destructionact_change", args=[act.pk]))
    printed = client_for(curator).get(reverse("people:destruction-act", args=[act.pk]))
    for html in (change.content.decode(), printed.content.decode()):
        assert f">{label}<" in html and f">{row.kind}<" not in html


def test_second_run_destroys_nothing_and_writes_no_act(rich):
    assert len(people_destroy_withdrawn(today=DUE_DAY)) == 1
    assert people_destroy_withdrawn(today=DUE_DAY + dt.timedelta(days=1)) == []
    assert DestructionAct.objects.count() == 1 and DestructionActRow.objects.count() == 1


def test_a_failure_leaves_that_person_whole_and_the_others_done(rich):
    other = consented(PersonFactory(last_name="Сидоров", adult=True))
    withdraw(other)
    real = destruction._records_destroy

    def failing(person, done):
        if person.pk == rich.pk:
            raise RuntimeError("диск отвалился")
        real(person, done)

    with mock.patch.object(destruction, "_records_destroy", failing):
        (act,) = people_destroy_withdrawn(today=DUE_DAY)
    rich.refresh_from_db()
    assert rich.last_name == "Петрова" and rich.phone
    assert Consent.objects.get(person=rich).scan
    assert Person.history.filter(id=rich.pk, last_name="Петрова").exists()
    assert list(act.rows.values_list("person_id", flat=True)) == [other.pk]
    assert list(people_due(today=DUE_DAY).values_list("pk", flat=True)) == [rich.pk]


def test_failure_of_the_only_person_leaves_no_empty_act(rich):
    with mock.patch.object(destruction, "_records_destroy", side_effect=RuntimeError):
        assert people_destroy_withdrawn(today=DUE_DAY) == []
    assert not DestructionAct.objects.exists()


# --- the command -------------------------------------------------------------------------------


def test_command_prints_a_russian_summary(rich):
    out = io.StringIO()
    call_command("destroy_withdrawn", today=DUE_DAY, stdout=out)
    act = DestructionAct.objects.get()
    text = out.getvalue()
    assert "уничтожены персональные данные людей: 1" in text
    assert f"акт № {act.pk}" in text
    assert reverse("people:destruction-act", args=[act.pk]) in text
    out = io.StringIO()
    call_command("destroy_withdrawn", "--today", DUE_DAY.isoformat(), stdout=out)
    assert "уничтожать нечего" in out.getvalue()


def test_command_fails_loudly_when_someone_is_left(rich):
    with mock.patch.object(destruction, "_records_destroy", side_effect=RuntimeError):
        with pytest.raises(CommandError, match=f"№ {rich.pk}"):
            call_command("destroy_withdrawn", today=DUE_DAY, stdout=io.StringIO())


def test_command_records_the_user_who_ran_it(rich, curator):
    call_command("destroy_withdrawn", today=DUE_DAY, user="curator", stdout=io.StringIO())
    assert DestructionAct.objects.get().performed_by == curator
    with pytest.raises(CommandError, match="не найден"):
        call_command("destroy_withdrawn", user="nobody", stdout=io.StringIO())


# --- a withdrawal excludes at once -------------------------------------------------------------


def test_withdrawn_mentee_is_refused_a_new_pair():
    mentor, (mentee,), form = pair_ready("teacher-student")
    withdraw(mentee.person, on=dt.date.today())
    start = dt.date.today()
    with pytest.raises(pair_services.PairRuleError) as refused:
        pair_services.pair_create(
            mentor=mentor,
            mentees=[mentee],
            form=form,
            start_date=start,
            planned_end_date=start + dt.timedelta(days=200),
        )
    assert "Согласие" in " ".join(refused.value.messages)


def test_withdrawn_person_is_not_invited_to_a_new_wave_and_cannot_submit():
    from tests.factories import pair_create

    pair = pair_create("teacher-student")
    mentee = pair.memberships.get().mentee.person
    withdraw(mentee, on=dt.date.today())
    preview = waves.wave_preview(
        questionnaire=Questionnaire.objects.get(code="entry-diagnostics"),
        selection=WaveSelection(),
    )
    assert mentee.pk not in {i.person_id for i in preview.invitees}
    assert mentee.pk in {n.person_id for n in preview.not_invited}

    questionnaire = Questionnaire.objects.create(
        code="t", title="Т", purpose="satisfaction", audience="mentee"
    )
    scale = Question.objects.create(questionnaire=questionnaire, order=1, kind="scale", text="О")
    invitation = InvitationFactory(
        wave=WaveFactory(questionnaire=questionnaire), person=consented(PersonFactory(adult=True))
    )
    withdraw(invitation.person, on=dt.date.today())
    with pytest.raises(NoConsent):
        response_submit(invitation=invitation, answers={scale: 8})
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("admin:people_person_export", lambda p: p),
        ("admin:people_mentorprofile_export", lambda p: MentorProfileFactory(person=p)),
        ("admin:people_menteeprofile_export", lambda p: MenteeProfileFactory(person=p)),
    ],
    ids=["people", "mentors", "mentees"],
)
def test_withdrawn_people_are_left_out_of_exports(client_for, curator, url, make):
    kept = consented(PersonFactory(last_name="Оставлен", adult=True))
    never = PersonFactory(last_name="Безсогласия", adult=True)
    gone = consented(PersonFactory(last_name="Отозвал", adult=True))
    for person in (kept, never, gone):
        make(person)
    withdraw(gone, on=dt.date.today())
    response = client_for(curator).post(reverse(url), {"format": "0", "resource": "0"})
    assert response.status_code == 200
    cells = {
        str(value)
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        for value in row
    }
    assert "Оставлен" in cells and "Безсогласия" in cells
    assert "Отозвал" not in cells


# --- the admin journal and the import uploads (RELIABILITY 55) --------------------------------


def test_admin_journal_keeps_no_name_of_the_person(rich, curator):
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
    from django.contrib.admin.options import get_content_type_for_model

    from mentorship.pairs.models import Pair

    def log(obj_model, object_id, repr_, message, flag=CHANGE):
        return LogEntry.objects.create(
            user=curator,
            content_type=get_content_type_for_model(obj_model),
            object_id=str(object_id),
            object_repr=repr_,
            action_flag=flag,
            change_message=message,
        )

    # What the admin writes: the person's own entry, an inline named in the JSON message
    # (escaped to ASCII as Django stores it), and a pair named by its member.
    import json

    own = log(
        Person, rich.pk, "Петрова Анна Игоревна", json.dumps([{"changed": {"fields": ["Телефон"]}}])
    )
    inline = log(
        Person,
        rich.pk,
        "Петрова Анна Игоревна",
        json.dumps([{"added": {"name": "наставник", "object": "Петрова Анна Игоревна"}}]),
        ADDITION,
    )
    pair = log(Pair, 999, "№ 999: Петрова А.И. — Педагог – студент", "[]")
    order = log(Pair, 998, "Приказ: наставник А. И. Петрова", "[]")
    other = log(Person, 10**6, "Сидоров Олег Олегович", "[]")

    people_destroy_withdrawn(today=DUE_DAY)

    for entry in (own, inline, pair, order):
        entry.refresh_from_db()
        text = entry.object_repr + json.loads(entry.change_message or "[]").__repr__()
        assert "Петрова" not in text and "Анна" not in text, text
        assert "Петрова" not in entry.change_message
        assert "\\u041f\\u0435\\u0442" not in entry.change_message.lower()  # «Пет» escaped
    assert own.object_repr == f"{PLACEHOLDER} № {rich.pk}"
    assert json.loads(inline.change_message)[0]["added"]["object"] == f"{PLACEHOLDER} № {rich.pk}"
    assert pair.object_repr == f"№ 999: {PLACEHOLDER} № {rich.pk} — Педагог – студент"
    other.refresh_from_db()
    assert other.object_repr == "Сидоров Олег Олегович"
    assert "имя в журнале изменений" in DestructionActRow.objects.get().destroyed


def test_abandoned_import_uploads_are_removed_by_the_run(rich, settings):
    import os
    import time
    import uuid

    folder = settings.IMPORT_TMP_DIR
    folder.mkdir(parents=True)
    abandoned = folder / f"{uuid.uuid4().hex}.xlsx"
    abandoned.write_bytes("PK... Петрова Анна Игоревна".encode())
    old = time.time() - 3 * 3600
    os.utime(abandoned, (old, old))
    people_destroy_withdrawn(today=DUE_DAY)
    assert not abandoned.exists()


def test_nothing_is_cached_on_disk_but_the_scans(rich, media):
    """No generated PDF or export is kept on disk (they are built per request), so the
    scans are the only files with the person's data: after the run only the tombstone is
    left under MEDIA_ROOT."""
    people_destroy_withdrawn(today=DUE_DAY)
    left = [p for p in media.rglob("*") if p.is_file()]
    assert [p.name for p in left] == ["tombstones.txt"]


# --- another legal basis (RELIABILITY 56) ------------------------------------------------------


def test_with_another_legal_basis_only_the_listed_fields_stay(rich, client_for, curator):
    Consent.objects.filter(person=rich).update(withdrawal_basis=Consent.Basis.EDUCATION)
    (act,) = people_destroy_withdrawn(today=DUE_DAY, by=curator)
    person = Person.objects.get(pk=rich.pk)
    kept = destruction.RETAINED_FIELDS[Consent.Basis.EDUCATION]
    assert set(kept) == {
        "last_name",
        "first_name",
        "middle_name",
        "birth_date",
        "kind",
        "study_group",
        "course",
        "specialty",
    }
    for name in kept:
        assert getattr(person, name) == getattr(rich, name), name
    assert person.full_name == "Петрова Анна Игоревна" and person.birth_date == dt.date(
        2008, 11, 23
    )
    assert person.phone == person.email == person.position == ""
    assert not (person.has_disability or person.orphan or person.low_income_family)
    for version in Person.history.filter(id=rich.pk):
        assert version.phone == version.email == "" and not version.has_disability
    consent = Consent.objects.get(person=rich)
    assert consent.representative_name == PLACEHOLDER and not consent.scan
    assert MenteeProfile.objects.get(person=rich).notes == ""
    rich.user.refresh_from_db()
    assert not rich.user.is_active and rich.user.email == ""

    (row,) = act.rows.all()
    assert row.legal_basis == "education"
    assert row.kept == "ФИО, дата рождения, категория, группа, курс, специальность"
    assert "ФИО" not in row.destroyed.split("(")[0]
    html = (
        client_for(curator).get(reverse("people:destruction-act", args=[act.pk])).content.decode()
    )
    assert "«Об образовании в Российской Федерации» (273-ФЗ)" in html
    assert "сохранено: ФИО, дата рождения, категория, группа, курс, специальность" in html


def test_withdrawal_records_the_basis_and_refuses_one_that_does_not_apply():
    student = consented(PersonFactory(adult=True))
    consents_withdraw(
        consents=Consent.objects.filter(person=student), on=WITHDRAWN, basis=Consent.Basis.EDUCATION
    )
    assert Consent.objects.get(person=student).withdrawal_basis == "education"
    (due,) = people_due(today=DUE_DAY).filter(pk=student.pk)
    assert due.retention_basis == "education"
    teacher = consented(PersonFactory(teacher=True))
    with pytest.raises(ValidationError):
        consents_withdraw(
            consents=Consent.objects.filter(person=teacher), on=WITHDRAWN, basis="education"
        )
    assert Consent.objects.get(person=teacher).is_valid


def test_without_a_basis_the_act_prints_no_basis_column(rich, client_for, curator):
    (act,) = people_destroy_withdrawn(today=DUE_DAY)
    assert act.rows.get().legal_basis == "" and act.rows.get().kept == ""
    html = (
        client_for(curator).get(reverse("people:destruction-act", args=[act.pk])).content.decode()
    )
    assert "Иное основание хранения" not in html


# --- tombstones: a restored backup is destroyed again (RELIABILITY 58) --------------------------


def _backup(*people):
    """What a backup holds of these people: their rows as they are now."""
    from django.core import serializers

    objects = []
    for person in people:
        objects += [Person.objects.get(pk=person.pk), *Consent.objects.filter(person=person)]
        objects += list(MenteeProfile.objects.filter(person=person))
    return serializers.serialize("json", objects)


def _restore(backup):
    """Put the backed-up rows back as a restore would; the acts made after the backup are
    not in it."""
    from django.core import serializers

    DestructionActRow.objects.all().delete()
    DestructionAct.objects.all().delete()
    for item in serializers.deserialize("json", backup):
        item.save()


def test_tombstone_names_nobody(rich, media, settings):
    people_destroy_withdrawn(today=DUE_DAY)
    text = (media / "outside-the-database" / "tombstones.txt").read_text()
    (line,) = text.splitlines()
    assert line.startswith("v1 ") and line.endswith(
        f" {WITHDRAWN.isoformat()} - {DUE_DAY.isoformat()}"
    )
    assert "Петрова" not in text and "2008-11-23" not in text and f" {rich.pk} " not in text
    from mentorship.people import tombstones

    assert tombstones.person_key(rich.pk, dt.date(2008, 11, 23)) in text


def test_a_backup_older_than_the_withdrawal_is_destroyed_again(media):
    person = consented(PersonFactory(last_name="Воскресенская", phone="+7 900 5", adult=True))
    MenteeProfileFactory(person=person, notes="о ней")
    backup = _backup(person)  # consent in force, name and phone in place
    withdraw(person)
    people_destroy_withdrawn(today=DUE_DAY)

    _restore(backup)
    assert Person.objects.filter(last_name="Воскресенская").exists()
    assert Person.objects.with_valid_consent().filter(pk=person.pk).exists()

    out = io.StringIO()
    call_command("destroy_withdrawn", today=DUE_DAY + dt.timedelta(days=7), stdout=out)
    assert "повторно, после восстановления из резервной копии: 1" in out.getvalue()
    back = Person.objects.get(pk=person.pk)
    assert (
        back.last_name == PLACEHOLDER
        and back.phone == ""
        and back.birth_date == dt.date(1990, 7, 1)
    )
    assert not Person.history.filter(id=person.pk, last_name="Воскресенская").exists()
    assert MenteeProfile.objects.get(person=person).notes == ""
    consent = Consent.objects.get(person=person)
    assert consent.withdrawn_on == WITHDRAWN  # the withdrawal the backup did not know
    assert not Person.objects.with_valid_consent().filter(pk=person.pk).exists()
    row = DestructionActRow.objects.get(person_id=person.pk)
    assert row.repeated and row.destroyed.startswith("повторно")
    # Once is enough: the next run has nothing to do, and the file keeps one line.
    assert people_destroy_withdrawn(today=DUE_DAY + dt.timedelta(days=8)) == []
    lines = (media / "outside-the-database" / "tombstones.txt").read_text().splitlines()
    assert len(lines) == 1


def test_a_restored_person_with_a_basis_keeps_only_the_listed_fields_again(media):
    person = consented(PersonFactory(last_name="Учащаяся", phone="+7 900 6", adult=True))
    backup = _backup(person)
    withdraw(person)
    Consent.objects.filter(person=person).update(withdrawal_basis=Consent.Basis.EDUCATION)
    people_destroy_withdrawn(today=DUE_DAY)
    _restore(backup)
    people_destroy_withdrawn(today=DUE_DAY + dt.timedelta(days=1))
    back = Person.objects.get(pk=person.pk)
    assert back.last_name == "Учащаяся" and back.phone == ""
    assert DestructionActRow.objects.get(person_id=person.pk).legal_basis == "education"
    assert Consent.objects.get(person=person).withdrawal_basis == "education"


def test_a_tombstone_under_a_retired_secret_key_still_counts(media, settings):
    person = consented(PersonFactory(last_name="Старыйключ", adult=True))
    backup = _backup(person)
    withdraw(person)
    people_destroy_withdrawn(today=DUE_DAY)
    _restore(backup)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-production-secret-key-" + "n" * 40
    people_destroy_withdrawn(today=DUE_DAY + dt.timedelta(days=1))
    assert Person.objects.get(pk=person.pk).last_name == PLACEHOLDER


def test_no_tombstone_no_destruction(rich):
    """A tombstone that cannot be written rolls the person's destruction back: destroyed
    without a tombstone, a restore would bring them back for good."""
    with mock.patch.object(destruction.tombstones, "tombstone_write", side_effect=OSError("диск")):
        assert people_destroy_withdrawn(today=DUE_DAY) == []
    rich.refresh_from_db()
    assert rich.last_name == "Петрова"
    assert list(people_due(today=DUE_DAY).values_list("pk", flat=True)) == [rich.pk]


def test_pair_texts_lose_the_name_and_keep_the_rest():
    from tests.factories import pair_create

    pair = pair_create("teacher-student")
    mentee = pair.memberships.get().mentee.person
    mentor = pair.mentor.person
    short = mentee.short_name
    pair_services.plan_save(pair=pair, goals=f"{short} готовится к экзамену")
    plan = pair.plan
    plan.goals = f"{mentee.full_name} готовится к экзамену вместе с {mentor.short_name}"
    plan.save()  # a second version in the history
    meeting = pair_services.meeting_record(
        pair=pair,
        kind=pair.meetings.model.Kind.choices[0][0],
        date=dt.date.today(),
        topic="Разбор задач",
        notes=f"{short} опоздала, {mentor.short_name} объяснил",
    )
    withdraw(mentee)
    people_destroy_withdrawn(today=dt.date.today() + dt.timedelta(days=31))

    label = f"{PLACEHOLDER} № {mentee.pk}"
    plan.refresh_from_db()
    meeting.refresh_from_db()
    assert plan.goals == f"{label} готовится к экзамену вместе с {mentor.short_name}"
    assert meeting.notes == f"{label} опоздала, {mentor.short_name} объяснил"
    for version in plan.history.all():
        assert mentee.last_name not in version.goals
    for version in meeting.history.all():
        assert mentee.last_name not in version.notes
    assert "имя в заметках, планах и итогах пар" in DestructionActRow.objects.get().destroyed


# --- what the privacy registry brought in ---------------------------------------------------


def test_achievements_lose_the_event_and_keep_what_the_year_counts(rich):
    from mentorship.pairs.models import Achievement

    achievement = Achievement.objects.create(
        person=rich,
        event="Региональная олимпиада по химии",
        level=Achievement.Level.REGIONAL,
        result=Achievement.Result.WINNER,
        document=Achievement.Document.DIPLOMA,
        date=dt.date(2025, 3, 12),
    )
    other = Achievement.objects.create(
        person=consented(PersonFactory(adult=True)),
        event="Региональная олимпиада по химии",
        level=Achievement.Level.REGIONAL,
        result=Achievement.Result.PRIZE,
        document=Achievement.Document.DIPLOMA,
        date=dt.date(2025, 3, 12),
    )
    people_destroy_withdrawn(today=DUE_DAY)
    achievement.refresh_from_db()
    assert achievement.event == PLACEHOLDER
    assert (achievement.level, achievement.result, achievement.date) == (
        "Р",
        "winner",
        dt.date(2025, 3, 12),
    )
    assert not achievement.history.exclude(event=PLACEHOLDER)
    other.refresh_from_db()
    assert other.event == "Региональная олимпиада по химии"
    assert "названия мероприятий в достижениях" in DestructionActRow.objects.get().destroyed


def test_the_journal_entries_of_the_login_lose_its_name(rich, curator):
    """A login is named after the person («petrova.ai»): the admin journal's entries
    about it lose the name as the person's own entries do."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.admin.options import get_content_type_for_model

    entry = LogEntry.objects.create(
        user=curator,
        content_type=get_content_type_for_model(rich.user),
        object_id=str(rich.user.pk),
        object_repr="petrova.ai",
        action_flag=CHANGE,
        change_message="[]",
    )
    people_destroy_withdrawn(today=DUE_DAY)
    entry.refresh_from_db()
    assert entry.object_repr == f"{PLACEHOLDER} № {rich.pk}"


def test_earlier_versions_of_a_deleted_profile_are_destroyed_too(rich):
    """The history keeps the notes of a profile deleted since: they go as well."""
    MentorProfile.objects.filter(person=rich).delete()
    assert MentorProfile.history.filter(person_id=rich.pk).exclude(notes="").exists()
    people_destroy_withdrawn(today=DUE_DAY)
    assert not MentorProfile.history.filter(person_id=rich.pk).exclude(notes="")
    assert not MentorProfile.history.filter(person_id=rich.pk).exclude(useful_for="")
