"""One database per size of generated college, built once and reused.

PostgreSQL, as production runs, is the default: without DATABASE_URL the bench starts a
throw-away cluster of its own (.ci/pg.sh under .bench/pg, port BENCH_PG_PORT) and builds the
colleges there on every run; with DATABASE_URL=postgres://…/NAME, databases
NAME_bench_<size> on that server (the user needs CREATEDB). BENCH_DB=sqlite: files
.bench/college-<size>.sqlite3 instead. A marker (.bench/college-<size>.<vendor>.json)
records what the database was built from — the sizes, the generator's and the migrations'
source — and a database is rebuilt (migrate + generate_college) only when its marker no
longer matches (the bench's own cluster keeps no marker: it is new every run).

Steps that write (the import, the survey load) run on a scratch copy: a file copy for
SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL.
"""

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.conf import settings

from . import config
from .config import Size

# The bench's own settings: `generate_college` and `bench --step` exist only there.
SETTINGS_MODULE = "mentorship.bench.settings"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def vendor_of(url: str) -> str:
    engine = dj_database_url.parse(url)["ENGINE"]
    return "postgresql" if "postgresql" in engine else "sqlite"


def main_url() -> str | None:
    """The database server the bench measures: SQLite with BENCH_DB=sqlite, else
    DATABASE_URL, else None — the bench's own throw-away PostgreSQL cluster."""
    if config.bench_db() == "sqlite":
        return "sqlite://"
    return os.environ.get("DATABASE_URL", "").strip() or None


def _with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _pg_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def url_for(size: Size, base_url: str) -> str:
    if vendor_of(base_url) == "sqlite":
        return f"sqlite:///{config.bench_dir() / f'college-{size.label}.sqlite3'}"
    base = _pg_name(base_url) or "mentorship"
    return _with_name(base_url, f"{base}_bench_{size.label}")


def redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


# --- the environment of the measuring processes ------------------------------------------


def process_env(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings with the bench installed (mentorship/bench/settings.py: DEBUG off,
    a random key, no HTTPS on loopback) on this database. Uploads and media go under .bench/,
    never into the demo's media/."""
    media = config.bench_dir() / "media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)[:50],
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(media),
        "IMPORT_TMP_DIR": str(media / "import-uploads"),
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


def manage(args: list[str], database_url: str, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), *args]
    return subprocess.run(
        command, env=process_env(database_url), cwd=settings.BASE_DIR, check=True, **kwargs
    )


def step_json(step: str, database_url: str, argument: str = ""):
    """Run one measuring step (`manage.py bench --step`) on that database; its JSON output."""
    out = config.bench_dir() / f"step-{step}.json"
    out.unlink(missing_ok=True)
    manage(["bench", "--step", step, "--out", str(out), "--argument", argument], database_url)
    return json.loads(out.read_text())


# --- building and reusing -------------------------------------------------------------------


def _source_fingerprint() -> str:
    """What a built database depends on besides the sizes: the generator, the demo's
    planners and the lib helpers it borrows, and the schema."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    patterns = [
        "mentorship/bench/generate/**/*.py",
        "mentorship/bench/management/commands/generate_college.py",
        "mentorship/demo/**/*.py",
        "mentorship/lib/*.py",
        "**/migrations/0*.py",
    ]
    files = sorted(
        {path for pattern in patterns for path in base.glob(pattern) if ".venv" not in path.parts}
    )
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _marker_path(size: Size, url: str) -> Path:
    return config.bench_dir() / f"college-{size.label}.{vendor_of(url)}.json"


def _marker(size: Size, url: str) -> dict:
    return {"size": size.as_dict(), "database": redacted(url), "source": _source_fingerprint()}


def _exists(url: str) -> bool:
    if vendor_of(url) == "sqlite":
        return _sqlite_path(url).exists()
    with _pg_admin(url) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_pg_name(url)])
        return row.fetchone() is not None


def ensure_built(size: Size, url: str, *, marker: bool = True) -> bool:
    """Build the database unless its marker matches; True if it was built now. Without
    marker (a throw-away cluster) it is always built."""
    marker_path = _marker_path(size, url)
    wanted = _marker(size, url)
    if marker and marker_path.exists() and _exists(url):
        try:
            if json.loads(marker_path.read_text()) == wanted:
                log(f"{size.label}: база уже построена ({redacted(url)}), используется она")
                return False
        except ValueError:
            pass
    if marker:
        marker_path.unlink(missing_ok=True)
    log(f"{size.label}: строится база {redacted(url)}: migrate + generate_college")
    started = time.monotonic()
    drop(url)
    create(url)
    manage(["migrate", "--noinput", "-v", "0"], url)
    # BENCH_BUILD_COMMAND=load_demo: the demo college instead (for working on the bench
    # itself; the sizes are then ignored).
    command = os.environ.get("BENCH_BUILD_COMMAND", "generate_college")
    manage([command, *(size.command_args() if command == "generate_college" else [])], url)
    if marker:
        marker_path.write_text(json.dumps(wanted, ensure_ascii=False, indent=1))
    log(f"{size.label}: база построена за {time.monotonic() - started:.0f} с")
    return True


# --- creating, copying, dropping ----------------------------------------------------------------


def _sqlite_path(url: str) -> Path:
    return Path(dj_database_url.parse(url)["NAME"])


def _pg_admin(url: str):
    """A connection to the server's maintenance database, in autocommit (CREATE/DROP); as a
    context manager it closes itself."""
    import psycopg

    params = dj_database_url.parse(url)
    return psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def drop(url: str) -> None:
    if vendor_of(url) == "sqlite":
        path = _sqlite_path(url)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    with _pg_admin(url) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {_quoted(_pg_name(url))} WITH (FORCE)")


def create(url: str, *, template: str | None = None) -> None:
    if vendor_of(url) == "sqlite":
        _sqlite_path(url).parent.mkdir(parents=True, exist_ok=True)
        return
    with _pg_admin(url) as conn:
        sql = f"CREATE DATABASE {_quoted(_pg_name(url))}"
        if template:
            sql += f" TEMPLATE {_quoted(template)}"
        conn.execute(sql)


def scratch_copy(url: str, purpose: str) -> str:
    """A fresh copy of the database for a step that writes; drop() it afterwards."""
    if vendor_of(url) == "sqlite":
        source = _sqlite_path(url)
        target = source.with_name(f"{source.stem}-{purpose}.sqlite3")
        drop(f"sqlite:///{target}")
        _sqlite_checkpoint(source)
        shutil.copyfile(source, target)
        return f"sqlite:///{target}"
    target = _with_name(url, f"{_pg_name(url)}_{purpose}")
    drop(target)
    create(target, template=_pg_name(url))
    return target


def _sqlite_checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so a plain file copy is the whole database."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
