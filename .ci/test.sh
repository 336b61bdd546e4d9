#!/usr/bin/env bash
# The whole test suite twice: on SQLite (the embedded default), then on a throw-away
# PostgreSQL cluster (the production database). Fails if either run fails; the cluster
# is stopped whatever happens. Extra arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=.venv/bin/python

# Settings come from mentorship.test_settings (pyproject); a DATABASE_URL or DEBUG from the
# caller's shell must not leak into either run.
unset DATABASE_URL DEBUG
export PYTHONDONTWRITEBYTECODE=1

banner() { printf '\n==== %s ====\n' "$*"; }

trap '.ci/pg.sh stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

banner "pytest on SQLite"
sqlite_rc=0
"$PYTHON" -m pytest -ra "$@" || sqlite_rc=$?

banner "pytest on PostgreSQL"
pg_rc=0
if database_url="$(.ci/pg.sh start)"; then
    DATABASE_URL="$database_url" "$PYTHON" -m pytest -ra "$@" || pg_rc=$?
else
    echo "could not start the PostgreSQL test cluster" >&2
    pg_rc=1
fi

banner "summary"
# pytest exit code 5 means "no tests collected": that is a failure too.
echo "SQLite:     $([ $sqlite_rc -eq 0 ] && echo passed || echo "FAILED (pytest exit $sqlite_rc)")"
echo "PostgreSQL: $([ $pg_rc -eq 0 ] && echo passed || echo "FAILED (pytest exit $pg_rc)")"
[ $sqlite_rc -eq 0 ] && [ $pg_rc -eq 0 ]
