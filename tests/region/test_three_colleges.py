"""From three colleges to the region, end to end: three generated colleges of different sizes
each export their package (the college's own code, on its own data), the data of each is
wiped as if it lived in another database, and a regional instance uploads the three files.
The region's indicator is then the sum of the colleges' numerators over the denominator the
coordinator entered — checked against the colleges' own KPI counts, not the packages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from mentorship.bench.generate import Sizes, generate, wipe
from mentorship.lib.periods import ReportPeriod
from mentorship.people.models import College, Person
from mentorship.region.indicators import region_indicators
from mentorship.region.models import Package, RegionalDenominator, RegionCollege
from mentorship.region.upload import preview_packages
from roadmap.kpi import kpi_values_for_period

TODAY = dt.date(2026, 11, 21)
PERIOD = ReportPeriod.academic_year(2025)  # the last finished academic year of TODAY
COLLEGES = [
    ("4205000011", "ГПОУ Малый", Sizes(students=40, teachers=8, organisations=2, years=2)),
    ("4205000022", "ГПОУ Средний", Sizes(students=90, teachers=12, organisations=4, years=2)),
    ("4205000033", "ГПОУ Большой", Sizes(students=160, teachers=18, organisations=6, years=2)),
]
REGIONAL = "mentees_aged_10_19"  # its denominator is the region's children 10–19
ENTERED = 312_400


@pytest.fixture
def three_packages(db, tmp_path):
    """(package files written by region_package, each college's own numerator of REGIONAL,
    each college's people count)."""
    files, numerators, sizes = [], {}, []
    for number, (inn, name, college_sizes) in enumerate(COLLEGES):
        wipe()
        generate(college_sizes, seed=f"region-{number}", today=TODAY)
        College.objects.filter(pk=1).update(inn=inn, short_name=name)
        own = {row.computation: row for row in kpi_values_for_period(PERIOD, today=TODAY)}
        numerators[inn] = own[REGIONAL].numerator
        sizes.append(Person.objects.count())
        path = tmp_path / f"{inn}.{'xlsx' if number == 1 else 'json'}"  # both forms travel
        call_command("region_package", "--period", PERIOD.key, "--output", str(path))
        files.append(path)
    wipe()
    assert not Person.objects.exists()  # the regional instance holds no person
    return files, numerators, sizes


def test_the_regions_indicator_is_the_sum_of_numerators_over_the_entered_denominator(
    three_packages,
):
    files, numerators, sizes = three_packages
    assert len(set(sizes)) == 3  # three sizes indeed
    assert all(n >= 3 for n in numerators.values())  # none hidden: the sum is exact

    preview = preview_packages((path.name, path.read_bytes()) for path in files)
    assert preview.ok, [f.error for f in preview.refused]
    call_command("region_upload", *map(str, files), "--commit", "--user", "koordinator")
    assert Package.objects.filter(period=PERIOD.key).count() == 3
    assert set(RegionCollege.objects.values_list("short_name", flat=True)) == {
        name for _inn, name, _sizes in COLLEGES
    }

    before = region_indicators([PERIOD.key])[PERIOD.key][REGIONAL]
    assert before.value is None  # no regional denominator yet: no value, no guess
    RegionalDenominator.objects.create(period=PERIOD.key, kind="children_10_19", value=ENTERED)
    found = region_indicators([PERIOD.key])[PERIOD.key][REGIONAL]

    total = sum(numerators.values())
    assert found.numerator == total
    assert found.denominator == ENTERED
    assert found.counted == 3 and found.suppressed == 0
    expected = (Decimal(total) * 100 / ENTERED).quantize(Decimal("0.1"))
    assert found.value == expected
