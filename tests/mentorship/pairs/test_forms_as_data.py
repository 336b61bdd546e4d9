"""Forms of mentoring as data: the five shipped forms carry today's rules, the curator defines
a school's own form in the admin, and pairing and matching read the rules from the form."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from mentorship.lib.dates import academic_year_end
from mentorship.pairs import matching, rules, services
from mentorship.pairs.forms.matching import mentees_for_form, mentors_for_form
from mentorship.pairs.models import Pair
from mentorship.people.models import MentoringForm, Person, RoleModel
from mentorship.people.services import mentoring_form_save
from tests.factories import MenteeProfileFactory, MentorProfileFactory, PersonFactory, consented

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ADD_URL = "admin:people_mentoringform_add"


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def form_post(**fields) -> dict:
    """The admin add form's POST: a school's «ученик – ученик» unless told, one role model."""
    data = {
        "name": "Ученик – ученик",
        "code": "",
        "order": "6",
        "description": "",
        "mentor_kinds": ["pupil"],
        "mentee_kinds": ["pupil"],
        "mentor_course_min": "",
        "mentor_course_max": "",
        "mentee_course_min": "",
        "mentee_course_max": "",
        "mentor_senior_course": "on",
        "period": "сентябрь – май",
        "tasks": "Помощь в учёбе младшим",
        "expected_results": "Рост успеваемости",
        "risks": "Нежелание наставляемых",
        "role_models-TOTAL_FORMS": "1",
        "role_models-INITIAL_FORMS": "0",
        "role_models-MIN_NUM_FORMS": "0",
        "role_models-MAX_NUM_FORMS": "1000",
        "role_models-0-name": "успевающий – неуспевающий",
        "role_models-0-description": "Поддержка в учёбе",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def pupil(course: int, **fields) -> Person:
    defaults = dict(
        kind=Person.Kind.PUPIL,
        course=course,
        study_group="",
        specialty="",
        birth_date=TODAY.replace(year=TODAY.year - 9 - course),
    )
    return consented(PersonFactory(**{**defaults, **fields}))


def parent() -> Person:
    return consented(
        PersonFactory(
            kind=Person.Kind.PARENT,
            course=None,
            study_group="",
            specialty="",
            birth_date=dt.date(1982, 6, 1),
        )
    )


def pair_post(mentor, mentees, **extra) -> dict:
    return {
        "mentor": mentor.pk,
        "mentees": [m.pk for m in mentees],
        "start_date": TODAY.isoformat(),
        "planned_end_date": academic_year_end(TODAY).isoformat(),
        "order_number": "№ 7-о",
        "order_date": TODAY.isoformat(),
        **extra,
    }


# --- the five shipped forms ---------------------------------------------------------------


def test_shipped_forms_carry_todays_rules_as_data():
    forms = {form.code: form for form in MentoringForm.objects.all()}
    rules_of = {
        code: (
            form.mentor_course_min,
            form.mentor_course_max,
            form.mentee_course_min,
            form.mentee_course_max,
            form.mentor_senior_course,
            form.mentor_from_partner,
        )
        for code, form in forms.items()
    }
    assert rules_of == {
        "student-student": (None, None, 1, 2, True, False),
        "student-pupil": (None, None, None, None, False, False),
        "teacher-teacher": (None, None, None, None, False, False),
        "teacher-student": (None, None, None, None, False, False),
        "employer-student": (None, None, 3, 4, False, True),
    }
    assert forms["employer-student"].risks.startswith("Затруднённость контроля")
    meaning = RoleModel.objects.get(form__code="student-student", name="равный – равному")
    assert "Обмен навыками" in meaning.description


# --- the admin screen ----------------------------------------------------------------------


def test_curator_defines_pupil_pupil_and_makes_a_pair_in_it(client_for, curator):
    client = client_for(curator)
    response = client.post(reverse(ADD_URL), form_post(mentee_course_max="4"), follow=True)
    assert response.status_code == 200
    form = MentoringForm.objects.get(name="Ученик – ученик")
    assert form.code == "form-6"  # none typed: the first free one
    assert (form.mentor_kinds, form.mentee_kinds) == (["pupil"], ["pupil"])
    assert (form.mentee_course_min, form.mentee_course_max) == (None, 4)
    assert form.mentor_senior_course and form.period == "сентябрь – май"
    assert form.role_models.get().description == "Поддержка в учёбе"

    senior = MentorProfileFactory(person=pupil(5, last_name="Старшеклассникова"))
    junior = MenteeProfileFactory(person=pupil(2, last_name="Младшеклассников"), desired_form=form)
    assert list(mentors_for_form(form)) == [senior]
    assert list(mentees_for_form(form)) == [junior]

    response = client.post(
        f"{reverse('pairs:pair-create')}?form={form.code}", pair_post(senior, [junior]), follow=True
    )
    pair = Pair.objects.get()
    assert (pair.form, pair.mentor, list(pair.mentees.all())) == (form, senior, [junior])
    assert response.redirect_chain[-1][0] == reverse("admin:pairs_pair_change", args=[pair.pk])


def test_pupil_pupil_refuses_a_student_mentor_naming_the_forms_rule(client_for, curator):
    client_for(curator).post(reverse(ADD_URL), form_post(mentee_course_max="4"))
    form = MentoringForm.objects.get(name="Ученик – ученик")
    student = MentorProfileFactory(
        person=consented(PersonFactory(course=4, birth_date=dt.date(2004, 1, 1)))
    )
    too_old = MenteeProfileFactory(person=pupil(5), desired_form=form)
    response = client_for(curator).post(
        f"{reverse('pairs:pair-create')}?form={form.code}&mentor={student.pk}&mentee={too_old.pk}",
        pair_post(student, [too_old]),
    )
    page = text(response)
    assert (
        f"Форма «Ученик – ученик»: {student.person.full_name} — обучающийся, а наставником в "
        "этой форме может быть: школьник." in page
    )
    assert (
        f"Форма «Ученик – ученик»: наставляемые — обучающиеся не выше 4 курса, а "
        f"{too_old.person.full_name} — на 5 курсе." in page
    )
    assert 'value="№ 7-о"' in response.content.decode()
    assert not Pair.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"mentor_kinds": None}, "mentor_kinds", "Укажите, кто может быть наставником"),
        ({"mentee_kinds": None}, "mentee_kinds", "Укажите, кто может быть наставляемым"),
        (
            {"mentee_course_min": "3", "mentee_course_max": "2"},
            "mentee_course_max",
            "Курс наставляемого «по» (2) не может быть меньше курса «с» (3).",
        ),
        (
            {"mentor_course_min": "4", "mentor_course_max": "1"},
            "mentor_course_max",
            "Курс наставника «по» (1) не может быть меньше курса «с» (4).",
        ),
        ({"mentor_course_min": "7"}, "mentor_course_min", "меньше либо равно 6"),
        ({"mentor_kinds": ["chief"]}, "mentor_kinds", "Выберите корректный вариант"),
    ],
)
def test_admin_refuses_a_form_without_sides_or_with_odd_courses(
    client_for, curator, fields, field, message
):
    response = client_for(curator).post(reverse(ADD_URL), form_post(**fields))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert 'value="сентябрь – май"' in response.content.decode()  # input kept
    assert not MentoringForm.objects.filter(name="Ученик – ученик").exists()


def test_code_is_kept_when_typed_and_fixed_once_saved(client_for, curator):
    client = client_for(curator)
    client.post(reverse(ADD_URL), form_post(code="pupil-pupil"))
    form = MentoringForm.objects.get(code="pupil-pupil")
    change = reverse("admin:people_mentoringform_change", args=[form.pk])
    no_new_variants = {"role_models-TOTAL_FORMS": "0"}
    client.post(change, form_post(code="other", name="Школьник – школьник", **no_new_variants))
    form.refresh_from_db()
    assert (form.code, form.name) == ("pupil-pupil", "Школьник – школьник")


def test_a_role_model_variant_twice_in_a_form_is_refused_in_words(client_for, curator):
    client = client_for(curator)
    client.post(reverse(ADD_URL), form_post())
    form = MentoringForm.objects.get(name="Ученик – ученик")
    change = reverse("admin:people_mentoringform_change", args=[form.pk])
    response = client.post(change, form_post(name="Школьник – школьник"))
    assert response.status_code == 200
    assert "Такой вариант ролевой модели в этой форме уже есть." in text(response)
    form.refresh_from_db()
    assert form.name == "Ученик – ученик" and form.role_models.count() == 1


def test_director_reads_forms_but_cannot_add_or_change(client_for, director):
    client = client_for(director)
    form = MentoringForm.objects.get(code="student-student")
    change = reverse("admin:people_mentoringform_change", args=[form.pk])
    assert client.get(change).status_code == 200
    assert client.get(reverse(ADD_URL)).status_code == 403
    assert client.post(reverse(ADD_URL), form_post()).status_code == 403
    assert client.post(change, form_post(name="Другое")).status_code == 403
    form.refresh_from_db()
    assert form.name == "Студент – студент"
    assert not MentoringForm.objects.filter(name="Ученик – ученик").exists()


# --- the rules read from the data ----------------------------------------------------------


def parent_form() -> MentoringForm:
    form = MentoringForm(
        name="Педагог – родитель", mentor_kinds=["teacher"], mentee_kinds=["parent"]
    )
    mentoring_form_save(form)
    return form


def test_a_parent_allowed_as_mentee_is_paired():
    form = parent_form()
    teacher = MentorProfileFactory(person=consented(PersonFactory(teacher=True)))
    mother = MenteeProfileFactory(person=parent(), desired_form=form)
    assert list(mentees_for_form(form)) == [mother]
    found = matching.suggestions(
        matching.mentee_needs(on=TODAY)[0],
        matching.mentor_candidates(on=TODAY),
        matching.form_specs(),
    )
    assert [match.mentor.id for match in found] == [teacher.pk]
    pair = services.pair_create(
        mentor=teacher,
        mentees=[mother],
        form=form,
        start_date=TODAY,
        planned_end_date=academic_year_end(TODAY),
    )
    assert list(pair.mentees.all()) == [mother]


def test_a_parent_is_refused_where_the_form_does_not_take_parents():
    form = MentoringForm.objects.get(code="teacher-student")
    teacher = MentorProfileFactory(person=consented(PersonFactory(teacher=True)))
    mother = MenteeProfileFactory(person=parent(), desired_form=form)
    assert list(mentees_for_form(form)) == []
    with pytest.raises(services.PairRuleError) as refused:
        services.pair_create(
            mentor=teacher,
            mentees=[mother],
            form=form,
            start_date=TODAY,
            planned_end_date=academic_year_end(TODAY),
        )
    assert (
        f"Форма «Педагог – студент»: {mother.person.full_name} — родитель, а наставляемым в "
        "этой форме может быть: обучающийся." in refused.value.messages
    )


def test_mentor_course_limits_bind_learners_in_rules_matching_and_the_select():
    form = MentoringForm(
        name="Ученик – ученик",
        mentor_kinds=["pupil", "teacher"],
        mentee_kinds=["pupil"],
        mentor_course_min=4,
    )
    mentoring_form_save(form)
    young = MentorProfileFactory(person=pupil(3))
    old = MentorProfileFactory(person=pupil(5))
    teacher = MentorProfileFactory(person=consented(PersonFactory(teacher=True)))
    mentee = MenteeProfileFactory(person=pupil(1), desired_form=form)
    assert set(mentors_for_form(form)) == {old, teacher}
    assert rules.kinds_fit_form(mentor=young, mentees=[mentee], form=form) == [
        f"Форма «Ученик – ученик»: наставники-обучающиеся — не ниже 4 курса, а "
        f"{young.person.full_name} — на 3 курсе."
    ]
    assert rules.kinds_fit_form(mentor=old, mentees=[mentee], form=form) == []
    spec = matching.form_specs()[form.code]
    candidates = {c.id: c for c in matching.mentor_candidates(on=TODAY)}
    assert matching.mentor_blocks(candidates[young.pk], spec) == [
        "в форме «Ученик – ученик» наставники-обучающиеся — не ниже 4 курса, а здесь 3 курс"
    ]
    assert matching.mentor_blocks(candidates[teacher.pk], spec) == []


def test_senior_course_rule_is_the_forms_not_the_codes():
    form = MentoringForm.objects.get(code="student-student")
    mentor = MentorProfileFactory(
        person=consented(PersonFactory(course=2, birth_date=dt.date(2008, 1, 1)))
    )
    mentee = MenteeProfileFactory(
        person=consented(PersonFactory(course=2, birth_date=dt.date(2009, 1, 1))),
        desired_form=form,
    )
    assert any(
        "старшем курсе" in e
        for e in rules.kinds_fit_form(mentor=mentor, mentees=[mentee], form=form)
    )
    MentoringForm.objects.filter(pk=form.pk).update(mentor_senior_course=False)
    form.refresh_from_db()
    assert rules.kinds_fit_form(mentor=mentor, mentees=[mentee], form=form) == []


# --- the command line ----------------------------------------------------------------------


def test_command_adds_a_form_under_the_same_rules(capsys):
    call_command(
        "mentoring_form",
        "add",
        "Ученик – ученик",
        "--mentors",
        "pupil",
        "--mentees",
        "pupil",
        "--mentee-courses",
        "1-4",
        "--senior",
    )
    form = MentoringForm.objects.get(name="Ученик – ученик")
    assert (form.mentee_course_min, form.mentee_course_max, form.mentor_senior_course) == (
        1,
        4,
        True,
    )
    assert "Форма «Ученик – ученик» добавлена" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Укажите, кто может быть наставляемым"):
        call_command("mentoring_form", "add", "Пустая", "--mentors", "pupil")
    assert not MentoringForm.objects.filter(name="Пустая").exists()
    call_command("mentoring_form", "--list")
    listed = capsys.readouterr().out
    assert "Ученик – ученик: наставники — школьник; наставляемые — школьник" in listed
    assert "Работодатель – студент: наставники — сотрудник предприятия" in listed
