import datetime as dt

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from mentorship.people.models import (
    Consent,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    PartnerOrganisation,
    Person,
)

TEST_PASSWORD = "Ne-prostoi-parol-2024"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if extracted:
            obj.groups.add(Group.objects.get(name=Role(extracted).label))
        if create:
            obj.save()


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"АО «Шахта № {n + 1}»")
    inn = factory.Sequence(lambda n: f"{4200000000 + n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    last_name = factory.Sequence(lambda n: f"Иванов{'а' * (n % 3)}-{n}")
    first_name = "Пётр"
    middle_name = "Сергеевич"
    birth_date = dt.date(2007, 3, 15)
    kind = Person.Kind.STUDENT
    course = 1
    study_group = "ГЭ-24-1"
    specialty = "21.02.17 Подземная разработка месторождений полезных ископаемых"
    # As the base has them: every student full-time unless told (the migration and
    # Person.clean() give the same default), nobody else with a form.
    study_form = factory.LazyAttribute(
        lambda o: Person.StudyForm.FULL_TIME if o.kind == Person.Kind.STUDENT else ""
    )

    class Params:
        teacher = factory.Trait(
            kind=Person.Kind.TEACHER,
            course=None,
            study_group="",
            specialty="",
            position="преподаватель",
            experience_years=12,
            birth_date=dt.date(1980, 5, 4),
        )
        adult = factory.Trait(birth_date=dt.date(1990, 1, 1))


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    signer = Consent.Signer.REPRESENTATIVE
    representative_name = "Иванова Мария Петровна"
    representative_relation = "мать"
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3 * 365))


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile

    person = factory.SubFactory(PersonFactory, teacher=True)
    status = MentorProfile.Status.APPROVED


class MenteeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeProfile

    person = factory.SubFactory(PersonFactory)
    desired_form = factory.LazyFunction(lambda: MentoringForm.objects.get(code="teacher-student"))


def consented(person):
    """Give a person a valid consent fit for their age today."""
    if person.is_minor():
        ConsentFactory(person=person)
    else:
        ConsentFactory(person=person, signer=Consent.Signer.SELF, representative_name="")
    return person


def pair_ready(form_code: str = "teacher-student", *, mentees: int = 1, start=None):
    """A mentor and mentees who may form a pair of the form, all with consents.

    Returns (mentor_profile, [mentee_profiles], form).
    """
    form = MentoringForm.objects.get(code=form_code)
    mentor_kind = form.mentor_kinds[0]
    mentor_person = {
        "teacher": lambda: PersonFactory(teacher=True),
        "student": lambda: PersonFactory(course=4, adult=True),
        "employee": lambda: PersonFactory(
            kind=Person.Kind.EMPLOYEE,
            course=None,
            adult=True,
            study_group="",
            specialty="",
            organisation=PartnerOrganisationFactory(),
        ),
    }[mentor_kind]()
    mentor = MentorProfileFactory(person=consented(mentor_person), capacity=5)
    mentor.forms.add(form)
    mentee_kind = form.mentee_kinds[0]
    course = {"employer-student": 3}.get(form_code, 1)
    # First- and second-year students are minors: their consents are a representative's.
    minor = timezone.localdate() - dt.timedelta(days=int(16.5 * 365.25))
    profiles = []
    for _ in range(mentees):
        person = {
            "student": lambda: PersonFactory(
                course=course, **({"birth_date": minor} if course < 3 else {})
            ),
            "pupil": lambda: PersonFactory(
                kind=Person.Kind.PUPIL, course=None, birth_date=dt.date(2011, 4, 4)
            ),
            "teacher": lambda: PersonFactory(teacher=True, experience_years=1),
        }[mentee_kind]()
        profiles.append(MenteeProfileFactory(person=consented(person), desired_form=form))
    return mentor, profiles, form


def pair_create(form_code: str = "teacher-student", *, mentees: int = 1, start=None, activate=True):
    """A pair made through the services, active by default."""
    from mentorship.pairs import services

    start = start or (timezone.localdate() - dt.timedelta(days=60))
    mentor, profiles, form = pair_ready(form_code, mentees=mentees)
    pair = services.pair_create(
        mentor=mentor,
        mentees=profiles,
        form=form,
        start_date=start,
        planned_end_date=start + dt.timedelta(days=270),
    )
    if activate:
        pair = services.pair_activate(pair=pair, on=start, order_number="12-о", order_date=start)
    return pair
