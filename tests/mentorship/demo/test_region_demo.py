"""load_demo --region: the regional centre's demo — colleges with their packages over three
academic years, uploaded through the centre's own upload, the region's figures, the
coordinator's login — and not a single person."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from mentorship.demo import region as region_demo
from mentorship.lib.periods import ReportPeriod
from mentorship.package import disclosure
from mentorship.package.format import SUPPRESSED, check_package, seal
from mentorship.people.models import Person
from mentorship.region.indicators import region_indicators
from mentorship.region.models import (
    Package,
    PackageUpload,
    RegionalDenominator,
    RegionCollege,
)
from roadmap.kpi import COMPUTATIONS

pytestmark = pytest.mark.django_db


def test_the_regional_demo_holds_packages_and_no_person():
    out = StringIO()
    call_command("load_demo", "--region", stdout=out)
    running = ReportPeriod.of_day(timezone.localdate(), academic=True)
    periods = region_demo.demo_periods(timezone.localdate())
    assert [p.key for p in periods][-1] == running.key and len(periods) == 3

    assert not Person.objects.exists()
    assert RegionCollege.objects.count() == len(region_demo.COLLEGES)
    # Every college for the past years; the two late ones are missing from the running one.
    assert Package.objects.count() == len(region_demo.COLLEGES) * 3 - len(region_demo.LATE)
    late = set(
        RegionCollege.objects.exclude(packages__period=running.key).values_list("inn", flat=True)
    )
    assert late == set(region_demo.LATE)
    assert PackageUpload.objects.count() == Package.objects.count()  # the upload's journal

    # The running year waits for the region's count of enterprises: no value, no guess.
    running_indicators = region_indicators([running.key])[running.key]
    assert running_indicators["enterprises_gave_mentors"].value is None
    assert running_indicators["mentees_aged_10_19"].value is not None
    assert not RegionalDenominator.objects.filter(period=running.key, kind="enterprises").exists()

    # The coordinator logs in with the printed password and lands on the region's page.
    username, password = region_demo.COORDINATOR[:2]
    assert f"{username}  {password}  {Role.COORDINATOR.label}" in out.getvalue()
    user = User.objects.get(username=username)
    assert user.check_password(password) and user.has_role(Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("home")).url == reverse("region:dashboard")
    page = client.get(reverse("region:dashboard"))
    assert page.status_code == 200
    assert "ГБПОУ КузГТТ" in page.content.decode()

    # A second run changes nothing.
    call_command("load_demo", "--region", "--quiet")
    assert Package.objects.count() == len(region_demo.COLLEGES) * 3 - len(region_demo.LATE)
    assert RegionCollege.objects.count() == len(region_demo.COLLEGES)


def test_a_generated_package_follows_the_packages_rules():
    """The generator writes what a college's package may hold: sealed, valid, small counts
    of people hidden, a hidden value's status hidden with it."""
    college = region_demo.GeneratedCollege("4230112345", "ГПОУ Малый", "Малый колледж", "Юрга", 60)
    period = ReportPeriod.academic_year(2024)
    data = region_demo.synthetic_package(
        college, period, 0, created_at=timezone.now().replace(microsecond=0)
    )
    read = check_package(seal(data))
    assert read.warnings == ()
    people_kpis = {
        code for code, c in COMPUTATIONS.items() if c.family in disclosure.PEOPLE_FAMILIES
    }
    hidden = 0
    for kpi in data["kpis"]:
        if kpi["code"] in people_kpis:  # organisations, tasks, activities are not people
            assert kpi["numerator"] not in (1, 2) and kpi["denominator"] not in (1, 2)
            hidden += kpi["numerator"] == SUPPRESSED
        if kpi["value"] == SUPPRESSED and kpi["status"] in ("met", "not_met"):
            pytest.fail(f"{kpi['code']}: the status gives the hidden value back")
    assert hidden  # a college of 60 has some small counts: the rule had work to do
    counts = [line["count"] for line in data["participants"]]
    counts += [line[name] for line in data["pairs"] for name in ("pairs", "groups", "mentees")]
    counts += [line[name] for line in data["satisfaction"] for name in ("respondents", "answers")]
    counts += [data["federal_statistics"][name] for name in ("pairs", "groups", "mentors")]
    assert all(count not in (1, 2) for count in counts)
