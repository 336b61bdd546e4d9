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
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


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
