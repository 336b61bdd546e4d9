"""Builders for the regional dashboard's and report's tests: colleges of the region, their
packages (a small, valid, sealed data dict) and the PackageKpi rows, made directly with the
models, as the upload would leave them."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group

from accounts.roles import Role
from mentorship.package.format import SUPPRESSED, check_package, seal
from mentorship.region.models import (
    Package,
    PackageKpi,
    RegionalDenominator,
    RegionCollege,
)
from mentorship.region.upload import kpi_rows
from roadmap.kpi import COMPUTATIONS
from tests.factories import UserFactory
from tests.region import upload_data

CREATED = dt.datetime(2026, 1, 20, 9, 0, tzinfo=dt.UTC)
UPLOADED = dt.datetime(2026, 2, 3, 10, 0, tzinfo=dt.UTC)


def coordinator_make(username: str = "coordinator"):
    """A user with the coordinator's role: the group «Координатор РНЦ» (part C's migration
    makes it with its permissions; here only the name matters to has_role)."""
    user = UserFactory(username=username)
    group, _ = Group.objects.get_or_create(name=Role.COORDINATOR.label)
    user.groups.add(group)
    return user


def college_make(number: int, *, name: str | None = None, expected: bool = True):
    return RegionCollege.objects.create(
        inn=f"{4300000000 + number}",
        short_name=name or f"Колледж № {number}",
        full_name=f"Колледж номер {number}",
        city="Киров",
        expected=expected,
    )


def kpi(
    code: str,
    *,
    numerator=None,
    denominator=None,
    value=None,
    target=None,
    status=None,
    name: str | None = None,
) -> dict:
    """One KPI of a package as the package writes it: counts as ints or «< 3», decimals as
    strings with a point."""
    computation = COMPUTATIONS.get(code)
    return {
        "code": code,
        "name": name or (computation.name if computation else "Показатель колледжа"),
        "unit": "%",
        "target": None if target is None else str(target),
        "numerator": numerator,
        "denominator": denominator,
        "denominator_entered": False,
        "regional_denominator": bool(computation and computation.regional_denominator),
        "value": None if value is None else (value if value == SUPPRESSED else str(value)),
        "status": status,
    }


def package_data(
    college: RegionCollege,
    period_key: str,
    kpis: list[dict],
    *,
    mentors=10,
    mentees=20,
    pairs=8,
    groups=1,
    satisfaction: dict | None = None,
) -> dict:
    """A small package of this college that check_package accepts, sealed (upload_data's,
    with the college's names and the respondents given per role)."""
    data = upload_data.package_data(
        inn=college.inn,
        period=period_key,
        kpis=kpis,
        created_at=CREATED,
        short_name=college.short_name,
        mentors=mentors,
        mentees=mentees,
        pairs=pairs,
        groups=groups,
    )
    data["college"].update(full_name=college.full_name, city=college.city)
    data["satisfaction"] = [
        {"role": role, "respondents": respondents, "answers": 0, "mean": None, "percent": None}
        for role, respondents in (satisfaction or {}).items()
    ]
    return check_package(seal(data)).data


def package_make(college: RegionCollege, period_key: str, kpis: list[dict], **figures) -> Package:
    """The package and its PackageKpi rows, as an accepted upload leaves them (the upload's
    own kpi_rows)."""
    data = package_data(college, period_key, kpis, **figures)
    package = Package.objects.create(
        college=college,
        period=period_key,
        schema_version=1,
        app_version=data["app_version"],
        checksum=data["checksum"],
        created_at=dt.datetime.fromisoformat(data["created_at"]),
        uploaded_at=UPLOADED,
        data=data,
    )
    rows = kpi_rows(data)
    for row in rows:
        row.package = package
    PackageKpi.objects.bulk_create(rows)
    return package


def denominator_make(period_key: str, kind: str, value: int, source: str = "") -> None:
    RegionalDenominator.objects.create(period=period_key, kind=kind, value=value, source=source)


def typical_kpis(n: int) -> list[dict]:
    """A college's usual indicators, numbers varying with n: a regional one, a ratio, a
    satisfaction mean, and one entered by hand."""
    return [
        kpi(
            "mentees_aged_10_19",
            numerator=10 + n,
            denominator=200,
            value="5.5",
            target="5",
            status="met",
        ),
        kpi(
            "mentees_students",
            numerator=20 + n,
            denominator=100,
            value="25",
            target="30",
            status="not_met",
        ),
        kpi("mentee_satisfaction", value="80", target="70", status="met"),
        kpi("", numerator=None, denominator=None, value="3", name="Проведено конкурсов"),
    ]


def region_make(colleges: int, periods: list[str]) -> list[RegionCollege]:
    """colleges × periods packages with typical_kpis, and a missing expected college."""
    made = [college_make(n) for n in range(1, colleges + 1)]
    for period in periods:
        for n, college in enumerate(made, start=1):
            package_make(college, period, typical_kpis(n), satisfaction={"mentee": 10 + n})
    college_make(999, name="Колледж без пакета")
    return made
