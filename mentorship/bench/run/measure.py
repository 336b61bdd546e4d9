"""Timing and query counting for one step, and the record it produces.

A record is what bench-results.json holds, one per step and size:
{"name", "db", "size", "median_ms", "p95_ms", "queries", "peak_mb", "floor_ms", "ratio"} —
null where a figure does not apply — plus "error" (null, or why the step gave no figure) and
"extra" (figures only some steps have, e.g. the survey load's rate and error count).

floor_ms is the median of the figure's floor — what bare Django, openpyxl or WeasyPrint does
with the same data in the same process (floors.py) — and ratio the figure ÷ its floor: on a
shared machine whose speed drifts 25–45 % between runs, the ratio is the figure that holds.
"""

import math
import resource
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.db import connection

RECORD_KEYS = (
    "name",
    "db",
    "size",
    "median_ms",
    "p95_ms",
    "queries",
    "peak_mb",
    "floor_ms",
    "ratio",
)


class StepError(Exception):
    """A step did not do what it measures (a page answered 500, an import was refused…):
    the bench reports it as an error, never as a number."""


@dataclass
class Record:
    name: str
    db: str
    size: int | None
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    peak_mb: float | None = None
    floor_ms: float | None = None
    ratio: float | None = None
    error: str | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

    def against(self, floor: "Record") -> "Record":
        """Set floor_ms and ratio from the floor's median (both null when either has no
        figure); the floor's name goes into extra["floor"]."""
        self.extra["floor"] = floor.name
        if self.error or floor.error or not self.median_ms or not floor.median_ms:
            self.floor_ms = self.ratio = None
        else:
            self.floor_ms = floor.median_ms
            self.ratio = ratio_of(self.median_ms, floor.median_ms)
        return self


def ratio_of(figure: float, floor: float) -> float:
    """How many floors the figure is, to two decimals."""
    return round(figure / floor, 2)


def db_vendor() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 9 runs is the slowest one)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (ru_maxrss: KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class QueryCounter:
    """Counts the SQL statements of the default connection (an execute wrapper: unlike
    CaptureQueriesContext it keeps no SQL text, so it costs next to nothing)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting_queries():
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


# A step whose warm-up took longer than this is timed REPEAT_SLOW times only: nine runs of a
# ten-second page would make the bench an hour long without a better median.
SLOW_MS = 1000


def timed(
    call: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 1,
    beside: Callable[[], object] | None = None,
) -> tuple[list[float], int, object, list[float]]:
    """Run `call` warmup + repeat times; returns the timed durations (ms), the queries of
    the last timed run, its result, and the durations of `beside` (none without it), run
    and timed just before each run of `call`. The query count is the same run's, so a
    count that differs between runs (a cache filling) shows as the steady state."""
    from .config import REPEAT_SLOW

    for _ in range(warmup):
        if beside is not None:
            beside()
        started = time.perf_counter()
        call()
        if (time.perf_counter() - started) * 1000 > SLOW_MS:
            repeat = min(repeat, REPEAT_SLOW)
    durations, beside_durations = [], []
    queries = 0
    result = None
    for _ in range(repeat):
        if beside is not None:
            started = time.perf_counter()
            beside()
            beside_durations.append((time.perf_counter() - started) * 1000)
        with counting_queries() as counter:
            started = time.perf_counter()
            result = call()
            durations.append((time.perf_counter() - started) * 1000)
        queries = counter.count
    return durations, queries, result, beside_durations


def record_of(
    name: str, size: int | None, durations: list[float], queries: int | None, **kwargs
) -> Record:
    return Record(
        name=name,
        db=db_vendor(),
        size=size,
        median_ms=round(statistics.median(durations), 1),
        p95_ms=round(percentile(durations, 0.95), 1),
        queries=queries,
        **kwargs,
    )


def measure(
    name: str,
    size: int | None,
    call: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 1,
    floor: tuple[str, Callable[[], object]] | None = None,
) -> Record:
    """Time `call`; a StepError (or any exception) becomes the record's error.

    floor: (its name, its call), timed just before each run of `call` (timed's beside):
    floor_ms is the median of those runs and the ratio is to it, so figure and floor come
    from the same minutes — over the two minutes of the page list a shared machine's speed
    drifts by a quarter and more, and a floor measured once at the start moved every later
    page's ratio with it."""
    beside = floor[1] if floor is not None else None
    try:
        durations, queries, _result, floors = timed(
            call, repeat=repeat, warmup=warmup, beside=beside
        )
    except StepError as error:
        record = Record(name=name, db=db_vendor(), size=size, error=str(error))
    except Exception as error:  # noqa: BLE001 - the bench reports, it does not stop
        record = Record(
            name=name, db=db_vendor(), size=size, error=f"{type(error).__name__}: {error}"
        )
    else:
        record = record_of(name, size, durations, queries)
        if floor is not None:
            record.against(record_of(floor[0], size, floors, None))
    progress(record)
    return record


def progress(record: Record) -> None:
    """One line per measured step on stderr, so a long run shows where it is."""
    if record.error:
        figure = f"ОШИБКА: {record.error}"
    else:
        median = str(record.median_ms).replace(".", ",")
        figure = f"{median} мс, запросов {record.queries}"
    print(f"bench:   {record.name} ({record.size}): {figure}", file=sys.stderr, flush=True)
