"""The roll-over's roadmap part (roadmap.rollover_roadmap): when the roadmap in force ends
before the new academic year does, the roll-over creates the new year's roadmap with the
same sections and a planned copy of every yearly activity; one-time activities stay; a
roadmap that already takes in the new year, or none at all, creates nothing.

Today is 20.08.2027: the holidays after 2026/2027; the roll-over goes to 2027/2028."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError

from mentorship.lib.periods import ReportPeriod
from mentorship.people.models import Person
from roadmap.models import AcademicYearRollOver, Activity, ActivityYearDone, Roadmap, Section
from roadmap.rollover import roll_over_commit, roll_over_plan, roll_over_summary
from roadmap.rollover_roadmap import Outcome, create_new_roadmap, new_title, plan_new_roadmap
from tests.factories import PersonFactory, UserFactory
from tests.roadmap.roadmap_data import activity_make, roadmap_make, year_done
from tests.roadmap.rollover_data import refusing_inserts

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 8, 20)
TO = "2027/2028"
REASON = "Перевод на новый учебный год 2027/2028"
OLD_TITLE = "План мероприятий внедрения целевой модели наставничества на 2026-2027 учебный год"
NEW_TITLE = "План мероприятий внедрения целевой модели наставничества на 2027/2028 учебный год"


@pytest.fixture
def roadmap():
    """The 2026/2027 plan: a stage and a free section; two yearly activities (one done in
    2026 with evidence), a one-time date, a month and a whole-period activity."""
    old = roadmap_make(start=dt.date(2026, 9, 1), end=dt.date(2027, 8, 31), title=OLD_TITLE)
    stage, free = old.sections.order_by("order")
    Section.objects.create(roadmap=old, order=9, stage=7, title="Завершение программы")
    meeting = activity_make(
        old,
        "ежегодно, сентябрь – октябрь",
        section=stage,
        title="Собрание наставников",
        responsible="Куратор, заместитель директора по УВР",
        expected_result="Протокол собрания",
        indicator="Не менее 80 % наставников",
        substage="Организационные встречи",
        deadline_words="Ежегодно, сентябрь-октябрь",
        status="in_progress",
        evidence_url="https://college.example/protocol",
        order=3,
    )
    year_done(meeting, 2026, dt.date(2026, 10, 20), evidence_url="https://college.example/2026")
    activity_make(
        old,
        "сентябрь 2026, ежегодно: май",
        section=free,
        title="Публикация итогов на сайте",
        order=1,
        deadline_words="сентябрь 2026, ежегодно: май",
    )
    activity_make(old, "15.10.2026", section=stage, title="Приказ о программе")
    activity_make(old, "ноябрь 2026", section=free, title="Анкетирование")
    activity_make(old, "весь период", section=stage, title="Консультации")
    return old


def _table_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_new_titles_replace_the_period_or_add_the_year():
    year = ReportPeriod.academic_year(2027)
    assert new_title(OLD_TITLE, year) == NEW_TITLE
    assert new_title(
        "Дорожная карта реализации целевой модели наставничества в ГБПОУ КузГТТ на 2025–2027 гг.",
        year,
    ) == (
        "Дорожная карта реализации целевой модели наставничества в ГБПОУ КузГТТ "
        "на 2027/2028 учебный год"
    )
    assert (
        new_title("Дорожная карта (2025/2026)", year) == "Дорожная карта на 2027/2028 учебный год"
    )
    assert new_title("Дорожная карта наставничества", year) == (
        "Дорожная карта наставничества на 2027/2028 учебный год"
    )
    assert new_title("2026", year) == "Дорожная карта на 2027/2028 учебный год"
    assert len(new_title("Д" * 300 + " на 2026 год", year)) == 300


def test_preview_lists_the_new_roadmap_and_writes_nothing(roadmap):
    before = _table_counts()
    plan = roll_over_plan(to=TO, today=TODAY)
    assert _table_counts() == before
    assert plan.roadmap.outcome == Outcome.CREATE
    assert plan.roadmap.title == NEW_TITLE
    lines = roll_over_summary(plan)
    assert (
        f"Создаётся дорожная карта «{NEW_TITLE}» (01.09.2027–31.08.2028) по дорожной карте "
        f"«{OLD_TITLE}»: ежегодных мероприятий — 2, этапов и разделов — 3; разовые мероприятия "
        "не переносятся."
    ) in lines
    assert "  Подготовка условий для запуска программы наставничества: 1 мероприятие" in lines
    assert "  Информационное сопровождение: 1 мероприятие" in lines
    assert "  Завершение программы: 0 мероприятий" in lines


def test_commit_creates_the_year_with_only_the_yearly_activities(roadmap):
    curator = UserFactory(username="kurator-rr")
    plan = roll_over_commit(to=TO, today=TODAY, by=curator)
    new = Roadmap.objects.get(title=NEW_TITLE)
    assert plan.roadmap.created == new
    assert (new.start_date, new.end_date) == (dt.date(2027, 9, 1), dt.date(2028, 8, 31))
    assert list(new.sections.values_list("order", "stage", "title", "task")) == list(
        roadmap.sections.values_list("order", "stage", "title", "task")
    )
    copies = list(new.activities.order_by("section__order", "order"))
    assert [a.title for a in copies] == ["Собрание наставников", "Публикация итогов на сайте"]
    meeting = copies[0]
    assert meeting.section.title == "Подготовка условий для запуска программы наставничества"
    assert meeting.deadline_kind == Activity.DeadlineKind.YEARLY
    assert meeting.yearly_months == [9, 10]
    # The college's sub-stage and wording go with the copy; a wording naming a one-off
    # date the copy does not carry stays behind.
    assert (meeting.substage, meeting.deadline_words) == (
        "Организационные встречи",
        "Ежегодно, сентябрь-октябрь",
    )
    assert (copies[1].yearly_months, copies[1].deadline_date, copies[1].deadline_words) == (
        [5],
        None,
        "",
    )
    assert meeting.responsible == "Куратор, заместитель директора по УВР"
    assert meeting.expected_result == "Протокол собрания"
    assert meeting.indicator == "Не менее 80 % наставников"
    assert meeting.status == Activity.Status.PLANNED
    assert (meeting.completed_on, meeting.evidence_url, meeting.evidence_file.name) == (
        None,
        "",
        "",
    )
    assert not ActivityYearDone.objects.filter(activity__roadmap=new).exists()
    # The old roadmap keeps everything.
    assert roadmap.activities.count() == 5
    assert ActivityYearDone.objects.filter(activity__roadmap=roadmap).count() == 1
    # History with the roll-over's reason and who did it.
    for obj in (new, *copies):
        record = obj.history.get()
        assert record.history_type == "+"
        assert record.history_change_reason == REASON
        assert record.history_user == curator
    assert f"Создана дорожная карта «{NEW_TITLE}»" in "\n".join(roll_over_summary(plan))


def test_second_run_creates_nothing_more(roadmap):
    roll_over_commit(to=TO, today=TODAY)
    before = _table_counts()
    plan = roll_over_commit(to=TO, today=TODAY)
    assert plan.written is None and _table_counts() == before
    # Even without the roll-over's record the roadmap part does not repeat itself.
    AcademicYearRollOver.objects.all().delete()
    again = plan_new_roadmap(period=ReportPeriod.academic_year(2027), today=TODAY)
    assert again.outcome == Outcome.EXISTS
    assert create_new_roadmap(again, reason=REASON) is None
    assert Roadmap.objects.filter(title=NEW_TITLE).count() == 1
    assert roll_over_summary(roll_over_plan(to=TO, today=TODAY))[-2] == (
        f"Дорожная карта на 2027/2028 учебный год уже есть: «{NEW_TITLE}» "
        "(01.09.2027–31.08.2028); новая не создаётся."
    )


def test_a_roadmap_covering_the_new_year_creates_nothing():
    long = roadmap_make(
        start=dt.date(2025, 9, 1), end=dt.date(2028, 8, 31), title="Дорожная карта 2025–2028"
    )
    activity_make(long, "ежегодно, сентябрь")
    before = Roadmap.objects.count(), Activity.objects.count()
    plan = roll_over_commit(to=TO, today=TODAY)
    assert plan.roadmap.outcome == Outcome.COVERED
    assert (Roadmap.objects.count(), Activity.objects.count()) == before
    assert roll_over_summary(plan)[-2] == (
        "Дорожная карта «Дорожная карта 2025–2028» (01.09.2025–31.08.2028) действует весь "
        "2027/2028 учебный год: её ежегодные мероприятия повторяются в нём, новая дорожная "
        "карта не создаётся."
    )


def test_no_roadmap_creates_nothing_and_says_so():
    plan = roll_over_commit(to=TO, today=TODAY)
    assert plan.roadmap.outcome == Outcome.NONE
    assert not Roadmap.objects.exists()
    assert roll_over_summary(plan)[-2] == (
        "Дорожная карта на 2027/2028 учебный год не создаётся: в системе нет ни одной "
        "дорожной карты."
    )


def test_a_failure_in_the_roadmap_writes_nothing_at_all(roadmap):
    student = PersonFactory(course=2)
    before = _table_counts()
    with refusing_inserts("roadmap_section"), pytest.raises(IntegrityError):
        roll_over_commit(to=TO, today=TODAY)
    assert _table_counts() == before
    student.refresh_from_db()
    assert (student.kind, student.course) == (Person.Kind.STUDENT, 2)
    assert not Roadmap.objects.filter(title=NEW_TITLE).exists()


def test_the_command_prints_the_roadmap_line(roadmap, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    out = StringIO()
    call_command("roll_over", "--to", TO, stdout=out)
    assert f"Создаётся дорожная карта «{NEW_TITLE}»" in out.getvalue()
    assert not Roadmap.objects.filter(title=NEW_TITLE).exists()
