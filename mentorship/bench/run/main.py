"""`manage.py bench`: build (or reuse) the colleges, run every step in its own process with
that database's DATABASE_URL, print the table and write bench-results.json."""

import os
import subprocess
import sys
import time

from . import config, databases, load, report
from .databases import log, manage
from .measure import Record

PARTS = ("pages", "documents", "rollover", "xlsx", "region", "load")


def _step(step: str, database_url: str, argument: str = "") -> list[dict]:
    started = time.monotonic()
    try:
        records = databases.step_json(step, database_url, argument)
    except Exception as error:  # noqa: BLE001 - one failed step must not hide the others
        log(f"шаг {step} упал: {error}")
        record = Record(
            f"шаг {step}", databases.vendor_of(database_url), None, error=f"процесс упал: {error}"
        )
        return [record.as_dict()]
    log(f"шаг {step}: {time.monotonic() - started:.0f} с")
    return records


def _parts() -> list[str]:
    raw = os.environ.get("BENCH_ONLY", "").strip()
    if not raw:
        return list(PARTS)
    chosen = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = set(chosen) - set(PARTS)
    if unknown:
        raise SystemExit(
            f"BENCH_ONLY: неизвестные части: {', '.join(sorted(unknown))}; есть: {', '.join(PARTS)}"
        )
    return chosen


def run() -> int:
    started = time.monotonic()
    # The code measured is the code at the start: the steps' processes import it then.
    code = _code_version()
    parts = _parts()
    base_url = databases.main_url()
    own_cluster = base_url is None
    if own_cluster:
        port = config.BENCH_PG_PORT
        log(f"временный кластер PostgreSQL на порту {port} (с BENCH_DB=sqlite — SQLite)")
        base_url = load.bench_cluster_start()
    try:
        return _run(started, parts, base_url, own_cluster, code)
    finally:
        if own_cluster:
            load.bench_cluster_stop()


def _run(started: float, parts: list[str], base_url: str, own_cluster: bool, code: str) -> int:
    vendor = databases.vendor_of(base_url)
    sizes = config.sizes()
    log(f"база: {vendor}; размеры: " + "; ".join(map(_size_text, sizes)))
    urls = {size.label: databases.url_for(size, base_url) for size in sizes}
    full = sizes[-1]
    built: set[str] = set()

    def build(size: config.Size) -> None:
        """Once per run; on the bench's own cluster without a marker (it is new each run)."""
        if size.label not in built:
            databases.ensure_built(size, urls[size.label], marker=not own_cluster)
            built.add(size.label)

    # DEBUG is off in the measuring processes: the pages need the collected static manifest.
    manage(["collectstatic", "--noinput", "-v", "0"], urls[sizes[0].label])
    records: list[dict] = []
    if set(parts) & {"pages", "documents", "rollover", "xlsx"}:
        for size in sizes:
            build(size)
        for size in sizes:
            url = urls[size.label]
            if "pages" in parts:
                records += _step("pages", url)
            if "documents" in parts:
                records += _step("documents", url)
            if "rollover" in parts:
                records += _step("rollover", url)
            if "xlsx" in parts:
                records += _step("export", url)
        if "xlsx" in parts:
            records += _import(urls[full.label])
    if "region" in parts:
        build(sizes[0])
        records += _region(urls[sizes[0].label])
    if "load" in parts:
        if vendor == "postgresql":
            build(full)
        records += _load(base_url, urls[full.label], full)

    path = config.results_path()
    report.write_json(records, path)
    print()
    print(report.table(records))
    print()
    problems = report.errors_text(records)
    if problems:
        print("Ошибки и нарушения:")
        print(problems)
    print(f"Код: {_code_text(code, _code_version())}.")
    print(f"Записано в {path}; весь замер занял {time.monotonic() - started:.0f} с.")
    print("Машина общая и двухъядерная: разброс времён между прогонами бывает 10–30 %.")
    return 1 if any(r.get("error") for r in records) else 0


def _size_text(size: config.Size) -> str:
    return (
        f"{size.label} — обучающихся {size.students}, педагогов {size.teachers}, "
        f"организаций {size.organisations}, учебных лет {size.years}"
    )


def _code_text(at_start: str, at_end: str) -> str:
    """The code measured; a run during which the code changed says so (its later steps may
    have measured the new code)."""
    if at_end == at_start:
        return at_start
    return f"{at_start}; во время замера код изменился, теперь {at_end}: цифры смешанные"


def _code_version() -> str:
    """The commit measured, and whether the working tree had changes on top of it."""
    from django.conf import settings

    def git(*args):
        result = subprocess.run(
            ["git", *args], cwd=settings.BASE_DIR, capture_output=True, text=True, check=False
        )
        return result.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "неизвестен (не git)"
    changed = git("status", "--porcelain", "--untracked-files=no").splitlines()
    return commit + (f" и незакоммиченные изменения (файлов: {len(changed)})" if changed else "")


def _import(full_url: str) -> list[dict]:
    from . import xlsx

    # Written afresh each run: a few hundred milliseconds, and never a stale layout.
    path = config.bench_dir() / f"import-{config.IMPORT_ROWS}-own-list.xlsx"
    path.write_bytes(xlsx.people_xlsx(config.IMPORT_ROWS))
    scratch = databases.scratch_copy(full_url, "import")
    try:
        return _step("import", scratch, str(path))
    finally:
        databases.drop(scratch)


def _region(smallest_url: str) -> list[dict]:
    """The regional centre on a scratch copy of the smallest college (its region tables are
    empty, as a regional instance's are)."""
    scratch = databases.scratch_copy(smallest_url, "region")
    try:
        return _step("region", scratch)
    finally:
        databases.drop(scratch)


def _load(base_url: str, full_url: str, full: config.Size) -> list[dict]:
    """On a scratch copy of the full college in PostgreSQL (already built there), or, when
    the bench runs on SQLite, in a throw-away cluster of its own."""
    sqlite = databases.vendor_of(base_url) != "postgresql"
    try:
        if sqlite:
            log(f"нагрузка: временный кластер PostgreSQL на порту {config.BENCH_PG_PORT}")
            full_url = databases.url_for(full, load.bench_cluster_start())
            databases.ensure_built(full, full_url, marker=False)
        scratch = databases.scratch_copy(full_url, "load")
        try:
            return [record.as_dict() for record in load.measure_load(scratch)]
        finally:
            databases.drop(scratch)
    except Exception as error:  # noqa: BLE001
        log(f"нагрузка не измерена: {error}")
        return [Record(load.NAME, "postgresql", None, error=str(error)).as_dict()]
    finally:
        if sqlite:
            load.bench_cluster_stop()


def main() -> None:
    sys.exit(run())
