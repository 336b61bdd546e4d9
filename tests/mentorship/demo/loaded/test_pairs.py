"""manage.py load_demo, the programme part (mentorship/demo/pairs.py): pairs of all five forms
over two academic years that keep the rules, with plans, meetings and achievements.

The demo is loaded once for the module (inside a transaction rolled back at the end); every
test runs in its own savepoint on top of it.
"""

import datetime as dt
from collections import Counter
from dataclasses import asdict

import pytest
from django.db.models import Count, Max, Min
from django.utils import timezone

from mentorship.demo.load import build_plan
from mentorship.lib.dates import academic_year_start
from mentorship.pairs import rules
from mentorship.pairs.models import (
    Achievement,
    IndividualPlan,
    Meeting,
    Pair,
    PairMembership,
    PairStatusChange,
    PlanTask,
)
from mentorship.people.consent_rules import consent_holds
from mentorship.people.models import College, Consent, MenteeProfile, MentorProfile
from tests.mentorship.demo.loaded.conftest import load_again

pytestmark = pytest.mark.django_db

FORMS = {
    "student-student",
    "student-pupil",
    "teacher-teacher",
    "teacher-student",
    "employer-student",
}
S = Pair.Status


def counts() -> dict[str, int]:
    models = [
        Pair,
        PairMembership,
        PairStatusChange,
        IndividualPlan,
        PlanTask,
        Meeting,
        Meeting.attendees.through,
        Achievement,
        MenteeProfile,
        MentorProfile,
        Consent,
    ]
    result = {m._meta.label: m.objects.count() for m in models}
    for model in (Pair, PlanTask, Meeting, MenteeProfile, MentorProfile, Consent):
        result[f"history of {model._meta.label}"] = model.history.count()
    result["statuses"] = sorted(
        Counter(MenteeProfile.objects.values_list("status", flat=True)).items()
    ) + sorted(Counter(MentorProfile.objects.values_list("status", flat=True)).items())
    return result


def test_the_college_card_is_filled(loaded):
    college = College.get()
    assert college.full_name == (
        "Государственное бюджетное профессиональное образовательное учреждение "
        "«Кузбасский горнотехнический техникум»"
    )
    assert college.short_name == "ГБПОУ «Кузбасский горнотехнический техникум»"
    assert college.city == "Кемерово"
    assert college.director_name == "А.Г. Кравченко"
    assert college.curator_name == "Е.В. Соколова"
    assert college.inactivity_days == 30
    college.full_clean()


def test_pairs_of_every_form_and_status_over_two_years(loaded, today):
    pairs = Pair.objects.all()
    assert 45 <= pairs.count() <= 60
    assert set(pairs.values_list("form__code", flat=True)) == FORMS
    assert set(pairs.values_list("status", flat=True)) == set(S.values)
    year = academic_year_start(today)
    last_year = year.replace(year=year.year - 1)
    assert pairs.filter(start_date__lt=year, start_date__gte=last_year).count() >= 10
    assert pairs.filter(start_date__gte=year).count() >= 10
    # Last year's pairs are all closed, except a few that go on for a second year.
    assert pairs.filter(start_date__lt=year, status=S.FINISHED).count() >= 5
    assert pairs.filter(start_date__lt=year, status=S.ENDED_EARLY).exists()
    assert pairs.filter(start_date__lt=year, status=S.ACTIVE).exists()
    assert not pairs.filter(start_date__lt=year, status=S.FORMING).exists()
    groups = pairs.annotate(n=Count("memberships")).filter(n__gte=3)
    assert groups.exists()
    assert not pairs.annotate(n=Count("memberships")).filter(n__gt=5).exists()


def test_statuses_orders_and_dates_fit_together(loaded, today):
    for pair in Pair.objects.prefetch_related("status_changes", "meetings"):
        assert pair.start_date <= today
        changes = [(c.from_status, c.to_status) for c in pair.status_changes.all()]
        assert changes[0] == ("", S.FORMING)
        if pair.status == S.FORMING:
            assert not pair.order_number and pair.order_date is None
            assert len(changes) == 1
            continue
        # Active since the order fixed it: «№ 287-о» style, dated near the start.
        assert pair.order_number.startswith("№ ") and pair.order_number.endswith("-о")
        assert pair.start_date <= pair.order_date <= pair.start_date + dt.timedelta(days=10)
        assert changes[1] == (S.FORMING, S.ACTIVE)
        assert pair.status_changes.all()[1].changed_on == pair.order_date
        if pair.status == S.ACTIVE:
            assert pair.end_date is None and len(changes) == 2
        else:
            assert changes[2] == (S.ACTIVE, pair.status)
            assert pair.order_date < pair.end_date <= today
            assert pair.status_changes.all()[2].changed_on == pair.end_date
        dates = [m.date for m in pair.meetings.all()]
        assert all(pair.start_date <= d <= (pair.end_date or today) for d in dates)
        assert all(d.weekday() != 6 for d in dates)


def test_finished_pairs_have_a_final_meeting_and_a_summary(loaded):
    finished = Pair.objects.filter(status=S.FINISHED)
    assert finished.exists()
    for pair in finished:
        final = pair.meetings.get(kind=Meeting.Kind.FINAL)
        assert final.date == max(m.date for m in pair.meetings.all())
        assert final.date <= pair.end_date
        assert len(pair.result_summary) > 50
    for pair in Pair.objects.filter(status=S.ENDED_EARLY):
        assert pair.end_reason
        assert not pair.meetings.filter(kind=Meeting.Kind.FINAL).exists()
    reasons = set(Pair.objects.filter(status=S.ENDED_EARLY).values_list("end_reason", flat=True))
    assert len(reasons) >= 2


def test_every_member_had_a_consent_when_the_pair_started(loaded):
    memberships = PairMembership.objects.select_related("pair__mentor__person", "mentee__person")
    for m in memberships:
        for person in (m.mentee.person, m.pair.mentor.person):
            assert consent_holds(person, m.pair.start_date), (person, m.pair)
            assert person.consents.valid().filter(signed_on__lte=m.pair.start_date).exists()
    # No signature is dated in the future.
    assert not Consent.objects.filter(signed_on__gt=timezone.localdate()).exists()


def test_the_rules_hold(loaded):
    # One current pair per mentee and form, kinds and courses fit the form, capacity holds.
    current = PairMembership.objects.filter(is_current=True)
    per_form = current.values("mentee", "form").annotate(n=Count("pk")).filter(n__gt=1)
    assert not per_form.exists()
    assert set(current.values_list("pair__status", flat=True)) <= set(Pair.CURRENT_STATUSES)
    for pair in Pair.objects.select_related("mentor__person", "form"):
        mentees = list(pair.mentees.select_related("person"))
        assert not rules.kinds_fit_form(mentor=pair.mentor, mentees=mentees, form=pair.form)
        if pair.role_model_id:
            assert pair.role_model.form_id == pair.form_id
    for mentor in MentorProfile.objects.filter(pairs__isnull=False).distinct():
        assert rules.capacity_left(mentor) >= 0
    for m in current.select_related("pair"):
        assert m.form_id == m.pair.form_id


def test_profile_statuses_follow_the_pairs(loaded):
    mentees = MenteeProfile.objects.all()
    statuses = set(mentees.values_list("status", flat=True))
    assert statuses == set(MenteeProfile.Status.values)
    for mentee in mentees.filter(memberships__isnull=False).distinct():
        current = mentee.memberships.filter(is_current=True)
        if current.exists():
            assert mentee.status == MenteeProfile.Status.IN_PAIR
        else:
            last = mentee.memberships.order_by("-pair__end_date").first().pair
            expected = "finished" if last.status == S.FINISHED else "waiting"
            assert mentee.status == expected
    # Plenty still waiting for the matching screen.
    assert mentees.filter(rules.waiting_mentees_q()).count() >= 25
    for mentor in MentorProfile.objects.filter(pairs__status=S.ACTIVE).distinct():
        assert mentor.status == MentorProfile.Status.ACTIVE
    assert MentorProfile.objects.filter(
        status=MentorProfile.Status.FINISHED, pairs__status=S.FINISHED
    ).exists()
    # Some mentees whose pair broke up last year were paired again this year.
    ended = PairMembership.objects.filter(pair__status=S.ENDED_EARLY).values("mentee")
    assert PairMembership.objects.filter(mentee__in=ended, is_current=True).exists()


def test_plans_and_their_tasks(loaded, today):
    worked = Pair.objects.exclude(status=S.FORMING)
    assert not worked.filter(plan__isnull=True).exists()
    for pair in worked.select_related("plan"):
        plan = pair.plan
        assert plan.goals.count(".") >= 2
        tasks = list(plan.tasks.all())
        assert 4 <= len(tasks) <= 8
        for task in tasks:
            assert pair.start_date <= task.due_date <= pair.planned_end_date
            if task.done:
                assert pair.start_date <= task.done_on <= min(today, pair.end_date or today)
            if pair.status == S.FINISHED:
                assert task.due_date <= pair.end_date
        member_ids = set(pair.memberships.values_list("mentee_id", flat=True))
        assert {t.mentee_id for t in tasks if t.mentee_id} <= member_ids
    tasks = PlanTask.objects.all()
    past = tasks.filter(due_date__lte=today)
    assert past.filter(done=True).count() > 0.7 * past.count()
    assert tasks.filter(due_date__gt=today, done=False).exists()
    groups = Pair.objects.annotate(n=Count("memberships")).filter(n__gte=2)
    assert tasks.filter(plan__pair__in=groups, mentee__isnull=False).exists()


def test_meetings(loaded, today):
    kinds = Meeting.Kind
    for pair in Pair.objects.exclude(status=S.FORMING).prefetch_related("meetings"):
        meetings = sorted(pair.meetings.all(), key=lambda m: m.date)
        assert meetings[0].kind == kinds.ACQUAINTANCE
        if pair.status == S.FINISHED:
            assert [m.kind for m in meetings[:3]] == [
                kinds.ACQUAINTANCE,
                kinds.TRIAL,
                kinds.PLANNING,
            ]
            assert meetings[-1].kind == kinds.FINAL
            gaps = [
                (b.date - a.date).days for a, b in zip(meetings[2:-2], meetings[3:-1], strict=True)
            ]
            assert max(gaps) <= 75  # every 2–4 weeks, winter and summer breaks aside
    meetings = Meeting.objects.all()
    assert set(meetings.values_list("format", flat=True)) == set(Meeting.Format.values)
    assert meetings.values("topic").distinct().count() >= 40
    # Attendees are the pair's own mentees; in groups somebody is sometimes missing.
    through = Meeting.attendees.through.objects.select_related("meeting")
    members = set(PairMembership.objects.values_list("pair_id", "mentee_id"))
    assert all((a.meeting.pair_id, a.menteeprofile_id) in members for a in through)
    sizes = dict(Pair.objects.annotate(n=Count("memberships")).values_list("pk", "n"))
    present = dict(meetings.annotate(n=Count("attendees")).values_list("pk", "n"))
    pairs = dict(meetings.values_list("pk", "pair_id"))
    assert all(0 < present[m] <= sizes[pairs[m]] for m in present)
    assert any(present[m] < sizes[pairs[m]] for m in present)


def test_some_active_pairs_stopped_meeting(loaded, today):
    days = College.get().inactivity_days
    inactive = Pair.objects.inactive_on(today, days)
    assert 2 <= inactive.count() <= 6
    active = Pair.objects.active().annotate(last=Max("meetings__date"))
    fresh = active.filter(last__gte=today - dt.timedelta(days=days))
    assert fresh.count() > 2 * inactive.count()


def test_achievements(loaded, today):
    achievements = Achievement.objects.all()
    assert 30 <= achievements.count() <= 50
    assert set(achievements.values_list("level", flat=True)) == set(Achievement.Level.values)
    assert set(achievements.values_list("result", flat=True)) == set(Achievement.Result.values)
    assert set(achievements.values_list("document", flat=True)) == set(Achievement.Document.values)
    year = academic_year_start(today)
    span = achievements.aggregate(first=Min("date"), last=Max("date"))
    assert span["first"] < year <= span["last"] <= today
    linked = achievements.filter(pair__isnull=False).select_related("pair")
    assert linked.count() > achievements.count() / 2
    for a in linked:
        assert a.pair.start_date <= a.date <= (a.pair.end_date or today)
        people = {a.pair.mentor.person_id} | set(
            a.pair.memberships.values_list("mentee__person_id", flat=True)
        )
        assert a.person_id in people
    mentors = achievements.filter(person__mentor_profile__isnull=False)
    assert mentors.exists() and mentors.count() < achievements.count()
    assert achievements.filter(event__contains="«Профессионалы»").exists()


def test_the_demo_logins_have_active_pairs_with_work(loaded, today):
    mentor = Pair.objects.filter(mentor__person__user__username="nastavnik", status=S.ACTIVE)
    assert mentor.exists()
    pair = mentor.get()
    assert pair.form.code == "teacher-student"
    assert pair.memberships.count() >= 2
    assert pair.plan.tasks.filter(done=True).exists()
    assert pair.plan.tasks.filter(done=False).exists()
    assert pair.meetings.count() >= 3
    assert not Pair.objects.inactive_on(today, 30).filter(pk=pair.pk).exists()
    mentee = Pair.objects.filter(
        memberships__mentee__person__user__username="nastavlyaemyi", status=S.ACTIVE
    )
    assert list(mentee) == [pair]
    assert pair.plan.tasks.filter(mentee__person__user__username="nastavlyaemyi").exists()


def test_a_second_run_changes_nothing(loaded):
    text = load_again(counts)
    assert "создано: 0, изменено: 0" in text
    assert "Пары и группы:" in text


def test_other_pairs_in_the_database_are_left_alone(loaded):
    """A pair the demo does not know (moved by hand here): the programme is not added again."""
    pair = Pair.objects.filter(status=S.FINISHED).first()
    Pair.objects.filter(pk=pair.pk).update(start_date=pair.start_date - dt.timedelta(days=1))
    assert "Пары и группы не добавлены" in load_again(counts)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2025, 9, 1),
        dt.date(2025, 9, 12),
        dt.date(2025, 10, 9),
        dt.date(2025, 12, 30),
        dt.date(2026, 3, 15),
        dt.date(2026, 6, 30),
        dt.date(2026, 8, 31),
    ],
)
def test_the_programme_plan_holds_on_any_day(day):
    """No database: the plan of any day of the year is dated consistently."""
    plan = build_plan(day)
    programme = plan.programme
    people = {p.handle: p for p in plan.people}
    starts: dict[str, dt.date] = {}
    for pair in programme.pairs:
        assert pair.start <= day
        assert pair.planned_end > pair.start
        if pair.order_date:
            assert pair.start <= pair.order_date <= day
        if pair.end_date:
            assert pair.start < pair.end_date <= day
        for m in pair.meetings:
            assert pair.start <= m.date <= (pair.end_date or day)
        for t in pair.tasks:
            assert t.done_on is None or pair.start <= t.done_on <= day
        for handle in [pair.mentor, *pair.mentees]:
            starts[handle] = min(starts.get(handle, pair.start), pair.start)
    for handle, start in starts.items():
        assert people[handle].consents[0].signed_on <= start
    assert {p.form for p in programme.pairs} == FORMS
    assert [p.status for p in programme.pairs if p.mentor == "mentor"] == [S.ACTIVE]
    assert all(a.date <= day for a in programme.achievements)
    assert asdict(programme) == asdict(build_plan(day).programme)
