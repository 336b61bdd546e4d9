#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite.
#
#   .ci/pg.sh start   initdb a fresh cluster, start it, create the role and database;
#                     prints the DATABASE_URL on stdout (everything else goes to stderr):
#                     over TCP on 127.0.0.1, or with PG_URL_SOCKET=1 over the cluster's unix
#                     socket (the test suite's choice: a query's round trip costs both
#                     processes less CPU than through the loopback's TCP stack)
#   .ci/pg.sh stop    stop the cluster and delete its data (safe when nothing runs)
#
# The cluster lives under PG_ROOT (default .pg/ in the repository, git-ignored), listens on
# 127.0.0.1:PG_PORT (default 54329) and on a unix socket inside PG_ROOT, and runs with fsync
# off: it holds nothing worth keeping. As root, the server runs as the "postgres" system user.
# Another cluster beside the test suite's (make bench) sets both, e.g.
# PG_ROOT=.bench/pg PG_PORT=54330 — stop it with the same two variables.
# PG_AUTOVACUUM=off (the test suite's choice, .ci/test.sh) starts it without autovacuum: the
# tests' rolled-back rows leave dead tuples that set it off on table after table, and a test
# wanting a lock it holds waits deadlock_timeout (1 s) before the server cancels it.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PG_PORT="${PG_PORT:-54329}"
PG_USER=mentorship
PG_PASSWORD=mentorship
PG_DB=mentorship

log() { echo "pg.sh: $*" >&2; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    log "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    # From /: the postgres user may not be allowed into the caller's directory.
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
    as_pg() { "$@"; }
fi

# PG_ROOT (default .pg/ in the repository), unless the server's user cannot reach it (e.g. a
# clone under /root) or the socket path would be too long for a unix socket: then a fixed
# /tmp twin named after it.
if [ -n "${PG_ROOT:-}" ]; then
    mkdir -p "$(dirname "$PG_ROOT")"
    PG_ROOT="$(cd "$(dirname "$PG_ROOT")" && pwd)/$(basename "$PG_ROOT")"
    TWIN_OF="$PG_ROOT"
else
    PG_ROOT="$REPO/.pg"
    TWIN_OF="$REPO"  # the default's twin keeps its old name
fi
if { [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$PG_ROOT")"; } \
    || [ ${#PG_ROOT} -gt 70 ]; then
    PG_ROOT="/tmp/mentorship-pg-$(printf '%s' "$TWIN_OF" | md5sum | cut -c1-12)"
fi
DATA="$PG_ROOT/data"
SOCKETS="$PG_ROOT/run"
LOGFILE="$PG_ROOT/server.log"

running() { [ -f "$DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

stop() {
    if running; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null \
            || as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null || true
        log "stopped the test cluster"
    fi
    rm -rf "$DATA" "$SOCKETS"
}

start() {
    stop  # a cluster left behind by an interrupted run
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; [ $? -ne 2 ]; then
        log "port $PG_PORT is already in use; choose another with PG_PORT=..."
        exit 1
    fi
    mkdir -p "$DATA" "$SOCKETS"
    chmod 700 "$DATA" "$SOCKETS"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres:postgres "$PG_ROOT"
    fi
    # Local socket connections are trusted: the socket directory is private (0700).
    as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 -o "\
        -c port=$PG_PORT -c listen_addresses=127.0.0.1 \
        -c unix_socket_directories=$SOCKETS -c unix_socket_permissions=0700 \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c autovacuum=${PG_AUTOVACUUM:-on}" start >/dev/null; then
        log "the server did not start; its log:"
        cat "$LOGFILE" >&2 || true
        exit 1
    fi
    for _ in $(seq 1 60); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
        sleep 0.5
    done
    "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >&2
    # CREATEDB: pytest-django creates (and drops) its own test database.
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKETS" -p "$PG_PORT" \
        -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
CREATE DATABASE $PG_DB OWNER $PG_USER;
SQL
    log "test cluster ready on 127.0.0.1:$PG_PORT ($DATA)"
    if [ "${PG_URL_SOCKET:-0}" = 1 ]; then
        # The host part of the URL is the socket's directory, its slashes percent-encoded.
        echo "postgres://$PG_USER:$PG_PASSWORD@${SOCKETS//\//%2F}:$PG_PORT/$PG_DB"
    else
        echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
