"""The curator's screens: search, filters, editing with inlines, read-only director."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.people.models import Consent, MenteeProfile, Person
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PartnerOrganisationFactory,
    PersonFactory,
    UserFactory,
)
from tests.lib.xlsx_files import people_xlsx, person_row

CHANGELISTS = [
    "admin:people_person_changelist",
    "admin:people_mentorprofile_changelist",
    "admin:people_menteeprofile_changelist",
    "admin:people_partnerorganisation_changelist",
    "admin:people_consent_changelist",
]


def names_on(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_person_list_finds_student_by_surname_any_case(client_for, curator):
    PersonFactory(last_name="Сёмина", first_name="Дарья")
    PersonFactory(last_name="Кузнецов", first_name="Илья")
    page = names_on(client_for(curator).get(reverse(CHANGELISTS[0]), {"q": "семина"}))
    assert "Сёмина Дарья" in page
    assert "Кузнецов Илья" not in page


@pytest.mark.django_db
def test_person_list_filters_disabled_students_without_consent(client_for, curator):
    without = PersonFactory(last_name="Безсогласия", has_disability=True)
    with_consent = PersonFactory(last_name="Ссогласием", has_disability=True)
    ConsentFactory(person=with_consent)
    withdrawn = PersonFactory(last_name="Отозвавший", has_disability=True)
    ConsentFactory(person=withdrawn, withdrawn_on=dt.date.today())
    PersonFactory(last_name="Здоровый")
    page = names_on(
        client_for(curator).get(
            reverse(CHANGELISTS[0]), {"category": "has_disability", "consent": "none"}
        )
    )
    assert without.last_name in page
    assert withdrawn.last_name in page
    assert with_consent.last_name not in page
    assert "Здоровый" not in page


@pytest.mark.django_db
def test_mentee_list_filters_by_course_and_status(client_for, curator):
    first = MenteeProfileFactory(person__last_name="Первокурсник", person__course=1)
    MenteeProfileFactory(person__last_name="Второкурсник", person__course=2)
    MenteeProfileFactory(
        person__last_name="Впаре", person__course=1, status=MenteeProfile.Status.IN_PAIR
    )
    page = names_on(
        client_for(curator).get(
            reverse(CHANGELISTS[2]), {"person__course": "1", "status__exact": "waiting"}
        )
    )
    assert first.person.last_name in page
    assert "Второкурсник" not in page and "Впаре" not in page


@pytest.mark.django_db
def test_person_list_filters_by_form_of_study(client_for, curator):
    PersonFactory(last_name="Очникова")
    PersonFactory(last_name="Заочникова", study_form=Person.StudyForm.EXTRAMURAL)
    PersonFactory(last_name="Вечерникова", study_form=Person.StudyForm.PART_TIME)
    client = client_for(curator)
    page = names_on(client.get(reverse(CHANGELISTS[0])))
    assert '<details data-filter-title="форма обучения"' in page
    assert '<a href="?study_form__exact=extramural">заочная</a>' in page
    page = names_on(client.get(reverse(CHANGELISTS[0]), {"study_form__exact": "extramural"}))
    assert "Заочникова" in page
    assert "Очникова" not in page and "Вечерникова" not in page


@pytest.mark.django_db
def test_person_card_shows_and_edits_the_form_of_study_beside_the_course(client_for, curator):
    person = PersonFactory(last_name="Переводова")
    client = client_for(curator)
    url = reverse("admin:people_person_change", args=[person.pk])
    page = client.get(url)
    fieldsets = page.context["adminform"].model_admin.get_fieldsets(page.wsgi_request, person)
    assert fieldsets[1] == (
        "Обучение",
        {"fields": [("study_group", "course", "study_form"), "specialty"]},
    )
    assert '<option value="full_time" selected>очная</option>' in page.content.decode()
    response = client.post(url, _person_form(person, study_form="part_time"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.study_form == Person.StudyForm.PART_TIME
    assert person.history.latest().study_form == Person.StudyForm.PART_TIME


@pytest.mark.django_db
def test_person_card_refuses_a_form_of_study_for_a_teacher(client_for, curator):
    teacher = PersonFactory(teacher=True)
    url = reverse("admin:people_person_change", args=[teacher.pk])
    response = client_for(curator).post(url, _person_form(teacher, study_form="extramural"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["study_form"] == [
        "Форма обучения указывается только для обучающихся и школьников."
    ]
    teacher.refresh_from_db()
    assert teacher.study_form == ""


@pytest.mark.django_db
def test_person_card_student_left_without_a_form_is_full_time(client_for, curator):
    pupil = PersonFactory(kind=Person.Kind.PUPIL, course=None, birth_date=dt.date(2011, 4, 4))
    url = reverse("admin:people_person_change", args=[pupil.pk])
    response = client_for(curator).post(url, _person_form(pupil, kind="student", course="1"))
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert (pupil.kind, pupil.study_form) == (Person.Kind.STUDENT, Person.StudyForm.FULL_TIME)


def _person_form(person, **overrides):
    data = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "birth_date": person.birth_date.strftime("%d.%m.%Y"),
        "kind": person.kind,
        "study_group": person.study_group,
        "course": person.course or "",
        "study_form": person.study_form,
        "specialty": person.specialty,
        "position": "",
        "experience_years": "",
        "organisation": "",
        "phone": "",
        "email": "",
        "user": "",
    }
    for prefix in ("consents", "mentor_profile", "mentee_profile"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | overrides


@pytest.mark.django_db
def test_curator_edits_person_and_it_is_recorded(client_for, curator):
    person = PersonFactory(last_name="Старикова", study_group="ГЭ-24-1")
    url = reverse("admin:people_person_change", args=[person.pk])
    response = client_for(curator).post(url, _person_form(person, study_group="ГЭ-24-2"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.study_group == "ГЭ-24-2"
    latest = person.history.latest()
    assert latest.history_user == curator
    assert latest.study_group == "ГЭ-24-2"


def _opened_form(client, person) -> dict:
    """What the curator's browser holds after opening the card: the fields and the
    version of the person they were filled from."""
    page = client.get(reverse("admin:people_person_change", args=[person.pk]))
    form = page.context["adminform"].form
    return _person_form(person) | {"loaded_version": form.initial["loaded_version"]}


@pytest.mark.django_db
def test_person_form_refuses_to_save_over_another_curators_change(client_for, curator):
    person = PersonFactory(last_name="Спорная", study_group="ГЭ-24-1", phone="")
    url = reverse("admin:people_person_change", args=[person.pk])
    client = client_for(curator)
    mine = _opened_form(client, person)
    # Another curator changes the group meanwhile (and saves first).
    other = UserFactory(username="curator2", role=Role.CURATOR)
    theirs = _opened_form(client_for(other), person) | {"study_group": "ГЭ-24-7"}
    assert client_for(other).post(url, theirs).status_code == 302

    response = client.post(url, mine | {"phone": "+7 900 555-44-33"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Пока вы редактировали карточку, её изменил другой пользователь" in page
    assert "«Группа» — ГЭ-24-7" in page  # what is stored now, named
    assert "+7 900 555-44-33" in page  # what this curator typed is kept in the form
    person.refresh_from_db()
    assert (person.study_group, person.phone) == ("ГЭ-24-7", "")  # no lost update
    assert person.history.count() == 2  # created, the other curator's save

    # Having seen it, the curator saves again (the form now carries the new version).
    again = response.context["adminform"].form.data.dict()
    assert client.post(url, again).status_code == 302
    person.refresh_from_db()
    assert person.phone == "+7 900 555-44-33"


@pytest.mark.django_db
def test_person_form_refuses_to_save_over_an_import_made_after_it_was_opened(client_for, curator):
    person = PersonFactory(
        last_name="Импортова", first_name="Пётр", middle_name="Сергеевич", study_group="ГЭ-24-1"
    )
    client = client_for(curator)
    mine = _opened_form(client, person) | {"specialty": "Электроснабжение"}
    row = person_row(**{"Фамилия": "Импортова", "Группа": "ГЭ-24-3"})
    report = xlsx_import(base=xlsx_bases()["people"], data=people_xlsx([row]), commit=True)
    assert report.committed and report.changed == 1
    url = reverse("admin:people_person_change", args=[person.pk])
    response = client.post(url, mine)
    assert "её изменил другой пользователь или импорт из Excel" in response.content.decode()
    person.refresh_from_db()
    assert person.study_group == "ГЭ-24-3"  # the import's change stands
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_person_form_saves_when_nobody_else_changed_the_person(client_for, curator):
    person = PersonFactory(last_name="Спокойная")
    client = client_for(curator)
    data = _opened_form(client, person) | {"study_group": "ГЭ-24-4"}
    url = reverse("admin:people_person_change", args=[person.pk])
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.study_group == "ГЭ-24-4"


@pytest.mark.django_db
def test_person_form_keeps_input_and_explains_minor_consent_rule(client_for, curator):
    person = PersonFactory(last_name="Малолетков", birth_date=dt.date(2010, 2, 2))
    url = reverse("admin:people_person_change", args=[person.pk])
    data = _person_form(person, phone="+7 900 123-45-67") | {
        "consents-TOTAL_FORMS": "1",
        "consents-0-signer": Consent.Signer.SELF,
        "consents-0-signed_on": "01.09.2025",
        "consents-0-representative_name": "",
        "consents-0-representative_relation": "",
        "consents-0-withdrawn_on": "",
        "consents-0-withdrawal_reason": "",
    }
    response = client_for(curator).post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "не исполнилось 18 лет" in page
    assert "+7 900 123-45-67" in page  # what the curator typed is still in the form
    assert not Consent.objects.filter(person=person).exists()
    person.refresh_from_db()
    assert person.phone == ""


@pytest.mark.django_db
def test_consent_withdraw_action(client_for, curator):
    signed = ConsentFactory(person=PersonFactory(adult=True), signer=Consent.Signer.SELF)
    response = client_for(curator).post(
        reverse("admin:people_consent_changelist"),
        {"action": "withdraw_today", "_selected_action": [signed.pk]},
    )
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.withdrawn_on is not None
    assert signed.history.latest().history_user == curator


@pytest.mark.django_db
def test_director_cannot_run_admin_actions(client_for, director):
    signed = ConsentFactory(person=PersonFactory(adult=True), signer=Consent.Signer.SELF)
    response = client_for(director).post(
        reverse("admin:people_consent_changelist"),
        {"action": "withdraw_today", "_selected_action": [signed.pk]},
    )
    assert response.status_code == 403
    delete = client_for(director).post(
        reverse("admin:people_consent_changelist"),
        {"action": "delete_selected", "_selected_action": [signed.pk], "post": "yes"},
    )
    assert delete.status_code == 403
    signed.refresh_from_db()
    assert signed.withdrawn_on is None


@pytest.mark.django_db
def test_special_categories_hidden_from_director(client_for, curator, director):
    person = PersonFactory(has_disability=True, orphan=True, is_gifted=True)
    ConsentFactory(person=person, special_categories=True)
    url = reverse("admin:people_person_change", args=[person.pk])
    curator_page = client_for(curator).get(url).content.decode()
    assert "ОВЗ / инвалидность" in curator_page and "Сирота" in curator_page
    director_page = client_for(director).get(url).content.decode()
    assert "ОВЗ / инвалидность" not in director_page
    assert "сирота" not in director_page.lower()
    assert "Одарённый" in director_page
    assert "сведения о здоровье" in curator_page
    assert "сведения о здоровье" not in director_page
    director_list = client_for(director).get(reverse(CHANGELISTS[0])).content.decode()
    assert "has_disability" not in director_list


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow_bases(n):
    organisation = PartnerOrganisationFactory()
    for _ in range(n):
        mentee = MenteeProfileFactory()
        ConsentFactory(person=mentee.person)
        mentor = MentorProfileFactory()
        mentor.forms.add(mentee.desired_form)
        PersonFactory(kind=Person.Kind.EMPLOYEE, course=None, adult=True, organisation=organisation)
        PartnerOrganisationFactory()


@pytest.mark.django_db
@pytest.mark.parametrize("name", CHANGELISTS)
def test_list_pages_keep_query_count_whatever_the_size(client_for, curator, name):
    client = client_for(curator)
    url = reverse(name)
    _grow_bases(2)
    small = _queries_for(client, url)
    _grow_bases(20)
    large = _queries_for(client, url)
    assert small == large


@pytest.mark.django_db
def test_admin_speaks_grammatical_russian(client_for, curator):
    PersonFactory()
    client = client_for(curator)
    page = client.get(reverse(CHANGELISTS[0])).content.decode()
    assert "<h1>Люди</h1>" in page
    assert "Всего: 1" in page
    assert "Выберите человек" not in page
    person = PersonFactory(last_name="Грамотеева")
    url = reverse("admin:people_person_change", args=[person.pk])
    response = client.post(url, _person_form(person), follow=True)
    message = response.content.decode().split('class="success"', 1)[1].split("</li>", 1)[0]
    assert message.startswith(">Изменения в записи «")
    assert "Грамотеева Пётр Сергеевич</a>» сохранены." in message


@pytest.mark.django_db
def test_profile_lists_count_requests_and_trainings_per_row_without_grouping(client_for, curator):
    """The mentees' «запросов» and the mentors' «обучений» are counted for each row by a
    sub-select (issue 16): the same figures as before, sortable, new ones seen at once, and
    the list's counts are plain counts, not counts over the whole list grouped."""
    from mentorship.people.models import Competency, MenteeRequest, MentorTraining

    asking, quiet = MenteeProfileFactory(), MenteeProfileFactory()
    topics = [Competency.objects.create(name=name) for name in ("Речь", "Учёба", "Спорт")]
    for topic in topics[:2]:
        MenteeRequest.objects.create(mentee=asking, topic=topic, raised_by="self")
    trained, untrained = MentorProfileFactory(), MentorProfileFactory()
    MentorTraining.objects.create(
        mentor=trained, course_title="Основы наставничества", hours=16, completed_on=dt.date.today()
    )
    client = client_for(curator)

    def column(url_name, name, params=None):
        response = client.get(reverse(url_name), params or {})
        return {obj.pk: getattr(obj, name) for obj in response.context["cl"].result_list}

    mentees = "admin:people_menteeprofile_changelist"
    assert column(mentees, "request_total") == {asking.pk: 2, quiet.pk: 0}
    ordered = client.get(reverse(mentees), {"o": "6"}).context["cl"].result_list
    assert [obj.pk for obj in ordered] == [quiet.pk, asking.pk]
    MenteeRequest.objects.create(mentee=quiet, topic=topics[2], raised_by="self")
    assert column(mentees, "request_total") == {asking.pk: 2, quiet.pk: 1}
    mentors = "admin:people_mentorprofile_changelist"
    assert column(mentors, "training_total") == {trained.pk: 1, untrained.pk: 0}

    for url_name in (mentees, mentors):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse(url_name))
        counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
        assert counts and not [sql for sql in counts if "GROUP BY" in sql]
