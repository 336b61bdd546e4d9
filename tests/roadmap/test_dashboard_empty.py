"""The director's dashboard of a college with nothing in it: the programme's years and what
the page says of a period over, running or ahead. Apart from tests/roadmap/test_dashboard.py,
whose year of data is built once for the whole module and would be in the base here."""

import pytest
from django.urls import reverse

from mentorship.lib.periods import ReportPeriod
from roadmap import dashboard

from .report_data import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def test_programme_years_without_data_are_this_year(db):
    assert dashboard.programme_years(TODAY) == [2026]


def test_dashboard_says_whether_the_period_is_over_running_or_ahead(client_for, curator, db):
    client = client_for(curator)
    said = {
        key: client.get(reverse("reports:dashboard"), {"period": key}).content.decode()
        for key in ("2025", "2027", "2026/2027")
    }
    assert "Календарный год 01.01.2025 – 31.12.2025; данные на 01.03.2026." in said["2025"]
    assert (
        "Год ещё не начался: значения рассчитаны по данным на 01.03.2026 и не являются "
        "итогом года." in said["2027"]
    )
    assert (
        "Учебный год ещё не начался: значения рассчитаны по данным на 01.03.2026 и не "
        "являются итогом учебного года." in said["2026/2027"]
    )
    assert dashboard.period_status_text(ReportPeriod.calendar(2025), TODAY) == ""
