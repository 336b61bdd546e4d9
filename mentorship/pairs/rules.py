"""The rules a pair or group must keep, in one place. Each returns Russian messages that
name the rule and the person; an empty list means the rule holds.

The database backs what it can (one current pair per mentee and form: a partial unique
index); the rest — kinds, consents, capacity — needs the data these functions read.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from mentorship.lib.dates import age_on
from mentorship.people.consent_rules import consent_holds
from mentorship.people.models import MenteeProfile, MentoringForm, MentorProfile, Person
from mentorship.people.models.persons import ADULT_AGE

# Forms whose sides are students: which courses each side may be in.
STUDENT_MENTEE_COURSES = {
    MentoringForm.Code.STUDENT_STUDENT: (1, 2),
    MentoringForm.Code.EMPLOYER_STUDENT: (3, 4),
}

# A mentor who may be given a new pair: approved, or already leading one.
READY_MENTOR_STATUSES = (MentorProfile.Status.APPROVED, MentorProfile.Status.ACTIVE)


def _name(person: Person) -> str:
    return person.full_name


def kinds_fit_form(
    *, mentor: MentorProfile, mentees: Iterable[MenteeProfile], form: MentoringForm
) -> list[str]:
    errors = []
    mentor_person = mentor.person
    allowed_mentors = ", ".join(Person.Kind(k).label for k in form.mentor_kinds)
    allowed_mentees = ", ".join(Person.Kind(k).label for k in form.mentee_kinds)
    if mentor_person.kind not in form.mentor_kinds:
        errors.append(
            f"Форма «{form.name}»: {_name(mentor_person)} — {mentor_person.get_kind_display()}, "
            f"а наставником в этой форме может быть: {allowed_mentors}."
        )
    if form.code == MentoringForm.Code.EMPLOYER_STUDENT and not mentor_person.organisation_id:
        errors.append(
            f"Форма «{form.name}»: наставник {_name(mentor_person)} должен быть сотрудником "
            "организации-партнёра."
        )
    courses = STUDENT_MENTEE_COURSES.get(form.code)
    for mentee in mentees:
        person = mentee.person
        if person.pk == mentor_person.pk:
            errors.append(f"{_name(person)} не может быть наставником самому себе.")
            continue
        if person.kind not in form.mentee_kinds:
            errors.append(
                f"Форма «{form.name}»: {_name(person)} — {person.get_kind_display()}, "
                f"а наставляемым в этой форме может быть: {allowed_mentees}."
            )
            continue
        if courses and person.course not in range(courses[0], courses[1] + 1):
            errors.append(
                f"Форма «{form.name}»: наставляемые — обучающиеся {courses[0]}–{courses[1]} "
                f"курса, а {_name(person)} — "
                + (f"на {person.course} курсе." if person.course else "без указанного курса.")
            )
        if (
            form.code == MentoringForm.Code.STUDENT_STUDENT
            and mentor_person.kind == Person.Kind.STUDENT
            and (mentor_person.course or 0) <= (person.course or 0)
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
    """people.consent_rules.consent_holds for each, told in the curator's words."""
    errors = []
    for person in people:
        if consent_holds(person, on):
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
