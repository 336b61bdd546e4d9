"""Backup and restore (README «Резервное копирование и восстановление»): a dump of the base,
loaded into an empty, freshly migrated database, gives back the same rows.

The dump is the portable one the README describes (`manage.py dumpdata`, three files);
the restore runs in a separate process against a new SQLite file, as an administrator
would on a spare machine. On the PostgreSQL CI run the dump comes from PostgreSQL and the
restore target is still a temporary SQLite file: the point is that the dump alone is
enough to rebuild the base. (pg_dump/pg_restore are PostgreSQL's own tools and are
documented, not exercised here.)
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from mentorship.pairs.models import Pair, PairMembership
from mentorship.people.destruction import PLACEHOLDER, people_destroy_withdrawn
from mentorship.people.models import Consent, Person
from mentorship.people.services import consents_withdraw
from tests.factories import PersonFactory, consented, pair_create
from tests.parallel import migrated_sqlite_file

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


def dump_all(folder: Path) -> list[str]:
    dumps = []
    for name, args in DUMPS.items():
        dumps.append(str(folder / name))
        call_command("dumpdata", *args, "-o", dumps[-1], verbosity=0)
    return dumps


def _env(target: Path, **env_extra) -> dict:
    """The environment that runs manage.py against the SQLite file target."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mentorship.test_settings",
        "DATABASE_URL": f"sqlite:///{target}",
        **env_extra,
    }


@pytest.fixture(scope="module")
def migrated(request, tmp_path_factory, django_db_setup) -> Path:
    """A new SQLite file migrated by `manage.py migrate`, as the README's restore starts;
    made once for the module (migrating takes most of a restore's time) and copied for
    each restore, so every restore still starts from a fresh, empty, migrated base.

    make test's SQLite run has one already: its test database, migrated once for the run
    by the same code and settings (tests/parallel.py), is copied instead of migrating again;
    the PostgreSQL run (and a run without xdist) still runs `manage.py migrate` here."""
    target = tmp_path_factory.mktemp("migrated") / "empty.sqlite3"
    copy = migrated_sqlite_file(request.config)
    if copy is not None:
        shutil.copyfile(copy, target)
    else:
        run_manage("migrate", "--no-input", "-v", "0", env=_env(target))
    return target


def restore(dumps: list[str], migrated: Path, target: Path, **env_extra) -> dict:
    """Load the dumps into a copy of the freshly migrated base, as the README says; return
    the environment that runs manage.py against it."""
    shutil.copyfile(migrated, target)
    env = _env(target, **env_extra)
    run_manage("loaddata", *dumps, "-v", "0", env=env)
    return env


@pytest.mark.django_db
def test_dump_restores_into_an_empty_database_with_the_same_rows(tmp_path, curator, migrated):
    consented(PersonFactory(last_name="Сохранова", first_name="Вера", adult=True))
    pair_create()
    expected = {
        "people": sorted(Person.objects.values_list("last_name", "first_name")),
        "consents": Consent.objects.count(),
        "pairs": Pair.objects.count(),
        "memberships": PairMembership.objects.count(),
    }
    assert expected["consents"] >= 3 and expected["pairs"] == 1

    env = restore(dump_all(tmp_path), migrated, tmp_path / "restored.sqlite3")
    restored = json.loads(run_manage("shell", "-c", COUNT, env=env).strip().splitlines()[-1])

    assert restored["people"] == [list(row) for row in expected["people"]]
    assert ["Сохранова", "Вера"] in restored["people"]
    for key in ("consents", "pairs", "memberships"):
        assert restored[key] == expected[key], key
    assert "curator" in restored["users"]
    assert restored["curator_groups"] == sorted(curator.groups.values_list("name", flat=True))
    assert restored["curator_groups"]


RESTORED_PERSON = """
import json
from mentorship.people.models import Consent, DestructionActRow, Person
person = Person.objects.get(pk={pk})
row = DestructionActRow.objects.filter(person_id={pk}).first()
print(json.dumps({{
    "last_name": person.last_name,
    "phone": person.phone,
    "found_by_name": Person.objects.search("Восстановленная").exists(),
    "consent_in_force": Consent.objects.valid().filter(person=person).exists(),
    "repeated": row.repeated if row else None,
}}))
"""


@pytest.mark.django_db
def test_restoring_a_backup_older_than_a_destruction_destroys_again(tmp_path, settings, migrated):
    """RELIABILITY 58: a backup taken while the consent was in force, restored after the
    person's data was destroyed, brings them back; the tombstone file (outside the
    database, TOMBSTONE_PATH) makes the README's destroy_withdrawn after the restore destroy
    them again — and the consent the backup shows in force is withdrawn."""
    tombstones = tmp_path / "kept-apart" / "tombstones.txt"
    settings.TOMBSTONE_PATH = str(tombstones)
    person = consented(
        PersonFactory(last_name="Восстановленная", phone="+7 900 123-45-67", adult=True)
    )
    backup = tmp_path / "backup"
    backup.mkdir()
    dumps = dump_all(backup)  # the nightly copy, taken before the withdrawal

    today = dt.date.today()
    consents_withdraw(
        consents=Consent.objects.filter(person=person), on=today - dt.timedelta(days=40)
    )
    (act,) = people_destroy_withdrawn(today=today)
    assert act.rows.get().person_id == person.pk and tombstones.exists()

    env = restore(dumps, migrated, tmp_path / "restored.sqlite3", TOMBSTONE_PATH=str(tombstones))
    script = RESTORED_PERSON.format(pk=person.pk)
    before = json.loads(run_manage("shell", "-c", script, env=env).strip().splitlines()[-1])
    assert before["last_name"] == "Восстановленная" and before["consent_in_force"]

    out = run_manage("destroy_withdrawn", env=env)
    assert "повторно, после восстановления из резервной копии: 1" in out
    after = json.loads(run_manage("shell", "-c", script, env=env).strip().splitlines()[-1])
    assert after == {
        "last_name": PLACEHOLDER,
        "phone": "",
        "found_by_name": False,
        "consent_in_force": False,
        "repeated": True,
    }
