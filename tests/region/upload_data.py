"""Packages for the regional centre's tests, built by hand (not by the college's builder).

    data = package_data(inn="4345000001", period="2025", kpis=[kpi("mentees_students", ...)])
    content = format.json_bytes(data)          # sealed .json file bytes
    sealed = format.seal(data)                 # a sealed dict

package_data() returns an UNSEALED dict valid per mentorship/package/SCHEMA.md, version 1:
the college, the period, the moment it was written, participants and pairs totals, the KPIs
given. Seal it (format.seal / format.json_bytes) in the test: a test that tampers with a
number edits the sealed dict and keeps its old checksum.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from mentorship.lib.periods import ReportPeriod
from mentorship.package import format as package_format

DEFAULT_CREATED = dt.datetime(2026, 1, 20, 10, 30, tzinfo=dt.UTC)


def kpi(
    code: str = "mentees_students",
    *,
    name: str | None = None,
    unit: str = "%",
    target: str | None = "50.0",
    numerator: int | str | None = 12,
    denominator: int | str | None = 30,
    value: str | None = "40.0",
    status: str | None = "not_met",
    regional_denominator: bool = False,
    denominator_entered: bool = False,
) -> dict[str, Any]:
    """One indicator as the package writes it (decimals as strings with a point)."""
    return {
        "code": code,
        "name": name or f"Показатель {code}",
        "unit": unit,
        "target": target,
        "numerator": numerator,
        "denominator": denominator,
        "denominator_entered": denominator_entered,
        "regional_denominator": regional_denominator,
        "value": value,
        "status": status,
    }


def package_data(
    *,
    inn: str = "4345000001",
    period: str = "2025",
    kpis: list[dict[str, Any]] | None = None,
    created_at: dt.datetime = DEFAULT_CREATED,
    short_name: str | None = None,
    mentors: int | str = 10,
    mentees: int | str = 20,
    pairs: int = 8,
    groups: int = 1,
) -> dict[str, Any]:
    """An unsealed package of one college for one period. kpis defaults to one indicator
    (kpi()); pass [] for none."""
    report = ReportPeriod.parse(period)
    name = short_name or f"Колледж {inn[-3:]}"
    college = {
        "inn": inn,
        "full_name": f"КОГПОБУ «{name}»",
        "short_name": name,
        "city": "Киров",
        "region": "Кировская область",
    }
    return {
        **package_format.package_head(report, college, created_at),
        "participants": [
            {
                "role": "mentor",
                "dimension": "total",
                "value": "",
                "label": "всего",
                "count": mentors,
            },
            {
                "role": "mentee",
                "dimension": "total",
                "value": "",
                "label": "всего",
                "count": mentees,
            },
        ],
        "pairs": [
            {
                "form": "студент — студент",
                "status": "active",
                "status_label": "работает",
                "pairs": pairs,
                "groups": groups,
                "mentees": mentees,
            }
        ],
        "kpis": [kpi()] if kpis is None else kpis,
        "satisfaction": [],
        "roadmap": {
            "activities": 0,
            "activities_due": 0,
            "activities_done": 0,
            "activities_on_time": 0,
            "overdue": 0,
        },
        "achievements": [],
        "federal_statistics": {},
        "cases": [],
    }


def json_file(data: dict[str, Any], name: str = "package.json") -> tuple[str, bytes]:
    """(name, bytes) of the sealed package as a .json file, as preview_packages takes."""
    return name, package_format.json_bytes(data)


def tampered_file(data: dict[str, Any], edit, name: str = "tampered.json") -> tuple[str, bytes]:
    """The sealed package with edit(sealed_dict) applied after sealing: the old checksum."""
    sealed = package_format.seal(data)
    edit(sealed)
    return name, json.dumps(sealed, ensure_ascii=False).encode()
