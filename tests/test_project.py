"""Project-wide guarantees: migrations, settings safety, pinned versions, Russian formats."""

import os
import subprocess
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key
from django.db import connection
from django.utils import formats

BASE_DIR = Path(__file__).resolve().parent.parent


def run_python(*args, **env):
    """Run the project's Python with nothing from our environment but the given variables."""
    clean_env = {"DJANGO_SETTINGS_MODULE": "mentorship.settings"}
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides):
    env = {"DEBUG": "0", "SECRET_KEY": get_random_secret_key(), "ALLOWED_HOSTS": "example.org"}
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


DJANGO_SETUP = ("-c", "import django; django.setup()")


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exc:  # raised by --check when a migration would be written
        pytest.fail(f"a migration is missing: run `manage.py makemigrations` (exit {exc.code})")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (production_env(SECRET_KEY=None), "SECRET_KEY must be set"),
        (production_env(SECRET_KEY="too-short-0123456789"), "SECRET_KEY must be set"),
        (production_env(SECRET_KEY="django-insecure-" + "k" * 50), "SECRET_KEY must be set"),
        (production_env(ALLOWED_HOSTS=None), "ALLOWED_HOSTS must be set"),
        (production_env(DEBUG=None, SECRET_KEY=None), "SECRET_KEY must be set"),  # off by default
    ],
    ids=[
        "no-secret-key",
        "short-secret-key",
        "insecure-secret-key",
        "no-allowed-hosts",
        "debug-off-by-default",
    ],
)
def test_production_settings_refuse_to_start_without_secrets(env, message):
    result = run_python(*DJANGO_SETUP, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_start_with_secret_key_and_allowed_hosts():
    result = run_python(*DJANGO_SETUP, **production_env())
    assert result.returncode == 0, result.stderr


def test_demo_settings_start_without_any_secret():
    result = run_python(*DJANGO_SETUP, DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_starting_the_project_leaves_the_document_makers_unimported():
    """WeasyPrint (≈ 1 s to import) and python-docx come with the first document: a
    management command, a server worker's start and its URLconf do not pay for them."""
    # One process: what start-up imported is printed first, then the first document is
    # made in the same process (a second interpreter's start is a second of the suite).
    script = (
        "import django, sys; django.setup(); from django.urls import get_resolver; "
        "get_resolver().url_patterns; "
        "print(sorted(m for m in ('weasyprint', 'docx', 'docxtpl') if m in sys.modules)); "
        "from mentorship.lib.pdf import pdf_from_html; "
        "print(pdf_from_html('<p>Проверка</p>')[:5], 'weasyprint' in sys.modules)"
    )
    result = run_python("-c", script, **production_env())
    assert result.returncode == 0, result.stderr
    started, made = result.stdout.strip().splitlines()[-2:]
    assert started == "[]"
    assert made == "b'%PDF-' True"


def test_production_settings_pass_the_deployment_checklist():
    result = run_python(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", **production_env()
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_pinned_versions():
    assert version("Django").startswith("5.2."), version("Django")
    # Earlier WeasyPrint releases have published URL-fetcher vulnerabilities.
    assert int(version("weasyprint").split(".")[0]) >= 69, version("weasyprint")


def test_app_version_is_the_one_pyproject_declares():
    """Packages to the regional centre carry APP_VERSION: it must be the released number."""
    import tomllib

    from mentorship.lib.version import APP_VERSION

    declared = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]["version"]
    assert APP_VERSION == declared


def test_interface_is_russian_with_russian_dates():
    assert settings.LANGUAGE_CODE == "ru"
    assert formats.date_format(date(2024, 9, 1)) == "01.09.2024"


def test_database_is_the_one_database_url_names(db):
    # `make test` runs the suite twice; this proves the second run really is on PostgreSQL.
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_a_forms_select_reads_its_choices_with_plain_queries(db):
    """On PostgreSQL without server-side cursors (settings): a ModelChoiceField iterates
    its queryset, which Django would read through a DECLARE … WITH HOLD cursor — three
    round trips and a materialised result for a select of five mentoring forms."""
    from django import forms
    from django.test.utils import CaptureQueriesContext

    from mentorship.people.models import MentoringForm

    field = forms.ModelChoiceField(MentoringForm.objects.order_by("order"))
    with CaptureQueriesContext(connection) as queries:
        choices = list(field.choices)
    assert len(choices) == MentoringForm.objects.count() + 1  # and the empty choice
    # list() asks the choices' len() (a COUNT), then iterates: no DECLARE, FETCH or CLOSE.
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["SELECT"] * 2
