"""The cabinet: a mentor or mentee reaches only their own pairs; someone else's pair, task
or meeting is 404; office roles do not use it (403)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from mentorship.pairs import services
from mentorship.pairs.models import Meeting, PlanTask
from tests.factories import UserFactory, pair_create, pair_ready
from tests.worlds import built_once

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def login_for(person, role, username):
    user = UserFactory(username=username, role=role)
    person.user = user
    person.save()
    return user


def plan_with_tasks(pair, mentees):
    plan = services.plan_save(pair=pair, goals="Освоить профессию горнорабочего")
    shared = PlanTask.objects.create(plan=plan, title="Экскурсия на шахту", due_date=TODAY)
    own = [
        PlanTask.objects.create(
            plan=plan, title=f"Реферат {n}", due_date=TODAY + dt.timedelta(days=10), mentee=m
        )
        for n, m in enumerate(mentees, start=1)
    ]
    return shared, own


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """world_make once for the module, inside a transaction rolled back at its end; each
    test's own transaction is a savepoint within it, so what a test writes (a marked task,
    a meeting, a pair ended early) is gone before the next one."""
    with built_once(django_db_blocker, world_make) as world:
        yield world


def fresh(value):
    """The value's rows as the database has them now: a test that changes an instance (a
    pair ended, a task refreshed) leaves the next test no stale copy."""
    if isinstance(value, list):
        return [fresh(item) for item in value]
    return type(value).objects.get(pk=value.pk)


@pytest.fixture
def world(shared_world, db):
    return {key: fresh(value) for key, value in shared_world.items()}


def world_make():
    """Group A (mentor + two mentees, all with logins) and pair B (its mentor has a login)."""
    a = pair_create(mentees=2)
    b = pair_create()
    a_mentees = list(a.mentees.select_related("person").order_by("pk"))
    b_mentee = b.mentees.get()
    a_shared, a_own = plan_with_tasks(a, a_mentees)
    b_shared, b_own = plan_with_tasks(b, [b_mentee])
    a_meeting = services.meeting_record(
        pair=a,
        kind=Meeting.Kind.ACQUAINTANCE,
        date=a.start_date,
        topic="Знакомство группы А",
        notes="Договорились о графике",
    )
    b_meeting = services.meeting_record(
        pair=b,
        kind=Meeting.Kind.ACQUAINTANCE,
        date=b.start_date,
        topic="Секрет пары Б",
        notes="Личное пары Б",
    )
    return {
        "a": a,
        "b": b,
        "a_mentees": a_mentees,
        "b_mentee": b_mentee,
        "mentor_a": login_for(a.mentor.person, Role.MENTOR, "mentor_a"),
        "mentee_a1": login_for(a_mentees[0].person, Role.MENTEE, "mentee_a1"),
        "mentee_a2": login_for(a_mentees[1].person, Role.MENTEE, "mentee_a2"),
        "mentor_b": login_for(b.mentor.person, Role.MENTOR, "mentor_b"),
        "a_shared": a_shared,
        "a_own": a_own,
        "b_shared": b_shared,
        "b_own": b_own,
        "a_meeting": a_meeting,
        "b_meeting": b_meeting,
    }


def pair_url(pair):
    return reverse("cabinet:pair", args=[pair.pk])


def mark_url(pair, task):
    return reverse("cabinet:task-mark", args=[pair.pk, task.pk])


def meeting_url(pair, meeting):
    return reverse("cabinet:meeting", args=[pair.pk, meeting.pk])


def meeting_post(**overrides):
    data = {
        "kind": Meeting.Kind.REGULAR,
        "date": TODAY.isoformat(),
        "format": Meeting.Format.IN_PERSON,
        "topic": "Разбор практики",
        "notes": "",
    }
    data.update(overrides)
    return data


# --- who may use the cabinet --------------------------------------------------------------


def test_anonymous_goes_to_login_from_every_cabinet_url(client, world):
    a = world["a"]
    urls = [
        reverse("cabinet:pairs"),
        pair_url(a),
        meeting_url(a, world["a_meeting"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.post(mark_url(a, world["a_shared"]), {"done": "1"})
    assert response.status_code == 302
    assert not PlanTask.objects.get(pk=world["a_shared"].pk).done


@pytest.mark.parametrize("role", ["curator", "director", "administrator", "outsider"])
def test_office_roles_and_outsiders_get_403(request, client_for, world, role):
    client = client_for(request.getfixturevalue(role))
    a = world["a"]
    assert client.get(reverse("cabinet:pairs")).status_code == 403
    assert client.get(pair_url(a)).status_code == 403
    assert client.get(meeting_url(a, world["a_meeting"])).status_code == 403
    assert client.post(pair_url(a), meeting_post()).status_code == 403
    assert client.post(mark_url(a, world["a_shared"]), {"done": "1"}).status_code == 403
    assert a.meetings.count() == 1
    assert not PlanTask.objects.get(pk=world["a_shared"].pk).done


def test_revoked_role_closes_the_cabinet_on_the_next_request(client_for, world):
    user = world["mentor_a"]
    client = client_for(user)
    assert client.get(pair_url(world["a"])).status_code == 200
    user.groups.clear()
    assert client.get(pair_url(world["a"])).status_code == 403


def test_navigation_offers_my_pairs_to_participants_only(client_for, world, curator):
    assert "Мои пары" in client_for(world["mentee_a1"]).get(reverse("home")).content.decode()
    assert "Мои пары" not in client_for(curator).get(reverse("home")).content.decode()


# --- the mentor ------------------------------------------------------------------------------


def test_mentor_lists_own_pairs_only(client_for, world):
    html = client_for(world["mentor_a"]).get(reverse("cabinet:pairs")).content.decode()
    a, b = world["a"], world["b"]
    assert pair_url(a) in html and pair_url(b) not in html
    for mentee in world["a_mentees"]:
        assert mentee.person.full_name in html
    assert world["b_mentee"].person.full_name not in html
    assert "выполнено 0 из 3 (0&nbsp;%)" in html
    assert f"{a.start_date:%d.%m.%Y}" in html  # the last meeting


def test_mentor_sees_plan_and_meetings_of_own_pair(client_for, world):
    html = client_for(world["mentor_a"]).get(pair_url(world["a"])).content.decode()
    assert "Освоить профессию горнорабочего" in html
    assert "Экскурсия на шахту" in html and "Реферат 2" in html
    assert "Знакомство группы А" in html and "Записать встречу" in html
    assert "Секрет пары Б" not in html
    assert html.count("Отметить выполненной") == 3  # every task of the pair


def test_mentor_gets_404_for_another_pair_its_tasks_and_meetings(client_for, world):
    client = client_for(world["mentor_a"])
    a, b = world["a"], world["b"]
    assert client.get(pair_url(b)).status_code == 404
    assert client.post(pair_url(b), meeting_post()).status_code == 404
    assert client.get(meeting_url(b, world["b_meeting"])).status_code == 404
    assert client.get(meeting_url(a, world["b_meeting"])).status_code == 404  # forged pair id
    for url in (mark_url(b, world["b_shared"]), mark_url(a, world["b_own"][0])):
        assert client.post(url, {"done": "1"}).status_code == 404
    assert not PlanTask.objects.filter(plan__pair=b, done=True).exists()
    assert b.meetings.count() == 1
    assert client.get(reverse("cabinet:pair", args=[99999])).status_code == 404


def test_mentor_marks_any_task_of_the_pair_and_unmarks_it(client_for, world):
    client = client_for(world["mentor_a"])
    a = world["a"]
    for task in (world["a_shared"], world["a_own"][1]):
        response = client.post(mark_url(a, task), {"done": "1"})
        assert response.status_code == 302
        task.refresh_from_db()
        assert task.done and task.done_on == TODAY
    client.post(mark_url(a, world["a_shared"]), {"done": "0"})
    world["a_shared"].refresh_from_db()
    assert not world["a_shared"].done and world["a_shared"].done_on is None
    page = client.get(pair_url(a)).content.decode()
    assert "Выполнено 1 из 3 задач (33&nbsp;%)" in page


def test_mentor_records_a_meeting_with_attendees(client_for, world):
    a = world["a"]
    first, second = world["a_mentees"]
    response = client_for(world["mentor_a"]).post(
        pair_url(a), meeting_post(attendees=[first.pk], notes="Обсудили отчёт"), follow=True
    )
    assert response.redirect_chain[-1][0] == pair_url(a) + "#meetings"
    html = response.content.decode()
    assert "Встреча записана." in html and "Разбор практики" in html
    meeting = a.meetings.get(topic="Разбор практики")
    assert meeting.kind == Meeting.Kind.REGULAR and meeting.date == TODAY
    assert list(meeting.attendees.all()) == [first]
    assert meeting.created_by == world["mentor_a"]


def test_forged_attendee_from_another_pair_is_refused(client_for, world):
    a = world["a"]
    stranger = world["b_mentee"]
    before = Meeting.objects.count()
    response = client_for(world["mentor_a"]).post(
        pair_url(a), meeting_post(attendees=[world["a_mentees"][0].pk, stranger.pk])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["attendees"]
    assert Meeting.objects.count() == before


def test_rule_error_is_shown_in_russian_and_input_kept(client_for, world):
    a = world["a"]
    early = a.start_date - dt.timedelta(days=3)
    response = client_for(world["mentor_a"]).post(
        pair_url(a), meeting_post(date=early.isoformat(), topic="Слишком ранняя встреча")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Встреча не может быть раньше начала работы пары" in html
    assert 'value="Слишком ранняя встреча"' in html
    assert '<details class="card mb-3" open>' in html
    assert not a.meetings.filter(topic="Слишком ранняя встреча").exists()


def test_meeting_in_the_future_is_refused(client_for, world):
    a = world["a"]
    tomorrow = TODAY + dt.timedelta(days=1)
    response = client_for(world["mentor_a"]).post(
        pair_url(a), meeting_post(date=tomorrow.isoformat())
    )
    assert "Дата встречи ещё не наступила" in response.content.decode()
    assert a.meetings.count() == 1


def test_closed_pair_is_read_only(client_for, world):
    a = world["a"]
    services.pair_end_early(pair=a, on=TODAY, reason="Перевод наставника")
    client = client_for(world["mentor_a"])
    html = client.get(pair_url(a)).content.decode()
    assert "только для просмотра" in html
    assert "Записать встречу" not in html and "Отметить выполненной" not in html
    response = client.post(pair_url(a), meeting_post(), follow=True)
    assert "только для просмотра" in response.content.decode()
    assert client.post(mark_url(a, world["a_shared"]), {"done": "1"}).status_code == 302
    assert a.meetings.count() == 1
    assert not PlanTask.objects.get(pk=world["a_shared"].pk).done
    assert pair_url(a) in client.get(reverse("cabinet:pairs")).content.decode()  # still listed


# --- the mentee -------------------------------------------------------------------------------


def test_mentee_sees_own_pair_plan_and_meetings(client_for, world):
    client = client_for(world["mentee_a1"])
    listing = client.get(reverse("cabinet:pairs")).content.decode()
    assert pair_url(world["a"]) in listing and pair_url(world["b"]) not in listing
    assert world["a"].mentor.person.full_name in listing
    html = client.get(pair_url(world["a"])).content.decode()
    assert "Экскурсия на шахту" in html and "Знакомство группы А" in html
    assert "Записать встречу" not in html
    assert html.count("Отметить выполненной") == 1  # only their own task
    meeting = client.get(meeting_url(world["a"], world["a_meeting"])).content.decode()
    assert "Договорились о графике" in meeting


def test_mentee_marks_own_task(client_for, world):
    own = world["a_own"][0]
    response = client_for(world["mentee_a1"]).post(mark_url(world["a"], own), {"done": "1"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.done and own.done_on == TODAY


def test_mentee_gets_404_for_tasks_not_their_own(client_for, world):
    client = client_for(world["mentee_a1"])
    a, b = world["a"], world["b"]
    others = [
        (a, world["a_own"][1]),  # the other group member's task
        (a, world["a_shared"]),  # the pair's task: the mentor marks it
        (b, world["b_own"][0]),
        (a, world["b_own"][0]),
    ]
    for pair, task in others:
        assert client.post(mark_url(pair, task), {"done": "1"}).status_code == 404
    assert not PlanTask.objects.filter(done=True).exists()


def test_mentee_cannot_record_meetings(client_for, world):
    a = world["a"]
    response = client_for(world["mentee_a1"]).post(pair_url(a), meeting_post())
    assert response.status_code == 403
    assert a.meetings.count() == 1


def test_mentee_gets_404_for_another_pair(client_for, world):
    client = client_for(world["mentee_a1"])
    b = world["b"]
    assert client.get(pair_url(b)).status_code == 404
    assert client.get(meeting_url(b, world["b_meeting"])).status_code == 404


def test_participant_without_pairs_sees_an_empty_cabinet(client_for, mentee):
    html = client_for(mentee).get(reverse("cabinet:pairs")).content.decode()
    assert "Вас пока не включили ни в одну пару" in html


def test_home_lists_current_pairs_with_links(client_for, world):
    html = client_for(world["mentee_a2"]).get(reverse("home")).content.decode()
    assert "Мои пары и группы" in html and pair_url(world["a"]) in html
    assert "Я — наставляемый" in html
    services.pair_end_early(pair=world["a"], on=TODAY, reason="Отчисление")
    html = client_for(world["mentee_a2"]).get(reverse("home")).content.decode()
    assert pair_url(world["a"]) not in html
    assert "Сейчас вы не состоите ни в одной паре" in html


# --- queries -----------------------------------------------------------------------------------


def test_pair_list_runs_a_fixed_number_of_queries(client_for, db):
    mentor, mentees, form = pair_ready(mentees=4)
    user = login_for(mentor.person, Role.MENTOR, "busy_mentor")
    client = client_for(user)

    def add_pair(mentee):
        pair = services.pair_create(
            mentor=mentor,
            mentees=[mentee],
            form=form,
            start_date=TODAY - dt.timedelta(days=30),
            planned_end_date=TODAY + dt.timedelta(days=200),
        )
        plan_with_tasks(pair, [mentee])
        services.meeting_record(
            pair=pair, kind=Meeting.Kind.ACQUAINTANCE, date=TODAY, topic="Старт"
        )

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add_pair(mentees[0])
    one = {url: count(url) for url in (reverse("cabinet:pairs"), reverse("home"))}
    for mentee in mentees[1:]:
        add_pair(mentee)
    four = {url: count(url) for url in (reverse("cabinet:pairs"), reverse("home"))}
    assert four == one
    assert "Открыть пару" in client.get(reverse("cabinet:pairs")).content.decode()
