#!/usr/bin/env bash
# ruff over the tree, then the whole test suite twice: on SQLite (the embedded default) and
# on a throw-away PostgreSQL cluster (the production database). Fails if any of the three
# fails; the cluster is stopped whatever happens. Extra arguments go to both pytest runs.
#
# The two runs go side by side, each with its own media directory and its own database,
# so they share nothing. Each run's output is kept in a log and printed whole when that run
# ends (SQLite's first), so the two never interleave. TEST_SERIAL=1 runs them one after the
# other instead, printing as they go.
# The PostgreSQL run keeps the tests that use the database (TESTS_DATABASE_ONLY, see
# tests/conftest.py): the others are refused the database by pytest-django, give the same
# answer on either, and run in the SQLite run. Each run is split between TEST_WORKERS
# pytest-xdist workers (default 2), each with a test database and a media folder of its
# own, a test file at a time (its module-scoped data built once), in the order pytest-django
# sorted the tests, transactional files last (see tests/conftest.py): whichever run ends
# first, the other still uses both cores. Each run migrates once: its first worker builds
# the test database and leaves a copy, the other copies it instead of migrating (SQLite's
# backup API, PostgreSQL's CREATE DATABASE ... TEMPLATE); the files of a package sharing its
# data (the loaded demo) go to one worker as one unit (tests/parallel.py). The PostgreSQL
# run talks to the server over the cluster's unix socket; the cluster runs without
# autovacuum (see .ci/pg.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=.venv/bin/python
# A hung run must end the job long before CI's own limit, with its log printed.
RUN_TIMEOUT="${RUN_TIMEOUT:-30m}"

# Settings come from mentorship.test_settings (pyproject); a DATABASE_URL or DEBUG from the
# caller's shell must not leak into either run.
unset DATABASE_URL DEBUG
# Bytecode is written (__pycache__ is ignored by git): pytest keeps its rewritten test
# modules there and the manage.py processes some tests start load the project compiled,
# instead of compiling every module again in each process (most of a collection's time).
unset PYTHONDONTWRITEBYTECODE

banner() { printf '\n==== %s ====\n' "$*"; }

WORK="$(mktemp -d /tmp/mentorship-tests.XXXXXX)"
children=()
cleanup() {
    # Each background run is a subshell whose child is `timeout`, which passes the signal
    # on to pytest: stop the children first, then the subshell.
    for pid in "${children[@]}"; do
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
    .ci/pg.sh stop
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_suite NAME [VAR=value ...] [-- PYTEST_OPTION ...]: pytest in the background, its
# output in $WORK/NAME.log.
run_suite() {
    local name="$1"
    shift
    local vars=() options=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift && options=("$@")
    env "${vars[@]}" TEST_MEDIA_ROOT="$WORK/$name-media" \
        timeout --kill-after=30s "$RUN_TIMEOUT" "$PYTHON" -m pytest -ra "${options[@]}" \
        "${PYTEST_ARGS[@]}" >"$WORK/$name.log" 2>&1
}

PYTEST_ARGS=("$@")
TEST_WORKERS="${TEST_WORKERS:-2}"
XDIST=()
if [ "$TEST_WORKERS" -gt 1 ]; then
    XDIST=(-n "$TEST_WORKERS" --dist loadfile --no-loadscope-reorder)
fi
sqlite_rc=0
pg_rc=0
lint_rc=0

# The linter first: seconds, and its rules (pyproject [tool.ruff]) are part of the build.
banner "ruff check"
.venv/bin/ruff check --no-cache . || lint_rc=$?

database_url=""
if ! database_url="$(PG_URL_SOCKET=1 PG_AUTOVACUUM=off .ci/pg.sh start)"; then
    echo "could not start the PostgreSQL test cluster" >&2
    pg_rc=1
fi

if [ "${TEST_SERIAL:-0}" = 1 ]; then
    banner "pytest on SQLite"
    TEST_MEDIA_ROOT="$WORK/sqlite-media" "$PYTHON" -m pytest -ra "${XDIST[@]}" "$@" \
        || sqlite_rc=$?
    if [ -n "$database_url" ]; then
        banner "pytest on PostgreSQL"
        DATABASE_URL="$database_url" TESTS_DATABASE_ONLY=1 TEST_MEDIA_ROOT="$WORK/pg-media" \
            "$PYTHON" -m pytest -ra "${XDIST[@]}" "$@" || pg_rc=$?
    fi
else
    echo "SQLite and PostgreSQL runs started side by side; each prints its log when it ends."
    run_suite sqlite -- "${XDIST[@]}" &
    sqlite_pid=$!
    children+=("$sqlite_pid")
    if [ -n "$database_url" ]; then
        run_suite pg DATABASE_URL="$database_url" TESTS_DATABASE_ONLY=1 -- "${XDIST[@]}" &
        pg_pid=$!
        children+=("$pg_pid")
    fi
    wait "$sqlite_pid" || sqlite_rc=$?
    banner "pytest on SQLite"
    cat "$WORK/sqlite.log"
    if [ -n "$database_url" ]; then
        wait "$pg_pid" || pg_rc=$?
        banner "pytest on PostgreSQL"
        cat "$WORK/pg.log"
    fi
    children=()
fi

banner "summary"
# pytest exit code 5 means "no tests collected"; 124/137: the run's time limit: failures too.
describe() {
    case "$1" in
        0) echo passed ;;
        124 | 137) echo "FAILED (over the $RUN_TIMEOUT time limit)" ;;
        *) echo "FAILED (pytest exit $1)" ;;
    esac
}
echo "ruff:       $([ $lint_rc -eq 0 ] && echo passed || echo FAILED)"
echo "SQLite:     $(describe $sqlite_rc)"
echo "PostgreSQL: $(describe $pg_rc)"
[ $lint_rc -eq 0 ] && [ $sqlite_rc -eq 0 ] && [ $pg_rc -eq 0 ]
