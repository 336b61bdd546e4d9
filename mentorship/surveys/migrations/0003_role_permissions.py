"""The curator keeps the questionnaires and waves; the director reads the results."""

from django.db import migrations

from mentorship.lib import role_grants

CRUD = ["add", "change", "delete", "view"]
MODELS = ["questionnaire", "question", "choice", "wave", "invitation", "response", "answer"]

GRANTS = {
    "Куратор": [f"surveys.{a}_{m}" for m in MODELS for a in CRUD],
    "Директор": [f"surveys.view_{m}" for m in ["questionnaire", "question", "choice", "wave"]],
}


def forwards(apps, schema_editor):
    role_grants.grant(apps, GRANTS)


def backwards(apps, schema_editor):
    role_grants.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("surveys", "0002_questionnaires")]

    operations = [migrations.RunPython(forwards, backwards)]
