"""The hard rules: pairs/rules.py's, over matching's records, in short words. A block keeps a
mentee or a mentor out; matching never offers what the services would refuse."""

from mentorship.people.models.persons import ADULT_AGE

from ..rules import (
    Breach,
    course_limits,
    courses_text,
    mentee_breaches,
    mentor_breaches,
    pair_breaches,
)
from .records import FormSpec, MenteeNeed, MentorCandidate
from .wording import kind_label

NO_CONSENT = "нет согласия"


def mentee_form_blocks(mentee: MenteeNeed, form: FormSpec) -> list[str]:
    """What keeps the mentee out of the form by their kind and course alone (empty: fits)."""
    breaches = mentee_breaches(form, kind=mentee.kind, course=mentee.course)
    if Breach.MENTEE_KIND in breaches:
        return [f"{kind_label(mentee.kind)} не может быть наставляемым в форме «{form.name}»"]
    if Breach.MENTEE_COURSE in breaches:
        return [
            f"в форме «{form.name}» наставляемые — обучающиеся "
            f"{courses_text(*course_limits(form, 'mentee'))}, а здесь {_course(mentee.course)}"
        ]
    return []


def _course(course: int | None) -> str:
    return f"{course} курс" if course else "курс не указан"


def mentee_blocks(mentee: MenteeNeed, form: FormSpec) -> list[str]:
    """What keeps the mentee out of any pair of the form, whoever the mentor."""
    blocks = []
    if not mentee.consent_ok:
        blocks.append(
            f"{NO_CONSENT}: несовершеннолетнему нужно согласие, подписанное законным представителем"
            if mentee.age < ADULT_AGE
            else f"{NO_CONSENT} на обработку персональных данных"
        )
    blocks += mentee_form_blocks(mentee, form)
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
    breaches = mentor_breaches(
        form, kind=mentor.kind, course=mentor.course, organisation_id=mentor.organisation_id
    )
    if Breach.MENTOR_KIND in breaches:
        blocks.append(f"{kind_label(mentor.kind)} не может быть наставником в форме «{form.name}»")
    if Breach.MENTOR_NOT_PARTNER in breaches:
        blocks.append("наставник не от организации-партнёра")
    if Breach.MENTOR_COURSE in breaches:
        blocks.append(
            f"в форме «{form.name}» наставники-обучающиеся — "
            f"{courses_text(*course_limits(form, 'mentor'))}, а здесь {_course(mentor.course)}"
        )
    if count_places and mentor.capacity_left <= 0:
        blocks.append("нет свободных мест")
    return blocks


def mentor_rule_key(mentor: MentorCandidate) -> tuple:
    """All mentor_blocks() reads of a mentor but the free places: mentors with the same key
    are kept out of a form alike."""
    return (
        mentor.approved,
        mentor.consent_ok,
        mentor.kind,
        mentor.course,
        bool(mentor.organisation_id),
    )


def pair_blocks(mentee: MenteeNeed, mentor: MentorCandidate, form: FormSpec) -> list[str]:
    """What keeps this mentor and this mentee apart."""
    if mentee.person_id is not None and mentee.person_id == mentor.person_id:
        return ["наставник не может вести самого себя"]
    if pair_apart(mentee, mentor.kind, mentor.course, form):
        return ["наставник должен учиться на старшем курсе"]
    return []


def pair_apart(mentee: MenteeNeed, mentor_kind: str, mentor_course: int | None, form) -> bool:
    """pair_blocks() but for the person rule: it reads of the mentor only the kind and the
    course (matching works it out once per kind and course for a mentee)."""
    return bool(
        pair_breaches(
            form, mentor_kind=mentor_kind, mentor_course=mentor_course, mentee_course=mentee.course
        )
    )
