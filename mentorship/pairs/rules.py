"""The rules a pair or group must keep, in one place. Each returns Russian messages that
name the rule and the person; an empty list means the rule holds.

The database backs what it can (one current pair per mentee and form: a partial unique
index); the rest — kinds, consents, capacity — needs the data these functions read.
"""

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from django.db.models import Q

from mentorship.lib.dates import age_on
from mentorship.people.consent_rules import consent_holds_for
from mentorship.people.models import MenteeProfile, MentoringForm, MentorProfile, Person
from mentorship.people.models.persons import ADULT_AGE

# A mentor who may be given a new pair: approved, or already leading one.
READY_MENTOR_STATUSES = (MentorProfile.Status.APPROVED, MentorProfile.Status.ACTIVE)


def _name(person: Person) -> str:
    return person.full_name


# --- the rules of a form of mentoring, read from its data ----------------------------------
# `form` below is a MentoringForm or matching's FormSpec: both carry the same fields
# (mentor_kinds, mentee_kinds, the course limits, mentor_senior_course, mentor_from_partner).

# Kinds that have a course: a form's course limits bind them; other kinds have none.
LEARNER_KINDS = frozenset({Person.Kind.STUDENT, Person.Kind.PUPIL})


class Breach(StrEnum):
    """A broken rule of a form; the callers word it (a sentence for the curator, a short
    phrase in matching)."""

    MENTOR_KIND = "mentor_kind"
    MENTOR_NOT_PARTNER = "mentor_not_partner"
    MENTOR_COURSE = "mentor_course"
    MENTEE_KIND = "mentee_kind"
    MENTEE_COURSE = "mentee_course"
    MENTOR_NOT_SENIOR = "mentor_not_senior"


def course_limits(form, side: str) -> tuple[int | None, int | None]:
    """(min, max) course of the side ("mentor" / "mentee"); (None, None): no limit."""
    return getattr(form, f"{side}_course_min"), getattr(form, f"{side}_course_max")


def courses_text(low: int | None, high: int | None) -> str:
    """«1–2 курса», «3 курса», «не ниже 3 курса», «не выше 2 курса»."""
    if low is not None and high is not None:
        return f"{low} курса" if low == high else f"{low}–{high} курса"
    return f"не ниже {low} курса" if low is not None else f"не выше {high} курса"


def _course_fits(form, side: str, kind: str, course: int | None) -> bool:
    low, high = course_limits(form, side)
    if kind not in LEARNER_KINDS or (low is None and high is None):
        return True
    if course is None:
        return False
    return (low is None or course >= low) and (high is None or course <= high)


def mentor_breaches(
    form, *, kind: str, course: int | None, organisation_id: int | None
) -> list[Breach]:
    """What keeps a person of this kind and course out of the form's mentors."""
    kind_fits = kind in form.mentor_kinds
    breaches = [] if kind_fits else [Breach.MENTOR_KIND]
    if form.mentor_from_partner and not organisation_id:
        breaches.append(Breach.MENTOR_NOT_PARTNER)
    if kind_fits and not _course_fits(form, "mentor", kind, course):
        breaches.append(Breach.MENTOR_COURSE)
    return breaches


def mentee_breaches(form, *, kind: str, course: int | None) -> list[Breach]:
    """What keeps a person of this kind and course out of the form's mentees."""
    if kind not in form.mentee_kinds:
        return [Breach.MENTEE_KIND]
    if not _course_fits(form, "mentee", kind, course):
        return [Breach.MENTEE_COURSE]
    return []


def pair_breaches(
    form, *, mentor_kind: str, mentor_course: int | None, mentee_course: int | None
) -> list[Breach]:
    """What keeps this mentor and this mentee apart in the form, each fitting it alone."""
    if (
        form.mentor_senior_course
        and mentor_kind in LEARNER_KINDS
        and (mentor_course or 0) <= (mentee_course or 0)
    ):
        return [Breach.MENTOR_NOT_SENIOR]
    return []


def _course_q(form, side: str, prefix: str) -> Q:
    low, high = course_limits(form, side)
    if low is None and high is None:
        return Q()
    fits = Q()
    if low is not None:
        fits &= Q(**{f"{prefix}course__gte": low})
    if high is not None:
        fits &= Q(**{f"{prefix}course__lte": high})
    return ~Q(**{f"{prefix}kind__in": LEARNER_KINDS}) | fits


def mentor_fits_q(form, *, prefix: str = "person__") -> Q:
    """mentor_breaches() as a filter: people who may mentor in the form."""
    fits = Q(**{f"{prefix}kind__in": list(form.mentor_kinds)}) & _course_q(form, "mentor", prefix)
    if form.mentor_from_partner:
        fits &= Q(**{f"{prefix}organisation__isnull": False})
    return fits


def mentee_fits_q(form, *, prefix: str = "person__") -> Q:
    """mentee_breaches() as a filter: people who may be mentees in the form."""
    return Q(**{f"{prefix}kind__in": list(form.mentee_kinds)}) & _course_q(form, "mentee", prefix)


def _on_course(person: Person) -> str:
    return f"на {person.course} курсе." if person.course else "без указанного курса."


def kinds_fit_form(
    *, mentor: MentorProfile, mentees: Iterable[MenteeProfile], form: MentoringForm
) -> list[str]:
    errors = []
    mentor_person = mentor.person
    for breach in mentor_breaches(
        form,
        kind=mentor_person.kind,
        course=mentor_person.course,
        organisation_id=mentor_person.organisation_id,
    ):
        if breach == Breach.MENTOR_KIND:
            errors.append(
                f"Форма «{form.name}»: {_name(mentor_person)} — "
                f"{mentor_person.get_kind_display()}, а наставником в этой форме может быть: "
                f"{MentoringForm.kind_labels(form.mentor_kinds)}."
            )
        elif breach == Breach.MENTOR_NOT_PARTNER:
            errors.append(
                f"Форма «{form.name}»: наставник {_name(mentor_person)} должен быть "
                "сотрудником организации-партнёра."
            )
        else:
            errors.append(
                f"Форма «{form.name}»: наставники-обучающиеся — "
                f"{courses_text(*course_limits(form, 'mentor'))}, а {_name(mentor_person)} — "
                + _on_course(mentor_person)
            )
    for mentee in mentees:
        person = mentee.person
        if person.pk == mentor_person.pk:
            errors.append(f"{_name(person)} не может быть наставником самому себе.")
            continue
        breaches = mentee_breaches(form, kind=person.kind, course=person.course)
        if Breach.MENTEE_KIND in breaches:
            errors.append(
                f"Форма «{form.name}»: {_name(person)} — {person.get_kind_display()}, "
                "а наставляемым в этой форме может быть: "
                f"{MentoringForm.kind_labels(form.mentee_kinds)}."
            )
            continue
        if Breach.MENTEE_COURSE in breaches:
            errors.append(
                f"Форма «{form.name}»: наставляемые — обучающиеся "
                f"{courses_text(*course_limits(form, 'mentee'))}, а {_name(person)} — "
                + _on_course(person)
            )
        if pair_breaches(
            form,
            mentor_kind=mentor_person.kind,
            mentor_course=mentor_person.course,
            mentee_course=person.course,
        ):
            errors.append(
                f"Форма «{form.name}»: наставник {_name(mentor_person)} должен учиться на "
                f"старшем курсе, чем {_name(person)}."
            )
    return errors


def mentor_is_approved(*, mentor: MentorProfile) -> list[str]:
    if mentor.status in READY_MENTOR_STATUSES:
        return []
    return [
        f"Наставник {_name(mentor.person)} — «{mentor.get_status_display()}»: в пару можно "
        "включить только утверждённого или действующего наставника."
    ]


def consents_on_file(*, people: Iterable[Person], on: dt.date) -> list[str]:
    """people.consent_rules.consent_holds for each (one query for all), told in the curator's
    words."""
    people = list(people)
    holders = consent_holds_for(people, on)
    errors = []
    for person in people:
        if person.pk in holders:
            continue
        if age_on(person.birth_date, on) < ADULT_AGE:
            errors.append(
                f"Согласие: у {_name(person)} (несовершеннолетний) нет действующего согласия, "
                "подписанного законным представителем."
            )
        else:
            errors.append(
                f"Согласие: у {_name(person)} нет действующего согласия на обработку "
                "персональных данных."
            )
    return errors


def capacity_left(mentor: MentorProfile, *, exclude_pair_id: int | None = None) -> int:
    from .models import PairMembership

    taken = PairMembership.objects.filter(pair__mentor=mentor, is_current=True)
    if exclude_pair_id:
        taken = taken.exclude(pair_id=exclude_pair_id)
    return mentor.capacity - taken.count()


def capacity_holds(
    *, mentor: MentorProfile, adding: int, exclude_pair_id: int | None = None
) -> list[str]:
    left = capacity_left(mentor, exclude_pair_id=exclude_pair_id)
    if adding <= left:
        return []
    return [
        f"Нагрузка: наставник {_name(mentor.person)} может вести {mentor.capacity} "
        f"наставляемых, свободных мест — {max(left, 0)}, а в пару включается {adding}."
    ]


def one_current_pair_per_form(
    *, mentees: Iterable[MenteeProfile], form: MentoringForm, exclude_pair_id: int | None = None
) -> list[str]:
    from .models import PairMembership

    ids = [mentee.pk for mentee in mentees]
    busy = PairMembership.objects.filter(mentee_id__in=ids, form=form, is_current=True)
    if exclude_pair_id:
        busy = busy.exclude(pair_id=exclude_pair_id)
    busy = busy.select_related("mentee__person")
    return [
        f"Форма «{form.name}»: {_name(m.mentee.person)} уже состоит в паре/группе № {m.pair_id} "
        "этой формы."
        for m in busy
    ]


def pair_violations(
    *,
    mentor: MentorProfile,
    mentees: list[MenteeProfile],
    form: MentoringForm,
    on: dt.date,
    exclude_pair_id: int | None = None,
) -> list[str]:
    """Every broken rule of a pair with these members, in the order a curator fixes them."""
    if not mentees:
        return ["В паре должен быть хотя бы один наставляемый."]
    return [
        *mentor_is_approved(mentor=mentor),
        *kinds_fit_form(mentor=mentor, mentees=mentees, form=form),
        *consents_on_file(people=[mentor.person, *(m.person for m in mentees)], on=on),
        *capacity_holds(mentor=mentor, adding=len(mentees), exclude_pair_id=exclude_pair_id),
        *one_current_pair_per_form(mentees=mentees, form=form, exclude_pair_id=exclude_pair_id),
    ]


def waiting_mentees_q() -> Q:
    """Mentees who still need a mentor: waiting or left without a pair."""
    return Q(status__in=[MenteeProfile.Status.WAITING, MenteeProfile.Status.NO_PAIR])
