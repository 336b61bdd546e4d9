"""The score of a mentor for a mentee, with its reasons; suggestions for one mentee and a
proposal for a whole waiting list. Pure: records in, records out."""

import heapq
from collections import namedtuple
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from mentorship.lib.text import plural
from mentorship.people.models import Person

from .blocks import (
    mentee_blocks,
    mentee_form_blocks,
    mentor_blocks,
    mentor_rule_key,
    pair_apart,
    pair_blocks,
)
from .records import (
    FormSpec,
    Match,
    MenteeNeed,
    MentorCandidate,
    Proposal,
    Reason,
    Topic,
    Unmatched,
)
from .wording import specialty_key, years_text

# Points each factor can give; together they make 100.
WEIGHT_FORM = 25  # the mentor named this form in the questionnaire
WEIGHT_FORM_UNSTATED = 10  # the mentor named no form at all: fits by kind only
WEIGHT_REQUESTS = 35  # shared out by the share of the mentee's requests the mentor answers
WEIGHT_SPECIALTY = 15  # the same specialty (compared by its code, 21.02.17, when there is one)
WEIGHT_CAPACITY = 10  # free places; full points from CAPACITY_FULL_AT places on
CAPACITY_FULL_AT = 3
WEIGHT_GAP = 15  # the mentor is the right step ahead: course, experience or age
# Ahead, but by less (or more) than programmes' portraits of a mentor suggest.
WEIGHT_GAP_PARTIAL = 8
MAX_SCORE = WEIGHT_FORM + WEIGHT_REQUESTS + WEIGHT_SPECIALTY + WEIGHT_CAPACITY + WEIGHT_GAP

# A student mentor of «студент – студент» is 3–4 course for a 1–2 course mentee.
GOOD_COURSE_GAPS = (2, 3)
# A teacher mentor of a young teacher: this many more years of experience is plainly «опытный».
GOOD_EXPERIENCE_GAP = 5
GOOD_AGE_GAP = 3


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
        return Reason(f"Стаж больше на {years_text(gap)}", points)
    gap = mentor.age - mentee.age
    if gap <= 0:
        return Reason("Не старше наставляемого", 0)
    return Reason(
        f"Старше на {years_text(gap)}", WEIGHT_GAP if gap >= GOOD_AGE_GAP else WEIGHT_GAP_PARTIAL
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
    return [form for form in forms.values() if not mentee_form_blocks(mentee, form)]


class MentorPool:
    """Mentors by the forms they may take a new mentee in, built once for a page from the
    same mentors and forms its scoring is asked about. The mentor-side rules are checked
    once per form here, not again for every mentee of a list; so is what a mentor brings to
    every score in a form (the form's and the free places' points, the specialty, the side
    of the gap).

    fit: by form code, the mentors mentor_blocks() keeps out of nothing but for want of a
    free place (why_unmatched counts them); open: those of them with a free place."""

    def __init__(self, mentors: Iterable[MentorCandidate], forms: Mapping[str, FormSpec]):
        self.mentors = list(mentors)
        self.forms = list(forms.values())
        self.fit = {}
        for code, form in forms.items():
            # mentor_blocks() reads only mentor_rule_key() and the places: once per key.
            keeps_out: dict[tuple, bool] = {}
            fit = self.fit[code] = []
            for mentor in self.mentors:
                key = mentor_rule_key(mentor)
                out = keeps_out.get(key)
                if out is None:
                    out = keeps_out[key] = bool(mentor_blocks(mentor, form, count_places=False))
                if not out:
                    fit.append(mentor)
        # mentor_blocks() with count_places adds exactly «нет свободных мест» to the above.
        self.open = {
            code: [m for m in fit if m.capacity_left > 0] for code, fit in self.fit.items()
        }
        # An option is one int: (MAX_SCORE - total) × len(mentors) × len(forms) + the
        # mentor's place in Match.sort_key()'s order of the rest × len(forms) + the form's
        # index. Ints sort as Match.sort_key() does, and in C.
        self.by_rank = sorted(self.mentors, key=lambda m: (-m.capacity_left, m.name, m.id))
        self._rank = {m.id: i for i, m in enumerate(self.by_rank)}
        self._form_index = {code: i for i, code in enumerate(forms)}
        self.per_total = len(self.mentors) * len(self.forms)
        self.sides: list[GapSide] = []  # a gap side's id: its index here
        self._side_ids: dict[GapSide, int] = {}
        self._rows: dict[str, list[tuple]] = {}
        self._apart: dict[tuple[str, int | None], list[bool]] = {}
        self._pair_keys: dict[str, list[tuple[str, int | None]]] = {}
        self._for_mentees: dict[tuple, list[tuple]] = {}

    def rows(self, form: FormSpec) -> list[tuple]:
        """The open mentors of the form as (points of the form and the free places, specialty
        key or None, competency ids, gap side id, kind-and-course id, person id, mentor id,
        the option's int but for the total)."""
        rows = self._rows.get(form.code)
        if rows is None:
            index = self._form_index[form.code]
            keys: dict[tuple[str, int | None], int] = {}
            rows = self._rows[form.code] = [
                (
                    _form_reason(m, form).points + _capacity_reason(m).points,
                    specialty_key(m.specialty) or None,
                    m.competency_ids,
                    self._side((m.kind, m.course, m.experience_years, m.age)),
                    keys.setdefault((m.kind, m.course), len(keys)),
                    m.person_id,
                    m.id,
                    self._rank[m.id] * len(self.forms) + index,
                )
                for m in self.open.get(form.code, ())
            ]
            self._pair_keys[form.code] = list(keys)
        return rows

    def apart(self, mentee: MenteeNeed, form: FormSpec) -> list[bool]:
        """pair_apart() for the mentee by the kind-and-course id of rows(form)."""
        found = self._apart.get((form.code, mentee.course))
        if found is None:
            found = self._apart[(form.code, mentee.course)] = [
                pair_apart(mentee, kind, course, form)
                for kind, course in self._pair_keys[form.code]
            ]
        return found

    def rows_for(self, mentee: MenteeNeed, form: FormSpec, specialty) -> list[tuple]:
        """rows(form) as a mentee of this side and specialty (specialty_key(), or _NONE)
        sees them: those pair_apart() keeps apart left out, each as (the option's int with
        every point but the requests' counted, competency ids, person id, mentor id, the
        option's int but for the total). Mentees of one side and specialty share it: the
        full college's 463 waiting mentees make 120 of them, 20,873 rows for 76,465 options."""
        mentee_side = (mentee.kind, mentee.course, mentee.experience_years, mentee.age)
        key = (form.code, mentee_side, specialty)
        found = self._for_mentees.get(key)
        if found is None:
            rows = self.rows(form)  # before apart(): it reads the rows' kinds and courses
            apart, per_total, sides = self.apart(mentee, form), self.per_total, self.sides
            gaps: dict[int, int] = {}
            found = self._for_mentees[key] = []
            for (
                base,
                mentor_specialty,
                competencies,
                side,
                pair_key,
                person,
                mentor_id,
                rest,
            ) in rows:
                if apart[pair_key]:
                    continue
                gap = gaps.get(side)
                if gap is None:
                    gap = gaps[side] = _gap_reason_for(sides[side], mentee_side).points
                total = base + gap + (WEIGHT_SPECIALTY if mentor_specialty == specialty else 0)
                found.append(
                    ((MAX_SCORE - total) * per_total + rest, competencies, person, mentor_id, rest)
                )
        return found

    def option(self, code: int) -> tuple[int, MentorCandidate, FormSpec]:
        """(total, mentor, form) of an option's int."""
        places = len(self.forms)
        return (
            MAX_SCORE - code // self.per_total,
            self.by_rank[code % self.per_total // places],
            self.forms[code % places],
        )

    def _side(self, side: GapSide) -> int:
        found = self._side_ids.get(side)
        if found is None:
            found = self._side_ids[side] = len(self.sides)
            self.sides.append(side)
        return found


_NONE = object()  # a mentee's missing person id or specialty: equal to no mentor's


def _options(
    mentee: MenteeNeed,
    forms: Mapping[str, FormSpec],
    pool: MentorPool,
    rejected: frozenset[tuple[int, int]],
) -> list[int]:
    """Every mentor who may take the mentee, once, in its best form: the options' ints
    (MentorPool), unsorted.

    The totals are _scored()'s, added up without building the reasons (a list scores tens
    of thousands of pairs): the form's, the places', the gap's and the specialty's points
    come with the pool's row for the mentee's side and specialty (MentorPool.rows_for, shared
    by the mentees alike), the requests' from a table by how many are answered. Every factor
    gives from 0 to its weight and the weights add up to MAX_SCORE = 100: _scored()'s clamp
    never bites. Forms are tried in forms_for()'s order and a later form replaces an earlier
    one only when it scores more."""
    requests = mentee.requests
    requested = mentee.requested_ids
    if not requests:
        request_points = [0]  # NO_REQUESTS
    elif len(requested) == len(requests):
        # By how many are answered: _request_reasons_for()'s points (none: NO_REQUEST_ANSWERED).
        request_points = [
            round(WEIGHT_REQUESTS * k / len(requests)) for k in range(len(requests) + 1)
        ]
    else:  # the same topic twice: let the reasons count it
        request_points = None
    specialty = specialty_key(mentee.specialty) or _NONE
    person_id = _NONE if mentee.person_id is None else mentee.person_id
    turned_down = {mentor for who, mentor in rejected if who == mentee.id}
    per_total = pool.per_total
    codes: list[int] = []
    tried = 0
    for form in forms_for(mentee, forms):
        if mentee_blocks(mentee, form):
            continue
        tried += 1
        rows = pool.rows_for(mentee, form, specialty)
        # pair_blocks(): the person rule (the kind-and-course one is rows_for's).
        if request_points is None:
            for partial, _competencies, person, mentor_id, rest in rows:
                if person != person_id and mentor_id not in turned_down:
                    mentor = pool.option(rest)[1]
                    asked = sum(r.points for r in _request_reasons(mentee, mentor))
                    codes.append(partial - asked * per_total)
        elif len(request_points) == 1:  # no requests: no points to add
            codes += [
                partial
                for partial, _competencies, person, mentor_id, _rest in rows
                if person != person_id and mentor_id not in turned_down
            ]
        else:
            scaled = [points * per_total for points in request_points]
            codes += [
                partial - scaled[len(requested & competencies)]
                for partial, competencies, person, mentor_id, _rest in rows
                if person != person_id and mentor_id not in turned_down
            ]
    if tried > 1:
        # One option per mentor: the smallest int is the best total, then the earliest form.
        places = len(pool.forms)
        best: dict[int, int] = {}
        for code in codes:
            mentor = code % per_total // places
            if mentor not in best or code < best[mentor]:
                best[mentor] = code
        codes = list(best.values())
    return codes


def ranked_suggestions(
    mentee: MenteeNeed,
    mentors: Iterable[MentorCandidate],
    forms: Mapping[str, FormSpec],
    *,
    rejected: frozenset[tuple[int, int]] = frozenset(),
    pool: MentorPool | None = None,
    limit: int | None = None,
) -> tuple[int, list[Match]]:
    """How many mentors may take the mentee, and the best `limit` of them (all: None) as
    suggestions() gives them; only those are scored with their reasons.

    pool: MentorPool(mentors, forms), when one page asks for many mentees."""
    pool = pool or MentorPool(mentors, forms)
    codes = _options(mentee, forms, pool, rejected)
    best = sorted(codes) if limit is None else heapq.nsmallest(limit, codes)
    return len(codes), [_scored(mentee, *pool.option(code)[1:]) for code in best]


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
    return ranked_suggestions(mentee, mentors, forms, rejected=rejected, pool=pool)[1]


def why_unmatched(
    mentee: MenteeNeed,
    mentors: Iterable[MentorCandidate],
    forms: Mapping[str, FormSpec],
    *,
    taken: Mapping[int, int] | None = None,
    rejected: frozenset[tuple[int, int]] = frozenset(),
    pool: MentorPool | None = None,
) -> str:
    """Why a mentee gets no mentor, in the words a curator acts on.

    taken: places of each mentor already given away in a proposal; pool: the same mentors
    and forms, already indexed."""
    tried = forms_for(mentee, forms)
    if not tried:
        if mentee.desired_form:
            return "выбранная форма наставничества не найдена"
        return "нет формы наставничества, подходящей по категории и курсу"
    if all(mentee_blocks(mentee, form) for form in tried):
        return "; ".join(dict.fromkeys(b for form in tried for b in mentee_blocks(mentee, form)))
    taken = taken or {}
    names = ", ".join(f"«{form.name}»" for form in tried)
    pool = pool or MentorPool(mentors, forms)
    # The mentors who fit the mentee in some form but for the free places, each once.
    fitting: dict[int, MentorCandidate] = {}
    for form in tried:
        if mentee_blocks(mentee, form):
            continue
        for mentor in pool.fit.get(form.code, ()):
            if mentor.id not in fitting and not pair_blocks(mentee, mentor, form):
                fitting[mentor.id] = mentor
    full = proposal_full = was_rejected = 0
    for mentor in fitting.values():
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
    # Each mentee's options best first (MentorPool's ints: Match.sort_key()'s order).
    options = {mentee.id: sorted(_options(mentee, forms, pool, rejected)) for mentee in mentees}
    left = {mentor.id: mentor.capacity_left for mentor in mentors}
    per_total = pool.per_total
    order = sorted(
        (m for m in mentees if options[m.id]),
        key=lambda m: (len(options[m.id]), options[m.id][0] // per_total, m.name, m.id),
    )
    matches, unmatched = [], []
    for mentee in order:
        # Only the capacity points change as places go: re-rank by them, score the winner.
        # They only fall, so no option scoring less than the best re-ranked one can win.
        chosen, best_key = None, None
        for code in options[mentee.id]:
            total, mentor, form = pool.option(code)
            if best_key is not None and -total > best_key[0]:
                break
            places = left[mentor.id]
            if places <= 0:
                continue
            key = (
                -total + _capacity_points(mentor.capacity_left) - _capacity_points(places),
                -places,
                mentor.name,
                mentor.id,
            )
            if best_key is None or key < best_key:
                chosen, best_key = (mentor, form), key
        if chosen is None:
            continue
        mentor, form = chosen
        best = score(mentee, replace(mentor, capacity_left=left[mentor.id]), form)
        left[mentor.id] -= 1
        matches.append(best)
    matched = {match.mentee.id for match in matches}
    taken = {mentor.id: mentor.capacity_left - left[mentor.id] for mentor in mentors}
    for mentee in mentees:
        if mentee.id not in matched:
            reason = why_unmatched(
                mentee, mentors, forms, taken=taken, rejected=rejected, pool=pool
            )
            unmatched.append(Unmatched(mentee=mentee, reason=reason))
    by_name = lambda item: (item.mentee.name, item.mentee.id)  # noqa: E731
    return Proposal(
        matches=tuple(sorted(matches, key=by_name)), unmatched=tuple(sorted(unmatched, key=by_name))
    )
