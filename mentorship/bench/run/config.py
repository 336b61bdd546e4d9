"""What `make bench` builds and measures, and what it aims for.

Every figure can be overridden from the environment for a quick run, e.g.
`BENCH_STUDENTS=600 BENCH_TEACHERS=50 make bench`; BENCH_DB=sqlite measures on SQLite
instead of PostgreSQL.
"""

import os
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name}: нужно целое число, а задано {raw!r}") from exc


# generate_college's options, each a field of Size.
OPTIONS = ("students", "teachers", "organisations", "years")


@dataclass(frozen=True)
class Size:
    """The parameters of one generated college (generate_college's options)."""

    label: str  # "small" or "full": names the database
    students: int
    teachers: int
    organisations: int
    years: int

    @property
    def people(self) -> int:
        return self.students + self.teachers

    def command_args(self) -> list[str]:
        return [arg for name in OPTIONS for arg in (f"--{name}", str(getattr(self, name)))]

    def as_dict(self) -> dict:
        return asdict(self)


def _size(label: str, env_prefix: str, students: int, teachers: int, organisations: int) -> Size:
    """A size whose figures BENCH_<env_prefix>STUDENTS and so on override; BENCH_YEARS is
    common to both."""
    defaults = {"students": students, "teachers": teachers, "organisations": organisations}
    figures = {k: _env_int(f"BENCH_{env_prefix}{k.upper()}", v) for k, v in defaults.items()}
    return Size(label, years=_env_int("BENCH_YEARS", 5), **figures)


def sizes() -> list[Size]:
    """The two colleges the pages are compared on: ~100 people and the full size."""
    return [_size("small", "SMALL_", 55, 8, 3), _size("full", "", 6000, 500, 150)]


# The database the colleges are built and measured on: "postgresql" (the default, as
# production runs: DATABASE_URL's server, or without it a throw-away cluster of the bench's
# own on BENCH_PG_PORT) or "sqlite" (files under .bench/).
BENCH_DB_CHOICES = ("postgresql", "sqlite")


def bench_db() -> str:
    """BENCH_DB, read at each call: "postgresql" unless it says "sqlite"."""
    raw = os.environ.get("BENCH_DB", "").strip().lower() or "postgresql"
    if raw in ("postgres", "pg"):
        raw = "postgresql"
    if raw not in BENCH_DB_CHOICES:
        raise SystemExit(f"BENCH_DB: нужно postgresql или sqlite, а задано {raw!r}")
    return raw


# Repetitions of every timed step: one warm-up, then REPEAT timed runs.
REPEAT = _env_int("BENCH_REPEAT", 9)
# Slow steps (PDFs, imports, exports) are repeated fewer times.
REPEAT_SLOW = _env_int("BENCH_REPEAT_SLOW", 3)
IMPORT_ROWS = _env_int("BENCH_IMPORT_ROWS", 5000)
# Survey load: how many different links, how many concurrent clients, how long at most.
LOAD_LINKS = _env_int("BENCH_LOAD_LINKS", 1000)
LOAD_CLIENTS = _env_int("BENCH_LOAD_CLIENTS", 16)
LOAD_WORKERS = _env_int("BENCH_LOAD_WORKERS", 4)
LOAD_SECONDS = _env_int("BENCH_LOAD_SECONDS", 60)
# Links posted twice, by two clients at once: still exactly one response each.
LOAD_DOUBLE = _env_int("BENCH_LOAD_DOUBLE", 50)
# The bench's throw-away cluster (.ci/pg.sh; the test suite's cluster is on 54329): the
# colleges' when no DATABASE_URL is given, the load's when the bench runs on SQLite.
BENCH_PG_PORT = _env_int("BENCH_PG_PORT", 54330)

CURATOR_USERNAMES = ("bench-kurator", "kurator")
DIRECTOR_USERNAMES = ("bench-direktor", "direktor")


def bench_dir() -> Path:
    """Where SQLite databases, markers and scratch files live (git-ignored)."""
    path = Path(os.environ.get("BENCH_DIR", "") or settings.BASE_DIR / ".bench")
    path.mkdir(parents=True, exist_ok=True)
    return path


def results_path() -> Path:
    return Path(os.environ.get("BENCH_RESULTS", "") or settings.BASE_DIR / "bench-results.json")


# --- targets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A goal for one record: `check(record, records)` says whether it is met."""

    text: str
    max_median_ms: float | None = None
    max_peak_mb: float | None = None
    # The query count must be the same on every size (and not grow with the data).
    same_queries: bool = False
    min_rate: float | None = None
    # The figure ÷ its floor (Record.ratio), measured in the same run on the same data.
    max_ratio: float | None = None


# The survey load's record: a table of its own, not a row of the sizes.
LOAD_NAME = "опрос: отправки под нагрузкой"
LOAD_FLOOR_NAME = "основа: голый POST одной строки (gunicorn + PostgreSQL)"

# Every curator's and director's page (pages.py), list or not: ≤ 1.5 × the bare changelist
# over the people table measured in the same process (issue 16).
PAGE_TARGET = Target("≤ 1,5 × голого списка admin", max_ratio=1.5)

TARGETS: dict[str, Target] = {
    "admin: люди — список": Target(
        "≤ 1,5 × голого списка admin; запросов столько же, сколько на 100",
        max_ratio=1.5,
        same_queries=True,
    ),
    "KPI за год (kpi_values_for_year)": Target(
        "≤ 200 мс, число запросов не зависит от размера", max_median_ms=200, same_queries=True
    ),
    "KPI за прошлый год (kpi_values_for_year)": Target(
        "≤ 200 мс, число запросов не зависит от размера", max_median_ms=200, same_queries=True
    ),
    "перевод на новый учебный год: просмотр": Target("≤ 10 с", max_median_ms=10_000),
    "перевод на новый учебный год: запись (с откатом)": Target("≤ 10 с", max_median_ms=10_000),
    "PDF: годовой отчёт KPI": Target(
        "≤ 1 с и ≤ 1,2 × WeasyPrint на том же HTML", max_median_ms=1000, max_ratio=1.2
    ),
    # The issue gives the print cards their own bound: a thousand QR codes are a document
    # to print, not a list page. The ratio to the bare changelist is still printed.
    "опросы: карточки для печати": Target("≤ 1 с на 1 000 ссылок", max_median_ms=1000),
    "docx: приказ о закреплении пар": Target("≤ 2 с", max_median_ms=2000),
    "xlsx: импорт людей из своего списка (сопоставление + предпросмотр + запись)": Target(
        "≤ 3 × openpyxl + bulk_create и ≤ 300 МБ", max_ratio=3, max_peak_mb=300
    ),
    "xlsx: выгрузка людей": Target(
        "≤ 1,5 × openpyxl write-only, число запросов не зависит от размера",
        max_ratio=1.5,
        same_queries=True,
    ),
    # The regional centre: 150 colleges × 5 years (mentorship/bench/run/region.py).
    "РНЦ: показатели региона": Target(
        "≤ 500 мс на 150 колледжах × 5 лет; запросов столько же, сколько на 15 × 2",
        max_median_ms=500,
        same_queries=True,
    ),
    "РНЦ: отчёт региона PDF": Target("≤ 2 с", max_median_ms=2000),
    "РНЦ: отчёт региона xlsx": Target("≤ 2 с", max_median_ms=2000),
    LOAD_NAME: Target("≥ 150 в секунду, без ошибок, ровно один ответ на ссылку", min_rate=150),
}
