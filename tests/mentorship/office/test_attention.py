"""The start page's «Требует внимания»: each count on crafted data, and each link leading to
a list that shows exactly those records. Today is frozen at 10.03.2026."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.lib.periods import ReportPeriod
from mentorship.office.attention import attention_items, low_response_waves
from mentorship.pairs import services as pair_services
from mentorship.pairs.summary import pairs_summary
from mentorship.people import selectors as people_selectors
from mentorship.people.models import MenteeProfile
from mentorship.surveys.models import Response
from roadmap.models import Indicator, IndicatorTarget, IndicatorYearData
from tests.factories import MenteeProfileFactory, pair_create
from tests.mentorship.surveys.factories import InvitationFactory, WaveFactory
from tests.roadmap.roadmap_data import activity_make, roadmap_make, year_done
from tests.worlds import built_once

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 10)
W = MenteeProfile.Status


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def wave(invited: int, answered: int, **fields):
    w = WaveFactory(**fields)
    for i in range(invited):
        invitation = InvitationFactory(wave=w)
        if i < answered:
            Response.objects.create(invitation=invitation, source=Response.Source.PAPER)
    return w


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """world_make once for the module on the frozen day, inside a transaction rolled back
    at its end; each test's own transaction is a savepoint within it, so what a test adds
    is gone before the next one."""
    with built_once(django_db_blocker, world_make, today=TODAY) as world:
        yield world


@pytest.fixture
def world(shared_world, db):
    return shared_world


def world_make():
    # Mentees without a pair (none of them has a consent yet), one with ОВЗ.
    MenteeProfileFactory(status=W.WAITING, person__has_disability=True)
    MenteeProfileFactory(status=W.WAITING)
    MenteeProfileFactory(status=W.NO_PAIR)
    MenteeProfileFactory(status=W.FINISHED)
    # Pairs: one quiet for 90 days and without a plan, one fresh with a plan, one forming.
    quiet = pair_create(start=ago(90))
    fresh = pair_create(start=ago(10))
    pair_services.plan_save(pair=fresh, goals="Подготовка к демонстрационному экзамену")
    pair_create(activate=False)
    # The roadmap of today: two overdue (a date and a yearly December 2025), the rest not.
    roadmap = roadmap_make()
    activity_make(roadmap, "01.03.2026", status="in_progress")
    activity_make(roadmap, "ежегодно: декабрь")
    activity_make(roadmap, "февраль 2026", status="done", completed_on=D(2026, 3, 3))
    activity_make(roadmap, "01.02.2026", status="cancelled")
    activity_make(roadmap, "май 2026")
    on_time = activity_make(roadmap, "ежегодно: ноябрь")
    year_done(on_time, 2025, D(2025, 11, 5))
    # An older roadmap's overdue activity is not today's business.
    old = roadmap_make(start=D(2022, 6, 1), end=D(2024, 6, 30), title="2022–2024")
    activity_make(old, "октябрь 2022")
    # Survey waves: 25 % answered, 50 %, nobody invited, long closed, recently closed,
    # closed early three days ago, closed early long ago, not yet open.
    waves = {
        "low": wave(4, 1),
        "half": wave(2, 1),
        "empty": wave(0, 0),
        "old": wave(2, 0, opened_on=ago(60), closes_on=ago(30)),
        "recent": wave(3, 0, opened_on=ago(30), closes_on=ago(5)),
        "early": wave(1, 0, closed_early_at=moment(ago(3))),
        "early_old": wave(
            1, 0, opened_on=ago(60), closes_on=ago(1), closed_early_at=moment(ago(40))
        ),
        "future": wave(
            2, 0, opened_on=TODAY + dt.timedelta(days=3), closes_on=TODAY + dt.timedelta(days=20)
        ),
    }
    # Regional shares with a target for 2026: two without the region's figure, one with it;
    # a target of 2025 without a figure is last year's business (the report of it shows it).
    target("mentees_aged_10_19", "2026")
    target("mentors_aged_15_19", "2026")
    target("enterprises_gave_mentors", "2026")
    denominator("enterprises_gave_mentors", "2026", 41350)
    target("young_teachers_mentees", "2025")
    return {"roadmap": roadmap, "quiet": quiet, "waves": waves}


def target(code: str, period: str, value=10):
    return IndicatorTarget.objects.create(
        indicator=Indicator.objects.get(computation=code), period=period, value=value
    )


def denominator(code: str, period: str, value, **fields):
    return IndicatorYearData.objects.create(
        indicator=Indicator.objects.get(computation=code),
        period=period,
        denominator=value,
        **fields,
    )


def items_for(user) -> dict:
    found = attention_items(
        user=user, bases=people_selectors.bases_summary(), pairs=pairs_summary(), today=TODAY
    )
    return {item.key: item for item in found}


def test_attention_counts_on_crafted_data(curator, world):
    items = items_for(curator)
    assert {key: item.count for key, item in items.items()} == {
        "consent": 4,
        "disabled_consent": 1,
        "waiting": 3,
        "no_plan": 1,
        "inactive": 1,
        "overdue": 2,
        "low_response": 3,
        "regional_denominators": 2,
    }


def test_regional_denominators_say_what_to_enter_and_where(curator, world):
    item = items_for(curator)["regional_denominators"]
    aged_10_19 = Indicator.objects.get(computation="mentees_aged_10_19")
    aged_15_19 = Indicator.objects.get(computation="mentors_aged_15_19")
    assert item.label == "Показателей без регионального знаменателя за 2026 год"
    assert item.url == (
        reverse("admin:roadmap_indicator_changelist")
        + "?computation__in=mentees_aged_10_19,mentors_aged_15_19"
    )
    assert item.hint == (
        "Откройте показатель и в таблице «данные за периоды» добавьте строку: период 2026, "
        "знаменатель — число по субъекту РФ, источник. Пока его нет, в отчёте вместо "
        "статуса — «нет регионального знаменателя»."
    )
    assert item.links == (
        (
            "Наставляемые в возрасте 10–19 лет — знаменатель: дети в возрасте 10–19 лет, "
            "проживающие в субъекте РФ",
            reverse("admin:roadmap_indicator_change", args=[aged_10_19.pk]) + "#year_data-group",
        ),
        (
            "Наставники в возрасте 15–19 лет — знаменатель: дети и подростки в возрасте "
            "15–19 лет, проживающие в субъекте РФ",
            reverse("admin:roadmap_indicator_change", args=[aged_15_19.pk]) + "#year_data-group",
        ),
    )
    # A row for 2026 that has no denominator (a source alone) is no figure; another
    # period's figure is not this one's.
    denominator("mentees_aged_10_19", "2025", 287400)
    denominator("mentees_aged_10_19", "2025/2026", 287400)
    IndicatorYearData.objects.create(indicator=aged_15_19, period="2026", source="Росстат")
    assert items_for(curator)["regional_denominators"].count == 2
    # The figures entered: the item is gone.
    denominator("mentees_aged_10_19", "2026", 290100)
    IndicatorYearData.objects.filter(indicator=aged_15_19, period="2026").update(
        denominator=134200
    )
    assert "regional_denominators" not in items_for(curator)


def test_an_academic_years_targets_are_reminded_too(curator, world):
    """A college that sets its targets by academic year is reminded for the running one."""
    running = ReportPeriod.of_day(TODAY, academic=True).key
    target("young_teachers_mentees", running)
    target("mentees_aged_10_19", running)
    denominator("mentees_aged_10_19", running, 290100)  # entered: not reminded
    item = items_for(curator)["regional_denominators"]
    assert item.label == (
        f"Показателей без регионального знаменателя за 2026 год и {running} учебный год"
    )
    assert item.count == 3
    assert f"период 2026 или {running}," in item.hint
    young = Indicator.objects.get(computation="young_teachers_mentees")
    assert item.links[-1] == (
        "Молодые педагоги (стаж 0–3 года) — наставляемые — знаменатель: преподаватели — "
        f"молодые специалисты (стаж 0–3 года) в субъекте РФ ({running} учебный год)",
        reverse("admin:roadmap_indicator_change", args=[young.pk]) + "#year_data-group",
    )


def test_regional_denominators_are_the_curators_alone(director, world):
    assert "regional_denominators" not in items_for(director)


def test_regional_denominator_link_opens_the_table_where_it_is_entered(
    client_for, curator, world
):
    client = client_for(curator)
    page = client.get(reverse("home")).content.decode()
    item = items_for(curator)["regional_denominators"]
    assert f'href="{item.url}">{item.label}: 2<' in page
    for text, url in item.links:
        assert f'<a href="{url}">{text}</a>' in page
        change = client.get(url)
        assert change.status_code == 200
        assert 'id="year_data-group"' in change.content.decode()  # the anchor is there


def test_low_response_waves_are_open_or_recently_closed(world):
    w = world["waves"]
    assert set(low_response_waves(TODAY)) == {w["low"], w["recent"], w["early"]}


def test_start_page_shows_attention_with_links(client_for, curator, world):
    page = client_for(curator).get(reverse("home")).content.decode()
    assert "Требует внимания" in page
    assert f'href="{reverse("pairs:matching")}">Наставляемых, ожидающих наставника: 3<' in page
    assert (
        f'href="{reverse("roadmap:detail")}?overdue=on">Просроченных мероприятий дорожной карты: 2<'
        in page
    )
    assert "Неактивных пар (нет встреч дольше 30 дн.): 1" in page
    assert "Работающих пар без индивидуального плана: 1" in page
    assert "Опросов, где ответили меньше 50 % приглашённых: 3" in page


def _listed(response) -> int:
    """How many records the linked page lists."""
    context = response.context
    if "cl" in context:
        return context["cl"].result_count
    if "page" in context and hasattr(context["page"], "paginator"):
        return context["page"].paginator.count
    return context["page"].shown


@pytest.mark.parametrize("role", ["curator", "director"])
def test_every_attention_link_lists_exactly_those_records(client_for, request, world, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    items = items_for(user)
    assert items and all(item.url for item in items.values())
    if role == "director":
        assert items["waiting"].url.startswith(reverse("admin:people_menteeprofile_changelist"))
    for key, item in items.items():
        response = client.get(item.url)
        assert response.status_code == 200, (key, item.url)
        if key == "low_response":
            continue  # the wave list shows every wave, the low ones among them
        assert _listed(response) == item.count, (key, item.url)


def test_start_page_query_count_does_not_grow(client_for, curator, world):
    client = client_for(curator)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("home"))
    activity_make(world["roadmap"], "ежегодно: январь")
    activity_make(world["roadmap"], "01.01.2026")
    MenteeProfileFactory(status=W.WAITING)
    pair_create(start=ago(60))
    wave(3, 0)
    target("young_teachers_mentees", "2026")  # one more indicator without its figure
    with CaptureQueriesContext(connection) as after:
        page = client.get(reverse("home")).content.decode()
    assert "Просроченных мероприятий дорожной карты: 4" in page
    assert "Показателей без регионального знаменателя за 2026 год: 3" in page
    assert len(after) == len(before)
