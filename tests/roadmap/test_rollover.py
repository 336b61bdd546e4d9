"""The roll-over to the next academic year (roadmap.rollover and `manage.py roll_over`):
the preview writes nothing, the commit advances courses, graduates the last courses by their
specialty's programme length, ends the graduates' pairs, and writes all of it or nothing."""

import datetime as dt
import re
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorship.lib.dates import academic_year_label, academic_year_of
from mentorship.pairs.models import Pair, PairStatusChange
from mentorship.people.models import College, MenteeProfile, Person, SpecialtyProgramme
from roadmap.models import AcademicYearRollOver, Roadmap
from roadmap.rollover import (
    RollOverError,
    roll_over_commit,
    roll_over_next,
    roll_over_plan,
    roll_over_summary,
)
from tests.factories import MenteeProfileFactory, PersonFactory, pair_create
from tests.roadmap.roadmap_data import activity_make, roadmap_make
from tests.roadmap.rollover_data import refusing_inserts
from tests.worlds import built_once

pytestmark = pytest.mark.django_db

# 20 August 2027: the holidays after 2026/2027, before 2027/2028 opens.
TODAY = dt.date(2027, 8, 20)
TO = "2027/2028"
REASON = "Перевод на новый учебный год 2027/2028"
ECONOMY = "38.02.01 Экономика и бухгалтерский учёт"
MINING = "21.02.17 Подземная разработка месторождений полезных ископаемых"


def _set(person, **fields):
    Person.objects.filter(pk=person.pk).update(**fields)
    person.refresh_from_db()
    return person


@pytest.fixture(scope="module")
def shared_college(django_db_setup, django_db_blocker):
    """college_make once for the module, inside a transaction rolled back at its end; each
    test's own transaction is a savepoint within it, so a roll-over a test commits is gone
    before the next one."""
    with built_once(django_db_blocker, college_make) as college:
        yield college


@pytest.fixture
def college(shared_college, db):
    """The shared college's people and pairs fresh from the database: no test sees the
    courses another test's roll-over left in memory."""
    return {key: type(value).objects.get(pk=value.pk) for key, value in shared_college.items()}


def college_make():
    """A 3-year specialty (written otherwise than on the cards) and the 4-year default."""
    SpecialtyProgramme.objects.create(specialty="38.02.01  экономика и бухгалтерский учет", years=3)
    people = {
        "economy_3": PersonFactory(course=3, specialty=ECONOMY),
        "economy_2": PersonFactory(course=2, specialty=ECONOMY),
        "mining_3": PersonFactory(course=3, specialty=MINING),
        "mining_4": PersonFactory(course=4, specialty=MINING),
        "pupil": PersonFactory(kind=Person.Kind.PUPIL, course=2, birth_date=dt.date(2012, 1, 1)),
        "no_course": PersonFactory(course=None),
        "teacher": PersonFactory(teacher=True),
    }
    # A pair whose mentee graduates, a pair that goes on, a mentee still waiting.
    ending = pair_create()
    _set(ending.mentees.get().person, course=3, specialty=ECONOMY)
    going_on = pair_create()
    waiting = MenteeProfileFactory(person=PersonFactory(course=3, specialty=ECONOMY))
    return {**people, "ending": ending, "going_on": going_on, "waiting": waiting}


def _table_counts() -> dict[str, int]:
    """Rows of every table of the project, history tables included."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _course_and_kind(person):
    person.refresh_from_db()
    return person.kind, person.course


def test_preview_writes_nothing(college):
    before = _table_counts()
    persons_before = list(Person.objects.values_list("pk", "kind", "course", "graduated_on"))
    plan = roll_over_plan(to=TO, today=TODAY)
    assert plan.counts()["graduated"] == 4  # economy_3, mining_4, the pair's mentee, waiting
    assert _table_counts() == before
    assert list(Person.objects.values_list("pk", "kind", "course", "graduated_on")) == (
        persons_before
    )


def test_preview_lists_courses_graduates_by_specialty_and_pairs(college):
    text = "\n".join(roll_over_summary(roll_over_plan(to=TO, today=TODAY)))
    assert "Учебный год 2027/2028 начнётся 01.09.2027; перевод выполняется заранее." in text
    assert f"на 4 курс (1): {college['mining_3'].short_name}" in text
    assert "Оканчивают обучение 30.06.2027 и становятся выпускниками: 4." in text
    assert f"{ECONOMY} (срок обучения 3 года; 3)" in text
    assert (
        f"{MINING} (срок обучения 4 года — по умолчанию для колледжа: срок по специальности "
        "не указан; 1)"
    ) in text
    assert "Наставляемый окончил обучение (перевод на 2027/2028 учебный год)" in text
    assert "Пары и группы, которые прекращаются: 1." in text


def test_a_run_before_the_year_ends_says_when_graduates_and_pairs_end(college):
    text = "\n".join(roll_over_summary(roll_over_plan(to=TO, today=dt.date(2027, 5, 20))))
    assert (
        "Учебный год 2026/2027 ещё не закончился: выпускники получат дату окончания 30.06.2027, "
        "их пары прекратятся 20.05.2027."
    ) in text
    summer = "\n".join(roll_over_summary(roll_over_plan(to=TO, today=TODAY)))
    assert "ещё не закончился" not in summer


def test_commit_advances_courses_and_graduates_the_last_course(college):
    roll_over_commit(to=TO, today=TODAY)
    assert _course_and_kind(college["economy_2"]) == (Person.Kind.STUDENT, 3)
    assert _course_and_kind(college["mining_3"]) == (Person.Kind.STUDENT, 4)
    assert _course_and_kind(college["economy_3"]) == (Person.Kind.ALUMNUS, None)
    assert _course_and_kind(college["mining_4"]) == (Person.Kind.ALUMNUS, None)
    assert college["economy_3"].graduated_on == dt.date(2027, 6, 30)
    assert college["mining_3"].graduated_on is None
    # A form of study is a learner's: the graduate's goes with the course, students keep theirs.
    assert college["economy_3"].study_form == ""
    assert college["mining_3"].study_form == Person.StudyForm.FULL_TIME
    assert _course_and_kind(college["pupil"]) == (Person.Kind.PUPIL, 3)
    assert _course_and_kind(college["no_course"]) == (Person.Kind.STUDENT, None)
    assert _course_and_kind(college["teacher"]) == (Person.Kind.TEACHER, None)
    record = AcademicYearRollOver.objects.get()
    assert record.academic_year == TO
    assert record.counts["graduated"] == 4


def test_commit_ends_the_graduates_pairs_with_the_reason(college):
    roll_over_commit(to=TO, today=TODAY)
    ending = Pair.objects.get(pk=college["ending"].pk)
    assert ending.status == Pair.Status.ENDED_EARLY
    assert ending.end_reason == "Наставляемый окончил обучение (перевод на 2027/2028 учебный год)"
    assert ending.end_date == dt.date(2027, 6, 30)
    assert PairStatusChange.objects.filter(pair=ending, reason=ending.end_reason).exists()
    # A graduate does not wait for a new mentor.
    assert ending.mentees.get().status == MenteeProfile.Status.FINISHED
    assert Pair.objects.get(pk=college["going_on"].pk).status == Pair.Status.ACTIVE


def test_commit_leaves_waiting_mentees_in_the_bank(college):
    roll_over_commit(to=TO, today=TODAY)
    waiting = MenteeProfile.objects.get(pk=college["waiting"].pk)
    assert waiting.status == MenteeProfile.Status.WAITING
    assert waiting.history.count() == 1


def test_history_rows_carry_the_change_reason(college):
    roll_over_commit(to=TO, today=TODAY)
    for person in (college["economy_3"], college["economy_2"], college["pupil"]):
        assert person.history.first().history_change_reason == REASON
    assert Pair.objects.get(pk=college["ending"].pk).history.first().history_change_reason == (
        REASON
    )
    mentee = college["ending"].mentees.get()
    assert mentee.history.first().history_change_reason == REASON
    assert college["teacher"].history.count() == 1  # untouched


def test_second_run_changes_nothing_and_says_so(college):
    roll_over_commit(to=TO, today=TODAY)
    before = _table_counts()
    courses = list(Person.objects.values_list("pk", "kind", "course"))
    plan = roll_over_commit(to=TO, today=TODAY + dt.timedelta(days=20))
    assert plan.written is None
    assert _table_counts() == before
    assert list(Person.objects.values_list("pk", "kind", "course")) == courses
    done_on = timezone.localtime(AcademicYearRollOver.objects.get().done_at)
    assert roll_over_summary(plan) == [
        f"Перевод на 2027/2028 учебный год уже выполнен {done_on:%d.%m.%Y}."
    ]


@pytest.mark.parametrize(
    "to, today",
    [
        ("2026/2027", TODAY),  # the year about to end: too late to move to it
        ("2028/2029", TODAY),  # a year too far
        ("2027/2028", dt.date(2028, 1, 10)),  # 2027/2028 is half over: the next is 2028/2029
    ],
)
def test_only_the_next_academic_year_is_accepted(college, to, today):
    expected = academic_year_label(academic_year_of(today) + 1)
    with pytest.raises(RollOverError) as raised:
        roll_over_commit(to=to, today=today)
    assert str(raised.value) == f"Перевести можно только на следующий учебный год: {expected}."
    assert not AcademicYearRollOver.objects.exists()


def test_a_college_that_missed_the_first_of_september_catches_up(college):
    late = dt.date(2027, 9, 15)
    with pytest.raises(RollOverError) as raised:
        roll_over_plan(to="2029/2030", today=late)
    assert str(raised.value) == (
        "Перевести можно только на текущий учебный год 2027/2028 (если перевод на него ещё "
        "не выполнен) или на следующий: 2028/2029."
    )
    plan = roll_over_commit(to=TO, today=late)
    assert plan.late and plan.written is not None
    assert any("перевод выполняется с опозданием" in line for line in roll_over_summary(plan))
    # Moved to 2027/2028: next comes 2028/2029, never back and never over a year.
    with pytest.raises(RollOverError, match="на более ранний год перевести нельзя"):
        roll_over_plan(to="2026/2027", today=dt.date(2026, 9, 20))
    with pytest.raises(RollOverError, match="сначала переведите на 2028/2029"):
        roll_over_plan(to="2029/2030", today=dt.date(2029, 8, 1))
    assert roll_over_plan(to="2028/2029", today=dt.date(2028, 8, 1)).done is None


def test_mentor_who_graduates_keeps_a_pair_where_alumni_may_mentor(college):
    kept = pair_create("student-student")
    ended = pair_create("student-pupil")
    plan = roll_over_commit(to=TO, today=TODAY)
    assert Pair.objects.get(pk=kept.pk).status == Pair.Status.ACTIVE
    assert kept.pk in [p.pk for p in plan.pairs_kept]
    ended.refresh_from_db()
    assert ended.status == Pair.Status.ENDED_EARLY
    assert ended.end_reason == "Наставник окончил обучение (перевод на 2027/2028 учебный год)"


def test_a_failure_half_way_writes_nothing(college):
    """The database refuses the last write (the new roadmap's activities, after the people
    and the pairs): nothing of the roll-over stays."""
    roadmap = roadmap_make(start=dt.date(2025, 9, 1), end=dt.date(2027, 8, 31))
    activity_make(roadmap, "ежегодно, сентябрь")
    before = _table_counts()
    persons_before = list(Person.objects.values_list("pk", "kind", "course", "graduated_on"))
    with refusing_inserts("roadmap_activity"), pytest.raises(IntegrityError):
        roll_over_commit(to=TO, today=TODAY)
    assert _table_counts() == before
    assert list(Person.objects.values_list("pk", "kind", "course", "graduated_on")) == (
        persons_before
    )
    assert Pair.objects.get(pk=college["ending"].pk).status == Pair.Status.ACTIVE


def _commit_statements() -> Counter:
    """The statements of one roll-over by their shape (savepoint names aside), rolled back
    afterwards."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        plan = roll_over_commit(to=TO, today=TODAY)
        assert plan.written is not None
        transaction.set_rollback(True)
    return Counter(
        re.sub(r"\d+", "N", re.split(r"\(?VALUES", q["sql"])[0][:60])
        for q in queries.captured_queries
        if "SAVEPOINT" not in q["sql"]
    )


def _grow(students: int, pairs: int) -> None:
    for number in range(students):
        PersonFactory(course=1 + number % 4, specialty=MINING if number % 2 else ECONOMY)
    for _ in range(pairs):
        _set(pair_create().mentees.get().person, course=4, specialty=MINING)


def test_the_number_of_queries_does_not_grow_with_the_college():
    """5 students and a graduate's pair, then 50 and 4 pairs more: the same statements, no
    query per person or per pair. Only a bulk write of many rows may take a second batch
    (SQLite's limit of parameters per statement)."""
    roadmap = roadmap_make(start=dt.date(2025, 9, 1), end=dt.date(2027, 8, 31))
    activity_make(roadmap, "ежегодно, сентябрь")
    _grow(5, 1)
    small = _commit_statements()
    _grow(45, 4)
    assert Person.objects.filter(course__isnull=False).count() >= 55
    large = _commit_statements()
    assert set(large) == set(small)
    grown = {shape: large[shape] for shape in large if large[shape] != small[shape]}
    assert all(shape.startswith(("INSERT INTO", "WITH v")) for shape in grown), grown
    assert all(count <= 3 for count in grown.values()), grown


def _next_year() -> str:
    return academic_year_label(academic_year_of(timezone.localdate()) + 1)


def test_command_previews_then_commits():
    person = PersonFactory(course=2)
    out = StringIO()
    call_command("roll_over", "--to", _next_year(), stdout=out)
    assert "ничего не записано" in out.getvalue()
    assert _course_and_kind(person) == (Person.Kind.STUDENT, 2)
    out = StringIO()
    call_command("roll_over", "--to", _next_year(), "--commit", stdout=out)
    assert out.getvalue().rstrip().endswith("Записано.")
    assert _course_and_kind(person) == (Person.Kind.STUDENT, 3)
    assert AcademicYearRollOver.objects.get().done_by_name == "manage.py roll_over"
    out = StringIO()
    call_command("roll_over", "--to", _next_year(), "--commit", stdout=out)
    assert "уже выполнен" in out.getvalue()
    assert _course_and_kind(person) == (Person.Kind.STUDENT, 3)


def test_command_refuses_another_year_in_russian():
    with pytest.raises(CommandError, match="Перевести можно только на (текущий|следующий)"):
        call_command("roll_over", "--to", "2000/2001")
    with pytest.raises(CommandError, match="не учебный год"):
        call_command("roll_over", "--to", "2027")


def test_a_college_moved_this_autumn_is_not_moved_again_before_january(college):
    roll_over_commit(to=TO, today=dt.date(2027, 9, 2))
    with pytest.raises(RollOverError) as raised:
        roll_over_plan(to="2028/2029", today=dt.date(2027, 10, 1))
    assert str(raised.value) == (
        "Колледж уже переведён на 2027/2028 учебный год; перевод на 2028/2029 возможен с "
        "1 января 2028 года."
    )
    assert roll_over_plan(to="2028/2029", today=dt.date(2028, 1, 1)).done is None


def test_the_screen_offers_what_the_check_allows_on_either_side_of_new_year(college):
    """One catch-up window for the offer and the check: up to 31 December the screen shows
    the year the college moved to (and the next one is refused), from 1 January the next."""
    roll_over_commit(to=TO, today=dt.date(2027, 9, 2))
    last_day, new_year = dt.date(2027, 12, 31), dt.date(2028, 1, 1)
    assert roll_over_next(last_day) == TO
    with pytest.raises(RollOverError, match="возможен с 1 января 2028 года"):
        roll_over_plan(to="2028/2029", today=last_day)
    assert roll_over_next(new_year) == "2028/2029"
    assert roll_over_plan(to=roll_over_next(new_year), today=new_year).done is None


def test_a_college_whose_year_opens_in_october_rolls_over_by_its_own_calendar(college):
    College.objects.update_or_create(pk=1, defaults={"academic_year_start_month": 10})
    roadmap_make(start=dt.date(2026, 10, 1), end=dt.date(2027, 9, 30), title="План на 2026/2027")
    activity_make(Roadmap.objects.get(), "ежегодно: май")
    person = PersonFactory(course=2)
    # 15.09.2027 is still 2026/2027 there: the move to 2027/2028 runs ahead of 01.10.2027.
    assert roll_over_next(dt.date(2027, 9, 15)) == "2027/2028"
    plan = roll_over_commit(to="2027/2028", today=dt.date(2027, 9, 15))
    assert plan.ahead and not plan.late
    assert any(
        "Учебный год 2027/2028 начнётся 01.10.2027; перевод выполняется заранее." == line
        for line in roll_over_summary(plan)
    )
    row = Person.history.filter(id=person.pk).latest()
    assert (row.course, timezone.localtime(row.history_date).date()) == (3, dt.date(2027, 10, 1))
    created = plan.roadmap.created
    assert (created.start_date, created.end_date) == (dt.date(2027, 10, 1), dt.date(2028, 9, 30))
