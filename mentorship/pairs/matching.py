"""Matching mentees with mentors: a score with its reasons for one mentee, and a proposal
for a whole waiting list.

The scoring is pure: small frozen dataclasses in, a Match or a Proposal out, no database.
Its hard exclusions mirror rules.py, which refuses a pair when it is created; matching only
keeps the curator from being offered what the services would refuse. The loaders at the
bottom build the dataclasses from the database in a fixed number of queries.
"""

import datetime as dt
import re
from collections import namedtuple
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from mentorship.lib.dates import age_on
from mentorship.people.consent_rules import consent_holds_q
from mentorship.people.models import (
    Competency,
    MenteeProfile,
    MenteeRequest,
    MentoringForm,
    MentorProfile,
    Person,
)
from mentorship.people.models.persons import ADULT_AGE

from .rules import STUDENT_MENTEE_COURSES

# Points each factor can give; together they make 100.
WEIGHT_FORM = 25  # the mentor named this form in the questionnaire
WEIGHT_FORM_UNSTATED = 10  # the mentor named no form at all: fits by kind only
WEIGHT_REQUESTS = 35  # shared out by the share of the mentee's requests the mentor answers
WEIGHT_SPECIALTY = 15  # the same specialty (compared by its code, 21.02.17, when there is one)
WEIGHT_CAPACITY = 10  # free places; full points from CAPACITY_FULL_AT places on
CAPACITY_FULL_AT = 3
WEIGHT_GAP = 15  # the mentor is the right step ahead: course, experience or age
WEIGHT_GAP_PARTIAL = 8  # ahead, but by less (or more) than the seeds' portraits suggest
MAX_SCORE = WEIGHT_FORM + WEIGHT_REQUESTS + WEIGHT_SPECIALTY + WEIGHT_CAPACITY + WEIGHT_GAP

# A student mentor of «студент – студент» is 3–4 course for a 1–2 course mentee (seed 004).
GOOD_COURSE_GAPS = (2, 3)
# A teacher mentor of a young teacher: this many more years of experience is plainly «опытный».
GOOD_EXPERIENCE_GAP = 5
GOOD_AGE_GAP = 3

READY_MENTOR_STATUSES = (MentorProfile.Status.APPROVED, MentorProfile.Status.ACTIVE)

NO_CONSENT = "нет согласия"


@dataclass(frozen=True)
class Topic:
    """A competency of a mentor or a request topic of a mentee."""

    id: int
    name: str


@dataclass(frozen=True)
class FormSpec:
    code: str
    name: str
    mentor_kinds: frozenset[str]
    mentee_kinds: frozenset[str]


@dataclass(frozen=True)
class MentorCandidate:
    id: int  # MentorProfile pk
    name: str
    kind: str
    form_codes: frozenset[str] = frozenset()
    competency_ids: frozenset[int] = frozenset()
    specialty: str = ""
    course: int | None = None
    age: int = 30
    experience_years: int | None = None
    organisation_id: int | None = None
    capacity_left: int = 1
    approved: bool = True
    consent_ok: bool = True
    person_id: int | None = None


@dataclass(frozen=True)
class MenteeNeed:
    id: int  # MenteeProfile pk
    name: str
    kind: str
    desired_form: str | None = None
    requests: tuple[Topic, ...] = ()
    specialty: str = ""
    course: int | None = None
    age: int = 16
    experience_years: int | None = None
    study_group: str = ""
    consent_ok: bool = True
    busy_forms: frozenset[str] = frozenset()  # forms the mentee is already in a current pair of
    person_id: int | None = None

    @cached_property
    def requested_ids(self) -> frozenset[int]:
        return frozenset(topic.id for topic in self.requests)


@dataclass(frozen=True)
class Reason:
    text: str
    points: int


@dataclass(frozen=True)
class Match:
    mentee: MenteeNeed
    mentor: MentorCandidate
    form: FormSpec
    total: int = 0
    reasons: tuple[Reason, ...] = ()
    blocked_by: tuple[str, ...] = ()  # hard rules broken: then it is no candidate at all

    @property
    def is_candidate(self) -> bool:
        return not self.blocked_by

    def sort_key(self):
        return (-self.total, -self.mentor.capacity_left, self.mentor.name, self.mentor.id)


@dataclass(frozen=True)
class Unmatched:
    mentee: MenteeNeed
    reason: str


@dataclass(frozen=True)
class Proposal:
    matches: tuple[Match, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()


# --- Russian wording ---------------------------------------------------------------------


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: plural(2, "курс", "курса", "курсов") -> "курса"."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _years(n: int) -> str:
    return f"{n} {plural(n, 'год', 'года', 'лет')}"


def _kind_label(kind: str) -> str:
    try:
        return Person.Kind(kind).label
    except ValueError:
        return kind


_SPECIALTY_CODE = re.compile(r"^\s*(\d{2}\.\d{2}\.\d{2})")


@lru_cache(maxsize=2048)
def specialty_key(specialty: str) -> str:
    """Specialties match by code (21.02.17) when they have one, else by the words."""
    found = _SPECIALTY_CODE.match(specialty or "")
    if found:
        return found.group(1)
    return " ".join((specialty or "").casefold().replace("ё", "е").split())


# --- Hard rules (the same as rules.py) ---------------------------------------------------


def _mentee_fits_form(mentee: MenteeNeed, form: FormSpec) -> list[str]:
    if mentee.kind not in form.mentee_kinds:
        return [f"{_kind_label(mentee.kind)} не может быть наставляемым в форме «{form.name}»"]
    courses = STUDENT_MENTEE_COURSES.get(form.code)
    if courses and mentee.course not in range(courses[0], courses[1] + 1):
        actual = f"{mentee.course} курс" if mentee.course else "курс не указан"
        return [
            f"в форме «{form.name}» наставляемые — обучающиеся {courses[0]}–{courses[1]} "
            f"курса, а здесь {actual}"
        ]
    return []


def mentee_blocks(mentee: MenteeNeed, form: FormSpec) -> list[str]:
    """What keeps the mentee out of any pair of the form, whoever the mentor."""
    blocks = []
    if not mentee.consent_ok:
        blocks.append(
            f"{NO_CONSENT}: несовершеннолетнему нужно согласие, подписанное законным представителем"
            if mentee.age < ADULT_AGE
            else f"{NO_CONSENT} на обработку персональных данных"
        )
    blocks += _mentee_fits_form(mentee, form)
    if form.code in mentee.busy_forms:
        blocks.append(f"уже состоит в паре формы «{form.name}»")
    return blocks


def mentor_blocks(
    mentor: MentorCandidate, form: FormSpec, *, count_places: bool = True
) -> list[str]:
    """What keeps the mentor out of any new pair of the form (count_places=False: but for
    having no free place)."""
    blocks = []
    if not mentor.approved:
        blocks.append("наставник не утверждён")
    if not mentor.consent_ok:
        blocks.append(f"у наставника {NO_CONSENT}")
    if mentor.kind not in form.mentor_kinds:
        blocks.append(f"{_kind_label(mentor.kind)} не может быть наставником в форме «{form.name}»")
    if form.code == MentoringForm.Code.EMPLOYER_STUDENT and not mentor.organisation_id:
        blocks.append("наставник не от организации-партнёра")
    if count_places and mentor.capacity_left <= 0:
        blocks.append("нет свободных мест")
    return blocks


def pair_blocks(mentee: MenteeNeed, mentor: MentorCandidate, form: FormSpec) -> list[str]:
    """What keeps this mentor and this mentee apart."""
    if mentee.person_id is not None and mentee.person_id == mentor.person_id:
        return ["наставник не может вести самого себя"]
    if (
        form.code == MentoringForm.Code.STUDENT_STUDENT
        and mentor.kind == Person.Kind.STUDENT
        and (mentor.course or 0) <= (mentee.course or 0)
    ):
        return ["наставник должен учиться на старшем курсе"]
    return []


# --- Scoring -------------------------------------------------------------------------------


FORM_STATED = Reason("Форма подходит", WEIGHT_FORM)
FORM_UNSTATED = Reason(
    "Форма подходит по категории (в анкете формы не указаны)", WEIGHT_FORM_UNSTATED
)
FORM_NOT_STATED = Reason("Этой формы нет в анкете наставника", 0)


def _form_reason(mentor: MentorCandidate, form: FormSpec) -> Reason:
    if form.code in mentor.form_codes:
        return FORM_STATED
    return FORM_NOT_STATED if mentor.form_codes else FORM_UNSTATED


NO_REQUESTS = (Reason("Запросы наставляемого не указаны", 0),)
NO_REQUEST_ANSWERED = (Reason("Не закрывает запросы наставляемого", 0),)

# The reasons below are scored for every mentee × mentor of a proposal (tens of thousands in
# a big college) from a handful of small values: each is worked out once per distinct value.


def _request_reasons(mentee: MenteeNeed, mentor: MentorCandidate) -> Sequence[Reason]:
    if not mentee.requests:
        return NO_REQUESTS
    answered = mentee.requested_ids & mentor.competency_ids
    if not answered:
        return NO_REQUEST_ANSWERED
    return _request_reasons_for(mentee.requests, answered)


@lru_cache(maxsize=4096)
def _request_reasons_for(requests: tuple[Topic, ...], answered_ids: frozenset[int]):
    answered = [t.name for t in requests if t.id in answered_ids]
    missed = [t.name for t in requests if t.id not in answered_ids]
    points = round(WEIGHT_REQUESTS * len(answered) / len(requests))
    label = "Закрывает запросы" if len(answered) > 1 else "Закрывает запрос"
    reasons = [Reason(f"{label}: {', '.join(answered)}", points)]
    if missed:
        reasons.append(Reason(f"Не закрывает: {', '.join(missed)}", 0))
    return tuple(reasons)


def _specialty_reason(mentee: MenteeNeed, mentor: MentorCandidate) -> list[Reason]:
    mine, theirs = specialty_key(mentee.specialty), specialty_key(mentor.specialty)
    if mine and mine == theirs:
        return [Reason("Та же специальность", WEIGHT_SPECIALTY)]
    return []


def _capacity_points(places: int) -> int:
    return WEIGHT_CAPACITY * min(max(places, 0), CAPACITY_FULL_AT) // CAPACITY_FULL_AT


def _capacity_reason(mentor: MentorCandidate) -> Reason:
    return _capacity_reason_for(mentor.capacity_left)


@lru_cache(maxsize=256)
def _capacity_reason_for(places: int) -> Reason:
    return Reason(f"Свободных мест: {places}", _capacity_points(places))


def _gap_reason(mentee: MenteeNeed, mentor: MentorCandidate) -> Reason:
    return _gap_reason_for(
        (mentor.kind, mentor.course, mentor.experience_years, mentor.age),
        (mentee.kind, mentee.course, mentee.experience_years, mentee.age),
    )


# (kind, course, experience_years, age): what the gap between mentor and mentee is measured by.
GapSide = tuple[str, int | None, int | None, int]
_GapSide = namedtuple("_GapSide", "kind course experience_years age")


@lru_cache(maxsize=4096)
def _gap_reason_for(mentor_side: GapSide, mentee_side: GapSide) -> Reason:
    """How far ahead the mentor is: by course between students, by experience between
    teachers, else by age."""
    mentor, mentee = _GapSide(*mentor_side), _GapSide(*mentee_side)
    student = Person.Kind.STUDENT
    if mentor.kind == student and mentee.kind == student and mentor.course and mentee.course:
        gap = mentor.course - mentee.course
        if gap <= 0:
            return Reason("Не старше по курсу", 0)
        text = f"Старше на {gap} {plural(gap, 'курс', 'курса', 'курсов')}"
        return Reason(text, WEIGHT_GAP if gap in GOOD_COURSE_GAPS else WEIGHT_GAP_PARTIAL)
    if mentor.kind == Person.Kind.ALUMNUS and mentee.kind == student:
        return Reason("Выпускник: уже прошёл этот путь", WEIGHT_GAP)
    if mentor.kind == Person.Kind.TEACHER and mentee.kind == Person.Kind.TEACHER:
        if mentor.experience_years is None:
            return Reason("Стаж наставника не указан", 0)
        gap = mentor.experience_years - (mentee.experience_years or 0)
        if gap <= 0:
            return Reason("Стаж не больше, чем у наставляемого", 0)
        points = WEIGHT_GAP if gap >= GOOD_EXPERIENCE_GAP else WEIGHT_GAP_PARTIAL
        return Reason(f"Стаж больше на {_years(gap)}", points)
    gap = mentor.age - mentee.age
    if gap <= 0:
        return Reason("Не старше наставляемого", 0)
    return Reason(
        f"Старше на {_years(gap)}", WEIGHT_GAP if gap >= GOOD_AGE_GAP else WEIGHT_GAP_PARTIAL
    )


def score(mentee: MenteeNeed, mentor: MentorCandidate, form: FormSpec) -> Match:
    """How well the mentor suits the mentee in the form: 0–100 with the reasons. A broken
    hard rule makes it no candidate (blocked_by says which)."""
    blocked = [
        *mentee_blocks(mentee, form),
        *mentor_blocks(mentor, form),
        *pair_blocks(mentee, mentor, form),
    ]
    if blocked:
        return Match(mentee=mentee, mentor=mentor, form=form, blocked_by=tuple(blocked))
    return _scored(mentee, mentor, form)


def _scored(mentee: MenteeNeed, mentor: MentorCandidate, form: FormSpec) -> Match:
    """The points of a pair already known to keep every hard rule."""
    reasons = [
        _form_reason(mentor, form),
        *_request_reasons(mentee, mentor),
        *_specialty_reason(mentee, mentor),
        _capacity_reason(mentor),
        _gap_reason(mentee, mentor),
    ]
    total = max(0, min(100, sum(r.points for r in reasons)))
    return Match(mentee=mentee, mentor=mentor, form=form, total=total, reasons=tuple(reasons))


def forms_for(mentee: MenteeNeed, forms: Mapping[str, FormSpec]) -> list[FormSpec]:
    """The forms to look in: the one the mentee wants, or else every form their kind and
    course fit."""
    if mentee.desired_form:
        form = forms.get(mentee.desired_form)
        return [form] if form else []
    return [form for form in forms.values() if not _mentee_fits_form(mentee, form)]


class MentorPool:
    """Mentors by the forms they may take a new mentee in. The mentor-side rules are
    checked once per form here, not again for every mentee of a list."""

    def __init__(self, mentors: Iterable[MentorCandidate], forms: Mapping[str, FormSpec]):
        self.mentors = list(mentors)
        self.open = {
            code: [m for m in self.mentors if not mentor_blocks(m, form)]
            for code, form in forms.items()
        }


def suggestions(
    mentee: MenteeNeed,
    mentors: Iterable[MentorCandidate],
    forms: Mapping[str, FormSpec],
    *,
    rejected: frozenset[tuple[int, int]] = frozenset(),
    pool: MentorPool | None = None,
) -> list[Match]:
    """The candidate mentors for a mentee, best first; one match per mentor (its best form).

    pool: the same mentors, already indexed, when suggesting for a whole list."""
    pool = pool or MentorPool(mentors, forms)
    best: dict[int, Match] = {}
    for form in forms_for(mentee, forms):
        if mentee_blocks(mentee, form):
            continue
        for mentor in pool.open.get(form.code, ()):
            if (mentee.id, mentor.id) in rejected or pair_blocks(mentee, mentor, form):
                continue
            match = _scored(mentee, mentor, form)
            if mentor.id not in best or match.total > best[mentor.id].total:
                best[mentor.id] = match
    return sorted(best.values(), key=Match.sort_key)


def why_unmatched(
    mentee: MenteeNeed,
    mentors: Iterable[MentorCandidate],
    forms: Mapping[str, FormSpec],
    *,
    taken: Mapping[int, int] | None = None,
    rejected: frozenset[tuple[int, int]] = frozenset(),
) -> str:
    """Why a mentee gets no mentor, in the words a curator acts on.

    taken: places of each mentor already given away in a proposal."""
    tried = forms_for(mentee, forms)
    if not tried:
        if mentee.desired_form:
            return "выбранная форма наставничества не найдена"
        return "нет формы наставничества, подходящей по категории и курсу"
    if all(mentee_blocks(mentee, form) for form in tried):
        return "; ".join(dict.fromkeys(b for form in tried for b in mentee_blocks(mentee, form)))
    taken = taken or {}
    names = ", ".join(f"«{form.name}»" for form in tried)
    full = proposal_full = was_rejected = 0
    for mentor in mentors:
        fits = any(
            not mentee_blocks(mentee, form)
            and not mentor_blocks(mentor, form, count_places=False)
            and not pair_blocks(mentee, mentor, form)
            for form in tried
        )
        if not fits:
            continue
        if (mentee.id, mentor.id) in rejected:
            was_rejected += 1
        elif mentor.capacity_left <= 0:
            full += 1
        elif mentor.capacity_left - taken.get(mentor.id, 0) <= 0:
            proposal_full += 1
    if proposal_full:
        return "свободные места подходящих наставников заняты другими в этом предложении"
    if was_rejected and not full:
        return "предложенных наставников куратор отклонил"
    if full or was_rejected:
        return f"нет наставников формы {names} со свободными местами"
    return f"нет утверждённых наставников формы {names}, подходящих по категории и курсу"


def propose(
    mentees: Iterable[MenteeNeed],
    mentors: Iterable[MentorCandidate],
    forms: Mapping[str, FormSpec],
    *,
    rejected: frozenset[tuple[int, int]] = frozenset(),
) -> Proposal:
    """One mentor at most for each mentee of the list, never past a mentor's free places.

    Greedy but fair: mentees with the fewest options choose first (a mentee with one
    possible mentor is not left out because someone with ten took that one), ties go to
    the stronger best match; each takes the best mentor who still has a place, scored with
    the places left at that moment. rejected: (mentee id, mentor id) pairs the curator
    turned down, never proposed again."""
    mentees, mentors = list(mentees), list(mentors)
    pool = MentorPool(mentors, forms)
    options = {m.id: suggestions(m, mentors, forms, rejected=rejected, pool=pool) for m in mentees}
    left = {mentor.id: mentor.capacity_left for mentor in mentors}
    order = sorted(
        (m for m in mentees if options[m.id]),
        key=lambda m: (len(options[m.id]), -options[m.id][0].total, m.name, m.id),
    )
    matches, unmatched = [], []
    for mentee in order:
        # Only the capacity points change as places go: re-rank by them, score the winner.
        ranked = [
            (
                (
                    -o.total + _capacity_points(o.mentor.capacity_left) - _capacity_points(places),
                    -places,
                    o.mentor.name,
                    o.mentor.id,
                ),
                o,
            )
            for o in options[mentee.id]
            if (places := left[o.mentor.id]) > 0
        ]
        if not ranked:
            continue
        chosen = min(ranked, key=lambda item: item[0])[1]
        best = score(
            mentee, replace(chosen.mentor, capacity_left=left[chosen.mentor.id]), chosen.form
        )
        left[best.mentor.id] -= 1
        matches.append(best)
    matched = {match.mentee.id for match in matches}
    taken = {mentor.id: mentor.capacity_left - left[mentor.id] for mentor in mentors}
    for mentee in mentees:
        if mentee.id not in matched:
            reason = why_unmatched(mentee, mentors, forms, taken=taken, rejected=rejected)
            unmatched.append(Unmatched(mentee=mentee, reason=reason))
    by_name = lambda item: (item.mentee.name, item.mentee.id)  # noqa: E731
    return Proposal(
        matches=tuple(sorted(matches, key=by_name)), unmatched=tuple(sorted(unmatched, key=by_name))
    )


# --- Loaders: the database side, a fixed number of queries ---------------------------------


def form_specs() -> dict[str, FormSpec]:
    """Every form of mentoring by code (one query)."""
    return {
        form.code: FormSpec(
            code=form.code,
            name=form.name,
            mentor_kinds=frozenset(form.mentor_kinds),
            mentee_kinds=frozenset(form.mentee_kinds),
        )
        for form in MentoringForm.objects.all()
    }


def current_load():
    """Subquery: how many mentees a mentor leads now (current memberships), 0 if none."""
    from .models import PairMembership

    load = (
        PairMembership.objects.filter(pair__mentor=OuterRef("pk"), is_current=True)
        .order_by()
        .values("pair__mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(load, output_field=IntegerField()), 0)


def mentor_queryset(queryset=None, *, on: dt.date):
    """Ready mentors (approved or active) with what matching reads on the day `on`: 3 queries
    to evaluate."""
    queryset = MentorProfile.objects.all() if queryset is None else queryset
    return (
        queryset.filter(status__in=READY_MENTOR_STATUSES)
        .select_related("person")
        .annotate(load=current_load(), consent_ok=consent_holds_q(on, person_path="person__"))
        .prefetch_related(
            Prefetch("forms", queryset=MentoringForm.objects.only("id", "code")),
            Prefetch("competencies", queryset=Competency.objects.only("id")),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def mentor_candidate(profile: MentorProfile, *, on: dt.date) -> MentorCandidate:
    person = profile.person
    age = age_on(person.birth_date, on)
    return MentorCandidate(
        id=profile.pk,
        person_id=person.pk,
        name=person.full_name,
        kind=person.kind,
        form_codes=frozenset(form.code for form in profile.forms.all()),
        competency_ids=frozenset(c.pk for c in profile.competencies.all()),
        specialty=person.specialty,
        course=person.course,
        age=age,
        experience_years=person.experience_years,
        organisation_id=person.organisation_id,
        capacity_left=profile.capacity - profile.load,
        approved=profile.status in READY_MENTOR_STATUSES,
        consent_ok=profile.consent_ok,
    )


def mentor_candidates(*, on: dt.date, queryset=None) -> list[MentorCandidate]:
    return [mentor_candidate(p, on=on) for p in mentor_queryset(queryset, on=on)]


def mentee_queryset(queryset=None, *, on: dt.date):
    """Mentees with what matching reads on the day `on`: 3 queries to evaluate (or a page of
    them)."""
    from .models import PairMembership

    queryset = MenteeProfile.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("person", "desired_form")
        .annotate(consent_ok=consent_holds_q(on, person_path="person__"))
        .prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic")),
            Prefetch(
                "memberships",
                queryset=PairMembership.objects.filter(is_current=True).select_related("form"),
                to_attr="current_memberships",
            ),
        )
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )


def mentee_need(profile: MenteeProfile, *, on: dt.date) -> MenteeNeed:
    person = profile.person
    age = age_on(person.birth_date, on)
    return MenteeNeed(
        id=profile.pk,
        person_id=person.pk,
        name=person.full_name,
        kind=person.kind,
        desired_form=profile.desired_form.code if profile.desired_form else None,
        requests=tuple(Topic(r.topic_id, r.topic.name) for r in profile.requests.all()),
        specialty=person.specialty,
        course=person.course,
        age=age,
        experience_years=person.experience_years,
        study_group=person.study_group,
        consent_ok=profile.consent_ok,
        busy_forms=frozenset(m.form.code for m in profile.current_memberships),
    )


def mentee_needs(*, on: dt.date, queryset=None) -> list[MenteeNeed]:
    return [mentee_need(p, on=on) for p in mentee_queryset(queryset, on=on)]


@dataclass(frozen=True)
class WaitingRow:
    """One mentee of the waiting list with what matching found for them."""

    need: MenteeNeed
    profile: MenteeProfile
    candidates: int = 0
    best: Match | None = None
    unmatched_reason: str = ""
    flags: tuple[str, ...] = field(default=())

    @property
    def without_mentor(self) -> bool:
        return self.candidates == 0


def waiting_rows(
    profiles: Iterable[MenteeProfile],
    mentors: list[MentorCandidate],
    forms: Mapping[str, FormSpec],
    *,
    on: dt.date,
) -> list[WaitingRow]:
    """Rows of the waiting list for profiles from mentee_queryset() (no further queries)."""
    rows = []
    pool = MentorPool(mentors, forms)
    for profile in profiles:
        need = mentee_need(profile, on=on)
        found = suggestions(need, mentors, forms, pool=pool)
        flags = () if need.consent_ok else (NO_CONSENT,)
        rows.append(
            WaitingRow(
                need=need,
                profile=profile,
                candidates=len(found),
                best=found[0] if found else None,
                unmatched_reason="" if found else why_unmatched(need, mentors, forms),
                flags=flags,
            )
        )
    return rows
