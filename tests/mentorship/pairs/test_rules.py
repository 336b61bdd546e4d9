"""Every pairing rule of rules.py, through services.pair_create: a refused case whose Russian
message names the rule and the person, and an allowed case. Then the database backing, and
matching's hard rules agreeing with rules.py."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentorship.pairs import matching, rules, services
from mentorship.pairs.models import Meeting, Pair, PairMembership
from mentorship.people.models import (
    Consent,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    RoleModel,
)
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PartnerOrganisationFactory,
    PersonFactory,
    consented,
    pair_ready,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FORM_CODES = [
    "student-student",
    "student-pupil",
    "teacher-teacher",
    "teacher-student",
    "employer-student",
]


def create(mentor, mentees, form, **extra):
    return services.pair_create(
        mentor=mentor,
        mentees=list(mentees),
        form=form,
        start_date=extra.pop("start_date", TODAY),
        planned_end_date=extra.pop("planned_end_date", TODAY + dt.timedelta(days=200)),
        **extra,
    )


def refused(mentor, mentees, form, **extra) -> list[str]:
    """Messages of a refused pair; asserts nothing was written."""
    pairs_before = Pair.objects.count()
    with pytest.raises(services.PairRuleError) as excinfo:
        create(mentor, mentees, form, **extra)
    assert Pair.objects.count() == pairs_before
    return excinfo.value.messages


def mentor_of(person, form, **fields):
    profile = MentorProfileFactory(
        person=consented(person), capacity=fields.pop("capacity", 5), **fields
    )
    profile.forms.add(form)
    return profile


def years_ago(years: int) -> dt.date:
    return TODAY.replace(year=TODAY.year - years, day=min(TODAY.day, 28))


def student(course, **fields):
    """A student, 16 years old unless told otherwise (the factory's default date ages)."""
    if not fields.pop("adult", False):
        fields.setdefault("birth_date", years_ago(16))
    else:
        fields.setdefault("birth_date", years_ago(20))
    return PersonFactory(course=course, **fields)


def mentee_of(person, form):
    return MenteeProfileFactory(person=consented(person), desired_form=form)


# --- Kinds fit the form -----------------------------------------------------------------

WRONG_MENTOR = {
    "student-student": lambda: PersonFactory(teacher=True),
    "student-pupil": lambda: PersonFactory(teacher=True),
    "teacher-teacher": lambda: student(4, adult=True),
    "teacher-student": lambda: student(4, adult=True),
    "employer-student": lambda: PersonFactory(teacher=True),
}


@pytest.mark.parametrize("code", FORM_CODES)
def test_kinds_mentor_of_wrong_kind_refused(code):
    _, mentees, form = pair_ready(code)
    wrong = mentor_of(WRONG_MENTOR[code](), form)
    messages = refused(wrong, mentees, form)
    assert any(
        wrong.person.full_name in m
        and f"Форма «{form.name}»" in m
        and "наставником в этой форме может быть" in m
        for m in messages
    ), messages


@pytest.mark.parametrize("code", FORM_CODES)
def test_kinds_each_form_allowed_with_fitting_people(code):
    mentor, mentees, form = pair_ready(code, mentees=2)
    pair = create(mentor, mentees, form)
    assert set(pair.mentees.all()) == set(mentees)


def test_kinds_mentee_of_wrong_kind_refused():
    mentor, _, form = pair_ready("teacher-student")
    pupil = mentee_of(
        PersonFactory(kind=Person.Kind.PUPIL, course=None, birth_date=dt.date(2012, 1, 1)), form
    )
    messages = refused(mentor, [pupil], form)
    assert messages == [
        f"Форма «{form.name}»: {pupil.person.full_name} — школьник, "
        "а наставляемым в этой форме может быть: обучающийся."
    ]


def test_kinds_student_student_mentee_of_third_course_refused():
    mentor, _, form = pair_ready("student-student")
    third = mentee_of(student(3), form)
    messages = refused(mentor, [third], form)
    assert any(third.person.full_name in m and "обучающиеся 1–2 курса" in m for m in messages), (
        messages
    )


def test_kinds_student_student_mentee_of_second_course_allowed():
    mentor, _, form = pair_ready("student-student")
    second = mentee_of(student(2), form)
    assert create(mentor, [second], form).pk


def test_kinds_student_student_mentor_not_older_refused():
    _, _, form = pair_ready("student-student")
    mentor = mentor_of(student(2, adult=True), form)
    same_course = mentee_of(student(2), form)
    messages = refused(mentor, [same_course], form)
    assert messages == [
        f"Форма «{form.name}»: наставник {mentor.person.full_name} должен учиться на старшем "
        f"курсе, чем {same_course.person.full_name}."
    ]


def test_kinds_student_student_alumnus_mentor_allowed():
    _, mentees, form = pair_ready("student-student")
    alumnus = mentor_of(PersonFactory(kind=Person.Kind.ALUMNUS, course=None, adult=True), form)
    assert create(alumnus, mentees, form).mentor == alumnus


def test_kinds_employer_student_mentor_without_organisation_refused():
    _, mentees, form = pair_ready("employer-student")
    # Person.clean() asks employees for an organisation; old rows or raw imports may lack one.
    person = Person.objects.create(
        last_name="Безорганизационный",
        first_name="Олег",
        birth_date=dt.date(1985, 1, 1),
        kind=Person.Kind.EMPLOYEE,
    )
    mentor = mentor_of(person, form)
    messages = refused(mentor, mentees, form)
    assert messages == [
        f"Форма «{form.name}»: наставник {person.full_name} должен быть сотрудником "
        "организации-партнёра."
    ]


def test_kinds_employer_student_mentee_of_second_course_refused():
    mentor, _, form = pair_ready("employer-student")
    second = mentee_of(student(2), form)
    messages = refused(mentor, [second], form)
    assert any(second.person.full_name in m and "3–4 курса" in m for m in messages), messages


def test_kinds_mentor_cannot_mentor_self():
    mentor, _, form = pair_ready("teacher-teacher")
    self_mentee = MenteeProfileFactory(person=mentor.person, desired_form=form)
    messages = refused(mentor, [self_mentee], form)
    assert f"{mentor.person.full_name} не может быть наставником самому себе." in messages


# --- The mentor is approved ----------------------------------------------------------------


@pytest.mark.parametrize("status", [MentorProfile.Status.CANDIDATE, MentorProfile.Status.FINISHED])
def test_approved_mentor_not_approved_refused(status):
    mentor, mentees, form = pair_ready()
    MentorProfile.objects.filter(pk=mentor.pk).update(status=status)
    mentor.refresh_from_db()
    messages = refused(mentor, mentees, form)
    assert messages[0].startswith(
        f"Наставник {mentor.person.full_name} — «{mentor.get_status_display()}»"
    )
    assert "только утверждённого или действующего" in messages[0]


@pytest.mark.parametrize("status", [MentorProfile.Status.APPROVED, MentorProfile.Status.ACTIVE])
def test_approved_mentor_approved_or_active_allowed(status):
    mentor, mentees, form = pair_ready()
    MentorProfile.objects.filter(pk=mentor.pk).update(status=status)
    mentor.refresh_from_db()
    assert create(mentor, mentees, form).pk


# --- Consents ------------------------------------------------------------------------------


def test_consent_missing_for_mentee_refused():
    mentor, _, form = pair_ready()
    bare = MenteeProfileFactory(person=student(1), desired_form=form)
    messages = refused(mentor, [bare], form)
    assert messages == [
        f"Согласие: у {bare.person.full_name} (несовершеннолетний) нет действующего согласия, "
        "подписанного законным представителем."
    ]


def test_consent_missing_for_mentor_refused():
    _, mentees, form = pair_ready()
    bare = MentorProfileFactory(person=PersonFactory(teacher=True))
    messages = refused(bare, mentees, form)
    assert messages == [
        f"Согласие: у {bare.person.full_name} нет действующего согласия на обработку "
        "персональных данных."
    ]


def test_consents_on_file_reads_everyone_in_one_query(django_assert_num_queries):
    mentor, mentees, _form = pair_ready(mentees=3)
    mentees[1].person.consents.update(withdrawn_on=TODAY)
    people = [mentor.person, *(m.person for m in mentees)]
    with django_assert_num_queries(1):  # was one per person
        refused = rules.consents_on_file(people=people, on=TODAY)
    assert len(refused) == 1 and mentees[1].person.full_name in refused[0]
    assert "(несовершеннолетний)" in refused[0]


def test_consent_withdrawn_refused():
    mentor, mentees, form = pair_ready()
    mentees[0].person.consents.update(withdrawn_on=TODAY)
    messages = refused(mentor, mentees, form)
    assert mentees[0].person.full_name in messages[0] and messages[0].startswith("Согласие:")


def test_consent_signed_after_the_pair_starts_refused():
    mentor, mentees, form = pair_ready()
    mentees[0].person.consents.update(signed_on=TODAY)
    start = TODAY - dt.timedelta(days=10)
    with pytest.raises(services.PairRuleError) as excinfo:
        services.pair_create(
            mentor=mentor,
            mentees=mentees,
            form=form,
            start_date=start,
            planned_end_date=start + dt.timedelta(days=200),
        )
    assert mentees[0].person.full_name in excinfo.value.messages[0]
    # From the day of the signature on, the same people may form the pair.
    services.pair_create(
        mentor=mentor,
        mentees=mentees,
        form=form,
        start_date=TODAY,
        planned_end_date=TODAY + dt.timedelta(days=200),
    )


def test_consent_minor_self_signed_refused():
    mentor, _, form = pair_ready()
    minor = student(1)
    # Consent.clean() refuses this; a raw import or an old row could still hold one.
    Consent.objects.create(
        person=minor, signer=Consent.Signer.SELF, signed_on=TODAY - dt.timedelta(days=3)
    )
    profile = MenteeProfileFactory(person=minor, desired_form=form)
    messages = refused(mentor, [profile], form)
    assert "(несовершеннолетний)" in messages[0] and "законным представителем" in messages[0]
    assert minor.full_name in messages[0]


def test_consent_adult_self_signed_allowed():
    mentor, _, form = pair_ready()
    adult = student(4, adult=True)
    ConsentFactory(person=adult, signer=Consent.Signer.SELF, representative_name="")
    profile = MenteeProfileFactory(person=adult, desired_form=form)
    assert create(mentor, [profile], form).pk


def test_consent_minor_signed_by_representative_allowed():
    mentor, _, form = pair_ready()
    minor = student(1)
    assert minor.is_minor()
    profile = mentee_of(minor, form)
    assert create(mentor, [profile], form).pk


# --- Capacity --------------------------------------------------------------------------------


def test_capacity_exceeded_refused():
    mentor, mentees, form = pair_ready(mentees=3)
    MentorProfile.objects.filter(pk=mentor.pk).update(capacity=2)
    mentor.refresh_from_db()
    create(mentor, mentees[:1], form)
    messages = refused(mentor, mentees[1:], form)
    assert messages == [
        f"Нагрузка: наставник {mentor.person.full_name} может вести 2 наставляемых, "
        "свободных мест — 1, а в пару включается 2."
    ]


def test_capacity_filled_exactly_allowed():
    mentor, mentees, form = pair_ready(mentees=2)
    MentorProfile.objects.filter(pk=mentor.pk).update(capacity=2)
    mentor.refresh_from_db()
    create(mentor, mentees, form)
    assert rules.capacity_left(mentor) == 0


def test_capacity_freed_by_a_closed_pair():
    mentor, mentees, form = pair_ready(mentees=2)
    MentorProfile.objects.filter(pk=mentor.pk).update(capacity=1)
    mentor.refresh_from_db()
    first = create(mentor, mentees[:1], form)
    services.pair_end_early(pair=first, on=TODAY, reason="Перевод в другую группу")
    assert create(mentor, mentees[1:], form).pk


# --- One current pair per mentee and form ---------------------------------------------------


def test_one_pair_per_form_second_pair_of_same_form_refused():
    mentor, mentees, form = pair_ready()
    first = create(mentor, mentees, form)
    other = mentor_of(PersonFactory(teacher=True), form)
    messages = refused(other, mentees, form)
    assert messages == [
        f"Форма «{form.name}»: {mentees[0].person.full_name} уже состоит в паре/группе "
        f"№ {first.pk} этой формы."
    ]


def test_one_pair_per_form_pair_of_another_form_allowed():
    mentor, mentees, form = pair_ready("employer-student")  # mentee on 3 course
    create(mentor, mentees, form)
    teacher_student = MentoringForm.objects.get(code="teacher-student")
    teacher = mentor_of(PersonFactory(teacher=True), teacher_student)
    assert create(teacher, mentees, teacher_student).form == teacher_student


def test_one_pair_per_form_is_a_database_constraint():
    mentor, mentees, form = pair_ready()
    pair = create(mentor, mentees, form)
    second = create(
        mentor_of(PersonFactory(teacher=True), form), [mentee_of(student(2), form)], form
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PairMembership.objects.create(pair=second, mentee=mentees[0], form=form, joined_on=TODAY)
    # A past membership of the same form is no conflict.
    PairMembership.objects.create(
        pair=second, mentee=mentees[0], form=form, joined_on=TODAY, is_current=False
    )
    assert pair.memberships.get().is_current


def test_one_pair_per_form_finished_pair_frees_the_mentee():
    mentor, mentees, form = pair_ready()
    start = TODAY - dt.timedelta(days=100)
    pair = create(
        mentor, mentees, form, start_date=start, planned_end_date=TODAY + dt.timedelta(days=10)
    )
    services.pair_activate(pair=pair, on=start, order_number="12-о", order_date=start)
    services.meeting_record(pair=pair, kind=Meeting.Kind.FINAL, date=TODAY, topic="Итоги")
    services.pair_finish(pair=pair, on=TODAY, result_summary="Сдал демонстрационный экзамен")
    mentees[0].refresh_from_db()
    assert mentees[0].status == MenteeProfile.Status.FINISHED
    again = create(mentor_of(PersonFactory(teacher=True), form), mentees, form)
    assert again.memberships.get().is_current


def test_role_model_of_another_form_refused():
    mentor, mentees, form = pair_ready()
    foreign = RoleModel.objects.exclude(form=form).first()
    messages = refused(mentor, mentees, form, role_model=foreign)
    assert messages == [f"Вариант «{foreign.name}» относится к другой форме наставничества."]


def test_empty_pair_refused():
    mentor, _, form = pair_ready()
    assert refused(mentor, [], form) == ["В паре должен быть хотя бы один наставляемый."]


# --- Matching's hard rules agree with rules.py -------------------------------------------------


def _scenarios():
    """(mentor, mentee, form) triples, some allowed and some refused by each rule."""
    ss = MentoringForm.objects.get(code="student-student")
    es = MentoringForm.objects.get(code="employer-student")
    ts = MentoringForm.objects.get(code="teacher-student")
    young = mentor_of(student(2, adult=True), ss)
    old = mentor_of(student(4, adult=True), ss)
    employee = mentor_of(
        PersonFactory(
            kind=Person.Kind.EMPLOYEE,
            course=None,
            adult=True,
            organisation=PartnerOrganisationFactory(),
        ),
        es,
    )
    teacher = mentor_of(PersonFactory(teacher=True), ts, capacity=1)
    candidate = mentor_of(PersonFactory(teacher=True), ts, status=MentorProfile.Status.CANDIDATE)
    no_consent = MentorProfileFactory(person=PersonFactory(teacher=True))
    first, second, third = (mentee_of(student(c), ss) for c in (1, 2, 3))
    bare = MenteeProfileFactory(person=student(1), desired_form=ts)
    selfsigned = student(1)
    Consent.objects.create(person=selfsigned, signer=Consent.Signer.SELF, signed_on=TODAY)
    selfsigned = MenteeProfileFactory(person=selfsigned, desired_form=ts)
    busy = mentee_of(student(1), ts)
    create(mentor_of(PersonFactory(teacher=True), ts), [busy], ts)
    full = mentor_of(PersonFactory(teacher=True), ts, capacity=1)
    create(full, [mentee_of(student(2), ts)], ts)
    people = [young, old, employee, teacher, candidate, no_consent, full]
    mentees = [first, second, third, bare, selfsigned, busy]
    return people, mentees, [ss, es, ts]


def test_matching_candidates_are_exactly_the_pairs_rules_allow():
    mentors, mentees, forms = _scenarios()
    specs = matching.form_specs()
    # The loader reads only ready mentors; the others must be refused by the rules too.
    candidates = {c.id: c for c in matching.mentor_candidates(on=TODAY)}
    needs = {n.id: n for n in matching.mentee_needs(on=TODAY, queryset=MenteeProfile.objects.all())}
    checked = 0
    for form in forms:
        for mentor in mentors:
            for mentee in mentees:
                allowed = not rules.pair_violations(
                    mentor=mentor, mentees=[mentee], form=form, on=TODAY
                )
                candidate = candidates.get(mentor.pk)
                proposed = (
                    candidate is not None
                    and matching.score(needs[mentee.pk], candidate, specs[form.code]).is_candidate
                )
                assert allowed == proposed, (form.code, mentor.person, mentee.person)
                checked += allowed
    assert checked >= 3  # some pairs are allowed, so the test compares both ways


def test_matching_counts_no_consent_signed_after_the_day():
    """A consent signed after the day does not hold on it, in matching as in the rules (the
    loaders once read any consent not withdrawn, whatever its signing date)."""
    mentor, mentees, form = pair_ready()
    for person in (mentor.person, mentees[0].person):
        person.consents.update(signed_on=TODAY)
    before = TODAY - dt.timedelta(days=10)
    for day, holds in ((before, False), (TODAY, True)):
        need = matching.mentee_needs(on=day, queryset=MenteeProfile.objects.all())[0]
        candidate = matching.mentor_candidates(on=day)[0]
        assert (need.consent_ok, candidate.consent_ok) == (holds, holds), day
        refused = rules.consents_on_file(people=[mentor.person, mentees[0].person], on=day)
        assert (refused == []) is holds, day
