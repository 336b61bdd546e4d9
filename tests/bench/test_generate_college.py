"""generate_college: a small generated college keeps every invariant the app relies on."""

import datetime as dt
import re
from collections import Counter, defaultdict

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from mentorship.bench.generate import Sizes, generate, wipe
from mentorship.lib.dates import academic_year_start
from mentorship.pairs import rules, services
from mentorship.pairs.models import Meeting, Pair, PairMembership, PlanTask
from mentorship.people.models import (
    Consent,
    MenteeProfile,
    MentorProfile,
    PartnerOrganisation,
    Person,
)
from mentorship.surveys.models import Answer, Invitation, Response
from roadmap.kpi import kpi_values_for_year
from tests.worlds import built_once

TODAY = dt.date(2026, 11, 21)
SIZES = Sizes(students=60, teachers=10, organisations=5, years=2)


@pytest.fixture(scope="module")
def college_world(django_db_setup, django_db_blocker):
    """The small college, generated once for the module inside a transaction rolled back at
    its end; each test's own transaction is a savepoint within it (what a test wipes, saves
    or regenerates is gone before the next one). The refusal of a base with people in it
    runs on an empty base, in test_generate_college_empty.py."""
    with built_once(django_db_blocker, lambda: generate(SIZES, seed="test", today=TODAY)) as world:
        yield world


@pytest.fixture
def college(college_world, db):
    return college_world


def test_generate_college_counts_follow_the_options(college):
    assert Person.objects.filter(kind=Person.Kind.STUDENT).count() == 60
    assert set(
        Person.objects.filter(kind=Person.Kind.STUDENT).values_list("course", flat=True)
    ) == {
        1,
        2,
        3,
        4,
    }
    assert Person.objects.filter(kind=Person.Kind.TEACHER).count() == 10
    # Mostly full-time students, a few of the other forms; nobody else has a form.
    forms = Counter(
        Person.objects.filter(kind=Person.Kind.STUDENT).values_list("study_form", flat=True)
    )
    assert set(forms) <= set(Person.StudyForm) and len(forms) > 1
    assert forms[Person.StudyForm.FULL_TIME] >= 0.8 * 60
    assert not Person.objects.exclude(kind=Person.Kind.STUDENT).exclude(study_form="").exists()
    assert PartnerOrganisation.objects.count() == 5
    assert Person.objects.filter(kind=Person.Kind.EMPLOYEE).exists()
    # Pairs of exactly two academic years, the last one the current.
    years = {academic_year_start(d).year for d in Pair.objects.values_list("start_date", flat=True)}
    assert years == {2025, 2026}
    assert Pair.objects.filter(status__in=Pair.CURRENT_STATUSES).exists()
    assert Pair.objects.filter(status=Pair.Status.FINISHED).exists()
    assert Meeting.objects.exists() and PlanTask.objects.exists()
    assert Response.objects.exists() and Answer.objects.exists()
    # Minors signed through a representative.
    assert (
        Consent.objects.filter(signer=Consent.Signer.REPRESENTATIVE)
        .exclude(representative_name="")
        .exists()
    )
    assert college.created["люди"] == Person.objects.count()


def test_generate_college_name_keys_are_what_save_computes(college):
    people = list(Person.objects.all())
    assert len({p.natural_key for p in people}) == len(people)
    for person in people:
        stored = (person.name_key, person.natural_key)
        assert stored[0] and stored[1].endswith(person.birth_date.isoformat())
        person.save()  # the normal path computes them again
        assert (person.name_key, person.natural_key) == stored
    term = people[0].last_name.upper().replace("Е", "Ё")
    assert people[0] in Person.objects.search(term)


def test_generate_college_survey_links_are_unique_and_open(college, client):
    tokens = list(Invitation.objects.values_list("token", flat=True))
    assert len(tokens) == len(set(tokens)) > 0
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{40,64}", t) for t in tokens)
    invitation = Invitation.objects.filter(response__isnull=True).first()
    page = client.get(reverse("surveys_public:fill", args=[invitation.token]))
    assert page.status_code != 404
    # One response per link; answers of satisfaction questions on the 1–10 scale.
    assert Response.objects.count() == Response.objects.values("invitation").distinct().count()
    numbers = Answer.objects.filter(question__is_satisfaction=True).values_list("number", flat=True)
    assert numbers and all(1 <= n <= 10 for n in numbers)
    # Invited with a consent on file on the opening day; answered before any withdrawal and
    # within the wave's dates.
    consents = {c.person_id: c for c in Consent.objects.all()}
    for invitation in Invitation.objects.select_related("wave", "response"):
        consent = consents[invitation.person_id]
        assert consent.signed_on <= invitation.wave.opened_on
        response = getattr(invitation, "response", None)
        if response is not None:
            day = timezone.localdate(response.submitted_at)
            assert invitation.wave.opened_on <= day <= invitation.wave.closes_on
            assert consent.withdrawn_on is None or consent.withdrawn_on > day


def test_generate_college_pairs_keep_the_rules(college):
    current = Pair.objects.filter(status__in=Pair.CURRENT_STATUSES).select_related(
        "mentor__person__organisation", "form"
    )
    assert current
    for pair in current:
        mentees = list(pair.mentees.select_related("person"))
        assert (
            rules.pair_violations(
                mentor=pair.mentor,
                mentees=mentees,
                form=pair.form,
                on=pair.start_date,
                exclude_pair_id=pair.pk,
            )
            == []
        )
    # Every pair: members, a consent signed before its start; in no academic year a mentor
    # leads more mentees than their capacity, or a mentee is in two pairs.
    load, taken = Counter(), Counter()
    for m in PairMembership.objects.select_related("pair__mentor", "mentee"):
        year = academic_year_start(m.pair.start_date).year
        load[(m.pair.mentor, year)] += 1
        taken[(m.mentee_id, year)] += 1
        assert m.is_current == (m.pair.status in Pair.CURRENT_STATUSES)
        assert m.form_id == m.pair.form_id
    assert all(n <= mentor.capacity for (mentor, _year), n in load.items())
    assert max(taken.values()) == 1
    signed = defaultdict(list)
    for c in Consent.objects.all():
        signed[c.person_id].append(c.signed_on)
    for pair in Pair.objects.prefetch_related("memberships__mentee").select_related("mentor"):
        people = [pair.mentor.person_id, *(m.mentee.person_id for m in pair.memberships.all())]
        assert all(min(signed[p]) <= pair.start_date for p in people)
    for pair in Pair.objects.filter(status=Pair.Status.FINISHED):
        assert pair.meetings.filter(kind=Meeting.Kind.FINAL).exists()


def test_generate_college_profile_statuses_follow_the_pairs(college):
    """The services' own refresh changes no status, but for the mentees the curator marked
    as searching again (waiting / no pair)."""
    mentees = list(MenteeProfile.objects.all())
    before = {m.pk: m.status for m in mentees}
    services._refresh_profiles(mentees=mentees, mentor=MentorProfile.objects.first())
    changed = [m for m in MenteeProfile.objects.all() if m.status != before[m.pk]]
    manual = (MenteeProfile.Status.WAITING, MenteeProfile.Status.NO_PAIR)
    assert all(before[m.pk] in manual for m in changed)
    active = MentorProfile.objects.filter(pairs__status=Pair.Status.ACTIVE).distinct()
    assert active and all(m.status == MentorProfile.Status.ACTIVE for m in active)


def test_generate_college_gives_kpi_values(college):
    rows = {row.computation: row for row in kpi_values_for_year(2026, today=TODAY)}
    for code in (
        "mentees_students",
        "mentors_teachers",
        "mentee_satisfaction",
        "consents_on_file",
        "plans_done",
    ):
        assert rows[code].actual and rows[code].actual > 0, code
    assert rows["mentees_students"].target is not None


def test_generate_college_records_the_history_reports_read(college):
    """Reports read people, banks, organisations and pairs as they stood at a period's end
    (lib.history): each has its «+» row, the registry entered on the first day of the
    programme's oldest year (1 September 2025 here), a pair on its start."""
    for model in (Person, PartnerOrganisation, MentorProfile, MenteeProfile, Pair):
        assert model.history.filter(history_type="+").count() == model.objects.count() > 0
    first = Person.history.order_by("history_date").first().history_date
    assert timezone.localtime(first).date() == dt.date(2025, 9, 1)
    pair = Pair.objects.order_by("pk").first()
    assert timezone.localtime(pair.history.get().history_date).date() == pair.start_date
    # A finished year counts the generated people, not nobody.
    rows = {row.computation: row for row in kpi_values_for_year(2025, today=TODAY)}
    for code in ("mentees_students", "mentors_teachers", "consents_whole_base"):
        assert rows[code].denominator and rows[code].actual > 0, code


def test_generate_college_bench_logins_open_the_curator_pages(college, client):
    curator = User.objects.get(username="bench-kurator")
    director = User.objects.get(username="bench-direktor")
    assert curator.roles == {Role.CURATOR} and director.roles == {Role.DIRECTOR}
    assert not curator.has_usable_password()
    client.force_login(curator)
    page = client.get(reverse("admin:people_person_changelist"))
    assert page.status_code == 200
    assert Person.objects.order_by("last_name").first().last_name in page.content.decode()


def test_generate_college_same_seed_same_college(college):
    def snapshot():
        return (
            sorted(Person.objects.values_list("natural_key", "kind", "study_group")),
            sorted(
                Pair.objects.values_list(
                    "mentor__person__natural_key", "form__code", "start_date", "status"
                )
            ),
            Answer.objects.count(),
        )

    first = snapshot()
    wipe(usernames=["bench-kurator", "bench-direktor"])
    assert not Person.objects.exists() and not Pair.objects.exists()
    generate(SIZES, seed="test", today=TODAY)
    assert snapshot() == first


def test_generate_college_participant_logins_see_their_pair(college, client):
    mentor = User.objects.get(username="bench-nastavnik")
    mentee = User.objects.get(username="bench-nastavlyaemyi")
    pair = Pair.objects.get(
        status=Pair.Status.ACTIVE,
        mentor__person__user=mentor,
        memberships__mentee__person__user=mentee,
    )
    assert mentor.roles == {Role.MENTOR} and mentee.roles == {Role.MENTEE}
    for user in (mentor, mentee):
        client.force_login(user)
        assert client.get(reverse("cabinet:pair", args=[pair.pk])).status_code == 200


def test_generate_college_rows_pass_the_models_validation(college):
    """What a curator's form would accept: every row passes full_clean() unchanged."""
    from mentorship.pairs.models import Achievement, IndividualPlan
    from mentorship.people.consent_rules import adult_consent_due, special_categories_check
    from mentorship.people.models import MenteeRequest, MentorTraining
    from mentorship.surveys.models import Wave

    # The signing rules as a new consent meets them (a loaded one is judged by its day's).
    fields = [f.attname for f in Consent._meta.concrete_fields if f.attname != "id"]
    consents = list(Consent.objects.select_related("person"))
    assert any(c.signed_by_subject for c in consents)
    for c in consents:
        fresh = Consent(**{name: getattr(c, name) for name in fields})
        fresh.person = c.person
        fresh.clean()
    for person in Person.objects.filter(has_disability=True):
        special_categories_check(person)
    # Of age on a representative's consent: only the few who turned 18 in the last weeks.
    due = adult_consent_due(today=TODAY)
    assert due.count() <= max(3, Person.objects.count() // 50)
    assert all(p.birth_date > dt.date(2008, 9, 1) for p in due)
    # Withdrawals are recent: none is overdue for the daily destroy_withdrawn.
    from mentorship.people.destruction import people_due

    assert people_due(today=TODAY).count() == 0

    for person in Person.objects.all():
        names = (person.last_name, person.first_name, person.middle_name, person.email)
        person.full_clean()
        assert (person.last_name, person.first_name, person.middle_name, person.email) == names
    for model in (
        PartnerOrganisation,
        Consent,
        MentorProfile,
        MentorTraining,
        MenteeProfile,
        MenteeRequest,
        Pair,
        IndividualPlan,
        PlanTask,
        Meeting,
        Achievement,
        Wave,
        Invitation,
        Response,
    ):
        for obj in model.objects.all():
            obj.full_clean()
