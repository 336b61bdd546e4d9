"""Who may do what with pairs, their work, achievements and the organisation card."""

from django.db import migrations

from mentorship.lib import role_grants

CRUD = ["add", "change", "delete", "view"]
PAIR_MODELS = [
    "pair",
    "pairmembership",
    "pairstatuschange",
    "individualplan",
    "plantask",
    "meeting",
    "achievement",
]

GRANTS = {
    "Куратор": [f"pairs.{a}_{m}" for m in PAIR_MODELS for a in CRUD] + ["people.view_college"],
    "Директор": [f"pairs.view_{m}" for m in PAIR_MODELS] + ["people.view_college"],
    "Администратор": ["people.view_college", "people.change_college"],
}


def forwards(apps, schema_editor):
    role_grants.grant(apps, GRANTS)


def backwards(apps, schema_editor):
    role_grants.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("people", "0003_college"),
        ("pairs", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
