"""The curator, in real headless Chromium, opens «Перевод на новый учебный год» from the
menu, reads the preview and confirms the roll-over."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.lib.dates import academic_year_first_day, academic_year_label, academic_year_of
from mentorship.people.models import Person
from roadmap.models import AcademicYearRollOver, Roadmap
from tests.factories import PersonFactory, UserFactory
from tests.roadmap.roadmap_data import activity_make, roadmap_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_curator_previews_and_confirms_the_roll_over(page, live_server, log_in):
    UserFactory(username="kurator", role=Role.CURATOR)
    second = PersonFactory(last_name="Второкурсникова", first_name="Анна", course=2)
    # No programme length for the specialty: the college's default, 4 years.
    fourth = PersonFactory(last_name="Выпускников", first_name="Олег", course=4)
    first_year = academic_year_of(timezone.localdate()) + 1
    next_year = academic_year_label(first_year)
    # This year's roadmap, with a yearly activity and a one-time one.
    this_year = academic_year_label(first_year - 1)
    roadmap = roadmap_make(
        start=academic_year_first_day(first_year - 1),
        end=academic_year_first_day(first_year) - dt.timedelta(days=1),
        title=f"Дорожная карта наставничества на {this_year} учебный год",
    )
    activity_make(roadmap, "ежегодно, сентябрь", title="Собрание наставников")
    activity_make(roadmap, "весь период", title="Консультации")
    new_title = f"Дорожная карта наставничества на {next_year} учебный год"

    log_in("kurator")
    expect(page.get_by_role("heading", name="Рабочий стол куратора")).to_be_visible()
    page.get_by_role("button", name="Базы").or_(page.get_by_role("link", name="Базы")).click()
    page.get_by_role("link", name="Перевод на новый учебный год").click()

    expect(page.get_by_role("heading", name="Перевод на новый учебный год")).to_be_visible()
    body = page.locator("main")
    expect(body).to_contain_text("Это просмотр: ничего не записано.")
    expect(body).to_contain_text(f"на 3 курс (1): {second.short_name}")
    expect(body).to_contain_text("становятся выпускниками: 1.")
    expect(body).to_contain_text(fourth.short_name)
    expect(body).to_contain_text(
        f"Создаётся дорожная карта «{new_title}» (01.09.{first_year}–31.08.{first_year + 1})"
    )
    expect(body).to_contain_text("ежегодных мероприятий — 1")
    expect(body).to_contain_text("Подготовка условий для запуска программы наставничества: 1")
    assert not AcademicYearRollOver.objects.exists()
    assert not Roadmap.objects.filter(title=new_title).exists()

    confirm = page.get_by_role("button", name=f"Перевести на {next_year} учебный год")
    confirm.click()
    expect(page.get_by_role("alert").first).to_contain_text(
        f"Перевод на {next_year} учебный год выполнен."
    )
    expect(page.get_by_role("alert").first).to_contain_text(
        f"Создана дорожная карта «{new_title}»."
    )
    expect(body).to_contain_text(f"Перевод на {next_year} учебный год уже выполнен")
    expect(confirm).to_have_count(0)
    second.refresh_from_db()
    fourth.refresh_from_db()
    assert second.course == 3
    assert fourth.kind == Person.Kind.ALUMNUS
    assert AcademicYearRollOver.objects.get().academic_year == next_year
    assert list(
        Roadmap.objects.get(title=new_title).activities.values_list("title", flat=True)
    ) == ["Собрание наставников"]
