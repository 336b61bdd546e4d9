"""The curator runs the roadmap and the indicators; the director reads them."""

from django.db import migrations

from mentorship.lib import role_grants

CRUD = ["add", "change", "delete", "view"]
MODELS = [
    "roadmap",
    "section",
    "activity",
    "activityyeardone",
    "indicator",
    "indicatortarget",
    "indicatoryeardata",
]

GRANTS = {
    "Куратор": [f"roadmap.{a}_{m}" for m in MODELS for a in CRUD],
    "Директор": [f"roadmap.view_{m}" for m in MODELS],
}


def forwards(apps, schema_editor):
    role_grants.grant(apps, GRANTS)


def backwards(apps, schema_editor):
    role_grants.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("roadmap", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
