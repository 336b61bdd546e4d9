"""The bench is installed by its own settings module only (mentorship/bench/settings.py):
the production settings know no `generate_college`, whose --flush wipes four apps, and the
processes `make bench` starts get the bench's settings, so they find its commands."""

import subprocess
import sys

from mentorship.bench.run.databases import process_env
from tests.test_project import BASE_DIR, production_env, run_python

PRINT_APPS = (
    "-c",
    "import django; django.setup(); from django.conf import settings; "
    "print(*settings.INSTALLED_APPS)",
)


def test_production_settings_do_not_install_the_bench():
    result = run_python(*PRINT_APPS, DEBUG="1")
    assert result.returncode == 0, result.stderr
    apps = result.stdout.split()
    assert "mentorship.demo" in apps
    assert "mentorship.bench" not in apps


def test_production_settings_know_no_generate_college():
    result = run_python("manage.py", "help", "generate_college", **production_env())
    assert result.returncode != 0
    assert "Unknown command: 'generate_college'" in result.stderr


def test_the_measuring_processes_find_the_bench_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCH_DIR", str(tmp_path))
    env = process_env(f"sqlite:///{tmp_path / 'college.sqlite3'}")
    assert env["DJANGO_SETTINGS_MODULE"] == "mentorship.bench.settings"
    # Both commands asked in one process (an interpreter's start is a second of the suite):
    # manage.py's own entry point, once per command; an unknown one exits with status 1.
    script = (
        "from django.core.management import execute_from_command_line\n"
        "for command in ('generate_college', 'bench'):\n"
        "    execute_from_command_line(['manage.py', 'help', command])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for command in ("generate_college", "bench"):
        assert f"usage: manage.py {command} " in result.stdout


def test_the_load_runs_gunicorn_as_the_readme_deploys_it():
    """The survey load is served by the README's production command («Запуск приложения»):
    the same options beside the port and the number of workers (--preload among them)."""
    from mentorship.bench.run.load import PRODUCTION_OPTIONS, gunicorn_command

    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    (line,) = [
        line.split() for line in readme.splitlines() if "bin/gunicorn mentorship.wsgi" in line
    ]
    options = line[2:]
    for valued in ("--bind", "--workers"):
        position = options.index(valued)
        del options[position : position + 2]
    assert "--preload" in options
    assert options == list(PRODUCTION_OPTIONS)
    command = gunicorn_command(8123, 4)
    assert command[command.index("mentorship.wsgi") + 1 :] == [
        "--bind",
        "127.0.0.1:8123",
        "--workers",
        "4",
        *options,
        "--log-level",
        "warning",
    ]
