"""(a) No personal data leaves the college in the package: not a name, a birth date, an
e-mail, a phone, a group or a curator's note of anyone in the base, in any JSON value or key,
nor in any cell of any sheet of the .xlsx — the hidden machine copy included."""

import datetime as dt

import pytest

from mentorship.lib.periods import ReportPeriod
from mentorship.package.files import package_file
from tests.package.package_data import (
    CASE_TITLE,
    NOTES,
    NOW,
    YEAR,
    json_values,
    loads,
    personal_year,
    xlsx_cells,
)

pytestmark = pytest.mark.django_db


def _forbidden(people: list[dict]) -> set[str]:
    found = {NOTES, "секрет-ЧЧ-4711"}
    for who in people:
        names = [who["last_name"], who["first_name"], who["middle_name"]]
        found.update(names)
        found.add(" ".join(names))
        found.add(f"{who['last_name']} {who['first_name'][0]}.{who['middle_name'][0]}.")
        born = who["birth_date"]
        found.update({born.isoformat(), f"{born:%d.%m.%Y}"})
        found.update({who["email"], who["phone"]})
        if who.get("study_group"):
            found.add(who["study_group"])
    return {text.casefold() for text in found}


def _texts(value) -> list[str]:
    """A value as every text it could be read as (a date cell in both forms)."""
    if isinstance(value, dt.datetime):
        return [value.isoformat(), f"{value:%d.%m.%Y}", f"{value.date().isoformat()}"]
    if isinstance(value, dt.date):
        return [value.isoformat(), f"{value:%d.%m.%Y}"]
    return [str(value)]


def _leaks(values, forbidden: set[str]) -> list[tuple[str, str]]:
    return [
        (text, bad)
        for value in values
        for text in _texts(value)
        for bad in forbidden
        if bad in text.casefold()
    ]


def test_the_package_names_no_person_in_either_form():
    people = personal_year()
    forbidden = _forbidden(people)
    period = ReportPeriod.calendar(YEAR)

    written = loads(package_file(period, "json", now=NOW).content)
    values = json_values(written)
    # The package is about these people: they are counted…
    assert written["federal_statistics"]["mentees"] == 3
    assert any(kpi["numerator"] == 3 for kpi in written["kpis"])
    # …their practice too (its author is the mentor: a person of the base)…
    assert [case["title"] for case in written["cases"]] == [CASE_TITLE]
    # …and nothing of theirs is written.
    assert _leaks(values, forbidden) == []

    sheets = xlsx_cells(package_file(period, "xlsx", now=NOW).content)
    assert "пакет" in sheets and len(sheets) == 10
    for name, cells in sheets.items():
        assert cells, name
        assert _leaks(cells, forbidden) == [], name


def test_the_search_would_see_a_leak():
    """The walk above finds what it looks for: a name put into the package is caught, in a
    value, a key and a date cell alike."""
    people = personal_year()
    forbidden = _forbidden(people)
    born = people[0]["birth_date"]
    assert _leaks(["Наставник: Зюзюкина Аглая Евлампиевна"], forbidden)
    assert _leaks(json_values({"ЖЩ-77-9": 1}), forbidden)
    assert _leaks([dt.datetime.combine(born, dt.time())], forbidden)
