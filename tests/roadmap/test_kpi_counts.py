"""The counts behind the programmes' own readings of the indicators, each table-driven on a
few people made with the factories: the share of people satisfied, the share of plans done
at 90 % or more, consents over the whole base of mentors and mentees; and the mentees among
full-time students.

The year is 2025, a finished year: nothing depends on the clock.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorship.pairs.models import IndividualPlan, Pair, PlanTask
from mentorship.people.models import Consent, Person
from mentorship.surveys.models import Invitation
from roadmap.kpi import people_counts, plan_counts, satisfaction_counts
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
)
from tests.history_dates import history_back_date
from tests.mentorship.surveys.survey_data import at, satisfaction_answer, wave_make

from .report_data import pair

pytestmark = pytest.mark.django_db

YEAR = 2025
D = dt.date
MENTEE, MENTOR = Invitation.Role.MENTEE, Invitation.Role.MENTOR

# --- satisfaction: the share of respondents whose own score is 8 of 10 or more -------------

# (role, who, scores of one response, year it came in); expected: mentees satisfied /
# respondents, mentors satisfied / respondents.
SATISFIED = [
    pytest.param([], (0, 0, 0, 0), id="nobody answered"),
    pytest.param([(MENTEE, "a", [8], YEAR)], (1, 1, 0, 0), id="8 is satisfied"),
    pytest.param([(MENTEE, "a", [7, 8], YEAR)], (0, 1, 0, 0), id="7.5 on average is not"),
    pytest.param(
        [
            (MENTEE, "a", [10, 6], YEAR),
            (MENTEE, "b", [9, 9, 6], YEAR),
            (MENTEE, "c", [10, 5], YEAR),
        ],
        (2, 3, 0, 0),
        id="the mean of the items decides, exactly 8 is enough",
    ),
    pytest.param(
        [(MENTEE, "a", [10], YEAR), (MENTEE, "a", [6, 7], YEAR)],
        (0, 1, 0, 0),
        id="two responses of one person are one respondent, every score weighs the same",
    ),
    pytest.param(
        [(MENTEE, "a", [9], YEAR - 1), (MENTEE, "b", [5], YEAR), (MENTEE, "c", [9], YEAR + 1)],
        (0, 1, 0, 0),
        id="answers of other years are not counted",
    ),
    pytest.param(
        [(MENTOR, "a", [9, 10], YEAR), (MENTEE, "b", [8], YEAR), (MENTEE, "c", [3], YEAR)],
        (1, 2, 1, 1),
        id="mentors and mentees apart",
    ),
    pytest.param(
        [(MENTOR, "a", [8], YEAR), (MENTOR, "b", [2, 10], YEAR)],
        (0, 0, 1, 2),
        id="mentors only",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), SATISFIED)
def test_satisfaction_counts_the_satisfied_among_respondents(answers, expected):
    people = {}
    for number, (role, who, scores, year) in enumerate(answers):
        person = people.setdefault(who, PersonFactory(adult=True))
        code = "mentee-satisfaction" if role == MENTEE else "mentor-satisfaction"
        wave = wave_make(
            code, title=f"Опрос {number}", opened_on=D(year, 5, 1), closes_on=D(year, 6, 1)
        )
        satisfaction_answer(wave, person, role, scores, submitted_at=at(year, 5, 10))
    with CaptureQueriesContext(connection) as queries:
        counts = satisfaction_counts(YEAR)
    found = tuple(
        counts[key]
        for key in (
            "mentee_satisfied",
            "mentee_respondents",
            "mentor_satisfied",
            "mentor_respondents",
        )
    )
    assert found == expected
    # The same respondents as the mean score, from that one query.
    assert counts["mentee_satisfaction"].respondents == expected[1]
    assert counts["mentor_satisfaction"].respondents == expected[3]
    assert len(queries) == 1


# --- individual plans: the share of plans done at 90 % or more ----------------------------

WORKING = "working"
ENDED_BEFORE = "ended before the year"
FORMING = "still being formed"

# Each plan: (its pair, [(task due in year, done)]); expected: plans done at ≥ 90 %, plans
# of working pairs with a task due in the year, and the tasks' own figure (due, done).
PLANS = [
    pytest.param([], (0, 0, 0, 0), id="no plans"),
    pytest.param(
        [(WORKING, [(YEAR, True)] * 9 + [(YEAR, False)])], (1, 1, 10, 9), id="9 of 10 is enough"
    ),
    pytest.param(
        [(WORKING, [(YEAR, True)] * 8 + [(YEAR, False)])], (0, 1, 9, 8), id="8 of 9 is not"
    ),
    pytest.param(
        [(WORKING, [(YEAR, True), (YEAR - 1, False), (YEAR + 1, False)])],
        (1, 1, 1, 1),
        id="tasks due in other years do not count",
    ),
    pytest.param(
        [(WORKING, [(YEAR - 1, True), (YEAR + 1, True)])],
        (0, 0, 0, 0),
        id="a plan with nothing due in the year is left out",
    ),
    pytest.param(
        [(ENDED_BEFORE, [(YEAR, True)]), (FORMING, [(YEAR, True)])],
        (0, 0, 2, 2),
        id="plans of pairs not working in the year are left out, their tasks are not",
    ),
    pytest.param(
        [
            (WORKING, [(YEAR, True), (YEAR, True)]),
            (WORKING, [(YEAR, True), (YEAR, False)]),
            (WORKING, [(YEAR, False)]),
        ],
        (1, 3, 5, 3),
        id="each plan on its own",
    ),
]


def plan_make(state, tasks):
    mentor, mentee = PersonFactory(teacher=True), PersonFactory()
    if state == WORKING:
        made = pair(mentor, [mentee], "teacher-student", D(YEAR - 1, 9, 1))
    elif state == ENDED_BEFORE:
        made = pair(
            mentor,
            [mentee],
            "teacher-student",
            D(YEAR - 2, 9, 1),
            status=Pair.Status.FINISHED,
            end=D(YEAR - 1, 6, 30),
        )
    else:
        made = pair(mentor, [mentee], "teacher-student", D(YEAR, 9, 1), status=Pair.Status.FORMING)
    plan = IndividualPlan.objects.create(pair=made, goals="цели")
    for number, (year, done) in enumerate(tasks):
        due = D(year, 3, 1) + dt.timedelta(days=number)
        PlanTask.objects.create(
            plan=plan,
            title=f"задача {number}",
            due_date=due,
            done=done,
            done_on=due if done else None,
        )


@pytest.mark.parametrize(("plans", "expected"), PLANS)
def test_plans_done_at_90_percent_are_counted_per_plan(plans, expected):
    for state, tasks in plans:
        plan_make(state, tasks)
    with CaptureQueriesContext(connection) as queries:
        counts = plan_counts(YEAR)
    assert len(queries) == 1
    assert (
        counts["plans_done_90"],
        counts["plans_with_tasks"],
        counts["tasks_due"],
        counts["tasks_done"],
    ) == expected


# --- consents over the whole base of mentors and mentees ----------------------------------

ADULT = D(1990, 1, 1)
MINOR = D(2009, 1, 1)  # 16 on 31 December 2025
JUST_ADULT = D(2007, 12, 31)  # 18 on 31 December 2025
SELF, REPRESENTATIVE = Consent.Signer.SELF, Consent.Signer.REPRESENTATIVE

# Each person: (banks they are in, born, [(signer, signed, withdrawn)]); expected: those
# with the consent rule holding on 31 December, everyone in the banks.
BASE = [
    pytest.param(("mentor",), ADULT, [(SELF, D(YEAR, 3, 1), None)], (1, 1), id="mentor, no pair"),
    pytest.param(("mentee",), ADULT, [], (0, 1), id="mentee without a consent"),
    pytest.param(("mentee",), ADULT, [(SELF, D(YEAR + 1, 1, 10), None)], (0, 1), id="signed after"),
    pytest.param(
        ("mentee",),
        ADULT,
        [(SELF, D(YEAR - 1, 3, 1), D(YEAR, 10, 1))],
        (0, 1),
        id="withdrawn in the year",
    ),
    pytest.param(
        ("mentee",),
        ADULT,
        [(SELF, D(YEAR - 1, 3, 1), D(YEAR + 1, 2, 1))],
        (1, 1),
        id="withdrawn only after the year: held on 31 December",
    ),
    pytest.param(
        ("mentee",), MINOR, [(SELF, D(YEAR, 3, 1), None)], (0, 1), id="a minor's own consent"
    ),
    pytest.param(
        ("mentee",),
        MINOR,
        [(REPRESENTATIVE, D(YEAR, 3, 1), None)],
        (1, 1),
        id="a minor's consent by a representative",
    ),
    pytest.param(
        ("mentee",),
        JUST_ADULT,
        [(SELF, D(YEAR, 12, 31), None)],
        (1, 1),
        id="18 on 31 December signs for themself",
    ),
    pytest.param((), ADULT, [(SELF, D(YEAR, 3, 1), None)], (0, 0), id="in no bank"),
    pytest.param(
        ("mentor", "mentee"), ADULT, [(SELF, D(YEAR, 3, 1), None)], (1, 1), id="in both, once"
    ),
]


@pytest.mark.parametrize(("banks", "born", "consents", "expected"), BASE)
def test_consents_over_the_whole_base_follow_the_pairing_rule(banks, born, consents, expected):
    person = PersonFactory(birth_date=born)
    if "mentor" in banks:
        MentorProfileFactory(person=person)
    if "mentee" in banks:
        MenteeProfileFactory(person=person)
    for signer, signed, withdrawn in consents:
        ConsentFactory(
            person=person,
            signer=signer,
            representative_name="" if signer == SELF else "Иванова Мария Петровна",
            signed_on=signed,
            withdrawn_on=withdrawn,
        )
    history_back_date(D(YEAR, 1, 1))  # in the banks during the year
    counts = people_counts(YEAR)
    assert (counts["base_participants_consented"], counts["base_participants"]) == expected
    # Nobody here is paired in the year: the participants of the year are none.
    assert counts["participants"] == 0


# --- mentees among full-time students ----------------------------------------------------

FULL, PART, EXTRA = (
    Person.StudyForm.FULL_TIME,
    Person.StudyForm.PART_TIME,
    Person.StudyForm.EXTRAMURAL,
)
STUDENT, PUPIL = Person.Kind.STUDENT, Person.Kind.PUPIL

# Each person: (kind, form of study, a mentee of a pair working in the year, ОВЗ); expected:
# full-time students who were mentees, full-time students; students with ОВЗ who were
# mentees, students with ОВЗ (that indicator counts every form of study).
FULL_TIME = [
    pytest.param([], (0, 0, 0, 0), id="nobody"),
    pytest.param([(STUDENT, FULL, True, False)], (1, 1, 0, 0), id="a full-time mentee"),
    pytest.param([(STUDENT, FULL, False, False)], (0, 1, 0, 0), id="a full-time student"),
    pytest.param(
        [(STUDENT, EXTRA, True, False), (STUDENT, PART, True, False)],
        (0, 0, 0, 0),
        id="extramural and part-time mentees count in neither",
    ),
    pytest.param(
        [(STUDENT, EXTRA, False, False), (STUDENT, PART, False, False)],
        (0, 0, 0, 0),
        id="nor in the denominator",
    ),
    pytest.param(
        [
            (STUDENT, FULL, True, False),
            (STUDENT, FULL, False, False),
            (STUDENT, FULL, False, False),
            (STUDENT, EXTRA, True, False),
            (STUDENT, PART, False, False),
        ],
        (1, 3, 0, 0),
        id="only the full-time ones",
    ),
    pytest.param([(PUPIL, FULL, True, False)], (0, 0, 0, 0), id="a full-time pupil is no student"),
    pytest.param(
        [(STUDENT, EXTRA, True, True), (STUDENT, FULL, False, True)],
        (0, 1, 1, 2),
        id="the ОВЗ share keeps every form of study",
    ),
]


@pytest.mark.parametrize(("people", "expected"), FULL_TIME)
def test_mentees_among_students_count_full_time_students_only(people, expected):
    mentor = PersonFactory(teacher=True)
    mentees = []
    for kind, form, is_mentee, disabled in people:
        person = PersonFactory(
            kind=kind,
            course=1 if kind == STUDENT else None,
            study_form=form,
            has_disability=disabled,
        )
        if is_mentee:
            mentees.append(person)
    if mentees:
        pair(mentor, mentees, "teacher-student", D(YEAR - 1, 9, 1))
    history_back_date(D(YEAR - 1, 9, 1))  # entered when the pair began
    with CaptureQueriesContext(connection) as queries:
        counts = people_counts(YEAR)
    assert len(queries) == 1
    found = tuple(
        counts[key]
        for key in ("student_mentees", "students", "disabled_student_mentees", "disabled_students")
    )
    assert found == expected
