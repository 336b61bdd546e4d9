"""Order drafts as PDF: what the printed text says, who may download them, and their cost."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.documents import orders
from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import MAX_IDS
from mentorship.lib.pdf import PDF_BASE_URL, StaticOnlyURLFetcher
from mentorship.pairs import admin as pairs_admin
from mentorship.pairs import documents, services
from mentorship.pairs.models import Achievement, Meeting, Pair
from mentorship.people.admin import order_mentors_pdf
from mentorship.people.models import College, MentoringForm, MentorProfile, MentorTraining, Person
from tests.factories import MentorProfileFactory, PersonFactory, pair_create
from tests.lib.pdf_files import pdf_text
from tests.worlds import built_once

TODAY = dt.date(2025, 6, 16)
HOSTILE = '<img src="file:///etc/passwd">'
ORDER_URLS = ["pairs:order-pairs", "pairs:order-mentors", "pairs:order-rewards"]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def college(db):
    return college_make()


def college_make() -> College:
    college = College.get()
    college.full_name = (
        "Государственное профессиональное образовательное учреждение "
        "«Кузбасский горнотехнический колледж»"
    )
    college.short_name = "ГПОУ КГТК"
    college.city = "г. Кемерово"
    college.director_position = "Директор"
    college.director_name = "А.В. Громов"
    college.curator_name = "Е.Н. Петрова"
    college.save()
    return college


def rename(person: Person, last_name: str, first_name: str, middle_name: str) -> Person:
    person.last_name, person.first_name, person.middle_name = last_name, first_name, middle_name
    person.save()
    return person


def finished_pair(form_code="teacher-student", *, mentees=1, start, end):
    pair = pair_create(form_code, mentees=mentees, start=start)
    services.meeting_record(pair=pair, kind=Meeting.Kind.FINAL, date=end, topic="Итоги года")
    return services.pair_finish(pair=pair, on=end, result_summary="Цели плана достигнуты.")


def mentee_people(pair: Pair) -> list[Person]:
    return [m.mentee.person for m in pair.memberships.select_related("mentee__person")]


@pytest.fixture
def two_pairs(college):
    """A group of two (педагог – студент) and a pair (студент – студент), both at work."""
    return two_pairs_make()


@pytest.fixture(scope="module")
def two_pairs_world(django_db_setup, django_db_blocker):
    """The college and two_pairs_make, built once for the module on the tests' day inside a
    transaction rolled back at its end; each test's own transaction is a savepoint within
    it, so what a test writes is gone before the next one."""

    def make():
        college_make()
        return two_pairs_make()

    with built_once(django_db_blocker, make, today=TODAY) as made:
        yield made


@pytest.fixture
def the_pairs(two_pairs_world, db):
    """two_pairs of this module's world (the other modules that import two_pairs build it
    for each test)."""
    return two_pairs_world


def two_pairs_make() -> tuple[Pair, Pair]:
    """A group of two (педагог – студент) and a pair (студент – студент), both at work.

    Starts after the mentees' 18th birthday (15.03.2025): their consents are their own."""
    group = pair_create("teacher-student", mentees=2, start=dt.date(2025, 3, 17))
    rename(group.mentor.person, "Соколова", "Анна", "Викторовна")
    first, second = mentee_people(group)
    rename(first, "Белов", "Илья", "Андреевич")
    rename(second, "Юсупова", "Дина", "Ринатовна")
    pair = pair_create("student-student", start=dt.date(2025, 4, 7))
    rename(pair.mentor.person, "Ёлкин", "Максим", "Олегович")
    rename(mentee_people(pair)[0], "Щукина", "Вера", "Павловна")
    return group, pair


def download(client, url_name, query=""):
    return client.get(f"{reverse(url_name)}{query}")


# --- «О закреплении наставнических пар (групп)» --------------------------------------------


def test_order_pairs_pdf_prints_the_pairs_the_college_and_its_director(the_pairs):
    group, pair = the_pairs
    data = documents.order_pairs_data(
        Pair.objects.filter(pk__in=[group.pk, pair.pk]), number="45-о", date=dt.date(2025, 9, 1)
    )
    text = pdf_text(documents.order_pdf_render(data))

    assert text.startswith(
        "Государственное профессиональное образовательное учреждение "
        "«Кузбасский горнотехнический колледж» ПРИКАЗ 01.09.2025 № 45-о г. Кемерово "
        "О закреплении наставнических пар (групп)"
    )
    assert (
        "распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145" in text
    )
    assert "ПРИКАЗЫВАЮ: 1. Закрепить наставнические пары (группы)" in text
    assert "на куратора программы наставничества — Е.Н. Петрова." in text
    assert "Директор А.В. Громов" in text
    assert "Приложение к приказу от 01.09.2025 № 45-о" in text
    for name in (
        "Соколова Анна Викторовна",
        "Белов Илья Андреевич",
        "Юсупова Дина Ринатовна",
        "Ёлкин Максим Олегович",
        "Щукина Вера Павловна",
    ):
        assert name in text
    assert "Педагог – студент" in text and "Студент – студент" in text
    assert "17.03.2025 – 12.12.2025" in text  # start and planned end of the group
    assert "07.04.2025 – 02.01.2026" in text
    # The mentors sign that they have read the order.
    assert "С приказом ознакомлены: Ёлкин Максим Олегович" in text


def test_order_pairs_pdf_leaves_blanks_for_the_number_and_date_to_come(the_pairs):
    text = pdf_text(documents.order_pdf_render(documents.order_pairs_data(Pair.objects.all())))

    assert "ПРИКАЗ «___» ____________ 20___ г. № __________ г. Кемерово" in text
    assert "Приложение к приказу от «___» ____________ 20___ г. № ________" in text


def test_order_pairs_pdf_leaves_blanks_for_a_director_and_curator_not_yet_entered(the_pairs):
    College.objects.filter(pk=1).update(director_name="", curator_name="")
    text = pdf_text(documents.order_pdf_render(documents.order_pairs_data(Pair.objects.all())))

    assert "на куратора программы наставничества ____________________." in text
    assert "Директор ____________________" in text


def test_order_pairs_pdf_prints_a_hostile_name_as_text_and_fetches_nothing_for_it(
    college, client_for, curator, monkeypatch
):
    pair = pair_create("teacher-student")
    rename(pair.mentor.person, HOSTILE, "Пётр", "")
    urls = []
    original = StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", spy)
    response = download(client_for(curator), "pairs:order-pairs", f"?ids={pair.pk}")

    assert response.status_code == 200
    assert f"{HOSTILE} Пётр" in pdf_text(response.content)
    assert urls and all(url.startswith(f"{PDF_BASE_URL}static/") for url in urls)


# --- «О назначении наставников» --------------------------------------------------------------


def test_order_mentors_pdf_lists_mentors_with_position_forms_and_training(college):
    teacher = MentorProfileFactory(
        person=PersonFactory(
            teacher=True,
            last_name="Васнецова",
            first_name="Ольга",
            middle_name="Игоревна",
            position="преподаватель спецдисциплин",
        )
    )
    teacher.forms.add(
        *MentoringForm.objects.filter(code__in=["teacher-student", "teacher-teacher"])
    )
    MentorTraining.objects.create(
        mentor=teacher,
        course_title="Наставничество в СПО",
        provider="КРИРПО",
        hours=36,
        completed_on=dt.date(2025, 4, 18),
        certificate="42-0017",
    )
    student = MentorProfileFactory(
        person=PersonFactory(
            course=4,
            adult=True,
            study_group="ГЭ-21-2",
            last_name="Орлов",
            first_name="Денис",
            middle_name="",
        )
    )
    data = documents.order_mentors_data(
        MentorProfile.objects.filter(pk__in=[teacher.pk, student.pk]), date=dt.date(2025, 9, 2)
    )
    text = pdf_text(documents.order_pdf_render(data))

    assert "О назначении наставников" in text
    assert "1. Назначить наставниками" in text
    assert "Кузбасский горнотехнический колледж" in text and "А.В. Громов" in text
    assert "Васнецова Ольга Игоревна преподаватель спецдисциплин" in text
    assert "Педагог – педагог" in text and "Педагог – студент" in text
    assert "Наставничество в СПО, 36 ч., 18.04.2025, удостоверение 42-0017" in text
    assert "Орлов Денис обучающийся группы ГЭ-21-2" in text
    assert "нет сведений" in text  # the student has no training on file
    assert "02.09.2025" in text


# --- «О поощрении участников наставнической деятельности» --------------------------------


@pytest.fixture
def finished_pairs(college):
    """finished_pairs_make, built for each test (the modules that share them for the whole
    module take finished_world)."""
    return finished_pairs_make()


@pytest.fixture(scope="module")
def finished_world(django_db_setup, django_db_blocker):
    """The college and finished_pairs_make, built once for the module on the tests' day
    inside a transaction rolled back at its end; each test's own transaction is a savepoint
    within it. A module that takes it takes finished_pairs from it (shared_finished_pairs)."""

    def make():
        college_make()
        return finished_pairs_make()

    with built_once(django_db_blocker, make, today=TODAY) as made:
        yield made


def finished_pairs_make() -> tuple[Pair, Pair, Pair, Pair]:
    """Two pairs finished this year (one mentee won a regional contest), one last year
    (of teachers: the students of the factories come of age only on 15.03.2025)."""
    winner_pair = finished_pair(start=dt.date(2025, 3, 17), end=dt.date(2025, 5, 30))
    rename(winner_pair.mentor.person, "Соколова", "Анна", "Викторовна")
    winner = rename(mentee_people(winner_pair)[0], "Белов", "Илья", "Андреевич")
    Achievement.objects.create(
        person=winner,
        pair=winner_pair,
        event="Региональный чемпионат «Профессионалы»",
        level=Achievement.Level.REGIONAL,
        result=Achievement.Result.WINNER,
        document=Achievement.Document.DIPLOMA,
        date=dt.date(2025, 3, 12),
    )
    Achievement.objects.create(
        person=winner,
        event="Олимпиада 2024 года",
        level=Achievement.Level.CITY,
        result=Achievement.Result.WINNER,
        document=Achievement.Document.DIPLOMA,
        date=dt.date(2024, 11, 5),
    )
    plain_pair = finished_pair(
        "student-student", start=dt.date(2025, 3, 20), end=dt.date(2025, 6, 2)
    )
    rename(plain_pair.mentor.person, "Ёлкин", "Максим", "Олегович")
    rename(mentee_people(plain_pair)[0], "Щукина", "Вера", "Павловна")
    old_pair = finished_pair(
        "teacher-teacher", start=dt.date(2024, 1, 15), end=dt.date(2024, 12, 20)
    )
    rename(old_pair.mentor.person, "Прошлогодний", "Иван", "Иванович")
    active = pair_create("teacher-student", start=dt.date(2025, 4, 1))
    rename(active.mentor.person, "Действующий", "Павел", "Павлович")
    return winner_pair, plain_pair, old_pair, active


@pytest.mark.parametrize(
    ("results", "reward"),
    [
        ([], "объявить благодарность"),
        (["participant"], "объявить благодарность"),
        (["laureate", "participant"], "объявить благодарность"),
        (["prize"], "наградить грамотой"),
        (["participant", "winner"], "наградить грамотой"),
    ],
)
def test_reward_kind_gives_a_certificate_for_winners_and_prize_winners(results, reward):
    assert documents.reward_kind(results) == reward


@pytest.mark.parametrize(
    ("person", "position"),
    [
        (Person(kind="teacher", position="мастер п/о"), "мастер п/о"),
        (Person(kind="teacher"), "педагог"),
        (Person(kind="student", study_group="ГЭ-24-1"), "обучающийся группы ГЭ-24-1"),
        (Person(kind="student"), "обучающийся"),
        (Person(kind="pupil"), "школьник"),
        (Person(kind="alumnus"), "выпускник"),
    ],
)
def test_person_position_says_who_the_person_is_at_the_college(person, position):
    assert documents.person_position(person) == position


# --- the views: who may download, what they get ------------------------------------------


@pytest.mark.parametrize("url_name", ORDER_URLS)
def test_order_views_send_anonymous_users_to_login(db, client, url_name):
    response = download(client, url_name)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url_name", ORDER_URLS)
@pytest.mark.parametrize("persona", ["director", "administrator", "mentor", "mentee", "outsider"])
def test_order_views_are_the_curators_alone(the_pairs, client_for, request, url_name, persona):
    response = download(client_for(request.getfixturevalue(persona)), url_name)

    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_order_pairs_view_prints_the_number_and_date_asked_and_names_the_file_by_date(
    the_pairs, client_for, curator
):
    response = download(client_for(curator), "pairs:order-pairs", "?number=12-о&date=01.09.2025")

    assert "01.09.2025 № 12-о" in pdf_text(response.content)
    assert "%D0%BE%D1%82%2001.09.2025.pdf" in response["Content-Disposition"]  # «от 01.09.2025»


def test_order_pairs_view_takes_only_the_chosen_pairs(the_pairs, client_for, curator):
    group, pair = the_pairs
    text = pdf_text(download(client_for(curator), "pairs:order-pairs", f"?ids={pair.pk}").content)

    assert "Ёлкин Максим Олегович" in text
    assert "Соколова" not in text


def test_order_mentors_view_by_default_takes_approved_and_active_mentors(
    the_pairs, client_for, curator
):
    candidate = MentorProfileFactory(status=MentorProfile.Status.CANDIDATE)
    rename(candidate.person, "Кандидатов", "Олег", "Ильич")
    approved = MentorProfileFactory(status=MentorProfile.Status.APPROVED)
    rename(approved.person, "Утверждённая", "Алла", "Юрьевна")
    text = pdf_text(download(client_for(curator), "pairs:order-mentors").content)

    assert "Утверждённая Алла Юрьевна" in text and "Соколова Анна Викторовна" in text
    assert "Кандидатов" not in text


@pytest.mark.parametrize(
    "query",
    [
        "?ids=999999",
        "?ids={pair},999999",
        "?ids=abc",
        "?ids=-1",
        "?ids=0",
        "?ids=1.5",
        "?ids=%D9%A1",  # an Arabic-Indic digit one: isdigit() but not an id
        "?ids=99999999999999999999999999",  # would overflow the database's integer
    ],
)
def test_order_views_answer_404_for_ids_that_are_not_ours(the_pairs, client_for, curator, query):
    group, pair = the_pairs
    response = download(client_for(curator), "pairs:order-pairs", query.format(pair=pair.pk))

    assert response.status_code == 404


def test_order_mentors_view_answers_404_for_a_pair_id_that_is_no_mentor(
    the_pairs, client_for, curator
):
    missing = MentorProfile.objects.order_by("-pk").first().pk + 1
    response = download(client_for(curator), "pairs:order-mentors", f"?ids={missing}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "build",
    [
        lambda: documents.order_pairs_data(Pair.objects.none(), number="", date=None),
        lambda: documents.order_mentors_data(MentorProfile.objects.none(), number="", date=None),
        lambda: documents.order_rewards_data(Pair.objects.none(), number="", date=None, year=2025),
    ],
    ids=["pairs", "mentors", "rewards"],
)
def test_order_pdf_of_nobody_is_a_valid_pdf_saying_no_data(college, build):
    """RELIABILITY 40. The views answer an empty selection with a page (above); the
    documents themselves still lay out an empty list as a valid PDF, never an error."""
    document = documents.order_pdf_render(build())

    assert document.startswith(b"%PDF-")
    text = pdf_text(document)
    assert "ПРИКАЗ" in text
    assert "Нет данных: в приказ никто не включён." in text


@pytest.mark.parametrize("query", ["?ids=", "?date=31.02.2025", "?ids=999999999"])
def test_order_not_made_writes_no_journal_entry(the_pairs, client_for, curator, query):
    response = download(client_for(curator), "pairs:order-pairs", query)

    assert response.status_code in (200, 400, 404)
    assert b"%PDF" not in response.content
    assert not ReportDownload.objects.exists()


@pytest.mark.parametrize("persona", ["director", "mentor", "mentee"])
def test_order_refused_download_writes_no_journal_entry(the_pairs, client_for, request, persona):
    response = download(client_for(request.getfixturevalue(persona)), "pairs:order-pairs")

    assert response.status_code == 403
    assert not ReportDownload.objects.exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?date=31.02.2025", "Дата приказа: даты «31.02.2025» не существует."),
        ("?date=завтра", "Дата приказа: «завтра» — не дата"),
        ("?number=" + "1" * 51, "Номер приказа длиннее 50 символов."),
        ("?year=25", "Год указывается четырьмя цифрами"),
        ("?ids=" + ",".join(str(n) for n in range(1, MAX_IDS + 2)), "сформируйте приказ частями"),
    ],
)
def test_order_views_explain_a_wrong_parameter_in_russian(
    the_pairs, client_for, curator, query, message
):
    response = download(client_for(curator), "pairs:order-rewards", query)

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("url_name", ["pairs:order-pairs", "pairs:order-mentors"])
def test_order_without_selection_refuses_more_than_one_order_holds(
    the_pairs, client_for, curator, monkeypatch, url_name
):
    """RELIABILITY 39: a default selection of thousands is refused in Russian at once, not
    laid out for minutes while the worker is blocked."""
    monkeypatch.setattr(orders, "MAX_IDS", 1)
    response = download(client_for(curator), url_name)

    assert response.status_code == 400
    assert b"%PDF" not in response.content
    content = response.content.decode()
    assert "Без выбора в приказ попадает записей: 2. В один приказ — не больше 1" in content
    assert "сформируйте приказ частями" in content
    assert not ReportDownload.objects.exists()


# --- a fixed number of queries, however many pairs -----------------------------------------


def _queries(build) -> int:
    with CaptureQueriesContext(connection) as captured:
        build()
    return len(captured.captured_queries)


def test_order_data_costs_the_same_queries_for_2_and_10_pairs(college):
    pairs = [
        pair_create("teacher-student", mentees=2, start=dt.date(2025, 4, 1)) for _ in range(10)
    ]
    for pair in pairs:
        Achievement.objects.create(
            person=pair.mentor.person,
            event="Конкурс",
            level=Achievement.Level.CITY,
            result=Achievement.Result.PRIZE,
            document=Achievement.Document.DIPLOMA,
            date=dt.date(2025, 4, 1),
        )
        MentorTraining.objects.create(
            mentor=pair.mentor,
            course_title="Школа наставника",
            hours=16,
            completed_on=dt.date(2025, 1, 20),
        )
    few, many = [p.pk for p in pairs[:2]], [p.pk for p in pairs]
    mentors_few = [p.mentor_id for p in pairs[:2]]
    mentors_many = [p.mentor_id for p in pairs]

    def pairs_order(ids):
        return lambda: documents.order_pdf_render(
            documents.order_pairs_data(Pair.objects.filter(pk__in=ids))
        )

    def mentors_order(ids):
        return lambda: documents.order_pdf_render(
            documents.order_mentors_data(MentorProfile.objects.filter(pk__in=ids))
        )

    def rewards_order(ids):
        return lambda: documents.order_pdf_render(
            documents.order_rewards_data(Pair.objects.filter(pk__in=ids), year=2025)
        )

    assert _queries(pairs_order(few)) == _queries(pairs_order(many)) == 3
    assert _queries(mentors_order(mentors_few)) == _queries(mentors_order(mentors_many)) == 4
    assert _queries(rewards_order(few)) == _queries(rewards_order(many)) == 4


def test_order_view_costs_the_same_queries_for_2_and_10_pairs(college, client_for, curator):
    pairs = [pair_create("student-student", start=dt.date(2025, 4, 1)) for _ in range(10)]
    client = client_for(curator)
    download(client, "pairs:order-pairs", f"?ids={pairs[0].pk}")  # session and caches warm

    def view(ids):
        return lambda: download(
            client, "pairs:order-pairs", "?ids=" + ",".join(str(p.pk) for p in ids)
        )

    assert _queries(view(pairs[:2])) == _queries(view(pairs))


# --- admin actions -------------------------------------------------------------------------


class FakeModelAdmin:
    def __init__(self):
        self.messages = []

    def message_user(self, request, message, level=None):
        self.messages.append(message)


@pytest.mark.parametrize(
    ("action", "url_name"),
    [
        (pairs_admin.order_pairs_pdf, "pairs:order-pairs"),
        (pairs_admin.order_rewards_pdf, "pairs:order-rewards"),
    ],
)
def test_pair_admin_actions_open_the_order_of_the_selected_pairs(the_pairs, action, url_name):
    group, pair = the_pairs
    request = RequestFactory().post("/admin/pairs/pair/")
    request.user = AnonymousUser()
    response = action(FakeModelAdmin(), request, Pair.objects.filter(pk__in=[pair.pk, group.pk]))

    low, high = sorted([group.pk, pair.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(url_name)}?ids={low},{high}"


def test_mentor_admin_action_opens_the_order_of_the_selected_mentors(the_pairs):
    group, _ = the_pairs
    request = RequestFactory().post("/admin/people/mentorprofile/")
    response = order_mentors_pdf(
        FakeModelAdmin(), request, MentorProfile.objects.filter(pk=group.mentor_id)
    )

    assert response["Location"] == f"{reverse('pairs:order-mentors')}?ids={group.mentor_id}"


def test_admin_actions_are_shown_to_those_who_may_change_the_base():
    for action in (
        pairs_admin.order_pairs_pdf,
        pairs_admin.order_rewards_pdf,
        order_mentors_pdf,
    ):
        assert list(action.allowed_permissions) == ["change"]
        assert action.short_description.endswith("(PDF)")


def test_admin_action_refuses_a_selection_too_long_for_one_order(db, monkeypatch, the_pairs):
    monkeypatch.setattr(orders, "MAX_IDS", 1)
    modeladmin = FakeModelAdmin()
    response = pairs_admin.order_pairs_pdf(
        modeladmin, RequestFactory().post("/"), Pair.objects.all()
    )

    assert response is None
    assert len(modeladmin.messages) == 1
    assert modeladmin.messages[0].startswith("В один приказ — не больше 1 ")
