# «Наставничество» — everyday commands. Works as root on a fresh Debian 12, with no
# terminal input; repeated runs skip whatever is already done.
#
#   make run    demo on http://127.0.0.1:8000 (SQLite, DEBUG on, demo data and logins)
#   make test   the whole test suite on SQLite and on a throw-away PostgreSQL
#   make setup  system packages + .venv with the pinned dependencies
#   make bench  performance figures on a big generated college (bench-results.json)

SHELL := /bin/bash
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup system messages run run-region test bench check-deploy pg-stop clean

help:
	@echo "make run    - demo server on http://127.0.0.1:8000 (prints the demo logins)"
	@echo "make run-region - the regional centre's demo (its own db-region.sqlite3)"
	@echo "make test   - all tests on SQLite, then on PostgreSQL (PYTEST_ARGS=... to pass options)"
	@echo "make setup  - install missing system packages and the virtualenv"
	@echo "make bench  - performance figures on a generated college, each beside its floor (table +"
	@echo "              bench-results.json): on a throw-away PostgreSQL cluster by default,"
	@echo "              DATABASE_URL=postgres://... for a server of yours, BENCH_DB=sqlite for SQLite;"
	@echo "              BENCH_STUDENTS=... for a quick run"
	@echo "make check-deploy - Django's deployment checklist with production-like settings"
	@echo "make clean  - forget the setup stamps and the test cluster"

setup: system .stamp-venv

# Cheap: dpkg is asked about each package, apt-get runs only if one is missing.
system:
	@bash .ci/setup.sh system

# Re-installed when pyproject.toml changes or .venv disappears.
.stamp-venv: pyproject.toml .ci/setup.sh $(if $(wildcard $(PYTHON)),,FORCE) | system
	bash .ci/setup.sh venv
	@touch $@

FORCE:

# Compiled catalogues (.mo) for the project's own .po files, if it has any; never the
# catalogues inside .venv.
messages: setup
	@if find . -path ./.venv -prune -o -name '*.po' -print -quit | grep -q .; then \
		DEBUG=1 $(MANAGE) compilemessages --ignore=.venv -v 0; \
	fi

# Demo mode: DEBUG on, so the dev secret key is accepted and runserver serves the static
# files itself (no collectstatic needed).
run: export DEBUG := 1
run: messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo  # prints the demo logins
	$(MANAGE) runserver 127.0.0.1:8000

# The regional mentoring centre's demo: the same application with its own database
# (db-region.sqlite3) holding the region's colleges' packages — no person at all.
run-region: export DEBUG := 1
run-region: export DATABASE_URL := sqlite:///$(CURDIR)/db-region.sqlite3
run-region: messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --region  # prints the coordinator's login
	$(MANAGE) runserver 127.0.0.1:8000

test: messages
	bash .ci/test.sh $(PYTEST_ARGS)

# Builds the generated colleges on a throw-away PostgreSQL cluster (or reuses NAME_bench_*
# databases on the DATABASE_URL server, or SQLite files under .bench/ with BENCH_DB=sqlite),
# measures each figure beside its floor, prints the table and writes bench-results.json. The bench
# has its own settings module (production settings + the bench app): it is not installed in
# production. DEBUG=1 is for this orchestrating process only: every measuring process and
# gunicorn run with DEBUG off and a random key (mentorship/bench/run/).
bench: messages
	DJANGO_SETTINGS_MODULE=mentorship.bench.settings DEBUG=1 $(MANAGE) bench

# Production-like settings (DEBUG off, a random key): warnings fail too.
check-deploy: setup
	DEBUG=0 ALLOWED_HOSTS=example.org \
	SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50)[:50])')" \
	$(MANAGE) check --deploy --fail-level WARNING

pg-stop:
	bash .ci/pg.sh stop

clean: pg-stop
	rm -f .stamp-*
	rm -rf .pg
