"""manage.py load_demo: a plausible, valid, idempotent demo college with working logins."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone

from mentorship.cases.models import Case, Material
from mentorship.demo.load import build_plan, load
from mentorship.demo.people import DEMO_USERS
from mentorship.documents.models import RegisteredDocument
from mentorship.lib.dates import academic_year_start, age_on
from mentorship.people.models import (
    Consent,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    MentorTraining,
    PartnerOrganisation,
    Person,
)
from mentorship.surveys.models import Response, Wave

pytestmark = pytest.mark.django_db

MODELS = [
    Person,
    Consent,
    PartnerOrganisation,
    MentorProfile,
    MentorProfile.forms.through,
    MentorProfile.competencies.through,
    MentorTraining,
    MenteeProfile,
    MenteeRequest,
    get_user_model(),
    # The programme's papers (demo/papers.py).
    RegisteredDocument,
    RegisteredDocument.activities.through,
    RegisteredDocument.pairs.through,
    Case,
    Material,
]


def counts() -> dict[str, int]:
    """Rows of every table the demo writes, history tables included."""
    result = {m._meta.label: m.objects.count() for m in MODELS}
    for model in (
        Person,
        Consent,
        PartnerOrganisation,
        MentorProfile,
        MenteeProfile,
        RegisteredDocument,
    ):
        result[f"history of {model._meta.label}"] = model.history.count()
    return result


def kinds() -> dict[str, int]:
    return {kind: Person.objects.filter(kind=kind).count() for kind in Person.Kind.values}


def test_load_demo_builds_a_plausible_college():
    out = StringIO()
    call_command("load_demo", "--quiet", stdout=out)
    assert out.getvalue() == ""  # --quiet prints nothing

    by_kind = kinds()
    assert 220 <= by_kind["student"] <= 260
    assert 25 <= by_kind["pupil"] <= 35
    assert 10 <= by_kind["alumnus"] <= 15
    assert 40 <= by_kind["teacher"] <= 50
    assert 12 <= by_kind["employee"] <= 18
    assert 3 <= by_kind["parent"] <= 8
    assert 9 <= PartnerOrganisation.objects.count() <= 12
    assert 50 <= MentorProfile.objects.count() <= 60
    assert 100 <= MenteeProfile.objects.count() <= 120
    assert set(MentorProfile.objects.values_list("status", flat=True)) == set(
        MentorProfile.Status.values
    )
    # Mentee statuses follow the demo pairs (tests/mentorship/demo/test_pairs.py); many wait.
    assert set(MenteeProfile.objects.values_list("status", flat=True)) == set(
        MenteeProfile.Status.values
    )
    assert MenteeProfile.objects.filter(status__in=["waiting", "no_pair"]).count() >= 40
    assert not MenteeProfile.objects.filter(requests__isnull=True).exists()
    young_teachers = Person.objects.filter(kind="teacher", experience_years__lte=3)
    assert young_teachers.count() >= 6
    # A few students are not full-time, some of them mentees: the dashboard's share of
    # mentees among full-time students is not that among all students.
    students = Person.objects.filter(kind="student")
    forms = {form: students.filter(study_form=form).count() for form in Person.StudyForm}
    assert forms == {
        Person.StudyForm.FULL_TIME: by_kind["student"] - 14,
        Person.StudyForm.PART_TIME: 6,
        Person.StudyForm.EXTRAMURAL: 8,
    }
    not_full_time = students.exclude(study_form=Person.StudyForm.FULL_TIME)
    assert MenteeProfile.objects.filter(person__in=not_full_time).exists()
    assert not Person.objects.exclude(kind="student").exclude(study_form="").exists()
    assert MenteeProfile.objects.filter(person__in=young_teachers).count() == young_teachers.count()

    # Every row is valid as the admin forms would see it.
    for model in (
        Person,
        Consent,
        PartnerOrganisation,
        MentorProfile,
        MentorTraining,
        MenteeProfile,
        MenteeRequest,
    ):
        for obj in model.objects.all():
            obj.full_clean()

    today = timezone.localdate()
    for student in Person.objects.filter(kind="student"):
        admitted = academic_year_start(today).year - student.course + 1
        assert student.study_group.endswith(f"-{admitted % 100:02d}-{student.study_group[-1]}")
        assert 14 <= student.age() <= 21
    assert Person.objects.filter(kind="student", course__lte=2).minors_on(today).count() > (
        0.9 * Person.objects.filter(kind="student", course__lte=2).count()
    )

    for consent in Consent.objects.select_related("person"):
        assert consent.signed_on <= today
        if age_on(consent.person.birth_date, consent.signed_on) < 18:
            assert consent.signer == Consent.Signer.REPRESENTATIVE
            assert consent.representative_name and consent.representative_relation
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    assert Person.objects.filter(kind="student", has_disability=True).without_valid_consent()
    participants = Person.objects.filter(mentor_profile__isnull=False) | Person.objects.filter(
        mentee_profile__isnull=False
    )
    missing = participants.distinct().without_valid_consent().count()
    assert 0 < missing < 0.1 * participants.distinct().count()

    for demo_user in DEMO_USERS:
        # django-axes needs the request a login comes with.
        user = authenticate(HttpRequest(), username=demo_user.username, password=demo_user.password)
        assert user is not None, demo_user.username
        validate_password(demo_user.password, user)
        assert list(user.groups.values_list("name", flat=True)) == [demo_user.role.label]
        assert user.roles == {demo_user.role}
        assert not user.is_superuser
    mentor = Person.objects.get(user__username="nastavnik")
    assert mentor.mentor_profile.status == MentorProfile.Status.ACTIVE
    assert mentor.consents.valid().exists()
    mentee = Person.objects.get(user__username="nastavlyaemyi")
    assert mentee.mentee_profile.requests.exists()
    assert Person.objects.get(user__username="kurator").full_name == "Соколова Елена Викторовна"


def test_second_run_changes_nothing_and_prints_the_logins():
    call_command("load_demo", "--quiet")
    before = counts()

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert counts() == before
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text
    assert "создано: 0, изменено: 0" in text
    for demo_user in DEMO_USERS:
        assert demo_user.username in text and demo_user.password in text
        assert demo_user.role.label in text


def test_a_later_academic_year_re_dates_the_same_people():
    last_year = timezone.localdate() - dt.timedelta(days=365)
    load(last_year)
    before = counts()
    papers_dated_no_later_than(last_year)
    birth_dates = dict(Person.objects.values_list("name_key", "birth_date"))

    result = load()

    # The people and their profiles are the same rows, re-dated; a new calendar year may
    # bring its own programme records (the roadmap of the new period, the year's targets).
    people_bases = {m._meta.verbose_name_plural for m in MODELS}
    assert {k: n for k, n in result.created.items() if k in people_bases and n} == {}
    after = counts()
    assert {k: v for k, v in after.items() if not k.startswith("history")} == {
        k: v for k, v in before.items() if not k.startswith("history")
    }
    moved = dict(Person.objects.values_list("name_key", "birth_date"))
    assert moved.keys() == birth_dates.keys()
    assert all(moved[k] >= birth_dates[k] for k in moved)


def papers_dated_no_later_than(day: dt.date) -> None:
    """The register, the library and the partners' answers of a demo loaded for `day` hold
    nothing dated after it (loaded for a past day, they are not dated by today's clock)."""
    end = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
    documents = RegisteredDocument.objects.all()
    assert documents.exists() and not documents.filter(date__gt=day).exists()
    assert not documents.filter(registered_at__gt=end).exists()
    assert Case.objects.exists() and not Case.objects.filter(created_at__gt=end).exists()
    assert not Material.objects.filter(created_at__gt=end).exists()
    wave = Wave.objects.get(questionnaire__code="partner")
    assert academic_year_start(day) <= wave.opened_on <= day
    assert not Response.objects.filter(invitation__wave=wave, submitted_at__date__gte=day).exists()


def test_the_plan_is_deterministic():
    today = dt.date(2025, 10, 15)
    first, second = build_plan(today), build_plan(today)
    assert [(p.values, p.consents, p.mentor, p.mentee) for p in first.people] == [
        (p.values, p.consents, p.mentor, p.mentee) for p in second.people
    ]
    assert len({p.natural_key for p in first.people}) == len(first.people)
