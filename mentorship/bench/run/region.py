"""The regional centre at the size of a big region: 150 colleges × 5 academic years.

Runs on a scratch copy of the smallest college's database: its region tables are empty, as a
regional instance's are, and the college's own tables are never read by the centre. The
packages are the regional demo's generator (mentorship.demo.region) at a region's size,
uploaded through the centre's own upload (preview, then commit), as a coordinator would.

Measured twice, on a small region (SMALL colleges × 2 years) and on the full one, so the
query counts of the two are compared: the dashboard's must not grow with the region.
"""

from __future__ import annotations

import time

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from mentorship.demo import region as region_demo
from mentorship.region.models import RegionCollege
from mentorship.region.upload import commit_packages, preview_packages

from . import config
from .measure import Record, StepError, db_vendor, measure, progress
from .pages import get_ok

COLLEGES = 150
YEARS = 5
SMALL = 15
DASHBOARD_NAME = "РНЦ: показатели региона"
UPLOAD_NAME = "РНЦ: загрузка пакетов (предпросмотр + запись)"
UNIT = "пакетов"  # a record's size here is the packages the centre holds (report.table)


def _colleges(count: int) -> list[region_demo.GeneratedCollege]:
    """count colleges: the demo's twelve, then generated ones of sizes 300–2,500."""
    colleges = region_demo.demo_colleges()
    number = 0
    while len(colleges) < count:
        number += 1
        inn = f"42{number:08d}"
        colleges.append(
            region_demo.GeneratedCollege(
                inn=inn,
                short_name=f"ГПОУ Колледж № {number}",
                full_name=f"Профессиональный колледж № {number}",
                city="Кемерово",
                students=300 + (number * 137) % 2200,
            )
        )
    return colleges[:count]


def _upload(files: list[tuple[str, bytes]], size_label: int) -> Record:
    """Preview and commit the files once (it writes: no repeats); the time of both."""
    started = time.perf_counter()
    preview = preview_packages(files)
    if not preview.ok:
        errors = "; ".join(f.error for f in preview.refused[:3])
        record = Record(
            UPLOAD_NAME, db_vendor(), size_label, error=errors or "нет файлов", extra={"unit": UNIT}
        )
    else:
        commit_packages(preview, username="bench-koordinator")
        record = Record(
            UPLOAD_NAME,
            db_vendor(),
            size_label,
            median_ms=round((time.perf_counter() - started) * 1000, 1),
            extra={"packages": len(files), "unit": UNIT},
        )
    progress(record)
    return record


def _coordinator() -> User:
    user, _ = User.objects.get_or_create(username="bench-koordinator")
    user.groups.set([Group.objects.get(name=Role.COORDINATOR.label)])
    return user


def _pages(client: Client, size_label: int, latest: str, oldest: str, repeat: int) -> list[Record]:
    pages = [
        (DASHBOARD_NAME, reverse("region:dashboard") + f"?period={latest}"),
        (f"{DASHBOARD_NAME} (первый год)", reverse("region:dashboard") + f"?period={oldest}"),
        ("РНЦ: отчёт региона PDF", reverse("region:report") + f"?period={latest}&format=pdf"),
        ("РНЦ: отчёт региона xlsx", reverse("region:report") + f"?period={latest}&format=xlsx"),
        ("РНЦ: admin: колледжи региона — список", reverse("admin:region_regioncollege_changelist")),
        ("РНЦ: admin: пакеты колледжей — список", reverse("admin:region_package_changelist")),
    ]
    records = []
    for name, url in pages:
        record = measure(name, size_label, get_ok(client, url), repeat=repeat)
        record.extra.update(url=url, unit=UNIT)
        records.append(record)
    return records


def measure_region(
    count: int = COLLEGES, years: int = YEARS, small: int = SMALL, *, repeat: int | None = None
) -> list[Record]:
    """Upload a small region (small colleges × 2 years) and measure, then the rest of the
    big one (count colleges × years) and measure again. A record's size is the number of
    packages the centre holds."""
    if RegionCollege.objects.exists():
        raise StepError("в копии базы уже есть колледжи региона: замер нужен на пустом РНЦ")
    client = Client()
    client.force_login(_coordinator())
    repeat = config.REPEAT if repeat is None else repeat
    periods = region_demo.demo_periods(timezone.localdate(), years)
    colleges = _colleges(count)
    first = small * 2
    region_demo.load_denominators(periods)  # the region's figures: its indicators computed
    records = [_upload(region_demo.package_files(colleges[:small], periods[-2:]), first)]
    records += _pages(client, first, periods[-1].key, periods[-2].key, repeat)
    # The rest: the small region's colleges for the earlier years, every other college for all.
    rest = region_demo.package_files(colleges[:small], periods[:-2])
    rest += region_demo.package_files(colleges[small:], periods)
    records.append(_upload(rest, count * years))
    records += _pages(client, count * years, periods[-1].key, periods[0].key, repeat)
    return records
