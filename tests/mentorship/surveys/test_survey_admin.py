"""The curator edits questionnaires in the admin; waves, links and responses are read-only
lists there; the director only views questionnaires and waves."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.people.models import Person
from mentorship.surveys.models import Choice, Question
from tests.factories import PersonFactory, consented, pair_create

from .survey_data import TODAY, invite, questionnaire, respond, wave_make

pytestmark = pytest.mark.django_db

LISTS = [
    "admin:surveys_questionnaire_changelist",
    "admin:surveys_question_changelist",
    "admin:surveys_wave_changelist",
    "admin:surveys_invitation_changelist",
    "admin:surveys_response_changelist",
]


def page_text(response) -> str:
    return response.content.decode()


def form_data(response) -> dict:
    """The POST a browser would send for an admin change page as it was rendered."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for form in formset.initial_forms:
            add(form)
    return data


def question_of(code: str, kind: str) -> Question:
    return questionnaire(code).questions.filter(kind=kind).first()


# --- who gets in ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_survey_lists_open_for_curator(client_for, curator, name):
    assert client_for(curator).get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("admin:surveys_questionnaire_changelist", 200),
        ("admin:surveys_question_changelist", 200),
        ("admin:surveys_wave_changelist", 200),
        # personal links and answers with names are not the director's to read
        ("admin:surveys_invitation_changelist", 403),
        ("admin:surveys_response_changelist", 403),
    ],
)
def test_survey_lists_for_director(client_for, director, name, status):
    assert client_for(director).get(reverse(name)).status_code == status


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_survey_lists_closed_to_participants(client_for, request, name, role):
    assert client_for(request.getfixturevalue(role)).get(reverse(name)).status_code == 403


def test_director_cannot_change_a_questionnaire(client_for, curator, director):
    entry = questionnaire("entry-diagnostics")
    url = reverse("admin:surveys_questionnaire_change", args=[entry.pk])
    data = form_data(client_for(curator).get(url))
    client = client_for(director)
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page_text(page)
    assert client.post(url, {**data, "title": "Чужое название"}).status_code == 403
    entry.refresh_from_db()
    assert entry.title == "Входная диагностика"


# --- editing questionnaires ----------------------------------------------------------------


def test_curator_edits_questions_on_the_questionnaire_page(client_for, curator):
    entry = questionnaire("entry-diagnostics")
    url = reverse("admin:surveys_questionnaire_change", args=[entry.pk])
    client = client_for(curator)
    page = client.get(url)
    assert "Насколько вы мотивированы" in page_text(page)
    data = form_data(page)
    first = entry.questions.first()
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-id") and value == str(first.pk)
    )
    data[f"questions-{index}-text"] = "Насколько вам интересно учиться?"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    first.refresh_from_db()
    assert first.text == "Насколько вам интересно учиться?"


def test_one_parameter_once_per_questionnaire(client_for, curator):
    entry = questionnaire("entry-diagnostics")
    url = reverse("admin:surveys_questionnaire_change", args=[entry.pk])
    client = client_for(curator)
    data = form_data(client.get(url))
    data["questions-1-parameter"] = data["questions-0-parameter"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "в одной анкете каждый параметр измеряется одним вопросом" in page_text(response)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"is_satisfaction": "on"},
            "В показатель удовлетворённости входят только вопросы со шкалой",
        ),
        ({"parameter": "motivation"}, "Диагностируемый параметр бывает только у вопроса со шкалой"),
    ],
)
def test_question_rules_in_russian(client_for, curator, change, message):
    question = question_of("mentee-satisfaction", Question.Kind.YES_NO)
    url = reverse("admin:surveys_question_change", args=[question.pk])
    client = client_for(curator)
    response = client.post(url, {**form_data(client.get(url)), **change})
    assert response.status_code == 200 and message in page_text(response)
    assert "Constraint" not in page_text(response)
    question.refresh_from_db()
    assert not question.is_satisfaction and question.parameter == ""


def test_answered_question_keeps_its_kind(client_for, curator):
    question = question_of("mentee-satisfaction", Question.Kind.SCALE)
    wave = wave_make("mentee-satisfaction")
    respond(invite(wave, consented(PersonFactory())), {question: 9})
    url = reverse("admin:surveys_question_change", args=[question.pk])
    client = client_for(curator)
    data = {**form_data(client.get(url)), "kind": Question.Kind.SHORT_TEXT, "is_satisfaction": ""}
    data.pop("is_satisfaction")
    response = client.post(url, data)
    assert "тип ответа менять нельзя" in page_text(response)
    question.refresh_from_db()
    assert question.kind == Question.Kind.SCALE


def test_curator_adds_a_choice_to_a_question(client_for, curator):
    question = question_of("mentee-satisfaction", Question.Kind.SINGLE)
    url = reverse("admin:surveys_question_change", args=[question.pk])
    client = client_for(curator)
    data = form_data(client.get(url))
    blank = int(data["choices-TOTAL_FORMS"]) - 1  # the empty row the page offers
    data[f"choices-{blank}-order"] = "5"
    data[f"choices-{blank}-text"] = "по необходимости"
    assert client.post(url, data).status_code == 302
    assert question.choices.filter(text="по необходимости").exists()
    assert Choice.objects.filter(question=question).count() == 5


def test_purpose_and_audience_fixed_once_a_wave_was_sent(client_for, curator):
    entry = questionnaire("entry-diagnostics")
    url = reverse("admin:surveys_questionnaire_change", args=[entry.pk])
    client = client_for(curator)
    assert 'name="audience"' in page_text(client.get(url))
    wave_make("entry-diagnostics")
    assert 'name="audience"' not in page_text(client.get(url))


# --- read-only lists -----------------------------------------------------------------------


def answered_wave(people: int = 1):
    wave = wave_make("mentee-satisfaction", title="Май")
    first = Person.objects.count()
    scale = question_of("mentee-satisfaction", Question.Kind.SCALE)
    several = question_of("mentee-satisfaction", Question.Kind.MULTIPLE)
    responses = [
        respond(
            invite(wave, consented(PersonFactory(last_name=f"Ответивший-{first + n}"))),
            {scale: 8, several: ["помощь в учёбе", "адаптация в коллективе"]},
        )
        for n in range(people)
    ]
    invite(wave, consented(PersonFactory(last_name=f"Молчащий-{first}")))
    return wave, responses


def test_wave_add_goes_to_the_wave_page(client_for, curator):
    response = client_for(curator).get(reverse("admin:surveys_wave_add"))
    assert response.status_code == 302 and response.url == reverse("surveys:wave-create")


def test_waves_invitations_responses_are_read_only(client_for, curator):
    wave, (response,) = answered_wave()
    client = client_for(curator)
    invitation = response.invitation
    for url in (
        reverse("admin:surveys_wave_change", args=[wave.pk]),
        reverse("admin:surveys_invitation_change", args=[invitation.pk]),
        reverse("admin:surveys_response_change", args=[response.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200 and 'name="_save"' not in page_text(page)
        assert client.post(url, {}).status_code == 403
    assert client.get(reverse("admin:surveys_invitation_add")).status_code == 403
    assert (
        client.get(reverse("admin:surveys_response_delete", args=[response.pk])).status_code == 403
    )
    # the token is the person's password to the survey: not on these pages
    page = client.get(reverse("admin:surveys_invitation_change", args=[invitation.pk]))
    assert invitation.token not in page_text(page)


def test_response_page_shows_the_answers(client_for, curator):
    _wave, (response,) = answered_wave()
    page = page_text(
        client_for(curator).get(reverse("admin:surveys_response_change", args=[response.pk]))
    )
    assert "Ответивший-0" in page
    assert "помощь в учёбе; адаптация в коллективе" in page


def test_invitation_list_filters_by_answer(client_for, curator):
    answered_wave()
    url = reverse("admin:surveys_invitation_changelist")
    page = page_text(client_for(curator).get(url, {"answered": "no"}))
    assert "Молчащий" in page and "Ответивший-0" not in page


@pytest.mark.parametrize("name", LISTS)
def test_survey_lists_queries_do_not_grow(client_for, curator, name):
    client = client_for(curator)

    def count(people: int) -> int:
        answered_wave(people)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    assert count(1) == count(4)


def test_questionnaire_page_queries_do_not_grow_with_choices(client_for, curator):
    client = client_for(curator)
    entry = questionnaire("mentee-satisfaction")
    url = reverse("admin:surveys_questionnaire_change", args=[entry.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    Question.objects.create(
        questionnaire=entry, order=99, text="Ещё выбор", kind=Question.Kind.SINGLE
    )
    assert count() == before


def test_wave_list_states_and_filter_as_on_the_wave_pages(client_for, curator):
    wave_make(title="Идущий опрос")
    wave_make(
        title="Будущий опрос",
        opened_on=TODAY + dt.timedelta(days=5),
        closes_on=TODAY + dt.timedelta(days=20),
    )
    url = reverse("admin:surveys_wave_changelist")
    client = client_for(curator)
    page = page_text(client.get(url))
    assert "идёт приём ответов" in page and "ещё не открыт" in page
    page = page_text(client.get(url, {"state": "open"}))
    assert "Идущий опрос" in page and "Будущий опрос" not in page
    page = page_text(client.get(url, {"state": "closed"}))
    assert "Будущий опрос" in page and "Идущий опрос" not in page


def test_wave_list_counts_links_and_answers_and_its_counts_read_the_waves_alone(
    client_for, curator
):
    """Each wave's links and answers (a sub-select per listed wave: lib.database
    rows_pointing_here); the list's own counts (the filtered one and the full one) read the
    waves' table alone, not its links and answers joined and grouped."""
    busy = wave_make(title="Опрос с ответами")
    for answered in (True, True, False):
        invitation = invite(busy, consented(PersonFactory()))
        if answered:
            respond(invitation, {})
    wave_make(title="Опрос без ссылок")
    url = reverse("admin:surveys_wave_changelist")
    client = client_for(curator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": "Опрос"})
    rows = response.context["cl"].result_list
    assert {(wave.title, wave.invited, wave.answered) for wave in rows} == {
        ("Опрос с ответами", 3, 2),
        ("Опрос без ссылок", 0, 0),
    }
    sqls = [q["sql"] for q in queries.captured_queries]
    list_counts = [sql for sql in sqls if sql.startswith("SELECT COUNT(*)") and "_wave" in sql]
    assert len(list_counts) == 2, sqls
    for sql in list_counts:
        assert "surveys_invitation" not in sql and "surveys_response" not in sql, sql


def test_questionnaire_list_counts_its_questions_and_waves(client_for, curator):
    entry = questionnaire("mentee-satisfaction")
    before = entry.questions.count()
    wave_make("mentee-satisfaction")
    wave_make("mentee-satisfaction")
    response = client_for(curator).get(reverse("admin:surveys_questionnaire_changelist"))
    (row,) = [q for q in response.context["cl"].result_list if q.pk == entry.pk]
    assert (row.questions_total, row.waves_total) == (before, 2)
    assert before > 0


def test_response_list_date_hierarchy_years_are_local_and_filtered(client_for, curator):
    """The years above the list (ResponseQuerySet.datetimes, a CASE over each year's
    bounds, not Django's row-by-row truncation): local years, only those of the listed
    responses, the same as Django's own truncation gives."""
    from django.utils import timezone

    from mentorship.surveys.models import Response

    wave = wave_make("mentee-satisfaction")
    moscow = timezone.get_current_timezone()
    # 01.01.2023 00:30 in Moscow is 31.12.2022 21:30 UTC: 2023, not 2022
    for moment, source in (
        (dt.datetime(2021, 6, 1, 12), "paper"),
        (dt.datetime(2023, 1, 1, 0, 30), "online"),
        (dt.datetime(2024, 12, 31, 23, 30), "online"),
    ):
        respond(
            invite(wave, consented(PersonFactory())),
            {},
            submitted_at=timezone.make_aware(moment, moscow),
            source=source,
        )
    online = Response.objects.filter(source="online")
    assert Response.objects.submitted_years() == [2021, 2023, 2024]
    assert online.submitted_years() == [2023, 2024]
    expected = list(online.order_by().values_list("submitted_at", flat=True))
    assert [d.year for d in online.datetimes("submitted_at", "year")] == sorted(
        timezone.localtime(d).year for d in expected
    )
    assert list(online.datetimes("submitted_at", "year")) == list(
        super(type(online), online).datetimes("submitted_at", "year")
    )
    page = page_text(
        client_for(curator).get(
            reverse("admin:surveys_response_changelist"), {"source__exact": "online"}
        )
    )
    assert "submitted_at__year=2023" in page and "submitted_at__year=2024" in page
    assert "submitted_at__year=2021" not in page and "submitted_at__year=2022" not in page


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("admin:surveys_response_changelist", "response"),
        ("admin:surveys_invitation_changelist", "invitation"),
    ],
)
@pytest.mark.parametrize("term", ["ёлкин", "ЕЛКИН  петр", "Пётр Сидор", "кин-"])
def test_person_search_on_survey_lists_finds_whom_the_people_search_finds(
    client_for, curator, name, model, term
):
    """The survey lists match the words on the joined person (person_search_joined): the
    same rows as the people's own search (every word, any case, ё = е)."""
    wave = wave_make("mentee-satisfaction")
    for last_name, first_name in (("Ёлкин", "Пётр"), ("Елкина", "Анна"), ("Сидоров", "Пётр")):
        who = consented(PersonFactory(last_name=last_name, first_name=first_name))
        respond(invite(wave, who), {})
    page = client_for(curator).get(reverse(name), {"q": term})
    found = {
        row.invitation.person if model == "response" else row.person
        for row in page.context["cl"].result_list
    }
    assert found == set(Person.objects.search(term).filter(invitations__wave=wave))


def test_response_first_and_last_and_years_as_the_plain_aggregate():
    """ResponseQuerySet walks the time index for the date hierarchy's first and last and
    for its years: the same as Django's aggregate and truncation, filtered through joins
    too, and nothing for no responses."""
    from django.db.models import Max, Min, QuerySet
    from django.utils import timezone

    from mentorship.surveys.models import Response

    both = {"first": Min("submitted_at"), "last": Max("submitted_at")}
    assert Response.objects.aggregate(**both) == {"first": None, "last": None}
    assert Response.objects.submitted_years() == []
    wave = wave_make("mentee-satisfaction")
    moscow = timezone.get_current_timezone()
    for moment, last_name in (
        (dt.datetime(2021, 6, 1, 12), "Ёлкин"),
        (dt.datetime(2023, 1, 1, 0, 30), "Сидоров"),
        (dt.datetime(2024, 12, 31, 23, 30), "Елкина"),
        (dt.datetime(2025, 3, 1, 9), "Сидорова"),
    ):
        respond(
            invite(wave, consented(PersonFactory(last_name=last_name))),
            {},
            submitted_at=timezone.make_aware(moment, moscow),
        )
    for listed in (
        Response.objects.all(),
        Response.objects.filter(invitation__person__name_key__contains="елкин"),
        Response.objects.filter(invitation__person__name_key__contains="сидор"),
        Response.objects.filter(invitation__person__name_key__contains="нет такого"),
    ):
        assert listed.aggregate(**both) == QuerySet.aggregate(listed, **both)
        moments = listed.order_by().values_list("submitted_at", flat=True)
        years = sorted({timezone.localtime(moment).year for moment in moments})
        assert listed.submitted_years() == years
    assert Response.objects.filter(
        invitation__person__name_key__contains="елкин"
    ).submitted_years() == [2021, 2024]


def test_invitation_list_shows_its_columns_from_one_narrow_query(client_for, curator):
    """The links' list reads only its columns (InvitationChangeList): a person's and an
    organisation's link, answered or not, with the wave and the pair, and no query per
    row for a deferred field."""
    from mentorship.surveys.models import Invitation
    from tests.factories import PartnerOrganisationFactory

    wave, (answered,) = answered_wave()
    partners = wave_make("partner", title="Партнёры")
    Invitation.objects.create(
        wave=partners,
        organisation=PartnerOrganisationFactory(name="АО «Разрез Северный»"),
        role=Invitation.Role.PARTNER,
    )
    pair = pair_create("teacher-student")
    mentee = pair.memberships.get().mentee.person
    invite(wave, mentee, pair=pair)
    client = client_for(curator)
    url = reverse("admin:surveys_invitation_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    shown = page_text(page)
    for text in (
        answered.invitation.person.full_name,
        mentee.full_name,
        "АО «Разрез Северный»",
        "Партнёры",
        "Май",
        f"№ {pair.pk}",
        'alt="True"',
        'alt="False"',
    ):
        assert text in shown
    for _ in range(3):
        invite(wave, consented(PersonFactory()), pair=pair)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(queries)
