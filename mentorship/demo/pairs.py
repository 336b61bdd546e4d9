"""The demo mentoring programme behind `manage.py load_demo`: pairs and groups of all five
forms over two academic years, their individual plans, meetings and achievements, and the
College card.

plan_programme(plan, today) works on the people plan of demo/people.py, in memory:
it picks the pairs from the planned mentors and mentees, dates everything from 1 September of
the previous and of the current academic year, and moves the consents of the pairs' members to
before the pairs' starts (a pair of last year needs a consent of last year). Like the people
plan it is drawn from seeded generators: the same day gives the same programme; the pairs'
work is drawn from one generator per pair, so what happens in one pair never shifts another.

load_programme(...) writes it after the people. Every pair goes through the services
(pairs/services.py) in the order things happened — formed, activated by an order, closed — so
the rules are checked and the status history is the one a curator would have left. Meetings,
plan tasks and achievements are bulk-created: the services would add nothing but time.

A demo pair is found again by its mentor, form and start date. A second run finds every planned
pair and writes nothing. A database that already holds other pairs (pairs made by hand, or a
run of another academic year) is left as it is: the programme is written whole or not at all,
so its stories (a pair ended early, its mentee paired again) never come out half-told.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mentorship.lib.dates import academic_year_end, age_on, college_workday
from mentorship.pairs import services
from mentorship.pairs.models import Achievement, IndividualPlan, Meeting, Pair, PlanTask
from mentorship.people.models import (
    College,
    Consent,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    RoleModel,
)
from mentorship.people.models.persons import ADULT_AGE

from .people import ORDER_LAST_YEAR, PersonPlan, Plan
from .plan import CHANGE_REASON, SEED, agree, load_json

FormCode = MentoringForm.Code

S = MentorProfile.Status
W = MenteeProfile.Status
K = Meeting.Kind
F = Meeting.Format
PS = Pair.Status

SS, SP, TT, TS, ES = (
    FormCode.STUDENT_STUDENT,
    FormCode.STUDENT_PUPIL,
    FormCode.TEACHER_TEACHER,
    FormCode.TEACHER_STUDENT,
    FormCode.EMPLOYER_STUDENT,
)
# A mentor of two forms fills the scarcer one first.
FORM_ORDER = [SP, TT, SS, TS, ES]
# Mentees of each form left waiting for the matching screen, at least (pupils: none — the few
# mentors who chose «студент – ученик» take as many as they can).
RESERVE = {SS: 12, TS: 3, TT: 1, ES: 1, SP: 0}
LATE_PAIRS = 5  # pairs of mentors approved in October, fixed by the November order
FORMING_PAIRS = 6  # pairs of mentors approved in October, formed but not ordered yet
INACTIVE_PAIRS = 2  # active pairs of this year that stopped meeting (plus one of two years)

LEVELS = {level.value for level in Achievement.Level}
DOCUMENT_FOR = {
    Achievement.Result.WINNER: Achievement.Document.DIPLOMA,
    Achievement.Result.PRIZE: Achievement.Document.DIPLOMA,
    Achievement.Result.LAUREATE: Achievement.Document.DIPLOMA,
    Achievement.Result.PARTICIPANT: Achievement.Document.CERTIFICATE,
}


# --- a pair's work, dated: shared with the bench's generator (mentorship/bench/generate) ------


def task_specs(rng, specs: list[dict]) -> list[dict]:
    """Four to eight of a form's tasks (programme.json «tasks») in their months' order; every
    plan opens with the form's first step."""
    n = rng.randint(min(4, len(specs)), min(8, len(specs)))
    return [specs[0], *sorted(rng.sample(specs[1:], n - 1), key=lambda s: s["month"])]


def task_dates(
    rng, chosen: list[dict], pair, today: dt.date
) -> list[tuple[dict, dt.date, dt.date | None, int | None]]:
    """(spec, due date, done on or None, turn) of each chosen task of a pair: due about its
    month after the start, on a college workday, within the pair's term; most of those due
    by the pair's end (or today) done, the first always, a few not yet due done early. turn
    numbers the individual tasks (the mentee's: turn % the number of mentees); None for a
    task of the whole pair. pair: the demo's PairPlan or the bench's PairRec, whose status,
    start, planned_end, end_date and inactive are read."""
    horizon = pair.end_date or today
    done_share = {PS.FINISHED: 0.95, PS.ENDED_EARLY: 0.7}.get(pair.status, 0.85)
    if pair.inactive:
        done_share = 0.5
    out, turn = [], 0
    for spec in chosen:
        due = pair.start + dt.timedelta(days=round(spec["month"] * 30.4) + rng.randint(0, 5))
        due = min(college_workday(due), pair.planned_end)
        if pair.status == PS.FINISHED:
            due = min(due, pair.end_date)
        individual = None
        if spec.get("individual"):
            individual, turn = turn, turn + 1
        done_on = None
        draw, early = rng.random(), rng.randint(0, 7)
        if due <= horizon and (draw < done_share or not out):
            done_on = min(max(pair.start, due - dt.timedelta(days=early)), horizon)
        elif due > horizon and pair.end_date is None and draw < 0.08:
            done_on = max(pair.start, today - dt.timedelta(days=early))
        out.append((spec, due, done_on, individual))
    return out


def meeting_days(
    rng, pair, today: dt.date, stalled: dt.date | None = None
) -> list[tuple[str, dt.date]]:
    """The kinds and days of a pair's meetings, on college workdays: acquaintance, trial and
    planning a week or so apart, then regular ones every two to four weeks up to a stop — a
    week before the final meeting of a finished pair, some weeks before an early end, the
    planned end or today otherwise (20 days after `stalled` for a pair that stopped
    meeting) — none after today but a finished pair's final one. pair: as task_dates'."""
    final = None
    if pair.status == PS.FINISHED:
        final = pair.end_date - dt.timedelta(days=rng.randint(0, 3))
        if final.weekday() == 6:
            final -= dt.timedelta(days=1)
        stop = final - dt.timedelta(days=7)
    elif pair.status == PS.ENDED_EARLY:
        stop = pair.end_date - dt.timedelta(days=rng.randint(7, 25))
    else:
        stop = min(today, pair.planned_end)
        if stalled is not None:
            stop = min(stop, stalled + dt.timedelta(days=20))
    day = college_workday(pair.start + dt.timedelta(days=rng.randint(0, 2)))
    days = [(K.ACQUAINTANCE, day)]
    for kind in (K.TRIAL, K.PLANNING):
        day = college_workday(day + dt.timedelta(days=rng.randint(6, 10)))
        days.append((kind, day))
    while True:
        day = college_workday(day + dt.timedelta(days=rng.randint(14, 28)))
        if day > stop:
            break
        days.append((K.REGULAR, day))
    days = [(kind, day) for kind, day in days if day <= stop and day <= today]
    if final is not None:
        days.append((K.FINAL, max(final, days[-1][1] if days else pair.start)))
    return days


# --- the plan -------------------------------------------------------------------------------


@dataclass
class MeetingPlan:
    kind: str
    date: dt.date
    format: str
    topic: str
    notes: str = ""
    absent: tuple[str, ...] = ()  # handles of group members who missed it


@dataclass
class TaskPlan:
    title: str
    due: dt.date
    mentee: str | None = None  # handle; None: a task of the whole pair
    done_on: dt.date | None = None


@dataclass(eq=False)
class PairPlan:
    mentor: str  # handles of the people plan
    form: str
    mentees: list[str]
    year: str  # "previous" or "current": the academic year it started in
    start: dt.date
    planned_end: dt.date
    role_model: str = ""
    order_number: str = ""
    order_date: dt.date | None = None
    status: str = PS.ACTIVE  # where it is today
    end_date: dt.date | None = None
    end_reason: str = ""
    result_summary: str = ""
    two_years: bool = False  # started last year, still at work
    inactive: bool = False  # stopped meeting
    goals: str = ""
    tasks: list[TaskPlan] = field(default_factory=list)
    meetings: list[MeetingPlan] = field(default_factory=list)

    @property
    def was_active(self) -> bool:
        return self.order_date is not None

    def at_work_on(self, day: dt.date) -> bool:
        if not self.was_active or day < self.order_date:
            return False
        return self.end_date is None or day <= self.end_date


@dataclass
class AchievementPlan:
    person: str
    event: str
    level: str
    result: str
    document: str
    date: dt.date
    pair: PairPlan | None = None


@dataclass
class Programme:
    college: dict
    pairs: list[PairPlan]
    achievements: list[AchievementPlan]
    finished_mentors: list[str]  # «завершил участие»: their pairs were last year


def _has_consent(p: PersonPlan) -> bool:
    """One consent, not withdrawn (the re-signed and withdrawn ones stay out of the pairs)."""
    return len(p.consents) == 1 and p.consents[0].withdrawn_on is None


def _initials(p: PersonPlan) -> str:
    v = p.values
    return f"{v['first_name'][0]}.{v['middle_name'][0]}. {v['last_name']}"


def _short_name(p: PersonPlan) -> str:
    v = p.values
    return f"{v['last_name']} {v['first_name'][0]}.{v['middle_name'][0]}."


class _ProgrammePlanner:
    def __init__(self, plan: Plan, today: dt.date):
        self.plan = plan
        self.today = today
        self.year = plan.academic_year
        self.prev = self.year.replace(year=self.year.year - 1)
        self.ref = load_json("programme.json")
        self.rng = random.Random(f"{SEED}/programme")
        self.people = {p.handle: p for p in plan.people}
        self.pairs: list[PairPlan] = []
        self.load = {"previous": Counter(), "current": Counter()}  # mentor -> mentees taken
        self.taken: set[str] = set()  # mentees in a pair that did not break up
        self.again: list[str] = []  # mentees of pairs ended early, waiting again
        self.order: dict[str, list[str]] = {}  # form -> its waiting mentees, in drawn order

    # helpers ------------------------------------------------------------------------------

    def day(self, year: str, offset: int) -> dt.date:
        return (self.prev if year == "previous" else self.year) + dt.timedelta(days=offset)

    def clamp(self, day: dt.date) -> dt.date:
        return min(day, self.today)

    def june_end(self, year: str) -> dt.date:
        return academic_year_end(self.prev if year == "previous" else self.year)

    def mentors(self, test) -> list[PersonPlan]:
        return [p for p in self.plan.people if p.mentor and _has_consent(p) and test(p.mentor)]

    def pool(self, form: str, year: str, mentor: PersonPlan) -> list[PersonPlan]:
        """Mentees of a form free to join this mentor's pair, in the order they are taken."""
        chosen = []
        for handle in self.again + self.order[form]:
            p = self.people[handle]
            if handle in self.taken or p in chosen or p.mentee.form != form:
                continue
            if year == "previous" and not self.was_here_last_year(p):
                continue
            if (
                form == SS
                and mentor.kind == Person.Kind.STUDENT
                and mentor.values["course"] <= p.values["course"]
            ):
                continue
            chosen.append(p)
        return chosen

    def was_here_last_year(self, p: PersonPlan) -> bool:
        """A mentee of last year is still a mentee of this form today."""
        v = p.values
        if p.kind == Person.Kind.STUDENT:
            return v["course"] == (4 if p.mentee.form == ES else 2)
        if p.kind == Person.Kind.TEACHER:
            return v["experience_years"] >= 1 and not p.changed_job
        return True

    def size(self, mentor: PersonPlan) -> int:
        if mentor.kind == Person.Kind.TEACHER:
            return self.rng.choice([1, 2, 2, 3, 3, 4])
        if mentor.kind == Person.Kind.EMPLOYEE:
            return self.rng.choice([1, 2, 2, 3])
        return self.rng.choice([1, 1, 2])

    def role_model(self, form: str, first: PersonPlan) -> str:
        """The form's role model (programme.json) that fits the (first) mentee: their requests,
        course or experience."""
        models = self.ref["role_models"][form]
        if form == TT:
            if first.changed_job:
                return models["changed_job"]
            return models["young" if first.values["experience_years"] <= 1 else "subject"]
        if form == ES:
            return models[str(first.values["course"])]
        options = [models[r.topic] for r in first.mentee.requests if r.topic in models]
        options += models.get("default", [])
        return self.rng.choice(options or [v for v in models.values() if isinstance(v, str)])

    def add_pair(self, mentor, form, mentees, year, start, order=None) -> PairPlan:
        pair = PairPlan(
            mentor=mentor.handle,
            form=form,
            mentees=[m.handle for m in mentees],
            year=year,
            start=start,
            planned_end=self.june_end(year),
            role_model=self.role_model(form, mentees[0]),
        )
        if order is not None:
            pair.order_number, pair.order_date = order
        self.pairs.append(pair)
        self.load[year][mentor.handle] += len(mentees)
        self.taken.update(pair.mentees)
        self.again = [h for h in self.again if h not in pair.mentees]
        return pair

    def ordered_start(self, year: str) -> tuple[dt.date, tuple[str, dt.date]]:
        """A start a few days before the order that fixed the pair, and that order."""
        orders = self.ref["orders"][year]
        order = orders[0] if self.rng.random() < 0.75 else orders[1]
        order_day = self.day(year, order["day"])
        start = order_day - dt.timedelta(days=self.rng.randint(1, 5))
        if year == "current":
            start, order_day = self.clamp(start), self.clamp(order_day)
        return start, (order["number"], order_day)

    # the pairs ----------------------------------------------------------------------------

    def build_pairs(self):
        mentees = [
            p
            for p in self.plan.people
            if p.mentee and p.mentee.status == W.WAITING and _has_consent(p)
        ]
        self.order = {form: [] for form in FORM_ORDER}
        for p in self.rng.sample(mentees, len(mentees)):
            if p.handle != "mentee":  # the demo login waits for the demo mentor
                self.order[p.mentee.form].append(p.handle)
        self.build_previous_year()
        self.build_current_year()

    def build_previous_year(self):
        mentors = self.mentors(
            lambda m: (
                m.appointment_order == ORDER_LAST_YEAR[0] and m.status in (S.ACTIVE, S.FINISHED)
            )
        )
        for mentor in mentors:
            for form in sorted(mentor.mentor.forms, key=FORM_ORDER.index):
                free = mentor.mentor.capacity - self.load["previous"][mentor.handle]
                pool = self.pool(form, "previous", mentor)
                n = min(free, self.size(mentor), len(pool))
                if n > 0:
                    start, order = self.ordered_start("previous")
                    self.add_pair(mentor, form, pool[:n], "previous", start, order)
        pairs = list(self.pairs)
        # Some pairs go on for a second year (a programme may run from October to June of the
        # next year but one); one per form, with a mentor still at work.
        for form in (TT, TS, ES, SS):
            candidates = [
                p
                for p in pairs
                if p.form == form and self.people[p.mentor].mentor.status == S.ACTIVE
            ]
            if candidates:
                pair = self.rng.choice(candidates)
                pair.two_years = True
                pair.planned_end = self.june_end("current")
                self.load["current"][pair.mentor] += len(pair.mentees)
        # A few broke up; the rest finished in June.
        for form in (SS, TS, ES, SP):
            candidates = [
                p
                for p in pairs
                if p.form == form
                and not p.two_years
                and self.people[p.mentor].mentor.status == S.ACTIVE
            ]
            if candidates:
                candidates.sort(key=lambda p: len(p.mentees))
                self.end_early(candidates[0], "previous")
        for pair in pairs:
            if not pair.two_years and pair.status == PS.ACTIVE:
                self.finish(pair)

    def end_early(self, pair: PairPlan, year: str):
        rng = self.rng
        if year == "previous":
            end = college_workday(pair.start + dt.timedelta(days=rng.randint(70, 170)))
        else:
            end = college_workday(pair.start + dt.timedelta(days=rng.randint(28, 40)))
        reasons = self.ref["end_reasons"]["group" if len(pair.mentees) > 1 else pair.form]
        first = self.people[pair.mentees[0]]
        pair.status = PS.ENDED_EARLY
        pair.end_date = end
        pair.end_reason = agree(rng.choice(reasons), first.gender)
        self.taken.difference_update(pair.mentees)
        self.again += pair.mentees

    def finish(self, pair: PairPlan):
        final = college_workday(
            dt.date(self.year.year, 5, 20) + dt.timedelta(days=self.rng.randint(0, 27))
        )
        pair.status = PS.FINISHED
        pair.end_date = college_workday(final + dt.timedelta(days=self.rng.randint(0, 3)))
        pair.result_summary = self.ref["summaries"][pair.form]

    def build_current_year(self):
        rng = self.rng
        two_years = {(p.mentor, p.form) for p in self.pairs if p.two_years}
        # Half of those whose pair broke up are paired again this year, the others wait.
        half = (len(self.again) + 1) // 2
        self.taken.update(self.again[half:])
        self.again = self.again[:half]
        mentors = self.mentors(lambda m: m.status == S.ACTIVE)
        mentors.sort(key=lambda p: p.handle != "mentor")  # the demo mentor first
        current = []
        for mentor in mentors:
            for form in sorted(mentor.mentor.forms, key=FORM_ORDER.index):
                if (mentor.handle, form) in two_years:
                    continue
                free = mentor.mentor.capacity - self.load["current"][mentor.handle]
                pool = self.pool(form, "current", mentor)
                size = free if form == SP else self.size(mentor)  # pupils' mentors: all busy
                n = min(free, size, len(pool) - RESERVE[form])
                if mentor.handle == "mentor":  # the demo logins: a group of three
                    pool, n = [self.people["mentee"]] + pool, 3
                if n > 0:
                    start, order = self.ordered_start("current")
                    current.append(self.add_pair(mentor, form, pool[:n], "current", start, order))
        # Mentors approved in October: pairs formed at the seminar after their order; the
        # first ones fixed by the November order, the others not yet.
        approved = self.mentors(lambda m: m.status == S.APPROVED)
        late = self.ref["orders"]["late"]
        formed = []
        for form in FORM_ORDER * len(approved):  # one pair a form in turn
            for mentor in approved:
                if len(formed) == LATE_PAIRS + FORMING_PAIRS or form not in mentor.mentor.forms:
                    continue
                if self.load["current"][mentor.handle]:
                    continue
                pool = self.pool(form, "current", mentor)
                n = min(mentor.mentor.capacity, rng.choice([1, 1, 2]), len(pool) - RESERVE[form])
                if n > 0:
                    order_day = self.day("current", late["day"])
                    if len(formed) < LATE_PAIRS and order_day <= self.today:
                        start = order_day - dt.timedelta(days=rng.randint(1, 8))
                        order = (late["number"], order_day)
                    else:
                        start = self.clamp(self.day("current", rng.randint(58, 78)))
                        order = None
                    pair = self.add_pair(mentor, form, pool[:n], "current", start, order)
                    if order:
                        current.append(pair)
                    else:
                        pair.status = PS.FORMING
                    formed.append(pair)
                    break
        # Of this year's active pairs: one has already broken up, a few stopped meeting.
        others = [p for p in current if p.mentor != "mentor"]
        singles = [p for p in others if len(p.mentees) == 1 and p.form in (SS, TS)]
        if singles:
            pair = rng.choice(singles)
            self.end_early(pair, "current")
            if pair.end_date > self.today - dt.timedelta(days=5):
                pair.status, pair.end_date, pair.end_reason = PS.ACTIVE, None, ""
                self.again = [h for h in self.again if h not in pair.mentees]
                self.taken.update(pair.mentees)
        stalled = self.today - dt.timedelta(days=52)
        at_work = [p for p in others if p.status == PS.ACTIVE and p.start <= stalled]
        for pair in rng.sample(at_work, min(INACTIVE_PAIRS, len(at_work))):
            pair.inactive = True
        two_year_pairs = [p for p in self.pairs if p.two_years]
        if two_year_pairs:
            rng.choice(two_year_pairs).inactive = True

    # the work of a pair -------------------------------------------------------------------

    def build_work(self, index: int, pair: PairPlan):
        rng = random.Random(f"{SEED}/programme/{index}")
        mentor = self.people[pair.mentor]
        first = self.people[pair.mentees[0]]
        subjects = self.ref["subjects"]
        position = first.values.get("position", "").split(",")[0]
        fill = {
            "org": mentor.values.get("organisation") or "",
            "subject": subjects.get(position, subjects["default"]),
        }
        if pair.status == PS.FORMING:
            if rng.random() < 0.5:
                day = college_workday(pair.start + dt.timedelta(days=rng.randint(1, 4)))
                if day <= self.today:
                    pair.meetings.append(self.meeting(rng, pair, K.ACQUAINTANCE, day))
            return
        pair.goals = self.ref["goals"][pair.form][pair.role_model].format(**fill)
        pair.tasks = self.tasks(rng, pair, fill)
        pair.meetings = self.meetings(rng, pair)

    def tasks(self, rng, pair: PairPlan, fill: dict) -> list[TaskPlan]:
        chosen = task_specs(rng, self.ref["tasks"][pair.form])
        if pair.two_years:
            chosen = chosen[:6] + self.ref["second_year_tasks"][pair.form]
        tasks = []
        for spec, due, done_on, turn in task_dates(rng, chosen, pair, self.today):
            mentee = None if turn is None else pair.mentees[turn % len(pair.mentees)]
            tasks.append(TaskPlan(spec["title"].format(**fill), due, mentee, done_on))
        return tasks

    def meetings(self, rng, pair: PairPlan) -> list[MeetingPlan]:
        stalled = None
        if pair.inactive:
            stalled = self.year + dt.timedelta(days=25) if pair.two_years else pair.start
        dates = meeting_days(rng, pair, self.today, stalled)
        # The form's topics in their order, some skipped; round again in a second year.
        regular = self.ref["meetings"]["regular"][pair.form]
        needed = sum(kind == K.REGULAR for kind, _ in dates)
        early = range(min(len(regular), needed + 2))  # a young pair starts at the start
        picked = sorted(rng.sample(early, min(len(early), needed)))
        topics = [regular[i] for i in picked]
        while len(topics) < needed:
            topics += rng.sample(regular, len(regular))
        topics.reverse()
        meetings = []
        for kind, day in dates:
            meeting = self.meeting(rng, pair, kind, day)
            if kind == K.REGULAR:
                meeting.topic = topics.pop()
            meetings.append(meeting)
        return meetings

    def meeting(self, rng, pair: PairPlan, kind: str, day: dt.date) -> MeetingPlan:
        texts = self.ref["meetings"]
        group = len(pair.mentees) > 1
        if kind == K.ACQUAINTANCE:
            topic = texts["acquaintance"]["group" if group else "pair"]
        elif kind == K.TRIAL:
            topic = texts["trial"][pair.form]
        elif kind == K.REGULAR:
            topic = ""  # set by the caller from the form's topics
        else:
            topic = texts["planning" if kind == K.PLANNING else "final"]
        draw = rng.random()
        online_share = 0.1 if pair.form in (ES, SP) else 0.2
        if kind in (K.ACQUAINTANCE, K.FINAL) or draw >= online_share + 0.1:
            format_ = F.IN_PERSON
        else:
            format_ = F.ONLINE if draw < online_share else F.MIXED
        notes = rng.choice(texts["notes"][kind])
        absent = ()
        if group and kind not in (K.ACQUAINTANCE, K.FINAL) and rng.random() < 0.2:
            who = self.people[rng.choice(pair.mentees)]
            absent = (who.handle,)
            note = agree(texts["absent_note"], who.gender).format(name=_short_name(who))
            notes = f"{note} {notes}".strip()
        return MeetingPlan(kind, day, format_, topic, notes, absent)

    # achievements -------------------------------------------------------------------------

    def build_achievements(self) -> list[AchievementPlan]:
        rng = random.Random(f"{SEED}/programme/achievements")
        out = []
        for spec in self.ref["achievements"]:
            assert spec["level"] in LEVELS, spec
            day = college_workday(self.day(spec["year"], spec["day"]))
            if day > self.today:
                continue
            candidates: dict[str, PairPlan] = {}
            for pair in self.pairs:
                if not pair.at_work_on(day):
                    continue
                if spec["who"] == "mentee" and pair.form in spec["forms"]:
                    for handle in pair.mentees:
                        candidates.setdefault(handle, pair)
                elif spec["who"] == "mentor" and self.people[pair.mentor].kind in spec["kinds"]:
                    candidates.setdefault(pair.mentor, pair)
            handles = sorted(candidates)
            rng.shuffle(handles)
            if spec.get("gifted"):
                handles.sort(key=lambda h: not self.people[h].flag("is_gifted"))
            for handle, result in zip(handles, spec["results"][: spec["n"]], strict=False):
                # A sports «грамота» goes to winners; participants get a certificate.
                special = result != Achievement.Result.PARTICIPANT and spec.get("document")
                document = special or DOCUMENT_FOR[result]
                pair = candidates[handle] if spec.get("link", True) else None
                out.append(
                    AchievementPlan(
                        handle, spec["event"], spec["level"], result, document, day, pair
                    )
                )
        return out

    # consents -----------------------------------------------------------------------------

    def date_consents(self):
        """Everyone in a pair signed before its start: last year's pairs, last September."""
        starts: dict[str, dt.date] = {}
        for pair in self.pairs:
            for handle in [pair.mentor, *pair.mentees]:
                starts[handle] = min(starts.get(handle, pair.start), pair.start)
        for handle, start in starts.items():
            p = self.people[handle]
            consent = p.consents[0]
            if start < self.year:
                signed = self.prev + dt.timedelta(days=(consent.signed_on - self.year).days % 21)
            else:
                signed = start - dt.timedelta(days=1 + (consent.signed_on - self.year).days % 5)
            signed = min(signed, consent.signed_on)
            consent.signed_on = signed
            if age_on(p.birth_date, signed) < ADULT_AGE and consent.signer == Consent.Signer.SELF:
                name, relation = p.family.representative(orphan=p.flag("orphan"))
                consent.signer = Consent.Signer.REPRESENTATIVE
                consent.representative_name = name
                consent.representative_relation = relation

    def build(self) -> Programme:
        self.build_pairs()
        for index, pair in enumerate(self.pairs):
            self.build_work(index, pair)
        self.date_consents()
        people = self.people
        college = dict(self.ref["college"])
        college.update(
            short_name=self.plan.college["name"],
            director_name=_initials(people["director"]),
            curator_name=_initials(people["curator"]),
        )
        finished = sorted(
            {p.mentor for p in self.pairs if people[p.mentor].mentor.status == S.FINISHED}
        )
        return Programme(college, self.pairs, self.build_achievements(), finished)


def plan_programme(plan: Plan, today: dt.date) -> Programme:
    """The demo programme for the people plan of `today`; moves the consents of the pairs'
    members in that plan to before the pairs' starts."""
    return _ProgrammePlanner(plan, today).build()


# --- writing it -----------------------------------------------------------------------------


def _college(values: dict, result) -> None:
    new = not College.objects.exists()
    college = College.get()
    changed = [name for name, value in values.items() if getattr(college, name) != value]
    if changed:
        for name in changed:
            setattr(college, name, values[name])
        college.full_clean()
        college.save(update_fields=changed)
        counter = result.created if new else result.updated
        counter[College._meta.verbose_name_plural] += 1


class _ProgrammeWriter:
    def __init__(self, programme: Programme, people: dict[str, Person], result):
        self.programme = programme
        self.people = people
        self.result = result
        self.by = people["curator"].user  # who records the pairs' statuses
        self.users = {handle: person.user for handle, person in people.items() if person.user_id}
        handles = {p.mentor for p in programme.pairs}
        self.mentors = {
            m.person_id: m
            for m in MentorProfile.objects.filter(
                person__in=[people[h] for h in handles]
            ).select_related("person", "person__organisation")
        }
        handles = {h for p in programme.pairs for h in p.mentees}
        self.mentees = {
            m.person_id: m
            for m in MenteeProfile.objects.filter(
                person__in=[people[h] for h in handles]
            ).select_related("person")
        }
        self.forms = {f.code: f for f in MentoringForm.objects.all()}
        self.role_models = {(r.form_id, r.name): r for r in RoleModel.objects.all()}
        self.saved: dict[PairPlan, Pair] = {}

    def mentor(self, handle: str) -> MentorProfile:
        return self.mentors[self.people[handle].pk]

    def mentee(self, handle: str) -> MenteeProfile:
        return self.mentees[self.people[handle].pk]

    def key(self, plan: PairPlan) -> tuple:
        return (self.mentor(plan.mentor).pk, self.forms[plan.form].pk, plan.start)

    def count(self, model, n: int = 1):
        if n:
            self.result.created[model._meta.verbose_name_plural] += n

    # pairs --------------------------------------------------------------------------------

    def form_pair(self, plan: PairPlan):
        form = self.forms[plan.form]
        pair = services.pair_create(
            mentor=self.mentor(plan.mentor),
            mentees=[self.mentee(h) for h in plan.mentees],
            form=form,
            start_date=plan.start,
            planned_end_date=plan.planned_end,
            role_model=self.role_models[(form.pk, plan.role_model)],
            by=self.by,
        )
        if plan.was_active:
            pair = services.pair_activate(
                pair=pair,
                on=plan.order_date,
                order_number=plan.order_number,
                order_date=plan.order_date,
                by=self.by,
            )
        self.saved[plan] = pair
        self.count(Pair)

    def close_pair(self, plan: PairPlan):
        pair = self.saved[plan]
        if plan.status == PS.FINISHED:
            services.pair_finish(
                pair=pair, on=plan.end_date, result_summary=plan.result_summary, by=self.by
            )
        elif plan.status == PS.ENDED_EARLY:
            services.pair_end_early(pair=pair, on=plan.end_date, reason=plan.end_reason, by=self.by)

    def write_work(self, plans: list[PairPlan]):
        tasks, meetings, attendees = [], [], []
        for plan in plans:
            pair = self.saved[plan]
            if plan.goals:
                individual = services.plan_save(pair=pair, goals=plan.goals)
                self.count(IndividualPlan)
                for t in plan.tasks:
                    tasks.append(
                        PlanTask(
                            plan=individual,
                            title=t.title,
                            due_date=t.due,
                            mentee=self.mentee(t.mentee) if t.mentee else None,
                            done=t.done_on is not None,
                            done_on=t.done_on,
                        )
                    )
            by = self.users.get(plan.mentor, self.by)
            for m in plan.meetings:
                meeting = Meeting(
                    pair=pair,
                    kind=m.kind,
                    date=m.date,
                    format=m.format,
                    topic=m.topic,
                    notes=m.notes,
                    created_by=by,
                )
                meetings.append(meeting)
                attendees.append([self.mentee(h).pk for h in plan.mentees if h not in m.absent])
        bulk_create_with_history(tasks, PlanTask, default_change_reason=CHANGE_REASON)
        bulk_create_with_history(meetings, Meeting, default_change_reason=CHANGE_REASON)
        Through = Meeting.attendees.through
        Through.objects.bulk_create(
            Through(meeting_id=meeting.pk, menteeprofile_id=mentee_id)
            for meeting, ids in zip(meetings, attendees, strict=True)
            for mentee_id in ids
        )
        self.count(PlanTask, len(tasks))
        self.count(Meeting, len(meetings))

    def set_mentor_status(self, handles: list[str], status: str):
        for handle in handles:
            mentor = self.mentor(handle)
            if mentor.status != status:
                mentor.status = status
                mentor._change_reason = CHANGE_REASON
                mentor.save(update_fields=["status"])

    def achievements(self):
        rows = [
            Achievement(
                person=self.people[a.person],
                pair=self.saved[a.pair] if a.pair else None,
                event=a.event,
                level=a.level,
                result=a.result,
                document=a.document,
                date=a.date,
            )
            for a in self.programme.achievements
        ]
        Achievement.objects.bulk_create(rows)
        self.count(Achievement, len(rows))

    def run(self):
        pairs = self.programme.pairs
        earlier = sorted((p for p in pairs if p.year == "previous"), key=lambda p: p.start)
        later = sorted((p for p in pairs if p.year == "current"), key=lambda p: p.start)
        # Last year: the finished mentors were approved then, and at work.
        self.set_mentor_status(self.programme.finished_mentors, S.APPROVED)
        for plan in earlier:
            self.form_pair(plan)
        self.write_work(earlier)
        for plan in sorted(earlier, key=lambda p: p.end_date or dt.date.max):
            self.close_pair(plan)
        self.set_mentor_status(self.programme.finished_mentors, S.FINISHED)
        # This year.
        for plan in later:
            self.form_pair(plan)
        self.write_work(later)
        for plan in later:
            self.close_pair(plan)
        self.achievements()


def load_programme(programme: Programme, people: dict[str, Person], result) -> None:
    """Write the College card and the programme (see the module doc); people: handle -> the
    saved Person of the people plan."""
    _college(programme.college, result)
    writer = _ProgrammeWriter(programme, people, result)
    planned = {writer.key(p) for p in programme.pairs}
    assert len(planned) == len(programme.pairs), "two demo pairs share a mentor, form and start"
    existing = set(Pair.objects.values_list("mentor_id", "form_id", "start_date"))
    if planned <= existing:
        return
    if existing:
        result.notes.append(
            "Пары и группы не добавлены: в базе уже есть другие пары (созданные вручную или "
            "демо-данные, загруженные раньше на другую дату)."
        )
        return
    writer.run()


# --- reporting ------------------------------------------------------------------------------


def programme_totals(today: dt.date) -> dict:
    by_status = dict(Pair.objects.values_list("status").annotate(n=Count("pk")).order_by())
    groups = Pair.objects.annotate(n=Count("memberships")).filter(n__gt=1).count()
    days = College.get().inactivity_days
    return {
        "pairs": sum(by_status.values()),
        "by_status": by_status,
        "groups": groups,
        "inactive": Pair.objects.inactive_on(today, days).count(),
        "inactivity_days": days,
        "meetings": Meeting.objects.count(),
        "tasks": PlanTask.objects.count(),
        "tasks_done": PlanTask.objects.filter(done=True).count(),
        "achievements": Achievement.objects.count(),
    }


def summary_lines() -> list[str]:
    """Lines of the load_demo summary about the programme, as the database has it today."""
    t = programme_totals(timezone.localdate())
    s = t["by_status"]
    return [
        f"  Пары и группы: {t['pairs']} (групп {t['groups']}) — активны {s.get(PS.ACTIVE, 0)}, "
        f"из них без встреч дольше {t['inactivity_days']} дней {t['inactive']}; "
        f"формируются {s.get(PS.FORMING, 0)}, завершены {s.get(PS.FINISHED, 0)}, "
        f"прекращены досрочно {s.get(PS.ENDED_EARLY, 0)}.",
        f"  Встречи: {t['meetings']}, задачи планов: {t['tasks']} (выполнено {t['tasks_done']}), "
        f"достижения: {t['achievements']}.",
    ]
