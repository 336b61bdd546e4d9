"""Every setting read from the environment is documented where an administrator looks: the
README's table and .env.example. A new variable without a line there fails here."""

import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
READ_FROM_ENV = re.compile(r'env_(?:str|int|bool|list)\(\s*"([A-Z0-9_]+)"')


def environment_variables() -> list[str]:
    source = (BASE_DIR / "mentorship" / "settings.py").read_text(encoding="utf-8")
    return sorted(set(READ_FROM_ENV.findall(source)))


def test_settings_read_variables_at_all():
    assert {"SECRET_KEY", "DATABASE_URL", "SESSION_IDLE_TIMEOUT"} <= set(environment_variables())


@pytest.mark.parametrize("name", environment_variables())
def test_variable_is_in_the_readme_table(name):
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `{name}` \|", readme, re.MULTILINE), f"README: no table row for {name}"


@pytest.mark.parametrize("name", environment_variables())
def test_variable_is_in_env_example(name):
    example = (BASE_DIR / ".env.example").read_text(encoding="utf-8")
    assert re.search(rf"^#? ?{name}=", example, re.MULTILINE), f".env.example: no line for {name}"
