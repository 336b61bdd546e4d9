"""Roles × URLs (issue 6; RELIABILITY 28, 29, 33, 34).

The table is tests/url_roles_table.py. A meta-test walks the resolver and fails on any
named URL that is neither in the table nor exempt (and on table rows that no longer
exist); every cell of the table is then requested as its role.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.roles import Role
from mentorship.cases.models import Case, CaseFile, Material
from mentorship.documents.models import DocumentTemplate, RegisteredDocument, ReportDownload
from mentorship.pairs import services as pair_services
from mentorship.pairs.models import Achievement, Meeting, PlanTask
from mentorship.people.models import (
    College,
    Competency,
    Consent,
    DestructionAct,
    MentoringForm,
    SpecialtyProgramme,
)
from mentorship.surveys.models import Question, Questionnaire
from roadmap.models import Indicator
from tests import url_roles_table as table
from tests.factories import (
    PartnerOrganisationFactory,
    UserFactory,
    pair_create,
)
from tests.mentorship.surveys.factories import InvitationFactory, WaveFactory
from tests.mentorship.surveys.survey_data import respond
from tests.roadmap.roadmap_data import activity_make, roadmap_make, year_done

# Each distinct PDF laid out once in the module (tests/pdf_once.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_once")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()


# --- the resolver ---------------------------------------------------------------------------


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def resolver_names() -> set[str]:
    """Every named URL: the project's urlconf, and through admin.site.urls every registered
    ModelAdmin's get_urls (custom import/export/history views included)."""
    names = set(_walk(get_resolver().url_patterns))
    for model_admin in admin.site._registry.values():
        names |= {f"admin:{p.name}" for p in model_admin.get_urls() if p.name}
    return names


# --- the world the table is walked in -------------------------------------------------------


def _login(person, role, username):
    user = UserFactory(username=username, role=role)
    person.user = user
    person.save()
    return user


def _login_records():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    where = {"username": "curator", "ip_address": "10.0.0.1", "user_agent": "test"}
    return {
        "axes.accessattempt": AccessAttempt.objects.create(failures_since_start=1, **where),
        "axes.accesslog": AccessLog.objects.create(**where),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**where),
    }


def _region_records(today):
    """One row of each of the regional centre's lists (what an upload writes)."""
    from mentorship.region.models import (
        Package,
        PackageUpload,
        RegionalCentre,
        RegionalDenominator,
        RegionCollege,
    )

    college = RegionCollege.objects.create(inn="4345000001", short_name="Колледж")
    moment = timezone.now()
    package = Package.objects.create(
        college=college,
        period="2025",
        schema_version=1,
        app_version="1.14.0",
        checksum="sha256:0",
        created_at=moment,
        uploaded_at=moment,
        data={},
    )
    return {
        "region.regioncollege": college,
        "region.package": package,
        "region.packageupload": PackageUpload.objects.create(
            college=college, period="2025", checksum="sha256:0", uploaded_at=moment
        ),
        "region.regionaldenominator": RegionalDenominator.objects.create(
            period="2025", kind="children_10_19", value=51000
        ),
        "region.regionalcentre": RegionalCentre.get(),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world is built once for the module's ~300 tests, inside a transaction rolled back
    at its end; each test's own transaction (the db fixture) is a savepoint within it, so
    what a test writes is gone before the next one (as with TestCase.setUpTestData)."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        world = _world_build()
        world["sessions"] = _sessions(world["users"])
        yield world
        transaction.set_rollback(True)


def _sessions(users):
    """One logged-in session per role, made once: the sweep below sends each request with
    its role's session cookie instead of logging in again (a login is a session write, a
    key rotation and the login signals, ~3 of every 5 ms of the sweep). What a request
    writes into its session is rolled back with its test's savepoint."""
    sessions = {}
    for role, user in users.items():
        login = Client()
        login.force_login(user)
        sessions[role] = login.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def _world_build():
    a = pair_create()
    b = pair_create()
    forming = pair_create(activate=False)
    a_mentee, b_mentee = a.mentees.get(), b.mentees.get()
    plans = {}
    for pair, mentee in ((a, a_mentee), (b, b_mentee)):
        plan = pair_services.plan_save(pair=pair, goals="Освоить профессию")
        task = PlanTask.objects.create(plan=plan, title="Экскурсия", due_date=TODAY, mentee=mentee)
        meeting = pair_services.meeting_record(
            pair=pair, kind=Meeting.Kind.ACQUAINTANCE, date=pair.start_date, topic="Знакомство"
        )
        plans[pair.pk] = (plan, task, meeting)
    consent = a_mentee.person.consents.first()
    consent.scan = SimpleUploadedFile("scan.pdf", PDF)
    consent.save()
    wave = WaveFactory()
    invitation = InvitationFactory(wave=wave, person=a_mentee.person)
    answered = InvitationFactory(wave=wave)
    response = respond(answered, {})
    # The partners' questionnaire: an organisation's link, one answered (issue 15).
    partner_wave = WaveFactory(questionnaire_code="partner")
    partner_invitation = InvitationFactory(
        wave=partner_wave,
        person=None,
        organisation=PartnerOrganisationFactory(contact_person="Петров С. И."),
        role="partner",
    )
    partner_answered = InvitationFactory(
        wave=partner_wave,
        person=None,
        organisation=PartnerOrganisationFactory(contact_person="Смирнова О. П."),
        role="partner",
    )
    respond(partner_answered, {})
    roadmap = roadmap_make()
    activity = activity_make(roadmap, "май 2025")
    year_done(activity, 2025, dt.date(2025, 5, 20))
    activity.evidence_file = SimpleUploadedFile("akt.pdf", PDF)
    activity.save()
    indicator = Indicator.objects.create(name="Доля наставляемых, завершивших программу")
    achievement = Achievement.objects.create(
        person=a_mentee.person,
        pair=a,
        event="Чемпионат «Профессионалы»",
        level=Achievement.Level.REGIONAL,
        result=Achievement.Result.WINNER,
        document=Achievement.Document.DIPLOMA,
        date=TODAY,
    )
    act = DestructionAct.objects.create(performed_on=TODAY, performed_by_label="Куратор")
    registered = RegisteredDocument.objects.create(
        kind=RegisteredDocument.Kind.ORDER,
        number="15-н",
        date=TODAY,
        title="О внедрении целевой модели наставничества",
        scan=SimpleUploadedFile("prikaz.pdf", PDF),
    )
    case = Case.objects.create(
        title="Наставник для первокурсника",
        form=MentoringForm.objects.first(),
        problem="Первокурсники теряются.",
        actions="Назначили наставников.",
        result="Все остались.",
    )
    case_file = CaseFile.objects.create(case=case, file=SimpleUploadedFile("keys.pdf", PDF))
    material = Material.objects.create(title="Памятка наставнику", link="https://example.org/")
    users = {
        "administrator": UserFactory(username="administrator", role=Role.ADMINISTRATOR),
        "curator": UserFactory(username="curator", role=Role.CURATOR),
        "director": UserFactory(username="director", role=Role.DIRECTOR),
        "mentor": _login(a.mentor.person, Role.MENTOR, "mentor"),
        "mentee": _login(a_mentee.person, Role.MENTEE, "mentee"),
        "coordinator": UserFactory(username="coordinator", role=Role.COORDINATOR),
    }
    region = _region_records(TODAY)
    return {
        "users": users,
        "a": a,
        "b": b,
        "forming": forming,
        "a_plan": plans[a.pk],
        "b_plan": plans[b.pk],
        "consent": consent,
        "wave": wave,
        "invitation": invitation,
        "answered": answered,
        "response": response,
        "partner_wave": partner_wave,
        "partner_invitation": partner_invitation,
        "partner_answered": partner_answered,
        "roadmap": roadmap,
        "activity": activity,
        "achievement": achievement,
        "destruction_act": act,
        "registered": registered,
        "case_file": case_file,
        "objects": {
            "cases.case": case,
            "cases.material": material,
            "accounts.user": users["curator"],
            "auth.group": Group.objects.get(name=Role.CURATOR.label),
            "pairs.achievement": achievement,
            "pairs.individualplan": plans[a.pk][0],
            "pairs.meeting": plans[a.pk][2],
            "pairs.pair": a,
            "people.college": College.get(),
            "people.competency": Competency.objects.first(),
            "people.consent": consent,
            "people.menteeprofile": a_mentee,
            "people.mentoringform": MentoringForm.objects.first(),
            "people.mentorprofile": a.mentor,
            "people.partnerorganisation": PartnerOrganisationFactory(),
            "people.person": a_mentee.person,
            "people.specialtyprogramme": SpecialtyProgramme.objects.create(
                specialty="38.02.01 Экономика и бухгалтерский учёт", years=3
            ),
            "roadmap.activity": activity,
            "roadmap.indicator": indicator,
            "roadmap.roadmap": roadmap,
            "documents.reportdownload": ReportDownload.objects.create(
                user=users["director"], username="director", kind="kpi_report", year=2025
            ),
            "documents.documenttemplate": DocumentTemplate.objects.create(
                kind="order_pairs",
                file=ContentFile(
                    (settings.BASE_DIR / "templates/docx/order_pairs.docx").read_bytes(),
                    name="order_pairs.docx",
                ),
            ),
            "documents.registereddocument": registered,
            "surveys.invitation": invitation,
            "surveys.question": Question.objects.first(),
            "surveys.questionnaire": Questionnaire.objects.first(),
            "surveys.response": response,
            "surveys.wave": wave,
            "people.destructionact": act,
            **_login_records(),
            **region,
        },
    }


# --- 1. the meta-test -----------------------------------------------------------------------


def table_names() -> set[str]:
    return {name for name, _ in table.SITE} | {name for name, _ in table.admin_rows()}


def test_every_named_url_is_in_the_roles_table(db):
    resolved = resolver_names()
    missing = sorted(resolved - table_names() - set(table.EXEMPT))
    stale = sorted((table_names() | set(table.EXEMPT)) - resolved)
    assert not missing, f"URLs missing from tests/url_roles_table.py: {missing}"
    assert not stale, f"table rows for URLs that no longer exist: {stale}"
    assert not table_names() & set(table.EXEMPT)


def test_every_table_row_knows_how_to_build_its_url():
    site_cases = {(name, label) for name, cases in table.SITE_URLS.items() for label in cases}
    assert site_cases == set(table.SITE)


def test_exemptions_have_reasons():
    assert all(len(reason) > 15 for reason in table.EXEMPT.values())


# --- 2. every cell --------------------------------------------------------------------------


def _client(client, world, role):
    client.cookies.clear()
    if role != "anon":
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]
    return client


def _check(response, expected, where):
    if expected == table.L:
        assert response.status_code == 302, (where, response.status_code)
        assert response["Location"].startswith(reverse("login") + "?next="), where
    elif isinstance(expected, str):
        assert expected.startswith("→")
        assert response.status_code == 302, (where, response.status_code)
        assert response["Location"].startswith(expected[1:]), (where, response["Location"])
    else:
        assert response.status_code == expected, (where, response.status_code)


def _cases():
    for (name, label), cells in table.SITE.items():
        yield pytest.param(name, label, cells, id=f"{name}{'|' + label if label else ''}")
    for (name, _), (model_key, view, cells) in table.admin_rows().items():
        yield pytest.param(name, (model_key, view), cells, id=name)


def _url(world, name, label):
    if isinstance(label, tuple):
        return table.admin_url(world, *label)
    return table.SITE_URLS[name][label](world)


@pytest.mark.parametrize(("name", "label", "cells"), list(_cases()))
def test_each_role_gets_the_expected_answer(client, world, name, label, cells):
    url = _url(world, name, label)
    for role, expected in cells.items():
        response = _client(client, world, role).get(url)
        _check(response, expected, f"GET {url} ({name}) as {role}")


# --- 3. the director never writes -----------------------------------------------------------

# Models whose rows a write would change; sessions, login logs and history tables aside.
WRITTEN_APPS = ("people", "pairs", "surveys", "roadmap", "accounts", "auth")


def snapshot():
    """Every row of the written apps' models, as tuples of their columns (last_login aside):
    equal snapshots mean nothing was written."""
    from django.apps import apps

    data = {}
    for app in WRITTEN_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.model_name.startswith("historical"):
                continue
            columns = [f.attname for f in model._meta.fields if f.name != "last_login"]
            rows = model._base_manager.order_by("pk").values_list(*columns)
            data[model._meta.label_lower] = list(rows)
    return data


def _post_data(name, world, label):
    if name.endswith("_changelist"):
        model_key, _view = label
        obj = world["objects"][model_key]
        return {"action": "delete_selected", "_selected_action": [obj.pk], "index": 0}
    if name.endswith("_delete"):
        return {"post": "yes"}
    if name.endswith("_import") or name.endswith("process_import"):
        return {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04"),
            "import_file_name": "x.xlsx",
            "original_file_name": "x.xlsx",
        }
    return {"status": "done", "done": "1", "completed_on": TODAY.isoformat()}


# Views of one's own account, and the public survey link: not the office's data.
NOT_OFFICE_WRITES = {
    "login",
    "password_change",
    "password_reset",
    "surveys_public:fill",
    "surveys_public:done",
}


def test_the_directors_writes_are_few_and_explained():
    assert set(table.DIRECTOR_WRITES) == {"reports:approve"}
    assert all(len(reason) > 15 for reason in table.DIRECTOR_WRITES.values())
    assert not set(table.DIRECTOR_WRITES) & table.READ_ONLY


def rows_written() -> int:
    """How many rows this connection has inserted, updated or deleted so far (any table): a
    cheap sign that something was written, so the full snapshot is compared only then."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables"
        )
    else:
        sql = "SELECT total_changes()"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return int(cursor.fetchone()[0])


def director_posts(client, world, cases) -> list[str]:
    """POST as the director to every URL of cases; what was not refused or wrote data."""
    failures = []
    before, written = snapshot(), rows_written()
    for param in cases:
        name, label, _cells = param.values
        if name in NOT_OFFICE_WRITES:
            continue
        # Some rows' URLs set the scene (package:download fills in the college's ИНН).
        url = _url(world, name, label)
        if rows_written() != written:
            before = snapshot()
        written = rows_written()
        response = client.post(url, _post_data(name, world, label))
        # 405: the URL takes no POST from anybody.
        refused = (
            response.status_code in (403, 405)
            or table.read_only(name)
            or name in table.DIRECTOR_WRITES
        )
        if not refused:
            failures.append(f"POST {url} ({name}): {response.status_code}")
        if rows_written() != written:
            # Something was written (a session, a login record, or the office's data).
            after = snapshot()
            if after != before:
                failures.append(f"POST {url} ({name}) changed the database")
            before, written = after, rows_written()
    return failures


@pytest.mark.django_db
def test_director_post_to_any_url_is_refused_and_writes_nothing(client, world):
    client.force_login(world["users"]["director"])
    failures = director_posts(client, world, _cases())
    assert not failures, "\n".join(failures)


def test_a_post_that_writes_is_caught(client, world):
    """The check above does see a write: a POST after which a row of the office's data
    appears is reported."""

    class Writing:
        def post(self, *args, **kwargs):
            response = client.post(*args, **kwargs)
            Competency.objects.create(name="Запись под видом отказа")
            return response

    client.force_login(world["users"]["director"])
    case = next(c for c in _cases() if c.values[0] == "reports:dashboard")
    failures = director_posts(Writing(), world, [case])
    assert failures == [
        f"POST {reverse('reports:dashboard')} (reports:dashboard) changed the database"
    ]


def test_rows_written_sees_a_write(db):
    """The cheap sign the test above relies on does change when a row is written."""
    written = rows_written()
    Competency.objects.create(name="Проверка счётчика записей")
    assert rows_written() > written


PERSONAL_DATA_EXPORTS = [
    "admin:people_person_export",
    "admin:people_mentorprofile_export",
    "admin:people_menteeprofile_export",
    "admin:people_partnerorganisation_export",
    "surveys:wave-export",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAL_DATA_EXPORTS)
def test_director_gets_no_export_with_personal_data(client, world, name):
    client.force_login(world["users"]["director"])
    args = [world["wave"].pk] if name == "surveys:wave-export" else []
    url = reverse(name, args=args)
    assert client.get(url).status_code == 403
    assert client.post(url, {"format": "0", "resource": "0"}).status_code == 403


@pytest.mark.django_db
def test_participant_cannot_write_into_another_pair(client, world):
    _plan, b_task, b_meeting = world["b_plan"]
    for role in ("mentor", "mentee"):
        client.force_login(world["users"][role])
        before = snapshot()
        mark = client.post(
            reverse("cabinet:task-mark", args=[world["b"].pk, b_task.pk]), {"done": "1"}
        )
        assert mark.status_code == 404, role
        # Own pair, another pair's task: still not found.
        own = client.post(
            reverse("cabinet:task-mark", args=[world["a"].pk, b_task.pk]), {"done": "1"}
        )
        assert own.status_code == 404, role
        meeting = client.post(
            reverse("cabinet:pair", args=[world["b"].pk]),
            {"kind": Meeting.Kind.REGULAR, "date": TODAY.isoformat(), "topic": "Чужая встреча"},
        )
        assert meeting.status_code == 404, role
        assert snapshot() == before, role


# --- 4. RELIABILITY 33, 34 ------------------------------------------------------------------


@pytest.mark.django_db
def test_role_revoked_mid_session_denies_the_next_request(client, world):
    curator = world["users"]["curator"]
    client.force_login(curator)
    url = reverse("admin:people_person_changelist")
    assert client.get(url).status_code == 200
    curator.groups.remove(Group.objects.get(name=Role.CURATOR.label))
    assert client.get(url).status_code == 403
    assert client.get(reverse("pairs:matching")).status_code == 403
    assert client.get(world["consent"].scan.url).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_participant_enumerating_ids_never_gets_personal_data(client, world, role):
    """Sequential ids of people, profiles, consents and scans, the participant's own
    included: never 200."""
    from mentorship.people.models import Person

    client.force_login(world["users"][role])
    # A window around the real rows: on PostgreSQL the sequences never go back, so ids
    # start wherever earlier tests left them.
    pks = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    first, last = pks[0], pks[-1]
    names = [
        "admin:people_person_change",
        "admin:people_person_history",
        "admin:people_consent_change",
        "admin:people_mentorprofile_change",
        "admin:people_menteeprofile_change",
        "admin:surveys_invitation_change",
        "admin:surveys_response_change",
        "surveys:paper-entry",
    ]
    answers = set()
    for pk in range(max(first - 2, 1), last + 3):
        for name in names:
            answer = client.get(reverse(name, args=[pk])).status_code
            assert answer in (403, 404), (name, pk, answer)
            answers.add(answer)
    scans = [c.scan.name for c in Consent.objects.exclude(scan="")]
    guesses = scans + [name.replace("1", "2") for name in scans] + ["consents/1.pdf", "1", "2"]
    for name in guesses:
        answer = client.get(reverse("people:consent-scan", args=[name])).status_code
        assert answer in (403, 404), (name, answer)
