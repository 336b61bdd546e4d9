"""manage.py load_demo, the surveys part (mentorship/demo/surveys.py): waves of all five
questionnaires over two academic years, answered by people whose consent holds, with answers
that fit their questions.

The demo is loaded once for the module (inside a transaction rolled back at the end); every
test runs in its own savepoint on top of it.
"""

import datetime as dt
from collections import defaultdict

import pytest
from django.db.models import Avg, Count
from django.utils import timezone

from mentorship.demo.load import build_plan
from mentorship.demo.people import DEMO_USERS
from mentorship.demo.surveys import SurveyPlanner, plan_surveys
from mentorship.lib.dates import academic_year_start
from mentorship.people.consent_rules import consent_holds
from mentorship.surveys.models import Answer, Invitation, Question, Response, Wave
from tests.mentorship.demo.loaded.conftest import load_again

pytestmark = pytest.mark.django_db

QUESTIONNAIRES = {
    "mentee-satisfaction",
    "mentor-satisfaction",
    "entry-diagnostics",
    "exit-diagnostics",
    "curator",
}
K = Question.Kind


def counts() -> dict[str, int]:
    result = {
        m._meta.label: m.objects.count()
        for m in (Wave, Invitation, Response, Answer, Answer.choices.through)
    }
    result["history of surveys.Response"] = Response.history.count()
    return result


def test_waves_of_all_five_questionnaires(loaded, today):
    waves = Wave.objects.all()
    # The partners' wave is demo/partners.py's (tests/mentorship/demo/test_papers.py).
    assert set(waves.values_list("questionnaire__code", flat=True)) == QUESTIONNAIRES | {"partner"}
    kurator = DEMO_USERS[0].username
    assert set(waves.values_list("created_by__username", flat=True)) == {kurator}
    year = academic_year_start(today)
    assert waves.filter(opened_on__lt=year).count() >= 7
    assert waves.filter(opened_on__gte=year).count() >= 2
    # The curator answered her own questionnaire, then closed it early.
    curator = waves.get(questionnaire__code="curator")
    invitation = curator.invitations.get()
    assert invitation.role == Invitation.Role.CURATOR
    assert invitation.person.user.username == kurator
    assert curator.closed_early_at is not None
    assert invitation.response.submitted_at < curator.closed_early_at
    count = invitation.response.answers.get(question__kind=K.SHORT_TEXT).text
    assert count.split(",")[0].isdigit()


def test_satisfaction_in_two_calendar_years(loaded):
    for code in ("mentee-satisfaction", "mentor-satisfaction"):
        responses = Response.objects.filter(invitation__wave__questionnaire__code=code)
        years = {timezone.localtime(r.submitted_at).year for r in responses}
        assert len(years) >= 2, code
    # Realistic scores: mostly 7–10, a few low ones; mentees a little happier than mentors.
    scores = Answer.objects.filter(question__is_satisfaction=True)
    assert scores.filter(number__gte=7).count() > 0.8 * scores.count()
    assert scores.filter(number__lte=5).exists()
    means = dict(
        scores.values_list("question__questionnaire__audience")
        .annotate(mean=Avg("number"))
        .order_by()
    )
    assert 7.8 <= means["mentee"] <= 8.8
    assert 7.5 <= means["mentor"] <= 8.5


def test_an_open_wave_with_unanswered_links(loaded, today):
    open_waves = [w for w in Wave.objects.all() if w.is_open(today)]
    assert open_waves
    live = [w for w in open_waves if w.questionnaire.code == "mentee-satisfaction"]
    assert len(live) == 1
    wave = live[0]
    assert "ромежуточный опрос" in wave.title
    invited = wave.invitations.count()
    answered = wave.invitations.filter(response__isnull=False).count()
    assert 0 < invited - answered
    assert answered <= 0.7 * invited
    # The demo mentee's link waits for the demo login.
    mine = wave.invitations.get(person__user__username="nastavlyaemyi")
    assert not Response.objects.filter(invitation=mine).exists()


def test_a_closed_wave_with_a_low_response_rate(loaded, today):
    rates = []
    for wave in Wave.objects.annotate(
        n=Count("invitations"), answered=Count("invitations__response")
    ):
        if not wave.is_open(today) and wave.opened_on >= academic_year_start(today):
            rates.append(wave.answered / wave.n)
    if today >= academic_year_start(today) + dt.timedelta(days=59):
        assert rates and min(rates) < 0.4


def test_every_invitee_had_a_consent_on_the_opening_day(loaded):
    invitations = Invitation.objects.filter(person__isnull=False).select_related("wave", "person")
    assert invitations.count() > 200
    for invitation in invitations:
        assert consent_holds(invitation.person, invitation.wave.opened_on), invitation


def test_invitations_fit_the_pairs(loaded):
    for invitation in Invitation.objects.select_related(
        "pair__mentor", "wave__questionnaire"
    ).prefetch_related("pair__memberships__mentee"):
        audience = invitation.wave.questionnaire.audience
        if invitation.role == Invitation.Role.PARTNER:
            assert audience == "partner" and invitation.pair is None
            assert invitation.organisation is not None and invitation.person is None
            continue
        if invitation.role == Invitation.Role.CURATOR:
            assert audience == "curator" and invitation.pair is None
            continue
        assert audience in (invitation.role, "participant")
        pair = invitation.pair
        if invitation.role == Invitation.Role.MENTOR:
            assert pair.mentor.person_id == invitation.person_id
        else:
            mentees = {m.mentee.person_id for m in pair.memberships.all()}
            assert invitation.person_id in mentees
        assert pair.start_date <= invitation.wave.closes_on


def test_responses_within_their_waves_and_not_after_today(loaded, today):
    responses = Response.objects.select_related("invitation__wave", "entered_by")
    assert responses.exists()
    for response in responses:
        wave = response.invitation.wave
        day = timezone.localdate(response.submitted_at)
        assert wave.opened_on <= day <= wave.closes_on
        assert day <= today
        assert response.submitted_at <= timezone.now()
        if wave.closed_early_at:
            assert response.submitted_at <= wave.closed_early_at
    assert not Response.objects.filter(invitation__wave__opened_on__gt=today).exists()
    # A few from paper, typed in by the curator; the rest online.
    paper = responses.filter(source=Response.Source.PAPER)
    assert 0 < paper.count() < 0.15 * responses.count()
    assert set(paper.values_list("entered_by__username", flat=True)) == {"kurator"}
    assert not responses.filter(source=Response.Source.ONLINE, entered_by__isnull=False).exists()


def test_every_answer_fits_its_question(loaded):
    answers = Answer.objects.select_related("question", "response__invitation__wave")
    chosen = defaultdict(list)
    for answer_id, question_id, choice_question in Answer.choices.through.objects.values_list(
        "answer_id", "answer__question_id", "choice__question_id"
    ):
        assert question_id == choice_question
        chosen[answer_id].append(choice_question)
    seen_kinds = set()
    for answer in answers:
        q = answer.question
        seen_kinds.add(q.kind)
        assert q.questionnaire_id == answer.response.invitation.wave.questionnaire_id
        picked = chosen.get(answer.pk, [])
        if q.kind == K.SCALE:
            assert 1 <= answer.number <= 10 and not answer.text and not picked
        elif q.kind == K.YES_NO:
            assert answer.number in (0, 1) and not answer.text and not picked
        elif q.kind == K.SINGLE:
            assert answer.number is None and not answer.text and len(picked) == 1
        elif q.kind == K.MULTIPLE:
            assert answer.number is None and not answer.text and picked
        else:
            assert answer.number is None and answer.text.strip() and not picked
            assert "{" not in answer.text
    assert seen_kinds == set(K.values)
    # Every required question of every response is answered.
    for response in Response.objects.prefetch_related("answers").select_related(
        "invitation__wave__questionnaire"
    ):
        required = set(
            response.invitation.wave.questionnaire.questions.filter(required=True).values_list(
                "pk", flat=True
            )
        )
        assert required <= {a.question_id for a in response.answers.all()}
    # One text shows that the pages escape what people typed.
    assert Answer.objects.filter(text__contains="<", question__kind=K.LONG_TEXT).exists()


def test_entry_and_exit_of_last_years_participants(loaded, today):
    year = academic_year_start(today)
    entry = Response.objects.filter(
        invitation__wave__questionnaire__code="entry-diagnostics",
        invitation__wave__opened_on__lt=year,
    )
    exit_ = Response.objects.filter(invitation__wave__questionnaire__code="exit-diagnostics")
    entered = set(entry.values_list("invitation__person_id", flat=True))
    left = set(exit_.values_list("invitation__person_id", flat=True))
    both = entered & left
    assert len(both) >= 10 and len(both) >= 0.7 * len(left)
    values = defaultdict(dict)
    for person, wave, parameter, number in Answer.objects.filter(
        response__in=list(entry) + list(exit_), question__parameter__gt=""
    ).values_list(
        "response__invitation__person_id",
        "response__invitation__wave__questionnaire__code",
        "question__parameter",
        "number",
    ):
        values[(person, parameter)][wave] = number
    changes = [
        v["exit-diagnostics"] - v["entry-diagnostics"] for v in values.values() if len(v) == 2
    ]
    assert len(changes) >= 8 * 10
    up = sum(c > 0 for c in changes)
    same = sum(c == 0 for c in changes)
    down = sum(c < 0 for c in changes)
    assert up > len(changes) / 2 and same > 0 and 0 < down < len(changes) / 5
    assert max(changes) <= 3 and min(changes) >= -2
    # The same pair's form on both sides: the comparison groups by it.
    pairs = dict(
        entry.filter(invitation__person_id__in=both).values_list(
            "invitation__person_id", "invitation__pair__form_id"
        )
    )
    for person, form in exit_.filter(invitation__person_id__in=both).values_list(
        "invitation__person_id", "invitation__pair__form_id"
    ):
        assert pairs[person] == form


def test_a_second_run_changes_nothing(loaded):
    text = load_again(counts)
    assert "создано: 0, изменено: 0" in text
    assert "Опросы:" in text and "удовлетворённости" in text


def test_other_waves_in_the_database_are_left_alone(loaded):
    """A wave the demo does not know (moved by hand here): the surveys are not added again."""
    wave = Wave.objects.filter(questionnaire__code="curator").get()
    Wave.objects.filter(pk=wave.pk).update(opened_on=wave.opened_on - dt.timedelta(days=1))
    assert "Опросы не добавлены" in load_again(counts)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2025, 9, 1),
        dt.date(2025, 10, 20),
        dt.date(2025, 12, 30),
        dt.date(2026, 3, 15),
        dt.date(2026, 8, 31),
    ],
)
def test_the_survey_plan_holds_on_any_day(day):
    """No database: the waves of any day of the year keep the rules and are deterministic."""
    plan = build_plan(day)
    waves = plan_surveys(plan, day)
    planner = SurveyPlanner(plan, day)
    assert {w.questionnaire for w in waves} == QUESTIONNAIRES
    assert any(w.opened_on <= day <= w.closes_on and w.closed_early_at is None for w in waves)
    keys = [(w.questionnaire, w.opened_on) for w in waves]
    assert len(keys) == len(set(keys))
    for wave in waves:
        assert wave.opened_on <= day and wave.opened_on <= wave.closes_on
        handles = [i.person for i in wave.invitations]
        assert len(handles) == len(set(handles))
        for i in wave.invitations:
            assert planner.holds(i.person, wave.opened_on)
            if i.response:
                moment = i.response.submitted_at
                assert wave.opened_on <= moment.date() <= min(wave.closes_on, day)
                assert moment.date() < day
                if wave.closed_early_at:
                    assert moment <= wave.closed_early_at
    years = defaultdict(set)
    for wave in waves:
        for i in wave.invitations:
            if i.response and wave.questionnaire.endswith("satisfaction"):
                years[wave.questionnaire].add(i.response.submitted_at.year)
    assert all(len(y) >= 2 for y in years.values()) and len(years) == 2
    again = plan_surveys(build_plan(day), day)
    assert [
        (w.key, w.opened_on, [(i.person, i.response) for i in w.invitations]) for w in waves
    ] == [(w.key, w.opened_on, [(i.person, i.response) for i in w.invitations]) for w in again]
