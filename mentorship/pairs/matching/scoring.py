"""The score of a mentor for a mentee, with its reasons; suggestions for one mentee and a
proposal for a whole waiting list. Pure: records in, records out."""

from collections import namedtuple
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from mentorship.lib.text import plural
from mentorship.people.models import Person

from .blocks import mentee_blocks, mentee_form_blocks, mentor_blocks, pair_blocks
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
