"""The curator's matching pages: who may open them, the waiting list, suggestions, forming a
pair through the form, the whole-list proposal, and constant query counts."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.lib.dates import academic_year_end
from mentorship.pairs import matching
from mentorship.pairs.models import Pair
from mentorship.people.models import (
    Competency,
    MenteeProfile,
    MenteeRequest,
    MentoringForm,
    MentorProfile,
    RoleModel,
)
from tests.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
    consented,
    pair_create,
    pair_ready,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAGES = ["pairs:matching", "pairs:matching-proposal", "pairs:pair-create", "pairs:matching-mentee"]


def url_of(name: str) -> str:
    if name == "pairs:matching-mentee":
        return reverse(name, args=[MenteeProfileFactory().pk])
    return reverse(name)


def html(response) -> str:
    return response.content.decode()


def text(response) -> str:
    """The page as a reader sees it: tags out, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html(response)).split())


def request_topic(profile, name: str):
    MenteeRequest.objects.create(
        mentee=profile, topic=Competency.objects.get(name=name), raised_by="class_teacher"
    )


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_matching_pages_send_anonymous_to_login(client, name):
    response = client.get(url_of(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("role", "status"), [("director", 403), ("mentor", 403), ("mentee", 403), ("curator", 200)]
)
def test_matching_pages_only_for_curator(client_for, request, name, role, status):
    user = request.getfixturevalue(role)
    assert client_for(user).get(url_of(name)).status_code == status


def test_pair_create_director_post_forbidden_and_writes_nothing(client_for, director):
    mentor, mentees, form = pair_ready()
    response = client_for(director).post(
        f"{reverse('pairs:pair-create')}?form={form.code}",
        {
            "mentor": mentor.pk,
            "mentees": [mentees[0].pk],
            "start_date": TODAY.isoformat(),
            "planned_end_date": (TODAY + dt.timedelta(days=100)).isoformat(),
        },
    )
    assert response.status_code == 403
    assert not Pair.objects.exists()


# --- Waiting list ----------------------------------------------------------------------------


def test_waiting_list_shows_candidates_best_score_and_mentees_left_without_pair(
    client_for, curator
):
    mentor, mentees, form = pair_ready("teacher-student", mentees=1)
    waiting = mentees[0]
    request_topic(waiting, "Подготовка к демонстрационному экзамену")
    mentor.competencies.add(Competency.objects.get(name="Подготовка к демонстрационному экзамену"))
    employer_student = MentoringForm.objects.get(code="employer-student")
    lonely = MenteeProfileFactory(
        person=consented(PersonFactory(course=3, last_name="Одинокова")),
        desired_form=employer_student,
    )
    unconsented = MenteeProfileFactory(
        person=PersonFactory(last_name="Бессогласнов"), desired_form=form
    )
    response = client_for(curator).get(reverse("pairs:matching"))
    page = text(response)
    rows = {row.need.id: row for row in response.context["rows"]}
    assert rows[waiting.pk].candidates == 1
    assert rows[waiting.pk].best.mentor.id == mentor.pk
    assert str(rows[waiting.pk].best.total) in page
    assert rows[lonely.pk].candidates == 0
    assert "без пары — продолжить поиск и сопровождение" in page
    assert "Нет утверждённых наставников формы «Работодатель – студент»" in page
    assert rows[unconsented.pk].flags == ("нет согласия",)
    assert reverse("pairs:matching-mentee", args=[waiting.pk]) in html(response)


def test_waiting_list_leaves_out_mentees_in_pairs(client_for, curator):
    pair = pair_create()
    response = client_for(curator).get(reverse("pairs:matching"))
    assert pair.mentees.get().person.full_name not in text(response)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"form": "teacher-teacher"}, {"Педагогова"}),
        ({"course": "2"}, {"Второкурсников"}),
        ({"group": "ТМ-23-1"}, {"Второкурсников"}),
        ({"status": "no_pair"}, {"Педагогова"}),
        ({}, {"Первокурсникова", "Второкурсников", "Педагогова"}),
    ],
)
def test_waiting_list_filters(client_for, curator, params, expected):
    ts = MentoringForm.objects.get(code="teacher-student")
    tt = MentoringForm.objects.get(code="teacher-teacher")
    MenteeProfileFactory(
        person=PersonFactory(last_name="Первокурсникова", course=1), desired_form=ts
    )
    MenteeProfileFactory(
        person=PersonFactory(last_name="Второкурсников", course=2, study_group="ТМ-23-1"),
        desired_form=ts,
    )
    MenteeProfileFactory(
        person=PersonFactory(last_name="Педагогова", teacher=True),
        desired_form=tt,
        status=MenteeProfile.Status.NO_PAIR,
    )
    response = client_for(curator).get(reverse("pairs:matching"), params)
    shown = {row.need.name.split()[0] for row in response.context["rows"]}
    assert shown == expected


def _waiting_population(n: int):
    """n waiting mentees with requests, and mentors with forms, competencies, current pairs."""
    form = MentoringForm.objects.get(code="teacher-student")
    topics = list(Competency.objects.all()[:3])
    for i in range(n):
        mentor = MentorProfileFactory(person=consented(PersonFactory(teacher=True)), capacity=3)
        mentor.forms.add(form)
        mentor.competencies.add(*topics[: i % 3 + 1])
        mentee = MenteeProfileFactory(
            person=consented(PersonFactory(study_group=f"ГР-{i}")), desired_form=form
        )
        for topic in topics[: i % 2 + 1]:
            MenteeRequest.objects.create(mentee=mentee, topic=topic, raised_by="self")
    for _ in range(max(1, n // 3)):
        pair_create()


@pytest.mark.parametrize("name", ["pairs:matching", "pairs:matching-proposal"])
def test_waiting_list_and_proposal_queries_do_not_grow_with_the_list(client_for, curator, name):
    client = client_for(curator)
    _waiting_population(2)
    client.get(reverse(name))  # session, user, content types: warm
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(name)).status_code == 200
    _waiting_population(12)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(response.context["rows"]) >= 14
    assert len(small.captured_queries) == len(large.captured_queries)
    assert len(large.captured_queries) <= 16


def test_loaders_use_a_fixed_number_of_queries(django_assert_num_queries):
    _waiting_population(6)
    busy = pair_create().mentor  # capacity 5, one mentee
    with django_assert_num_queries(3):  # profiles + forms + competencies
        mentors = matching.mentor_candidates(on=TODAY)
    with django_assert_num_queries(3):  # profiles + requests + current memberships
        mentees = matching.mentee_needs(on=TODAY, queryset=MenteeProfile.objects.all())
    assert len(mentors) >= 6 and len(mentees) >= 6
    assert {m.id: m.capacity_left for m in mentors}[busy.pk] == 4


def test_mentee_needs_are_mentee_need_of_each_profile():
    """The loader reads values, not instances: the same records, in the same order."""
    _waiting_population(6)
    MenteeProfileFactory(person=PersonFactory(middle_name=""), desired_form=None)
    profiles = MenteeProfile.objects.all()
    expected = [
        matching.mentee_need(p, on=TODAY) for p in matching.mentee_queryset(profiles, on=TODAY)
    ]
    assert matching.mentee_needs(on=TODAY, queryset=profiles) == expected
    assert any(n.busy_forms for n in expected) and any(len(n.requests) > 1 for n in expected)
    assert any(n.desired_form is None for n in expected)


def test_waiting_list_paginates_by_fifty(client_for, curator):
    form = MentoringForm.objects.get(code="teacher-student")
    MenteeProfileFactory.create_batch(51, desired_form=form)
    client = client_for(curator)
    first = client.get(reverse("pairs:matching"))
    assert len(first.context["rows"]) == 50 and "Найдено: 51, страница 1 из 2" in text(first)
    second = client.get(reverse("pairs:matching"), {"page": 2})
    assert len(second.context["rows"]) == 1
    # The shared pager: numbered links that keep the other parameters, «Назад» on page 2.
    html = client.get(reverse("pairs:matching"), {"form": form.pk}).content.decode()
    assert f'href="?form={form.pk}&amp;page=2">2</a>' in html and ">Дальше</a>" in html
    assert ">Назад</a>" in second.content.decode()


# --- A mentee's suggestions ------------------------------------------------------------------


def test_mentee_suggestions_best_first_with_reasons_and_prefilled_link(client_for, curator):
    mentor, mentees, form = pair_ready("teacher-student")
    mentee = mentees[0]
    demo = Competency.objects.get(name="Подготовка к демонстрационному экзамену")
    request_topic(mentee, demo.name)
    mentor.competencies.add(demo)
    weaker = MentorProfileFactory(person=consented(PersonFactory(teacher=True)), capacity=1)
    response = client_for(curator).get(reverse("pairs:matching-mentee", args=[mentee.pk]))
    matches = [match for match, _ in response.context["rows"]]
    assert [m.mentor.id for m in matches] == [mentor.pk, weaker.pk]
    page = text(response)
    assert "Закрывает запрос: Подготовка к демонстрационному экзамену" in page
    assert "Форма подходит" in page and "Свободных мест: 5" in page
    link = urlparse(response.context["rows"][0][1])
    assert link.path == reverse("pairs:pair-create")
    assert parse_qs(link.query) == {
        "form": ["teacher-student"],
        "mentor": [str(mentor.pk)],
        "mentee": [str(mentee.pk)],
    }
    assert page.count("Сформировать пару") == 2


def test_mentee_without_possible_mentor_says_continue_search(client_for, curator):
    form = MentoringForm.objects.get(code="employer-student")
    mentee = MenteeProfileFactory(person=consented(PersonFactory(course=3)), desired_form=form)
    response = client_for(curator).get(reverse("pairs:matching-mentee", args=[mentee.pk]))
    page = text(response)
    assert "Без пары — продолжить поиск и сопровождение." in page
    assert "нет утверждённых наставников формы «Работодатель – студент»" in page


def test_mentee_suggestions_can_look_in_another_fitting_form(client_for, curator):
    mentor, mentees, _ = pair_ready("employer-student")  # mentee on 3 course
    mentee = mentees[0]
    url = reverse("pairs:matching-mentee", args=[mentee.pk])
    response = client_for(curator).get(url, {"form": "teacher-student"})
    assert response.context["rows"] == []
    assert {f.code for f in response.context["fitting_forms"]} == {
        "teacher-student",
        "employer-student",
    }


# --- Forming a pair through the form ---------------------------------------------------------


def test_pair_create_asks_for_the_form_first_preselecting_the_mentees_wish(client_for, curator):
    _, mentees, form = pair_ready("teacher-teacher")
    response = client_for(curator).get(reverse("pairs:pair-create"), {"mentee": mentees[0].pk})
    chooser = response.context["chooser"]
    assert chooser.initial["form"] == "teacher-teacher"
    assert f'name="mentee" value="{mentees[0].pk}"' in html(response)


def test_pair_create_prefills_from_the_link_and_limits_the_lists(client_for, curator):
    mentor, mentees, form = pair_ready("teacher-student")
    candidate = MentorProfileFactory(status=MentorProfile.Status.CANDIDATE)
    student_mentor = MentorProfileFactory(person=PersonFactory(course=4))
    in_pair = pair_create().mentees.get()
    response = client_for(curator).get(
        reverse("pairs:pair-create"),
        {"form": form.code, "mentor": mentor.pk, "mentee": mentees[0].pk},
    )
    form_obj = response.context["form"]
    assert form_obj.initial["mentor"] == mentor.pk and form_obj.initial["mentees"] == [
        mentees[0].pk
    ]
    assert form_obj.initial["planned_end_date"] == academic_year_end(TODAY)
    mentors = set(form_obj.fields["mentor"].queryset)
    assert mentor in mentors and candidate not in mentors and student_mentor not in mentors
    offered_mentees = set(form_obj.fields["mentees"].queryset)
    assert mentees[0] in offered_mentees and in_pair not in offered_mentees
    assert set(form_obj.fields["role_model"].queryset) == set(RoleModel.objects.filter(form=form))
    assert f'<option value="{mentor.pk}" selected>' in html(response)
    assert "свободно 5 из 5" in html(response)


def _post_data(mentor, mentees, **extra):
    return {
        "mentor": mentor.pk,
        "mentees": [m.pk for m in mentees],
        "start_date": TODAY.isoformat(),
        "planned_end_date": academic_year_end(TODAY).isoformat(),
        "order_number": "№ 45-о",
        "order_date": TODAY.isoformat(),
        **extra,
    }


def test_pair_create_forms_a_group_and_goes_to_its_admin_page(client_for, curator):
    mentor, mentees, form = pair_ready("teacher-student", mentees=2)
    role_model = RoleModel.objects.filter(form=form).first()
    response = client_for(curator).post(
        f"{reverse('pairs:pair-create')}?form={form.code}",
        _post_data(mentor, mentees, role_model=role_model.pk),
        follow=True,
    )
    pair = Pair.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:pairs_pair_change", args=[pair.pk])
    assert set(pair.mentees.all()) == set(mentees)
    assert (pair.mentor, pair.form, pair.role_model) == (mentor, form, role_model)
    assert pair.order_number == "№ 45-о" and pair.planned_end_date == academic_year_end(TODAY)
    assert pair.status_changes.get().changed_by == curator
    assert f"Группа № {pair.pk} сформирована" in text(response)


def test_pair_create_refused_shows_the_rule_and_keeps_input(client_for, curator):
    mentor, _, form = pair_ready("teacher-student")
    bare = MenteeProfileFactory(person=PersonFactory(last_name="Несогласнова"), desired_form=form)
    response = client_for(curator).post(
        f"{reverse('pairs:pair-create')}?form={form.code}&mentee={bare.pk}",
        _post_data(mentor, [bare]),
    )
    assert response.status_code == 200
    page = text(response)
    assert f"Согласие: у {bare.person.full_name}" in page
    assert 'value="№ 45-о"' in html(response)
    assert f'<option value="{bare.pk}" selected>' in html(response)
    assert not Pair.objects.exists()


def test_pair_create_planned_end_must_follow_start(client_for, curator):
    mentor, mentees, form = pair_ready()
    response = client_for(curator).post(
        f"{reverse('pairs:pair-create')}?form={form.code}",
        _post_data(mentor, mentees, planned_end_date=TODAY.isoformat()),
    )
    assert "Плановая дата окончания должна быть позже даты начала." in text(response)
    assert not Pair.objects.exists()


# --- The whole-list proposal ------------------------------------------------------------------


def test_proposal_lists_pairs_and_mentees_left_without(client_for, curator):
    mentor, mentees, form = pair_ready("teacher-student", mentees=2)
    MentorProfile.objects.filter(pk=mentor.pk).update(capacity=1)
    response = client_for(curator).get(reverse("pairs:matching-proposal"))
    rows = response.context["rows"]
    assert len(rows) == 1 and rows[0].match.mentor.id == mentor.pk
    unmatched = response.context["unmatched"]
    assert len(unmatched) == 1
    page = text(response)
    assert "Без пары — продолжить поиск и сопровождение" in page
    assert "Свободные места подходящих наставников заняты другими в этом предложении" in page


def test_proposal_accept_one_row_creates_that_pair(client_for, curator):
    mentor, mentees, form = pair_ready("teacher-student", mentees=2)
    client = client_for(curator)
    rows = client.get(reverse("pairs:matching-proposal")).context["rows"]
    assert len(rows) == 2
    response = client.post(
        reverse("pairs:matching-proposal"),
        {
            "one": rows[0].key,
            "start_date": TODAY.isoformat(),
            "planned_end_date": academic_year_end(TODAY).isoformat(),
        },
        follow=True,
    )
    pair = Pair.objects.get()
    assert pair.mentees.get().pk == rows[0].match.mentee.id
    assert "Сформировано пар: 1" in text(response)
    assert [r.match.mentee.id for r in response.context["rows"]] == [rows[1].match.mentee.id]


def test_proposal_accept_checked_rows_each_on_its_own(client_for, curator):
    mentor, mentees, form = pair_ready("teacher-student", mentees=2)
    MentorProfile.objects.filter(pk=mentor.pk).update(capacity=1)
    # Rows a stale page could post: two pairs for a mentor with one place.
    keys = [f"{m.pk}:{mentor.pk}:{form.code}" for m in mentees]
    response = client_for(curator).post(
        f"{reverse('pairs:matching-proposal')}?form={form.code}",
        {
            "row": keys,
            "start_date": TODAY.isoformat(),
            "planned_end_date": academic_year_end(TODAY).isoformat(),
            "order_number": "№ 7-о",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith(f"?form={form.code}")
    pair = Pair.objects.get()
    assert pair.mentees.get() == mentees[0] and pair.order_number == "№ 7-о"
    page = text(response)
    assert "Сформировано пар: 1" in page
    assert (
        f"Пара «{mentor.person.full_name} — {mentees[1].person.full_name}» не сформирована." in page
    )
    assert "Нагрузка:" in page


def test_proposal_post_without_rows_creates_nothing(client_for, curator):
    pair_ready()
    response = client_for(curator).post(
        reverse("pairs:matching-proposal"),
        {"start_date": TODAY.isoformat(), "planned_end_date": academic_year_end(TODAY).isoformat()},
        follow=True,
    )
    assert "Отметьте пары, которые нужно сформировать." in text(response)
    assert not Pair.objects.exists()


def test_proposal_reject_offers_the_next_mentor(client_for, curator):
    mentor, mentees, form = pair_ready("teacher-student")
    other = MentorProfileFactory(person=consented(PersonFactory(teacher=True)), capacity=2)
    client = client_for(curator)
    first = client.get(reverse("pairs:matching-proposal")).context["rows"][0]
    assert first.match.mentor.id == mentor.pk  # declared the form: scores higher
    again = client.get(reverse("pairs:matching-proposal") + first.reject_url)
    assert [r.match.mentor.id for r in again.context["rows"]] == [other.pk]
    assert "Отклонено предложений: 1" in text(again)
    assert not Pair.objects.exists()


# The waiting list's loop as its template wrote it before the rows were made in Python
# (views.matching.waiting_rows_html): the same text for the same rows.
OLD_WAITING_LOOP = """{% load matching_marks %}{% for row in rows %}
  <tr{% if row.without_mentor %} class="table-warning"{% endif %}>
    <td>
      {% url 'pairs:matching-mentee' row.need.id as mentee_url %}<a href="{{ mentee_url }}">{{ row.need.name }}</a>
      <div class="small text-muted">{{ row.status_label }}</div>
      <div class="small text-muted d-md-none">{% if row.need.study_group %}{{ row.need.study_group }} · {% endif %}{% if row.need.course %}{{ row.need.course }} курс · {% endif %}{{ row.desired_form_name|default:"форма не выбрана" }}</div>
      {% for flag in row.flags %}<span class="badge text-bg-danger">{{ flag }}</span>{% endfor %}
    </td>
    <td class="d-none d-md-table-cell">{{ row.need.study_group|default:"—" }}{% if row.need.course %}, {{ row.need.course }} курс{% endif %}</td>
    <td class="d-none d-md-table-cell">{{ row.desired_form_name|default:"не выбрана" }}</td>
    <td class="text-center">{{ row.candidates }}</td>
    <td>
      {% if row.best %}{% score_bar row.best.total %}
        <div class="small text-muted">{{ row.best.mentor.name }}</div>
      {% else %}
        <span class="badge text-bg-warning text-wrap text-start">без пары — продолжить поиск и сопровождение</span>
        <div class="small">{{ row.unmatched_reason|capfirst }}</div>
      {% endif %}
    </td>
    <td class="text-end d-none d-sm-table-cell"><a class="btn btn-outline-primary btn-sm" href="{{ mentee_url }}">Подобрать</a></td>
  </tr>
  {% endfor %}"""  # noqa: E501


def test_waiting_rows_html_is_what_the_template_wrote(client_for, curator):
    """Hostile names, a mentee without consent (a flag), one with no mentor (a reason), one
    with (a score and a name), with and without a group, a course and a form."""
    from django.template import Context, Template

    mentor, mentees, form = pair_ready("teacher-student", mentees=2)
    type(mentor.person).objects.filter(pk=mentor.person_id).update(last_name="<i>Учитель</i>")
    type(mentees[0].person).objects.filter(pk=mentees[0].person_id).update(
        last_name='<b>О\'Нил</b>', study_group="", course=None
    )
    type(mentees[1].person).objects.filter(pk=mentees[1].person_id).update(
        last_name='Смит & "Сыновья"', study_group="<ИС-21>"
    )
    MenteeProfile.objects.filter(pk=mentees[1].pk).update(desired_form=None)
    lonely = MenteeProfileFactory(person=PersonFactory(last_name="Без&согласия", teacher=True))
    lonely.person.consents.all().delete()
    response = client_for(curator).get(reverse("pairs:matching"))
    rows = response.context["rows"]
    assert any(row.best for row in rows) and any(not row.best for row in rows)
    assert any(row.flags for row in rows)
    old = Template(OLD_WAITING_LOOP).render(Context({"rows": rows}))
    assert response.context["rows_html"] == old
    page = html(response)
    assert old in page
    assert "<b>" not in page and "<i>Учитель" not in page


# The proposal's loops as its template wrote them before the rows were made in Python
# (views.matching.proposal_rows_html / unmatched_rows_html): the same text for the same rows.
OLD_PROPOSAL_LOOP = """{% load matching_marks %}{% for row in rows %}
    <tr>
      <td><input class="form-check-input" type="checkbox" name="row" value="{{ row.key }}" aria-label="Отметить пару {{ row.match.mentee.name }}"></td>
      <td>{{ row.match.mentee.name }}<div class="small text-muted">{{ row.match.form.name }}</div></td>
      <td>{{ row.match.mentor.name }}</td>
      <td>{% score_bar row.match.total %}</td>
      <td>{% reason_list row.match.reasons %}</td>
      <td class="text-end text-nowrap">
        <button type="submit" name="one" value="{{ row.key }}" class="btn btn-success btn-sm">Принять</button>
        <a class="btn btn-outline-secondary btn-sm" href="{{ row.change_url }}">Изменить</a>
        <a class="btn btn-outline-danger btn-sm" href="{{ row.reject_url }}">Отклонить</a>
      </td>
    </tr>
    {% endfor %}"""  # noqa: E501
OLD_UNMATCHED_LOOP = """{% for item in unmatched %}
  <tr class="table-warning">
    <td>{{ item.mentee.name }}{% if not item.mentee.consent_ok %} <span class="badge text-bg-danger">нет согласия</span>{% endif %}</td>
    <td>{{ item.reason|capfirst }}</td>
    <td class="text-end"><a class="btn btn-outline-primary btn-sm" href="{% url 'pairs:matching-mentee' item.mentee.id %}">Подобрать</a></td>
  </tr>
  {% endfor %}"""  # noqa: E501


def test_proposal_rows_html_is_what_the_template_wrote(client_for, curator):
    from django.template import Context, Template

    mentor, mentees, form = pair_ready("teacher-student", mentees=3)
    MentorProfile.objects.filter(pk=mentor.pk).update(capacity=2)
    hostile = ['<b>О\'Нил</b>', 'Смит & "Сыновья"', "Ёлкин{{ x }}%s"]
    for profile, last_name in zip(mentees, hostile, strict=True):
        type(profile.person).objects.filter(pk=profile.person_id).update(last_name=last_name)
    type(mentor.person).objects.filter(pk=mentor.person_id).update(last_name="<i>Учитель</i>")
    without_consent = MenteeProfileFactory(person=PersonFactory(last_name="Без&согласия"))
    without_consent.person.consents.all().delete()
    client = client_for(curator)
    first = client.get(reverse("pairs:matching-proposal")).context["rows"][0]
    # A rejection kept in the addresses: their "&" is escaped as the template escaped it.
    response = client.get(reverse("pairs:matching-proposal") + first.reject_url)
    context = response.context
    assert context["rows"] and len(context["unmatched"]) >= 2
    assert any(not item.mentee.consent_ok for item in context["unmatched"])
    rows = Template(OLD_PROPOSAL_LOOP).render(Context({"rows": context["rows"]}))
    assert context["rows_html"] == rows
    unmatched = Template(OLD_UNMATCHED_LOOP).render(Context({"unmatched": context["unmatched"]}))
    assert context["unmatched_html"] == unmatched
    page = html(response)
    assert rows in page and unmatched in page
    assert "<b>" not in page and "<i>Учитель" not in page
