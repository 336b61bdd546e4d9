"""The coordinator's dashboard page (region:dashboard): access, content, 400, query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.region.dashboard_data import (
    college_make,
    coordinator_make,
    denominator_make,
    kpi,
    package_make,
    region_make,
)

pytestmark = pytest.mark.django_db
URL = reverse("region:dashboard")


@pytest.fixture
def coordinator(db):
    return coordinator_make()


def test_coordinator_reads_the_dashboard(client, coordinator):
    region_make(2, ["2024", "2025"])
    denominator_make("2025", "children_10_19", 1000, "Кировстат")
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Показатели региона за 2025 год" in page
    assert "Колледж № 1" in page and "Колледж № 2" in page
    # Σ numerators (11 + 12) ÷ 1000 × 100 = 2.3, with a comma.
    assert "2,3" in page
    assert "Кировстат" in page
    assert "Колледж без пакета" in page  # «Не прислали пакет»
    assert 'id="region-trends"' in page
    assert '<option value="2024">2024 год</option>' in page
    assert response["Cache-Control"] == "no-store"


def test_the_colleges_practices_are_listed_from_their_packages(client, coordinator):
    first = package_make(college_make(1), "2025", [])
    package_make(college_make(2), "2025", [])
    first.data["cases"] = [
        {
            "title": "Педагог-наставник для первокурсника",
            "summary": "Проблема: уходят. Что сделано: наставники. Результат: остались.",
            "form": "педагог – студент",
        }
    ]
    first.save()
    client.force_login(coordinator)
    page = client.get(URL + "?period=2025").content.decode()
    assert "Лучшие практики колледжей" in page
    table = page.split('id="region-cases"', 1)[1].split("</table>", 1)[0]
    assert "Колледж № 1" in table and "Педагог-наставник для первокурсника" in table
    assert "Проблема: уходят." in table
    assert "Колледж № 2" not in table


def test_missing_denominator_shows_on_the_page(client, coordinator):
    college = college_make(1)
    package_make(college, "2025", [kpi("mentees_aged_10_19", numerator=5, denominator=10)])
    client.force_login(coordinator)
    page = client.get(URL, {"period": "2025"}).content.decode()
    assert "нет регионального знаменателя" in page
    assert "Внесите знаменатель «дети в возрасте 10–19 лет" in page
    # The link opens the admin's form with the period and the figure already chosen.
    add = reverse("admin:region_regionaldenominator_add")
    assert f'href="{add}?period=2025&amp;kind=children_10_19"' in page
    form = client.get(add, {"period": "2025", "kind": "children_10_19"}).content.decode()
    assert 'value="2025"' in form and '<option value="children_10_19" selected>' in form


def test_suppressed_numerator_is_said_on_the_page(client, coordinator):
    for n, numerator in ((1, 40), (2, "< 3")):
        package_make(college_make(n), "2025", [kpi("mentees_aged_10_19", numerator=numerator)])
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert "У 1 колледжа числитель скрыт («&lt; 3»" in page


def test_a_period_without_packages_says_so(client, coordinator):
    region_make(1, ["2025"])
    client.force_login(coordinator)
    response = client.get(URL, {"period": "2022/2023"})
    assert response.status_code == 200
    assert "За 2022/2023 учебный год пакетов ещё нет" in response.content.decode()


@pytest.mark.parametrize("bad", ["2025/2027", "двадцать пятый", "20251"])
def test_a_bad_period_is_a_400_in_russian(client, coordinator, bad):
    client.force_login(coordinator)
    response = client.get(URL, {"period": bad})
    assert response.status_code == 400
    # The parser's own reason for this very key, not merely a 400 page.
    assert f"«{bad}» — не " in response.content.decode()


@pytest.mark.parametrize("persona", ["curator", "director", "mentor", "mentee", "outsider"])
def test_other_roles_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("region:report")).status_code == 403


def test_anonymous_is_sent_to_login(client):
    for url in (URL, reverse("region:report")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_post_is_refused(client, coordinator):
    client.force_login(coordinator)
    assert client.post(URL).status_code == 405


def page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_page_costs_the_same_for_2_and_8_colleges_over_3_periods(client, coordinator):
    client.force_login(coordinator)
    region_make(2, ["2023", "2024", "2025"])
    small = page_queries(client)
    for n in range(3, 9):
        college = college_make(n)
        for period in ("2023", "2024", "2025"):
            package_make(college, period, [kpi("mentees_students", numerator=n, denominator=9)])
    assert page_queries(client) == small


@pytest.mark.parametrize("colleges", [2, 8])
def test_page_query_count_is_fixed(client, coordinator, colleges, django_assert_num_queries):
    region_make(colleges, ["2023", "2024", "2025"])
    client.force_login(coordinator)
    client.get(URL)  # the session's first touch
    # The session, the user, its groups (the role), then the page's 7 reads.
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(URL).status_code == 200


PAGE_QUERIES = 10
