import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from mentorship.people.models import Consent, MentoringForm, Person
from tests.factories import ConsentFactory, PartnerOrganisationFactory, PersonFactory

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def consent(person, **kwargs):
    defaults = {"signer": Consent.Signer.SELF, "signed_on": dt.date(2026, 9, 1)}
    return Consent(person=person, **(defaults | kwargs))


@pytest.mark.django_db
def test_consent_of_minor_signed_by_self_is_refused():
    minor = PersonFactory(birth_date=dt.date(2010, 5, 1), last_name="Петров")
    with pytest.raises(ValidationError) as excinfo:
        consent(minor).full_clean()
    message = excinfo.value.message_dict["signer"][0]
    assert "Петров" in message
    assert "законный представитель" in message


@pytest.mark.django_db
def test_consent_of_minor_signed_by_representative_is_valid():
    minor = PersonFactory(birth_date=dt.date(2010, 5, 1))
    signed = consent(
        minor,
        signer=Consent.Signer.REPRESENTATIVE,
        representative_name="Петрова Ольга Ивановна",
        representative_relation="мать",
        signed_by_subject=True,
    )
    signed.full_clean()
    signed.save()
    assert Person.objects.with_valid_consent().filter(pk=minor.pk).exists()


def representative_consent(person, **kwargs):
    return consent(
        person,
        signer=Consent.Signer.REPRESENTATIVE,
        representative_name="Петрова Ольга Ивановна",
        representative_relation="мать",
        **kwargs,
    )


@pytest.mark.django_db
def test_consent_under_14_needs_the_representative_not_the_child():
    # 12 on 01.09.2026.
    child = PersonFactory(birth_date=dt.date(2014, 3, 1), kind=Person.Kind.PUPIL, last_name="Зуев")
    with pytest.raises(ValidationError) as excinfo:
        consent(child).full_clean()  # signed by the child alone
    assert "законный представитель" in excinfo.value.message_dict["signer"][0]
    representative_consent(child).full_clean()  # the child's own signature is not required


@pytest.mark.django_db
@pytest.mark.parametrize("birth_date", [dt.date(2012, 9, 1), dt.date(2008, 9, 2)], ids=["14", "17"])
def test_consent_from_14_to_17_needs_both_signatures(birth_date):
    minor = PersonFactory(birth_date=birth_date, last_name="Орлова")
    with pytest.raises(ValidationError) as excinfo:
        representative_consent(minor).full_clean()
    message = excinfo.value.message_dict["signed_by_subject"][0]
    assert "Орлова" in message and "и законный представитель, и сам обучающийся" in message
    with pytest.raises(ValidationError):  # the minor alone is not enough either
        consent(minor, signed_by_subject=True).full_clean()
    representative_consent(minor, signed_by_subject=True).full_clean()


@pytest.mark.django_db
def test_consent_on_file_from_before_the_policy_can_still_be_withdrawn():
    """A 16-year-old's consent entered without the second signature (before the rule) is
    not re-judged when it is withdrawn."""
    from mentorship.people.services import consents_withdraw

    minor = PersonFactory(birth_date=dt.date(2010, 5, 1))
    ConsentFactory(person=minor, signed_on=dt.date(2026, 9, 1))
    assert consents_withdraw(consents=minor.consents.all(), on=dt.date(2026, 11, 1)) == 1
    on_file = minor.consents.get()
    on_file.signed_on = dt.date(2026, 9, 2)  # but a change of the signing is judged
    with pytest.raises(ValidationError):
        on_file.full_clean()


@pytest.mark.django_db
def test_retention_basis_only_on_withdrawal_and_only_for_learners():
    student = PersonFactory(adult=True)
    with pytest.raises(ValidationError) as excinfo:
        consent(student, withdrawal_basis=Consent.Basis.EDUCATION).full_clean()
    assert "только при отзыве" in excinfo.value.message_dict["withdrawal_basis"][0]
    consent(
        student, withdrawn_on=dt.date(2026, 11, 1), withdrawal_basis=Consent.Basis.EDUCATION
    ).full_clean()
    teacher = PersonFactory(adult=True, kind=Person.Kind.TEACHER, course=None)
    with pytest.raises(ValidationError) as excinfo:
        consent(
            teacher, withdrawn_on=dt.date(2026, 11, 1), withdrawal_basis=Consent.Basis.EDUCATION
        ).full_clean()
    assert "только у обучающихся" in excinfo.value.message_dict["withdrawal_basis"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentFactory(
            person=student, signer="self", representative_name="", withdrawal_basis="education"
        )


@pytest.mark.django_db
def test_consent_age_is_judged_on_the_signing_date():
    # 18 on 01.05.2026: a consent signed by herself before that day is a minor's consent.
    person = PersonFactory(birth_date=dt.date(2008, 5, 1))
    with pytest.raises(ValidationError):
        consent(person, signed_on=dt.date(2026, 4, 30)).full_clean()
    consent(person, signed_on=dt.date(2026, 5, 1)).full_clean()


@pytest.mark.django_db
def test_consent_representative_needs_a_name_in_the_database():
    person = PersonFactory(adult=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(
            person=person, signer=Consent.Signer.REPRESENTATIVE, signed_on=dt.date(2026, 1, 1)
        )


@pytest.mark.django_db
def test_consent_withdrawn_is_no_longer_valid():
    signed = ConsentFactory(person=PersonFactory(adult=True), signer=Consent.Signer.SELF)
    assert Person.objects.with_valid_consent().filter(pk=signed.person.pk).exists()
    signed.withdrawn_on = dt.date(2026, 11, 1)
    signed.save()
    assert Person.objects.without_valid_consent().filter(pk=signed.person.pk).exists()


@pytest.mark.django_db
def test_consent_cannot_be_withdrawn_before_it_was_signed():
    signed = consent(PersonFactory(adult=True), withdrawn_on=dt.date(2026, 8, 1))
    with pytest.raises(ValidationError) as excinfo:
        signed.full_clean()
    assert "withdrawn_on" in excinfo.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("scan.pdf", b"%PDF-1.7\n...", True),
        ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", True),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00", True),
        ("scan.pdf", b"<html><script>alert(1)</script></html>", False),
        ("scan.pdf", b"MZ\x90\x00 this is an exe", False),
    ],
)
def test_consent_scan_is_checked_by_content_not_name(name, content, accepted):
    signed = consent(PersonFactory(adult=True))
    signed.scan = SimpleUploadedFile(name, content)
    if accepted:
        signed.full_clean()
    else:
        with pytest.raises(ValidationError) as excinfo:
            signed.full_clean()
        assert "PDF, JPEG или PNG" in str(excinfo.value)


@pytest.mark.django_db
def test_consent_scan_over_the_limit_is_refused(settings):
    settings.CONSENT_SCAN_MAX_BYTES = 100
    signed = consent(PersonFactory(adult=True))
    signed.scan = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * 200)
    with pytest.raises(ValidationError) as excinfo:
        signed.full_clean()
    assert "слишком большой" in str(excinfo.value)


@pytest.mark.django_db
def test_person_clean_normalises_pasted_names():
    person = Person(
        last_name="  иванова\xa0 ",
        first_name="AННА",  # Latin A
        middle_name="сергеевна",
        birth_date=dt.date(2008, 1, 2),
        kind=Person.Kind.STUDENT,
    )
    person.full_clean()
    assert (person.last_name, person.first_name, person.middle_name) == (
        "Иванова",
        "Анна",
        "Сергеевна",
    )


@pytest.mark.django_db
def test_person_natural_key_ignores_yo_case_and_spacing():
    PersonFactory(last_name="Фёдоров", first_name="Пётр", middle_name="Ильич")
    twin = Person(
        last_name="федоров ",
        first_name="ПЕТР",
        middle_name="ильич",
        birth_date=dt.date(2007, 3, 15),
        kind=Person.Kind.STUDENT,
    )
    with pytest.raises(ValidationError) as excinfo:
        twin.full_clean()
    assert "уже есть в базе" in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        (dt.date(2027, 1, 1), "в будущем"),
        (dt.date(1900, 1, 1), "100 лет"),
        (dt.date(2024, 1, 1), "меньше 5 лет"),
    ],
)
def test_person_implausible_birth_date_is_refused(birth_date, message):
    person = PersonFactory.build(birth_date=birth_date)
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert message in excinfo.value.message_dict["birth_date"][0]


@pytest.mark.django_db
def test_person_employee_needs_an_organisation():
    person = PersonFactory.build(kind=Person.Kind.EMPLOYEE, course=None, adult=True)
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "organisation" in excinfo.value.message_dict
    person.organisation = PartnerOrganisationFactory()
    person.full_clean()


@pytest.mark.django_db
def test_person_course_only_for_learners_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(teacher=True, course=2)


@pytest.mark.django_db
def test_person_search_ignores_case_and_yo():
    wanted = PersonFactory(last_name="Ёлкина", first_name="Алёна")
    PersonFactory(last_name="Смирнова", first_name="Анна")
    assert list(Person.objects.search("елкина")) == [wanted]
    assert list(Person.objects.search("ЁЛК але")) == [wanted]
    assert list(Person.objects.search("ёлкина анна")) == []


@pytest.mark.django_db
def test_mentoring_forms_come_from_the_target_model():
    forms = dict(MentoringForm.objects.values_list("code", "name"))
    assert forms == {
        "student-student": "Студент – студент",
        "student-pupil": "Студент – ученик",
        "teacher-teacher": "Педагог – педагог",
        "teacher-student": "Педагог – студент",
        "employer-student": "Работодатель – студент",
    }
    teacher_teacher = MentoringForm.objects.get(code="teacher-teacher")
    assert "опытный педагог – молодой специалист" in set(
        teacher_teacher.role_models.values_list("name", flat=True)
    )
    employer = MentoringForm.objects.get(code="employer-student")
    assert employer.mentor_kinds == ["employee"] and employer.mentee_kinds == ["student"]


@pytest.mark.django_db
def test_mentoring_form_codes_name_exactly_the_forms_in_the_base():
    codes = {v for k, v in vars(MentoringForm.Code).items() if k.isupper()}
    assert codes == set(MentoringForm.objects.values_list("code", flat=True))


# --- the form of study ---------------------------------------------------------------------


@pytest.mark.django_db
def test_person_study_form_only_for_learners_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(teacher=True, study_form=Person.StudyForm.EXTRAMURAL)
    pupil = PersonFactory(kind=Person.Kind.PUPIL, course=None, study_form="part_time")
    assert pupil.study_form == Person.StudyForm.PART_TIME


@pytest.mark.django_db
def test_person_every_student_has_a_form_of_study_in_the_database():
    student = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=student.pk).update(study_form="")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "given", "expected"),
    [
        (Person.Kind.STUDENT, "", Person.StudyForm.FULL_TIME),
        (Person.Kind.STUDENT, "extramural", Person.StudyForm.EXTRAMURAL),
        (Person.Kind.PUPIL, "", ""),
        (Person.Kind.TEACHER, "", ""),
    ],
)
def test_person_student_without_a_form_is_full_time(kind, given, expected):
    """The default the data migration gave the students already in the base, the import's
    and the card's: clean() (before the constraints are validated) and save() fill it."""
    cleaned = PersonFactory.build(kind=kind, course=None, study_form=given, adult=True)
    cleaned.full_clean()
    assert cleaned.study_form == expected
    saved = Person.objects.create(
        last_name="Новикова", first_name="Анна", birth_date=dt.date(2007, 1, 1), kind=kind
    )
    saved.refresh_from_db()
    assert saved.study_form == ("" if kind != Person.Kind.STUDENT else Person.StudyForm.FULL_TIME)


@pytest.mark.django_db
def test_person_teachers_form_of_study_is_refused_in_russian():
    teacher = PersonFactory.build(teacher=True, study_form=Person.StudyForm.FULL_TIME)
    with pytest.raises(ValidationError) as excinfo:
        teacher.full_clean()
    assert excinfo.value.message_dict == {
        "study_form": ["Форма обучения указывается только для обучающихся и школьников."]
    }


@pytest.mark.django_db
def test_students_full_time_migration_fills_students_and_their_history_only():
    """The data migration's function, on today's models (the historical ones have the same
    fields): students' history rows without a form become full-time, nobody else's."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("mentorship.people.migrations.0008_students_full_time")
    student, teacher = PersonFactory(), PersonFactory(teacher=True)
    Person.history.filter(id=student.pk).update(study_form="")
    extramural = PersonFactory(study_form=Person.StudyForm.EXTRAMURAL)
    migration.students_full_time(apps, None)
    forms = {
        record.id: record.study_form
        for record in Person.history.filter(id__in=[student.pk, teacher.pk, extramural.pk])
    }
    assert forms == {
        student.pk: Person.StudyForm.FULL_TIME,
        teacher.pk: "",
        extramural.pk: Person.StudyForm.EXTRAMURAL,
    }
