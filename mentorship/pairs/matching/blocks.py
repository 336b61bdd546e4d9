"""The hard rules: the same as pairs/rules.py, over matching's records. A block keeps a
mentee or a mentor out; matching never offers what the services would refuse."""

from mentorship.people.models import MentoringForm, Person
from mentorship.people.models.persons import ADULT_AGE

from ..rules import STUDENT_MENTEE_COURSES
from .records import FormSpec, MenteeNeed, MentorCandidate
from .wording import kind_label

NO_CONSENT = "нет согласия"


def mentee_form_blocks(mentee: MenteeNeed, form: FormSpec) -> list[str]:
    """What keeps the mentee out of the form by their kind and course alone (empty: fits)."""
    if mentee.kind not in form.mentee_kinds:
        return [f"{kind_label(mentee.kind)} не может быть наставляемым в форме «{form.name}»"]
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
    if mentor.kind not in form.mentor_kinds:
        blocks.append(f"{kind_label(mentor.kind)} не может быть наставником в форме «{form.name}»")
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
