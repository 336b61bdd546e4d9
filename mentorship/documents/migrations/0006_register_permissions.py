"""The curator keeps the register of documents; the director reads it."""

from django.db import migrations

from mentorship.lib import role_grants

GRANTS = {
    "Куратор": [
        f"documents.{a}_registereddocument" for a in ("add", "change", "delete", "view")
    ],
    "Директор": ["documents.view_registereddocument"],
}


def grant(apps, schema_editor):
    role_grants.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    role_grants.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("documents", "0005_register")]

    operations = [migrations.RunPython(grant, revoke)]
