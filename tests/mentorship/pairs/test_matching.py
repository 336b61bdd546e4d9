"""Matching as pure functions: scores with their reasons, exclusions, and the whole-list
proposal, on plain dataclasses (no database)."""

from collections import Counter
from dataclasses import replace

import pytest

from mentorship.pairs import matching
from mentorship.pairs.matching import FormSpec, MenteeNeed, MentorCandidate, Reason, Topic

# The shipped forms with the rules their data carries (people migration 0014).
SS = FormSpec(
    "student-student",
    "Студент – студент",
    frozenset({"student", "alumnus"}),
    frozenset({"student"}),
    mentee_course_min=1,
    mentee_course_max=2,
    mentor_senior_course=True,
)
SP = FormSpec("student-pupil", "Студент – ученик", frozenset({"student"}), frozenset({"pupil"}))
TT = FormSpec(
    "teacher-teacher", "Педагог – педагог", frozenset({"teacher"}), frozenset({"teacher"})
)
TS = FormSpec(
    "teacher-student", "Педагог – студент", frozenset({"teacher"}), frozenset({"student"})
)
ES = FormSpec(
    "employer-student",
    "Работодатель – студент",
    frozenset({"employee"}),
    frozenset({"student"}),
    mentee_course_min=3,
    mentee_course_max=4,
    mentor_from_partner=True,
)
FORMS = {form.code: form for form in (SS, SP, TT, TS, ES)}

DEMO = Topic(1, "Подготовка к демонстрационному экзамену")
TEAM = Topic(2, "Адаптация в коллективе")
OLYMP = Topic(3, "Подготовка к олимпиадам и конкурсам")
MINING = "21.02.17 Подземная разработка месторождений полезных ископаемых"


def mentor(**fields) -> MentorCandidate:
    defaults = dict(
        id=1,
        person_id=1001,
        name="Соколова Анна Викторовна",
        kind="teacher",
        form_codes=frozenset({"teacher-student"}),
        competency_ids=frozenset({DEMO.id, TEAM.id}),
        specialty=MINING,
        age=45,
        experience_years=12,
        capacity_left=2,
    )
    return MentorCandidate(**{**defaults, **fields})


def mentee(**fields) -> MenteeNeed:
    defaults = dict(
        id=101,
        person_id=2001,
        name="Петров Иван Сергеевич",
        kind="student",
        desired_form="teacher-student",
        requests=(DEMO, TEAM),
        specialty=MINING,
        course=1,
        age=16,
    )
    return MenteeNeed(**{**defaults, **fields})


def student_mentor(**fields) -> MentorCandidate:
    return mentor(
        **{
            "kind": "student",
            "form_codes": frozenset({"student-student"}),
            "course": 3,
            "age": 19,
            "experience_years": None,
            **fields,
        }
    )


def test_weights_add_up_to_a_hundred():
    assert matching.MAX_SCORE == 100


def test_score_full_match_lists_every_reason_with_points():
    match = matching.score(mentee(), mentor(), TS)
    assert match.is_candidate
    assert match.reasons == (
        Reason("Форма подходит", 25),
        Reason(
            "Закрывает запросы: Подготовка к демонстрационному экзамену, Адаптация в коллективе",
            35,
        ),
        Reason("Та же специальность", 15),
        Reason("Свободных мест: 2", 6),
        Reason("Старше на 29 лет", 15),
    )
    assert match.total == 96


@pytest.mark.parametrize(
    ("need", "candidate", "form", "blocked"),
    [
        pytest.param(
            mentee(),
            mentor(kind="student", course=4),
            TS,
            "обучающийся не может быть наставником",
            id="mentor-kind",
        ),
        pytest.param(
            mentee(desired_form="student-student"),
            mentor(),
            SS,
            "педагог не может быть наставником",
            id="teacher-in-student-student",
        ),
        pytest.param(mentee(), mentor(capacity_left=0), TS, "нет свободных мест", id="no-capacity"),
        pytest.param(mentee(), mentor(approved=False), TS, "не утверждён", id="not-approved"),
        pytest.param(
            mentee(), mentor(consent_ok=False), TS, "у наставника нет согласия", id="mentor-consent"
        ),
        pytest.param(
            mentee(consent_ok=False),
            mentor(),
            TS,
            "подписанное законным представителем",
            id="minor-consent",
        ),
        pytest.param(
            mentee(consent_ok=False, age=19),
            mentor(),
            TS,
            "нет согласия на обработку",
            id="adult-consent",
        ),
        pytest.param(
            mentee(course=3),
            student_mentor(course=4),
            SS,
            "обучающиеся 1–2 курса, а здесь 3 курс",
            id="ss-mentee-course",
        ),
        pytest.param(
            mentee(course=2),
            student_mentor(course=2),
            SS,
            "на старшем курсе",
            id="ss-mentor-not-older",
        ),
        pytest.param(
            mentee(course=3),
            mentor(kind="employee", organisation_id=None),
            ES,
            "организации-партнёра",
            id="employer-without-organisation",
        ),
        pytest.param(
            mentee(course=1),
            mentor(kind="employee", organisation_id=7),
            ES,
            "обучающиеся 3–4 курса",
            id="es-mentee-course",
        ),
        pytest.param(
            mentee(kind="pupil", course=None),
            mentor(),
            TS,
            "школьник не может быть наставляемым",
            id="mentee-kind",
        ),
        pytest.param(
            mentee(busy_forms=frozenset({"teacher-student"})),
            mentor(),
            TS,
            "уже состоит в паре формы",
            id="busy",
        ),
        pytest.param(
            mentee(kind="teacher", person_id=5),
            mentor(person_id=5),
            TT,
            "самого себя",
            id="same-person",
        ),
    ],
)
def test_score_hard_rules_make_no_candidate(need, candidate, form, blocked):
    match = matching.score(need, candidate, form)
    assert not match.is_candidate
    assert match.total == 0 and match.reasons == ()
    assert any(blocked in text for text in match.blocked_by), match.blocked_by


@pytest.mark.parametrize(
    ("need", "candidate", "form"),
    [
        pytest.param(mentee(course=2), student_mentor(course=3), SS, id="ss-older-student"),
        pytest.param(
            mentee(course=2),
            mentor(kind="alumnus", course=None, form_codes=frozenset({"student-student"})),
            SS,
            id="ss-alumnus",
        ),
        pytest.param(
            mentee(course=3), mentor(kind="employee", organisation_id=7), ES, id="es-employee"
        ),
        pytest.param(
            mentee(kind="pupil", course=None, age=14),
            student_mentor(course=1),
            SP,
            id="sp-any-course",
        ),
        pytest.param(
            mentee(kind="teacher", course=None, age=25, experience_years=1), mentor(), TT, id="tt"
        ),
        pytest.param(mentee(course=4), mentor(capacity_left=1), TS, id="ts-last-place"),
    ],
)
def test_score_allowed_cases_are_candidates(need, candidate, form):
    assert matching.score(need, candidate, form).is_candidate


@pytest.mark.parametrize(
    ("need", "candidate", "form", "expected"),
    [
        pytest.param(
            mentee(course=1),
            student_mentor(course=3),
            SS,
            Reason("Старше на 2 курса", 15),
            id="course-gap-2",
        ),
        pytest.param(
            mentee(course=1),
            student_mentor(course=4),
            SS,
            Reason("Старше на 3 курса", 15),
            id="course-gap-3",
        ),
        pytest.param(
            mentee(course=2),
            student_mentor(course=3),
            SS,
            Reason("Старше на 1 курс", 8),
            id="course-gap-1",
        ),
        pytest.param(
            mentee(course=1),
            mentor(kind="alumnus", age=22),
            SS,
            Reason("Выпускник: уже прошёл этот путь", 15),
            id="alumnus",
        ),
        pytest.param(
            mentee(kind="teacher", experience_years=1, age=24),
            mentor(experience_years=10),
            TT,
            Reason("Стаж больше на 9 лет", 15),
            id="experience-9",
        ),
        pytest.param(
            mentee(kind="teacher", experience_years=1, age=24),
            mentor(experience_years=3),
            TT,
            Reason("Стаж больше на 2 года", 8),
            id="experience-2",
        ),
        pytest.param(
            mentee(kind="teacher", experience_years=4, age=24),
            mentor(experience_years=4),
            TT,
            Reason("Стаж не больше, чем у наставляемого", 0),
            id="experience-same",
        ),
        pytest.param(
            mentee(kind="pupil", course=None, age=15),
            student_mentor(age=16, course=1),
            SP,
            Reason("Старше на 1 год", 8),
            id="age-1",
        ),
        pytest.param(
            mentee(kind="pupil", course=None, age=13),
            student_mentor(age=17, course=1),
            SP,
            Reason("Старше на 4 года", 15),
            id="age-4",
        ),
        pytest.param(
            mentee(), mentor(capacity_left=1), TS, Reason("Свободных мест: 1", 3), id="capacity-1"
        ),
        pytest.param(
            mentee(), mentor(capacity_left=3), TS, Reason("Свободных мест: 3", 10), id="capacity-3"
        ),
        pytest.param(
            mentee(), mentor(capacity_left=7), TS, Reason("Свободных мест: 7", 10), id="capacity-7"
        ),
        pytest.param(
            mentee(),
            mentor(form_codes=frozenset()),
            TS,
            Reason("Форма подходит по категории (в анкете формы не указаны)", 10),
            id="form-unstated",
        ),
        pytest.param(
            mentee(),
            mentor(form_codes=frozenset({"teacher-teacher"})),
            TS,
            Reason("Этой формы нет в анкете наставника", 0),
            id="form-other",
        ),
        pytest.param(
            mentee(requests=(DEMO, OLYMP)),
            mentor(),
            TS,
            Reason("Закрывает запрос: Подготовка к демонстрационному экзамену", 18),
            id="one-of-two-requests",
        ),
        pytest.param(
            mentee(requests=(DEMO, OLYMP)),
            mentor(),
            TS,
            Reason("Не закрывает: Подготовка к олимпиадам и конкурсам", 0),
            id="request-missed",
        ),
        pytest.param(
            mentee(requests=(OLYMP,)),
            mentor(),
            TS,
            Reason("Не закрывает запросы наставляемого", 0),
            id="no-request-answered",
        ),
        pytest.param(
            mentee(requests=()),
            mentor(),
            TS,
            Reason("Запросы наставляемого не указаны", 0),
            id="no-requests",
        ),
        pytest.param(
            mentee(specialty="21.02.17 Подземная разработка"),
            mentor(),
            TS,
            Reason("Та же специальность", 15),
            id="specialty-by-code",
        ),
    ],
)
def test_score_reason_texts_and_points(need, candidate, form, expected):
    assert expected in matching.score(need, candidate, form).reasons


@pytest.mark.parametrize(
    ("need", "candidate"),
    [
        pytest.param(mentee(specialty="Сварочное производство"), mentor(), id="other-specialty"),
        pytest.param(mentee(specialty=""), mentor(specialty=""), id="both-empty"),
    ],
)
def test_score_no_specialty_points_unless_the_same(need, candidate):
    texts = [r.text for r in matching.score(need, candidate, TS).reasons]
    assert "Та же специальность" not in texts


def test_suggestions_order_best_first_then_free_places_then_name():
    need = mentee()
    mentors = [
        mentor(id=1, name="Борисова", competency_ids=frozenset()),  # no requests answered
        mentor(id=2, name="Васильева", capacity_left=1),
        mentor(id=3, name="Алексеева", capacity_left=1),
        mentor(id=4, name="Григорьева", capacity_left=3),
        mentor(id=5, name="Дмитриева", capacity_left=0),  # full: no candidate
    ]
    found = matching.suggestions(need, mentors, FORMS)
    assert [m.mentor.id for m in found] == [4, 3, 2, 1]
    assert found[0].total > found[1].total == found[2].total > found[3].total


def test_suggestions_without_desired_form_try_every_fitting_form():
    need = mentee(desired_form=None, course=3)
    teacher = mentor(id=1)
    employee = mentor(
        id=2, kind="employee", organisation_id=7, form_codes=frozenset({"employer-student"})
    )
    student = student_mentor(id=3, course=4)  # student-student takes only 1–2 course mentees
    found = matching.suggestions(need, [teacher, employee, student], FORMS)
    assert {(m.mentor.id, m.form.code) for m in found} == {
        (1, "teacher-student"),
        (2, "employer-student"),
    }


def test_suggestions_skip_rejected_pairs():
    found = matching.suggestions(
        mentee(), [mentor(id=1), mentor(id=2)], FORMS, rejected=frozenset({(101, 1)})
    )
    assert [m.mentor.id for m in found] == [2]


def _proposal_invariants(proposal, mentees, mentors):
    matched = [m.mentee.id for m in proposal.matches]
    unmatched = [u.mentee.id for u in proposal.unmatched]
    assert len(matched) == len(set(matched)), "a mentee got two mentors"
    assert sorted(matched + unmatched) == sorted(m.id for m in mentees)
    load = Counter(m.mentor.id for m in proposal.matches)
    for candidate in mentors:
        assert load[candidate.id] <= max(candidate.capacity_left, 0), candidate.name
    assert all(m.is_candidate for m in proposal.matches)


# (mentees, mentors, expected {mentee id: mentor id}, expected {mentee id: reason fragment})
PROPOSAL_CASES = {
    "capacity-one-place-two-mentees": (
        [mentee(id=1, name="А"), mentee(id=2, name="Б", requests=(DEMO,))],
        [mentor(id=10, capacity_left=1)],
        {1: 10},
        {2: "заняты другими в этом предложении"},
    ),
    "fewest-options-choose-first": (
        # Б (3 course, no form chosen) could go to the teacher or the employer and scores
        # higher with the teacher; А (1 course) has only the teacher. Fair: А gets the teacher.
        [
            mentee(id=1, name="А", requests=(OLYMP,)),
            mentee(id=2, name="Б", course=3, desired_form=None),
        ],
        [
            mentor(id=10, capacity_left=1),
            mentor(
                id=20,
                kind="employee",
                organisation_id=7,
                competency_ids=frozenset(),
                form_codes=frozenset({"employer-student"}),
                capacity_left=1,
            ),
        ],
        {1: 10, 2: 20},
        {},
    ),
    "best-score-wins": (
        [mentee(id=1, name="А")],
        [mentor(id=10, competency_ids=frozenset()), mentor(id=20)],
        {1: 20},
        {},
    ),
    "capacity-spreads-over-mentors": (
        [mentee(id=i, name=f"Н{i}") for i in range(1, 6)],
        [
            mentor(id=10, capacity_left=2),
            mentor(id=20, capacity_left=2, competency_ids=frozenset()),
        ],
        None,  # any assignment; the invariants are checked
        {},
    ),
    "no-consent": (
        [mentee(id=1, name="А", consent_ok=False)],
        [mentor(id=10)],
        {},
        {1: "нет согласия"},
    ),
    "no-mentor-of-form": (
        [mentee(id=1, name="А", kind="teacher", desired_form="teacher-teacher", course=None)],
        [student_mentor(id=10)],
        {},
        {1: "нет утверждённых наставников формы «Педагог – педагог»"},
    ),
    "mentors-full": (
        [mentee(id=1, name="А")],
        [mentor(id=10, capacity_left=0)],
        {},
        {1: "нет наставников формы «Педагог – студент» со свободными местами"},
    ),
    "course-does-not-fit-form": (
        [mentee(id=1, name="А", desired_form="student-student", course=3)],
        [student_mentor(id=10, course=4)],
        {},
        {1: "обучающиеся 1–2 курса"},
    ),
    "rejected-goes-to-next-mentor": (
        [mentee(id=1, name="А")],
        [mentor(id=10), mentor(id=20, competency_ids=frozenset())],
        {1: 20},
        {},
    ),
}


@pytest.mark.parametrize("case", PROPOSAL_CASES.keys())
def test_propose_cases(case):
    mentees, mentors, expected, reasons = PROPOSAL_CASES[case]
    rejected = frozenset({(1, 10)}) if case == "rejected-goes-to-next-mentor" else frozenset()
    proposal = matching.propose(mentees, mentors, FORMS, rejected=rejected)
    _proposal_invariants(proposal, mentees, mentors)
    if expected is not None:
        assert {m.mentee.id: m.mentor.id for m in proposal.matches} == expected
    got = {u.mentee.id: u.reason for u in proposal.unmatched}
    assert set(got) == set(reasons) or expected is None
    for mentee_id, fragment in reasons.items():
        assert fragment in got[mentee_id]


def test_propose_only_rejected_mentor_says_so():
    proposal = matching.propose(
        [mentee(id=1)], [mentor(id=10)], FORMS, rejected=frozenset({(1, 10)})
    )
    assert proposal.matches == ()
    assert proposal.unmatched[0].reason == "предложенных наставников куратор отклонил"


def test_propose_scores_with_the_places_left_at_that_moment():
    # Two mentees for one mentor with two places: the second sees one place left.
    proposal = matching.propose(
        [mentee(id=1, name="А"), mentee(id=2, name="Б")], [mentor(id=10, capacity_left=2)], FORMS
    )
    places = sorted(
        r.text for m in proposal.matches for r in m.reasons if r.text.startswith("Свободных")
    )
    assert places == ["Свободных мест: 1", "Свободных мест: 2"]


def test_propose_large_list_never_exceeds_capacity():
    mentees = [
        mentee(id=i, name=f"Наставляемый {i:03}", requests=((DEMO,), (TEAM,), (OLYMP,))[i % 3])
        for i in range(1, 61)
    ]
    mentors = [
        mentor(
            id=1000 + j,
            name=f"Наставник {j:02}",
            capacity_left=j % 4,
            competency_ids=frozenset({j % 3 + 1}),
        )
        for j in range(20)
    ]
    proposal = matching.propose(mentees, mentors, FORMS)
    _proposal_invariants(proposal, mentees, mentors)
    assert len(proposal.matches) == sum(j % 4 for j in range(20))  # every place is used
    assert all("заняты" in u.reason for u in proposal.unmatched)


def test_mentee_blocks_are_pure_of_mentor():
    need = replace(mentee(), consent_ok=False)
    assert matching.mentee_blocks(need, TS) == [
        "нет согласия: несовершеннолетнему нужно согласие, подписанное законным представителем"
    ]
