"""The mentoring programme over the given academic years: who mentors whom in each year.

Each academic year forms pairs and groups of the five forms from the people then eligible
(students by their course in that year, teachers by their experience then), within each
mentor's capacity and at most one pair a mentee in a year. Pairs of earlier years are closed
(finished in May–June, a few ended early); those of the current year are mostly active, some
still being formed, a few already ended early, a few stopped meeting.

Only the plan is made here (PairRec); profiles.py and work.py write it.
"""

import datetime as dt

from mentorship.demo.pairs import ES, FORM_ORDER, PS, SP, SS, TS, TT
from mentorship.lib.dates import college_workday as workday
from mentorship.people.models import Person

from .people import ALUMNI_KEPT
from .state import PairRec, State, Who

MENTEE_SHARE = {SS: 0.15, TS: 0.06, ES: 0.15, SP: 0.5, TT: 0.8}
IN_NEED_SHARE = 0.7  # of students with ОВЗ, orphans and ТЖС: mentees in a year
TEACHER_MENTORS = 0.55
EMPLOYEE_MENTORS = 0.65
STUDENT_MENTORS = {SS: 0.09, SP: 0.02}  # of the 3rd–4th course students of a year
SIZES = {
    Person.Kind.TEACHER: [1, 2, 2, 3, 3, 4],
    Person.Kind.EMPLOYEE: [1, 2, 2, 3],
    Person.Kind.STUDENT: [1, 1, 2],
    Person.Kind.ALUMNUS: [1, 1, 2],  # a student mentor of an earlier year
}
CAPACITIES = {
    Person.Kind.TEACHER: [2, 3, 3, 4, 5],
    Person.Kind.EMPLOYEE: [1, 2, 2, 3],
    Person.Kind.STUDENT: [1, 1, 2, 2, 3],
    Person.Kind.ALUMNUS: [1, 1, 2, 2, 3],
}
WAITING_SHARE = 0.08  # of the current year's mentees: still waiting for a mentor
FORMING_SHARE = 0.1
ENDED_EARLY_SHARE = {"current": 0.03, "past": 0.08}
INACTIVE_SHARE = 0.05


def plan_programme(s: State) -> None:
    rng = s.rng("programme")
    students = [w for w in s.people if w.cohort is not None]
    teachers = s.of_kind(Person.Kind.TEACHER)
    employees = s.of_kind(Person.Kind.EMPLOYEE)
    pupils = s.of_kind(Person.Kind.PUPIL)
    teacher_mentors = [w for w in teachers if w.experience >= 5]
    teacher_mentors = rng.sample(teacher_mentors, round(len(teacher_mentors) * TEACHER_MENTORS))
    employee_mentors = rng.sample(employees, round(len(employees) * EMPLOYEE_MENTORS))
    for w in teacher_mentors + employee_mentors:
        w.mentor_capacity = rng.choice(CAPACITIES[w.kind])
    s.mentor_pool = teacher_mentors + employee_mentors  # also the approved without pairs
    for year in s.years:
        _plan_year(s, year, students, teachers, pupils, teacher_mentors, employee_mentors)


def _plan_year(s, year, students, teachers, pupils, teacher_mentors, employee_mentors):
    rng = s.rng("programme", year)
    k = s.year0 - year
    current = k == 0

    def course(w):
        return w.course_in(year)

    def exp(w):
        return w.experience - k

    mentees: dict[str, list[Who]] = {}
    taken: set[int] = set()

    def pick(form, pool, share, first=()):
        pool = [w for w in pool if id(w) not in taken]
        chosen = [w for w in first if id(w) not in taken]
        first_ids = {id(w) for w in chosen}
        rest = [w for w in pool if id(w) not in first_ids]
        # The registry keeps only part of an alumni cohort: the share is of the whole.
        nominal = sum(1 / ALUMNI_KEPT if w.kind == Person.Kind.ALUMNUS else 1 for w in pool)
        n = max(0, round(nominal * share) - len(chosen))
        chosen += rng.sample(rest, min(n, len(rest)))
        taken.update(id(w) for w in chosen)
        mentees[form] = chosen

    learners = [w for w in students if course(w)]
    in_need = [
        w
        for w in learners
        if (w.person.has_disability or w.person.orphan or w.person.hard_life_situation)
        and rng.random() < IN_NEED_SHARE
    ]
    junior = [w for w in learners if course(w) <= 2]
    senior = [w for w in learners if course(w) >= 3]
    pick(TT, [w for w in teachers if 0 <= exp(w) <= 3], MENTEE_SHARE[TT])
    pick(SP, pupils if k <= 2 else [], MENTEE_SHARE[SP])
    pick(SS, junior, MENTEE_SHARE[SS], first=[w for w in in_need if course(w) <= 2][::2])
    pick(TS, learners, MENTEE_SHARE[TS], first=in_need)
    pick(ES, senior, MENTEE_SHARE[ES])

    load: dict[int, int] = {}
    student_mentors = {
        form: rng.sample(senior, round(len(senior) * share)) if form != SP or pupils else []
        for form, share in STUDENT_MENTORS.items()
    }
    for form in (SS, SP):
        student_mentors[form] = [w for w in student_mentors[form] if id(w) not in taken]
        for w in student_mentors[form]:
            w.mentor_capacity = w.mentor_capacity or rng.choice(CAPACITIES[Person.Kind.STUDENT])
    mentors = {
        SS: student_mentors[SS],
        SP: [w for w in student_mentors[SP] if w not in student_mentors[SS]],
        TT: [w for w in teacher_mentors if exp(w) >= 8],
        TS: [w for w in teacher_mentors if exp(w) >= 5],
        ES: employee_mentors,
    }
    orders = _orders(s, rng, year)
    for form in FORM_ORDER:  # a mentor of two forms fills the scarcer one first
        waiting = mentees[form]
        if current:
            held = round(len(waiting) * WAITING_SHARE)
            for w in waiting[:held]:
                w.mentee_form = form
            waiting = waiting[held:]
        pool = list(mentors[form])
        rng.shuffle(pool)
        for mentor in pool:
            if not waiting:
                break
            free = mentor.mentor_capacity - load.get(id(mentor), 0)
            n = min(rng.choice(SIZES[mentor.kind]), free, len(waiting))
            if n <= 0:
                continue
            group, waiting = waiting[:n], waiting[n:]
            load[id(mentor)] = load.get(id(mentor), 0) + n
            pair = _pair(s, rng, mentor, form, group, year, orders)
            s.pairs.append(pair)
            mentor.pairs_as_mentor.append(pair)
            for w in group:
                w.pairs_as_mentee.append(pair)
        if current:
            for w in waiting:  # no mentor left this year: they wait
                w.mentee_form = form


def _orders(s: State, rng, year: int) -> list[tuple[str, dt.date]]:
    """The year's two orders fixing pairs, a month and six weeks into the year."""
    start = s.year_start(year)
    first = rng.randint(280, 320)
    return [
        (f"№ {first}-о", workday(start + dt.timedelta(days=30))),
        (f"№ {first + rng.randint(15, 40)}-о", workday(start + dt.timedelta(days=44))),
    ]


def _pair(s: State, rng, mentor: Who, form: str, mentees: list[Who], year: int, orders) -> PairRec:
    current = year == s.year0
    number, order_day = orders[0] if rng.random() < 0.75 else orders[1]
    start = order_day - dt.timedelta(days=rng.randint(1, 5))
    pair = PairRec(
        mentor=mentor,
        form=form,
        mentees=mentees,
        year=year,
        start=start,
        planned_end=dt.date(year + 1, 6, 30),
        status=PS.ACTIVE,
        order_number=number,
        order_date=order_day,
    )
    draw = rng.random()
    reasons = s.programme["end_reasons"]["group" if len(mentees) > 1 else form]
    if current:
        if draw < FORMING_SHARE or order_day > s.today:
            # Formed at the October seminar, the order not signed yet.
            late = s.year_start(year) + dt.timedelta(days=rng.randint(58, 78))
            pair.start = max(s.year_start(year) + dt.timedelta(days=25), s.clamp(late))
            pair.start = min(pair.start, s.today)
            pair.status, pair.order_number, pair.order_date = PS.FORMING, "", None
        elif draw < FORMING_SHARE + ENDED_EARLY_SHARE["current"]:
            end = workday(start + dt.timedelta(days=rng.randint(28, 40)))
            if end < s.today:
                pair.status, pair.end_date = PS.ENDED_EARLY, end
                pair.end_reason = rng.choice(reasons)
        elif draw < FORMING_SHARE + ENDED_EARLY_SHARE["current"] + INACTIVE_SHARE:
            pair.inactive = True
    elif draw < ENDED_EARLY_SHARE["past"]:
        pair.status = PS.ENDED_EARLY
        pair.end_date = workday(start + dt.timedelta(days=rng.randint(70, 170)))
        pair.end_reason = rng.choice(reasons)
    else:
        final = workday(dt.date(year + 1, 5, 20) + dt.timedelta(days=rng.randint(0, 27)))
        pair.status = PS.FINISHED
        pair.end_date = workday(final + dt.timedelta(days=rng.randint(0, 3)))
        pair.result_summary = s.programme["summaries"][form]
    return pair
