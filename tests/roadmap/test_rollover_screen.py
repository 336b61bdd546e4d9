"""The curator's screen «Перевод на новый учебный год» (roadmap.views.rollover): who may open
it, the preview writes nothing, the confirmation writes the roll-over once, and a stale or
refused confirmation writes nothing.

Today is frozen at 20.08.2027: the holidays after 2026/2027, the next year is 2027/2028."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship.pairs.models import Pair
from mentorship.pairs.services import PairRuleError
from mentorship.people.models import Person, SpecialtyProgramme
from roadmap.models import AcademicYearRollOver
from tests.factories import PersonFactory, pair_create

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 8, 20)
URL = "/roadmap/roll-over/"
ECONOMY = "38.02.01 Экономика и бухгалтерский учёт"


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def college():
    """A 3-year specialty: a second-year moves to the 3rd course, a third-year graduates and
    the pair of a graduating mentee ends."""
    SpecialtyProgramme.objects.create(specialty=ECONOMY, years=3)
    second = PersonFactory(last_name="Второкурсникова", course=2, specialty=ECONOMY)
    third = PersonFactory(last_name="Выпускникова", course=3, specialty=ECONOMY)
    ending = pair_create()
    mentee = ending.mentees.get().person
    Person.objects.filter(pk=mentee.pk).update(course=3, specialty=ECONOMY)
    return {"second": second, "third": third, "ending": ending}


def text(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _state():
    """What a roll-over changes: people's kinds and courses, pairs' statuses, the record."""
    return (
        Person.objects.count(),
        list(Person.objects.order_by("pk").values_list("pk", "kind", "course")),
        Pair.objects.count(),
        list(Pair.objects.order_by("pk").values_list("pk", "status")),
        AcademicYearRollOver.objects.count(),
    )


def test_only_the_curator_opens_the_screen(client_for, curator, director, mentor, administrator):
    assert reverse("roadmap:roll-over") == URL
    for user in (director, mentor, administrator):
        assert client_for(user).get(URL).status_code == 403
        client_for(None).logout()
    anonymous = client_for(None).get(URL)
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))
    assert client_for(curator).get(URL).status_code == 200


def test_directors_confirmation_is_refused_and_writes_nothing(client_for, director, college):
    before = _state()
    response = client_for(director).post(URL, {"academic_year": "2027/2028"})
    assert response.status_code == 403
    assert _state() == before


def test_the_menu_links_the_screen_for_the_curator_only(client_for, curator, director):
    assert "Перевод на новый учебный год" in client_for(curator).get("/").content.decode()
    client_for(None).logout()
    assert "Перевод на новый учебный год" not in client_for(director).get("/").content.decode()


def test_preview_shows_the_commands_lines_and_writes_nothing(client_for, curator, college):
    before = _state()
    response = client_for(curator).get(URL)
    assert _state() == before
    page = text(response)
    assert "Перевод на 2027/2028 учебный год." in page
    assert "Это просмотр: ничего не записано." in page
    assert "Переводятся на следующий курс: 1 обучающийся." in page
    assert f"на 3 курс (1): {college['second'].short_name}" in page
    assert "Оканчивают обучение 30.06.2027 и становятся выпускниками: 2." in page
    assert college["third"].short_name in page
    assert "Пары и группы, которые прекращаются: 1." in page
    # Counts first, then the lists.
    assert page.index("Пары и группы, которые прекращаются: 1.") < page.index(
        f"на 3 курс (1): {college['second'].short_name}"
    )
    html = response.content.decode()
    assert 'name="academic_year" value="2027/2028"' in html
    assert "csrfmiddlewaretoken" in html
    assert "Перевести на 2027/2028 учебный год" in page


def test_confirmation_rolls_over_once_and_the_page_says_it_is_done(client_for, curator, college):
    client = client_for(curator)
    response = client.post(URL, {"academic_year": "2027/2028"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    college["second"].refresh_from_db()
    college["third"].refresh_from_db()
    assert college["second"].course == 3
    assert college["third"].kind == Person.Kind.ALUMNUS
    assert Pair.objects.get(pk=college["ending"].pk).status == Pair.Status.ENDED_EARLY
    record = AcademicYearRollOver.objects.get()
    assert record.academic_year == "2027/2028" and record.done_by == curator
    page = text(response)
    assert (
        "Перевод на 2027/2028 учебный год выполнен. Переведены на следующий курс: 1; "
        "стали выпускниками: 2;"
    ) in page
    done_on = timezone.localtime(record.done_at).strftime("%d.%m.%Y")
    assert f"Перевод на 2027/2028 учебный год уже выполнен {done_on}." in page
    assert "Перевести на" not in page
    # A second confirmation (another tab) changes nothing.
    before = _state()
    again = client.post(URL, {"academic_year": "2027/2028"}, follow=True)
    assert _state() == before
    assert f"уже выполнен {done_on}" in text(again)


def test_a_stale_confirmation_is_refused_and_writes_nothing(client_for, curator, college):
    before = _state()
    response = client_for(curator).post(URL, {"academic_year": "2026/2027"})
    assert response.status_code == 409
    assert _state() == before
    page = text(response)
    assert (
        "Перевод не выполнен: просмотр был подготовлен для 2026/2027 учебного года, а "
        "теперь предлагается 2027/2028."
    ) in page
    # The fresh preview is shown to be confirmed again.
    assert "Перевести на 2027/2028 учебный год" in page
    assert client_for(curator).post(URL, {}).status_code == 409
    assert _state() == before


def test_a_refusal_of_the_service_is_shown_and_nothing_is_written(
    client_for, curator, college, monkeypatch
):
    def refuse(**kwargs):
        raise PairRuleError("Пара уже «Завершена».")

    monkeypatch.setattr("roadmap.rollover.pair_services.pairs_end_early_many", refuse)
    before = _state()
    response = client_for(curator).post(URL, {"academic_year": "2027/2028"})
    assert response.status_code == 409
    assert _state() == before
    assert "Перевод не выполнен, ничего не записано: Пара уже «Завершена»." in text(response)


def test_a_college_behind_by_a_year_is_offered_the_year_it_is_in(
    client_for, curator, college, monkeypatch
):
    # Moved to 2026/2027 last year, and on 15.09.2027 not yet to 2027/2028.
    AcademicYearRollOver.objects.create(academic_year="2026/2027", done_by_name="куратор")
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: dt.date(2027, 9, 15)
    )
    page = text(client_for(curator).get(URL))
    assert "Перевод на 2027/2028 учебный год." in page
    assert "перевод выполняется с опозданием" in page
    response = client_for(curator).post(URL, {"academic_year": "2027/2028"}, follow=True)
    assert "Перевод на 2027/2028 учебный год выполнен." in text(response)
    assert Person.objects.get(pk=college["second"].pk).course == 3
