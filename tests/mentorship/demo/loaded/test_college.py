"""manage.py load_demo on an empty base: a plausible, valid, idempotent demo college with
working logins (the package's one load; tests/mentorship/demo/test_load_demo.py loads it for
other days)."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.http import HttpRequest
from django.utils import timezone

from mentorship.demo.people import DEMO_USERS
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
from tests.mentorship.demo.loaded.conftest import load_again
from tests.mentorship.demo.rows import counts, kinds

pytestmark = pytest.mark.django_db


def test_load_demo_builds_a_plausible_college(loaded):
    assert loaded == ""  # --quiet prints nothing

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


def test_second_run_changes_nothing_and_prints_the_logins(loaded):
    text = load_again(counts)
    assert "http://127.0.0.1:8000" in text
    assert "создано: 0, изменено: 0" in text
    for demo_user in DEMO_USERS:
        assert demo_user.username in text and demo_user.password in text
        assert demo_user.role.label in text
