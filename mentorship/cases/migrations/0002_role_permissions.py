"""The curator keeps the cases and the materials; the director reads them."""

from django.db import migrations

from mentorship.lib import role_grants

CRUD = ["add", "change", "delete", "view"]
MODELS = ["case", "casefile", "material"]

GRANTS = {
    "Куратор": [f"cases.{a}_{m}" for m in MODELS for a in CRUD],
    "Директор": [f"cases.view_{m}" for m in MODELS],
}


def forwards(apps, schema_editor):
    role_grants.grant(apps, GRANTS)


def backwards(apps, schema_editor):
    role_grants.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("cases", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
