"""A pair's life on one pair being formed and one at work, built once for the module (the
tests of test_services.py that need no other pairs around them build their own)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentorship.pairs import services
from mentorship.pairs.models import Meeting, Pair, PlanTask
from mentorship.people.models import MenteeProfile, MentorProfile
from tests.factories import pair_create
from tests.mentorship.pairs.test_services import TODAY, final_meeting
from tests.worlds import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_pairs(django_db_setup, django_db_blocker):
    """pair_create(activate=False) and pair_create(), once for the module inside a
    transaction rolled back at its end; each test's own transaction is a savepoint within
    it, so what a test does to them is gone before the next one."""
    with built_once(
        django_db_blocker, lambda: (pair_create(activate=False).pk, pair_create().pk)
    ) as pks:
        yield pks


@pytest.fixture
def forming_pair(shared_pairs, db):
    """The pair being formed, fresh from the database."""
    return Pair.objects.get(pk=shared_pairs[0])


@pytest.fixture
def active_pair(shared_pairs, db):
    """The pair at work, fresh from the database."""
    return Pair.objects.get(pk=shared_pairs[1])


def test_pair_create_starts_forming_and_puts_mentees_in_pair(forming_pair, curator):
    pair = forming_pair
    assert pair.status == Pair.Status.FORMING
    mentee = pair.mentees.get()
    assert mentee.status == MenteeProfile.Status.IN_PAIR
    change = pair.status_changes.get()
    assert (change.from_status, change.to_status) == ("", Pair.Status.FORMING)


def test_pair_activate_records_order_and_activates_mentor(forming_pair, curator):
    pair = forming_pair
    pair = services.pair_activate(
        pair=pair, on=TODAY, order_number="№ 287-о", order_date=TODAY, by=curator
    )
    assert pair.status == Pair.Status.ACTIVE and pair.order_number == "№ 287-о"
    assert pair.mentor.status == MentorProfile.Status.ACTIVE
    last = pair.status_changes.last()
    assert last.to_status == Pair.Status.ACTIVE and last.changed_by == curator


def test_pair_activate_refused_when_consent_was_withdrawn_since(forming_pair):
    pair = forming_pair
    mentee = pair.mentees.get()
    mentee.person.consents.update(withdrawn_on=TODAY)
    with pytest.raises(services.PairRuleError) as excinfo:
        services.pair_activate(pair=pair, on=TODAY)
    assert mentee.person.full_name in excinfo.value.messages[0]
    pair.refresh_from_db()
    assert pair.status == Pair.Status.FORMING


def test_pair_activate_still_cleans_the_fields_it_changes(forming_pair):
    pair = forming_pair
    with pytest.raises(ValidationError) as raised:
        services.pair_activate(pair=pair, on=TODAY, order_number="1" * 51)
    assert list(raised.value.message_dict) == ["order_number"]
    pair.refresh_from_db()
    assert pair.status == Pair.Status.FORMING


@pytest.mark.parametrize("action", ["pair-activate", "pair-finish", "pair-end-early"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("director", 403), ("mentor", 403), ("mentee", 403), ("curator", 200)],
)
def test_status_pages_only_for_curator(forming_pair, client_for, request, action, role, status):
    pair = forming_pair
    response = client_for(request.getfixturevalue(role)).get(
        reverse(f"pairs:{action}", args=[pair.pk])
    )
    assert response.status_code == status


def test_curator_activates_pair_through_the_page(forming_pair, client_for, curator):
    pair = forming_pair
    response = client_for(curator).post(
        reverse("pairs:pair-activate", args=[pair.pk]),
        {"on": TODAY.isoformat(), "order_number": "№ 12-о", "order_date": TODAY.isoformat()},
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE and pair.order_number == "№ 12-о"


def test_pair_finish_needs_final_meeting_and_summary(active_pair):
    pair = active_pair
    with pytest.raises(services.PairRuleError, match="итоговую встречу"):
        services.pair_finish(pair=pair, on=TODAY, result_summary="Всё получилось")
    final_meeting(pair)
    with pytest.raises(services.PairRuleError, match="итоги"):
        services.pair_finish(pair=pair, on=TODAY, result_summary="  ")
    pair = services.pair_finish(pair=pair, on=TODAY, result_summary="Сдал демоэкзамен на «5»")
    assert pair.status == Pair.Status.FINISHED and pair.end_date == TODAY
    assert not pair.memberships.filter(is_current=True).exists()
    assert pair.mentees.get().status == MenteeProfile.Status.FINISHED


def test_pair_end_early_needs_reason_and_frees_mentee_for_search(active_pair):
    pair = active_pair
    with pytest.raises(services.PairRuleError, match="причину"):
        services.pair_end_early(pair=pair, on=TODAY, reason="")
    pair = services.pair_end_early(pair=pair, on=TODAY, reason="Перевод в другую группу")
    assert pair.status == Pair.Status.ENDED_EARLY
    assert pair.mentees.get().status == MenteeProfile.Status.WAITING
    assert pair.status_changes.last().reason == "Перевод в другую группу"


def test_closed_pair_takes_no_meetings(active_pair):
    pair = active_pair
    services.pair_end_early(pair=pair, on=TODAY, reason="Отчисление наставляемого")
    with pytest.raises(services.PairRuleError, match="завершена"):
        final_meeting(pair)


def test_meeting_cannot_precede_the_pair(active_pair):
    pair = active_pair
    with pytest.raises(services.PairRuleError, match="раньше начала"):
        services.meeting_record(
            pair=pair,
            kind=Meeting.Kind.ACQUAINTANCE,
            date=pair.start_date - dt.timedelta(days=1),
            topic="Знакомство",
        )


def test_plan_progress_counts_done_tasks(active_pair):
    pair = active_pair
    plan = services.plan_save(pair=pair, goals="Адаптация в группе")
    done = PlanTask.objects.create(plan=plan, title="Знакомство с куратором", due_date=TODAY)
    PlanTask.objects.create(plan=plan, title="Олимпиада", due_date=TODAY)
    services.plan_task_mark(task=done, done=True, on=TODAY)
    annotated = Pair.objects.with_activity().get(pk=pair.pk)
    assert (annotated.task_done, annotated.task_total) == (1, 2)


def test_status_page_shows_rule_message_and_keeps_input(active_pair, client_for, curator):
    pair = active_pair
    response = client_for(curator).post(
        reverse("pairs:pair-finish", args=[pair.pk]),
        {"on": TODAY.isoformat(), "result_summary": "Итоги за год"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "итоговую встречу" in page and "Итоги за год" in page
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE


@pytest.mark.parametrize(
    ("action", "field"), [("pair-end-early", "reason"), ("pair-finish", "result_summary")]
)
def test_a_pair_cannot_end_before_it_began(active_pair, client_for, curator, action, field):
    """A Russian message on the page, not the database's constraint in English (or a 500)."""
    pair = active_pair
    final_meeting(pair, on=pair.start_date)
    day = pair.start_date - dt.timedelta(days=1)
    response = client_for(curator).post(
        reverse(f"pairs:{action}", args=[pair.pk]), {"on": day.isoformat(), field: "Перевод"}
    )
    assert response.status_code == 200
    assert (
        f"Пара № {pair.pk}: дата окончания {day:%d.%m.%Y} раньше начала работы пары "
        f"{pair.start_date:%d.%m.%Y}."
    ) in response.content.decode()
    pair.refresh_from_db()
    assert (pair.status, pair.end_date) == (Pair.Status.ACTIVE, None)
    with pytest.raises(services.PairRuleError, match="раньше начала"):
        services.pairs_end_early_many(ends=[(pair, day, "Выпуск")])


def test_pair_page_offers_the_next_steps(active_pair, client_for, curator, director):
    pair = active_pair
    url = reverse("admin:pairs_pair_change", args=[pair.pk])
    curator_page = client_for(curator).get(url).content.decode()
    assert "Завершить" in curator_page and "Прекратить досрочно" in curator_page
    assert "Составить план" in curator_page
    director_page = client_for(director).get(url).content.decode()
    assert "Завершить" not in director_page


def test_mentor_list_action_leads_to_the_appointment_order(active_pair, client_for, curator):
    pair = active_pair
    response = client_for(curator).post(
        reverse("admin:people_mentorprofile_changelist"),
        {"action": "order_mentors_pdf", "_selected_action": [pair.mentor.pk]},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("pairs:order-mentors"))
