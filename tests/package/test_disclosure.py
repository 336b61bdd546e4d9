"""(b) The disclosure rule: a count of people of 1 or 2 is written «< 3», and so is what
gives it back (a KPI's value over its numerator, a mean of fewer than 3 respondents); zero
stays 0, larger counts stay as they are; counts that are not of people are never hidden."""

from decimal import Decimal

import pytest

from mentorship.lib.periods import ReportPeriod
from mentorship.package import disclosure
from mentorship.package.build import build_package
from mentorship.package.format import SUPPRESSED
from tests.package.package_data import NOW, YEAR, counts_year

S = SUPPRESSED


def _participant(data, role, dimension, value):
    return next(
        line["count"]
        for line in data["participants"]
        if (line["role"], line["dimension"], line["value"]) == (role, dimension, value)
    )


def _kpi(data, code):
    return next(kpi for kpi in data["kpis"] if kpi["code"] == code)


@pytest.mark.django_db
def test_two_disabled_mentees_are_hidden_zero_and_five_are_not():
    counts_year()
    data = build_package(ReportPeriod.calendar(YEAR), now=NOW)

    # Two ОВЗ mentees: hidden in the participants, the federal form and the KPI, whose
    # value (2 of 2) would give them back.
    assert _participant(data, "mentee", "category", "has_disability") == S
    assert data["federal_statistics"]["mentees_disability"] == S
    disability = _kpi(data, "mentees_disability")
    assert (disability["numerator"], disability["denominator"], disability["value"]) == (S, S, S)
    # Five student mentees: written as they are, in the participants and the KPI.
    assert _participant(data, "mentee", "kind", "student") == 5
    assert _participant(data, "mentee", "total", "") == 5
    students = _kpi(data, "mentees_students")
    assert (students["numerator"], students["denominator"], students["value"]) == (5, 5, "100.0")
    # Zero identifies nobody.
    assert _participant(data, "mentee", "kind", "teacher") == 0
    assert _participant(data, "mentee", "category", "orphan") == 0
    # One mentor: hidden; so is the one group, which is that mentor (and would give him back).
    assert _participant(data, "mentor", "total", "") == S
    assert data["federal_statistics"]["mentors"] == S
    assert (data["federal_statistics"]["pairs"], data["federal_statistics"]["groups"]) == (0, S)
    group = next(line for line in data["pairs"] if line["groups"] != 0)
    assert (group["pairs"], group["groups"], group["mentees"]) == (0, S, 5)

    # Satisfaction: three mentees answered (written), one mentor (hidden, and his mean).
    by_role = {line["role"]: line for line in data["satisfaction"]}
    assert by_role["mentee"] == {
        "role": "mentee",
        "respondents": 3,
        "answers": 3,
        "mean": "9.0",
        "percent": "90.0",
    }
    # The mentor's one answer is hidden with him: «1» beside «< 3» respondents says «one».
    assert by_role["mentor"] == {
        "role": "mentor",
        "respondents": S,
        "answers": S,
        "mean": S,
        "percent": S,
    }
    assert _kpi(data, "mentee_satisfaction")["value"] == "90.0"
    assert _kpi(data, "mentor_satisfaction")["value"] == S
    mentors_satisfied = _kpi(data, "mentors_satisfied")
    assert (mentors_satisfied["numerator"], mentors_satisfied["value"]) == (0, S)


def test_the_rule_on_plain_numbers():
    assert [disclosure.people(n) for n in (0, 1, 2, 3, 40)] == [0, S, S, 3, 40]
    assert disclosure.is_small(Decimal("2")) and not disclosure.is_small(Decimal("1.5"))
    # People KPIs: the numerator hides the value; a large one shows it.
    assert disclosure.kpi_figures(
        family="people", numerator=2, denominator=40, value=Decimal("5.0")
    ) == (S, 40, S)
    assert disclosure.kpi_figures(
        family="people", numerator=0, denominator=2, value=Decimal("0.0")
    ) == (0, S, Decimal("0.0"))
    # A manual KPI may count people: treated as such.
    assert disclosure.kpi_figures(
        family="", numerator=Decimal("1"), denominator=Decimal("10"), value=Decimal("10.0")
    ) == (S, Decimal("10"), S)
    # Organisations, plan tasks, roadmap activities are not people: never hidden.
    for family in ("organisations", "plans", "roadmap"):
        assert disclosure.kpi_figures(
            family=family, numerator=1, denominator=2, value=Decimal("50.0")
        ) == (1, 2, Decimal("50.0"))
    # Satisfaction: fewer than 3 respondents hide the mean; none leaves nothing to hide.
    assert disclosure.satisfaction_figures(2, Decimal("8"), Decimal("80")) == (S, S, S)
    assert disclosure.satisfaction_figures(0, None, None) == (0, None, None)
    assert [disclosure.satisfaction_answers(n, 4 * n) for n in (0, 1, 2, 3)] == [0, S, S, 12]
    assert disclosure.satisfaction_figures(3, Decimal("8"), Decimal("80")) == (
        3,
        Decimal("8"),
        Decimal("80"),
    )
    assert disclosure.kpi_figures(
        family="satisfaction",
        numerator=None,
        denominator=None,
        value=Decimal("80"),
        respondents=2,
    ) == (None, None, S)


def test_a_status_against_the_target_is_hidden_with_its_value():
    # Target 30 %, 4 students, «выполнен»: the hidden numerator would be 2 — so no status.
    assert disclosure.kpi_status("met", S) == S
    assert disclosure.kpi_status("not_met", S) == S
    # Statuses that say nothing of the count stay; a shown value keeps its status.
    assert disclosure.kpi_status("no_data", S) == "no_data"
    assert disclosure.kpi_status("no_regional_denominator", S) == "no_regional_denominator"
    assert disclosure.kpi_status("met", "40.0") == "met"
    assert disclosure.kpi_status(None, S) is None


@pytest.mark.django_db
def test_the_package_hides_the_status_of_a_hidden_value():
    from roadmap.models import Indicator, IndicatorTarget

    counts_year()
    indicator = Indicator.objects.get(computation="mentees_disability")
    IndicatorTarget.objects.update_or_create(
        indicator=indicator, period=str(YEAR), defaults={"value": Decimal("30")}
    )
    data = build_package(ReportPeriod.calendar(YEAR), now=NOW)
    disability = _kpi(data, "mentees_disability")
    assert (disability["value"], disability["status"]) == (S, S)
    students = _kpi(data, "mentees_students")
    assert students["status"] != S
