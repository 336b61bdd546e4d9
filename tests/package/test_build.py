"""build_package(): the college's report figures, as the report reads them, in SCHEMA.md's
fields, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorship.lib.periods import ReportPeriod
from mentorship.package.build import NO_INN, build_package
from mentorship.package.format import PackageError, check_package, seal
from roadmap.dashboard import year_figures
from roadmap.kpi import kpi_values_for_period
from tests.package.package_data import NOW, TODAY, YEAR, college_with_inn
from tests.roadmap.report_data import year_grow, year_make

pytestmark = pytest.mark.django_db
PERIOD = ReportPeriod.calendar(YEAR)


@pytest.fixture
def built():
    year_make()
    college_with_inn()
    return build_package(PERIOD, now=NOW)


def test_the_head_the_college_and_the_period(built):
    assert built["schema"] == "mentorship.region-package"
    assert built["created_at"] == "2026-03-01T13:30:00+03:00"
    assert built["college"] == {
        "inn": "4205001234",
        "full_name": (
            "Государственное профессиональное образовательное учреждение "
            "«Кузбасский горнотехнический колледж»"
        ),
        "short_name": "ГПОУ КГТК",
        "city": "г. Кемерово",
        "region": "Кемеровская область — Кузбасс",
    }
    assert built["period"]["start"] == "2025-01-01" and built["period"]["end"] == "2025-12-31"
    assert "checksum" not in built  # sealed when written
    assert check_package(seal(built)).warnings == ()


def test_the_figures_are_the_reports(built):
    """The hand-counted year of the report tests (tests/roadmap/report_data.py)."""
    # Pairs: the teacher–student group (2 mentees) is active, the student–pupil pair
    # finished, the employer–student pair still forming; the 2023 pair is not of 2025.
    lines = {(p["form"], p["status"]): p for p in built["pairs"] if p["pairs"] or p["groups"]}
    # One pair or group is one or two people: written «< 3» (the disclosure rule).
    assert {key: (p["pairs"], p["groups"]) for key, p in lines.items()} == {
        ("Педагог – студент", "active"): (0, "< 3"),
        ("Студент – ученик", "finished"): ("< 3", 0),
        ("Работодатель – студент", "forming"): ("< 3", 0),
    }
    federal = built["federal_statistics"]
    assert (federal["pairs"], federal["groups"]) == ("< 3", "< 3")
    assert federal["mentees"] == 3 and federal["mentees_minors"] == 3
    assert federal["partner_organisations"] == 0
    # Roadmap 2025: 4 due (the cancelled one aside, the 2026 one not of the year), 3 done,
    # 2 in time, 1 overdue.
    assert built["roadmap"] == {
        "activities": 4,
        "activities_due": 4,
        "activities_done": 3,
        "activities_on_time": 2,
        "overdue": 1,
    }
    # Achievements of 2025: two regional, one city (hidden: each is one person's).
    assert [(a["level"], a["count"]) for a in built["achievements"]] == [
        ("Г", "< 3"),
        ("Р", "< 3"),
        ("МР", 0),
        ("В", 0),
        ("М", 0),
    ]
    # The KPIs are kpi_values_for_period's rows, in order, with their codes and flags.
    rows = kpi_values_for_period(PERIOD, today=TODAY)
    assert [k["name"] for k in built["kpis"]] == [row.name for row in rows]
    by_code = {k["code"]: k for k in built["kpis"]}
    # 2 full-time student mentees against a target of 30 %: «выполнен» would give the hidden
    # numerator back, so the status is hidden with the value.
    students = by_code["mentees_students"]
    assert (students["numerator"], students["value"], students["status"]) == ("< 3",) * 3
    assert by_code["mentees_students"]["target"] == "30.00"
    assert by_code["mentees_aged_10_19"]["regional_denominator"] is True
    assert by_code["mentees_students"]["regional_denominator"] is False
    # No regional figure entered: no value, and the status says so (not the base's share).
    assert by_code["mentees_aged_10_19"]["value"] is None
    assert by_code["mentees_aged_10_19"]["status"] == "no_regional_denominator"
    assert by_code["roadmap_on_time"] == {
        **by_code["roadmap_on_time"],
        "numerator": 2,
        "denominator": 4,
        "value": "50.0",
    }
    # Participants: the report's own counts (before the disclosure rule hides 1 and 2).
    participants = year_figures(PERIOD, TODAY).participants
    written = {(p["role"], p["dimension"], p["value"]): p["count"] for p in built["participants"]}
    assert written[("mentee", "total", "")] == participants.total.mentees == 3
    assert written[("mentee", "age", "minor")] == participants.minors.mentees == 3
    assert participants.minors.mentors == written[("mentor", "age", "minor")] == 0


def test_a_manual_kpi_is_written_without_a_code(built):
    from roadmap.models import Indicator, IndicatorTarget, IndicatorYearData

    indicator = Indicator.objects.create(name="Доля выпускников, трудоустроенных по профилю")
    IndicatorTarget.objects.create(indicator=indicator, period="2025", value=50)
    IndicatorYearData.objects.create(
        indicator=indicator, period="2025", numerator=12, denominator=20
    )
    kpi = next(k for k in build_package(PERIOD, now=NOW)["kpis"] if k["name"] == indicator.name)
    assert kpi["code"] == "" and kpi["numerator"] == "12.00" and kpi["denominator"] == "20.00"
    assert kpi["value"] == "60.0" and kpi["status"] == "met"


def test_no_package_without_the_colleges_inn():
    college_with_inn("")
    with pytest.raises(PackageError) as refused:
        build_package(PERIOD, now=NOW)
    assert str(refused.value) == NO_INN


def test_a_fixed_number_of_queries_whatever_the_size():
    year_make()
    college_with_inn()
    with CaptureQueriesContext(connection) as small:
        small_package = build_package(PERIOD, now=NOW)
    year_grow(15)
    with CaptureQueriesContext(connection) as large:
        large_package = build_package(PERIOD, now=NOW)
    assert large_package["federal_statistics"]["mentees"] == (
        small_package["federal_statistics"]["mentees"] + 15
    )
    assert len(small.captured_queries) == len(large.captured_queries) == 23
