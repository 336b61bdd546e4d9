"""A pair's life: forming → active (order) → finished or ended early, with its history."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.pairs import services
from mentorship.pairs.models import Meeting, Pair
from mentorship.people.models import College, MenteeProfile, MentorProfile
from tests.factories import pair_create, pair_ready

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def final_meeting(pair, on=None):
    return services.meeting_record(
        pair=pair, kind=Meeting.Kind.FINAL, date=on or TODAY, topic="Подведение итогов"
    )


@pytest.mark.parametrize("mentees", [1, 3])
def test_pair_create_and_activate_cost_the_same_whatever_the_mentees(
    django_assert_num_queries, mentees
):
    """Consents read in one query for all members, the mentees' memberships in one, their new
    statuses written in one update (and one insert of their history rows), the pair's four
    check constraints in one query, the locked pair's unchanged mentor and form not looked
    up again: 31 → 20 statements for one mentee, 41 → 20 for three (create); 31 → 17 and
    37 → 17 (activate)."""
    mentor, profiles, form = pair_ready(mentees=mentees)
    start = TODAY - dt.timedelta(days=60)
    with django_assert_num_queries(20):
        pair = services.pair_create(
            mentor=mentor,
            mentees=profiles,
            form=form,
            start_date=start,
            planned_end_date=start + dt.timedelta(days=270),
        )
    with django_assert_num_queries(17):
        services.pair_activate(pair=pair, on=start, order_number="12-о", order_date=start)
    for mentee in profiles:
        mentee.refresh_from_db()
        assert mentee.status == MenteeProfile.Status.IN_PAIR
        # Their history as save() wrote it: one «~» record with the new status.
        assert [(r.history_type, r.status) for r in mentee.history.order_by("history_id")] == [
            ("+", MenteeProfile.Status.WAITING),
            ("~", MenteeProfile.Status.IN_PAIR),
        ]
    mentor.refresh_from_db()
    assert mentor.status == MentorProfile.Status.ACTIVE


def test_pair_create_puts_back_in_pair_a_mentee_whose_last_pair_ended_early():
    """The statuses read for all mentees at once follow each one's own latest membership."""
    ended = pair_create()
    again = ended.mentees.get()
    services.pair_end_early(pair=ended, on=TODAY, reason="Перевод в другую группу")
    again.refresh_from_db()
    assert again.status == MenteeProfile.Status.WAITING
    mentor, profiles, form = pair_ready(mentees=2)
    pair = services.pair_create(
        mentor=mentor,
        mentees=[again, *profiles],
        form=form,
        start_date=TODAY,
        planned_end_date=TODAY + dt.timedelta(days=270),
    )
    for mentee in pair.mentees.all():
        assert mentee.status == MenteeProfile.Status.IN_PAIR
    mentor.refresh_from_db()
    assert mentor.status == MentorProfile.Status.APPROVED  # a forming pair is no active one


def test_pairs_end_early_many_does_what_pair_end_early_does_for_each(curator):
    single = pair_create()
    group = pair_create("teacher-student", mentees=2)
    stays, leaves = group.mentees.order_by("pk")
    ended = services.pairs_end_early_many(
        ends=[(single, TODAY, "Перевод в другую группу"), (group, TODAY, " Выпуск ")],
        by=curator,
        change_reason="Перевод на новый учебный год",
        leaving=frozenset({leaves.pk}),
    )
    assert [p.pk for p in ended] == [single.pk, group.pk]
    for pair, reason in ((single, "Перевод в другую группу"), (group, "Выпуск")):
        pair.refresh_from_db()
        assert (pair.status, pair.end_date, pair.end_reason) == (
            Pair.Status.ENDED_EARLY,
            TODAY,
            reason,
        )
        assert not pair.memberships.filter(is_current=True).exists()
        change = pair.status_changes.last()
        assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
            Pair.Status.ACTIVE,
            Pair.Status.ENDED_EARLY,
            reason,
            curator,
        )
        record = pair.history.order_by("-history_id").first()
        assert record.history_change_reason == "Перевод на новый учебный год"
        assert record.history_user == curator
    # Back in the bank, as pair_end_early leaves them; a mentee who leaves is done.
    assert single.mentees.get().status == MenteeProfile.Status.WAITING
    stays.refresh_from_db()
    leaves.refresh_from_db()
    assert stays.status == MenteeProfile.Status.WAITING
    assert leaves.status == MenteeProfile.Status.FINISHED
    assert leaves.history.order_by("-history_id").first().history_change_reason == (
        "Перевод на новый учебный год"
    )


def test_pairs_end_early_many_refuses_a_closed_pair_or_no_reason_and_writes_nothing():
    open_pair = pair_create()
    closed = pair_create()
    services.pair_end_early(pair=closed, on=TODAY, reason="Отчисление")
    with pytest.raises(services.PairRuleError) as refused:
        services.pairs_end_early_many(
            ends=[(open_pair, TODAY, "Выпуск"), (closed, TODAY, "Выпуск")]
        )
    assert refused.value.messages == [f"Пара № {closed.pk} уже «прекращена досрочно»."]
    with pytest.raises(services.PairRuleError, match="укажите причину"):
        services.pairs_end_early_many(ends=[(open_pair, TODAY, "  ")])
    open_pair.refresh_from_db()
    assert open_pair.status == Pair.Status.ACTIVE
    assert open_pair.mentees.get().status == MenteeProfile.Status.IN_PAIR


def test_meeting_attendees_must_be_the_pairs_own():
    pair = pair_create()
    stranger = pair_create().mentees.get()
    with pytest.raises(services.PairRuleError, match="не из этой пары"):
        services.meeting_record(
            pair=pair, kind=Meeting.Kind.REGULAR, date=TODAY, topic="Т", attendees=[stranger]
        )
    assert not pair.meetings.exists()


def test_inactive_pairs_are_those_without_recent_meetings():
    quiet = pair_create(start=TODAY - dt.timedelta(days=90))
    services.meeting_record(
        pair=quiet, kind=Meeting.Kind.REGULAR, date=TODAY - dt.timedelta(days=45), topic="Т"
    )
    lively = pair_create(start=TODAY - dt.timedelta(days=90))
    services.meeting_record(
        pair=lively, kind=Meeting.Kind.REGULAR, date=TODAY - dt.timedelta(days=3), topic="Т"
    )
    never = pair_create(start=TODAY - dt.timedelta(days=60))
    fresh = pair_create(start=TODAY - dt.timedelta(days=5))
    inactive = set(Pair.objects.inactive_on(TODAY, 30))
    assert inactive == {quiet, never}
    assert lively not in inactive and fresh not in inactive


# --- curator screens ------------------------------------------------------------------


def test_pair_list_flags_inactive_and_keeps_query_count(client_for, curator):
    client = client_for(curator)
    url = reverse("admin:pairs_pair_changelist")
    pair_create(start=TODAY - dt.timedelta(days=90))
    client.get(url)  # the first visit creates the organisation card
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    assert "Пара неактивна" in page.content.decode()
    for _ in range(6):
        pair_create(mentees=2, start=TODAY - dt.timedelta(days=5))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)
    inactive_only = client.get(url, {"activity": "inactive"}).content.decode()
    assert inactive_only.count("Пара неактивна") == 1


def test_pair_card_warns_of_inactivity_and_reads_the_pair_once(client_for, curator):
    """The card of a pair without a meeting for longer than the college's threshold says so;
    a lively one does not. The annotated pair is read once for the card's form, its tools and
    the warning (it was read twice)."""
    quiet = pair_create(start=TODAY - dt.timedelta(days=90))
    lively = pair_create(start=TODAY - dt.timedelta(days=90))
    services.meeting_record(
        pair=lively, kind=Meeting.Kind.REGULAR, date=TODAY - dt.timedelta(days=3), topic="Т"
    )
    client = client_for(curator)
    days = College.get().inactivity_days

    def card(pair):
        url = reverse("admin:pairs_pair_change", args=[pair.pk])
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        pairs_read = [
            q["sql"] for q in queries if q["sql"].startswith('SELECT "pairs_pair"."id"')
        ]
        return page.content.decode(), len(pairs_read)

    quiet_page, reads = card(quiet)
    assert f"Пара неактивна: встреч не было больше {days} дн." in quiet_page
    assert "Начать работу" not in quiet_page and "Завершить" in quiet_page
    assert reads == 1
    assert "Пара неактивна" not in card(lively)[0]


def test_pair_list_searches_by_mentee_name(client_for, curator):
    pair = pair_create()
    other = pair_create()
    mentee = pair.mentees.get().person
    mentee.last_name = "Ёжикова"
    mentee.save()
    page = client_for(curator).get(reverse("admin:pairs_pair_changelist"), {"q": "ежикова"})
    html = page.content.decode()
    assert f"№ {pair.pk}<" in html and f"№ {other.pk}<" not in html


def test_college_card_is_one_row_edited_by_administrator(client_for, administrator, curator):
    response = client_for(administrator).get(reverse("admin:people_college_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:people_college_change", args=[1])
    client = client_for(administrator)
    data = {
        "full_name": "ГБПОУ «Тестовый техникум»",
        "short_name": "ТТ",
        "city": "Кемерово",
        "director_position": "Директор",
        "director_name": "И.И. Иванов",
        "curator_name": "",
        "inactivity_days": "21",
        "default_programme_years": "3",
        "academic_year_start_month": "10",
    }
    assert client.post(reverse("admin:people_college_change", args=[1]), data).status_code == 302
    college = College.get()
    assert (
        college.inactivity_days,
        college.default_programme_years,
        college.academic_year_start_month,
    ) == (21, 3, 10)
    curator_post = client_for(curator).post(reverse("admin:people_college_change", args=[1]), data)
    assert curator_post.status_code == 403


def test_office_home_counts_pairs_and_warns_of_inactive_ones(client_for, curator, director):
    pair_create(start=TODAY - dt.timedelta(days=90))
    pair_create(mentees=3, start=TODAY - dt.timedelta(days=2))
    page = client_for(curator).get(reverse("home")).content.decode()
    assert "Неактивных пар (нет встреч дольше 30 дн.): 1" in page
    assert "из работающих — групп: 1" in page
    assert "Пары и группы" in client_for(director).get(reverse("home")).content.decode()


def test_pair_list_action_leads_to_the_order_draft(client_for, curator):
    first, second = pair_create(), pair_create()
    response = client_for(curator).post(
        reverse("admin:pairs_pair_changelist"),
        {"action": "order_pairs_pdf", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("pairs:order-pairs"))
    assert {str(first.pk), str(second.pk)} <= set(response["Location"].split("ids=")[1].split(","))
