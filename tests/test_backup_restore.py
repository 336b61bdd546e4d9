"""Backup and restore (README «Резервное копирование и восстановление»): a dump of the base,
loaded into an empty, freshly migrated database, gives back the same rows.

The dump is the portable one the README describes (`manage.py dumpdata`, three files);
the restore runs in a separate process against a new SQLite file, as an administrator
would on a spare machine. On the PostgreSQL CI run the dump comes from PostgreSQL and the
restore target is still a temporary SQLite file: the point is that the dump alone is
enough to rebuild the base. (pg_dump/pg_restore are PostgreSQL's own tools and are
documented, not exercised here.)
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from mentorship.pairs.models import Pair, PairMembership
from mentorship.people.models import Consent, Person
from tests.factories import PersonFactory, consented, pair_create

REPO = Path(__file__).resolve().parent.parent

# The README's three dumps. Natural keys only where row numbers differ between databases:
# groups by name, a user's groups and permissions by name. Everything else keeps its row
# numbers (the restore target is migrated from the same code). Person has a *field* called
# natural_key, so Django's --natural-foreign cannot be used for the whole base.
DUMPS = {
    "groups.json": ["auth.Group", "--natural-foreign", "--natural-primary"],
    "users.json": ["accounts", "--natural-foreign"],
    "data.json": [
        arg
        for app in ("contenttypes", "auth", "accounts", "admin", "sessions", "axes")
        for arg in ("-e", app)
    ],
}

COUNT = """
import json
from django.contrib.auth import get_user_model
from mentorship.pairs.models import Pair, PairMembership
from mentorship.people.models import Consent, Person
print(json.dumps({
    "people": sorted(Person.objects.values_list("last_name", "first_name")),
    "consents": Consent.objects.count(),
    "pairs": Pair.objects.count(),
    "memberships": PairMembership.objects.count(),
    "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    "curator_groups": sorted(
        get_user_model().objects.get(username="curator").groups.values_list("name", flat=True)
    ),
}))
"""


def run_manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.django_db
def test_dump_restores_into_an_empty_database_with_the_same_rows(tmp_path, curator):
    consented(PersonFactory(last_name="Сохранова", first_name="Вера", adult=True))
    pair_create()
    expected = {
        "people": sorted(Person.objects.values_list("last_name", "first_name")),
        "consents": Consent.objects.count(),
        "pairs": Pair.objects.count(),
        "memberships": PairMembership.objects.count(),
    }
    assert expected["consents"] >= 3 and expected["pairs"] == 1

    dumps = []
    for name, args in DUMPS.items():
        dumps.append(str(tmp_path / name))
        call_command("dumpdata", *args, "-o", dumps[-1], verbosity=0)

    target = tmp_path / "restored.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mentorship.test_settings",
        "DATABASE_URL": f"sqlite:///{target}",
    }
    run_manage("migrate", "--no-input", "-v", "0", env=env)
    run_manage("loaddata", *dumps, "-v", "0", env=env)
    restored = json.loads(run_manage("shell", "-c", COUNT, env=env).strip().splitlines()[-1])

    assert restored["people"] == [list(row) for row in expected["people"]]
    assert ["Сохранова", "Вера"] in restored["people"]
    for key in ("consents", "pairs", "memberships"):
        assert restored[key] == expected[key], key
    assert "curator" in restored["users"]
    assert restored["curator_groups"] == sorted(curator.groups.values_list("name", flat=True))
    assert restored["curator_groups"]
