"""The curator keeps the questionnaires and waves; the director reads the results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ["add", "change", "delete", "view"]
MODELS = ["questionnaire", "question", "choice", "wave", "invitation", "response", "answer"]

GRANTS = {
    "Куратор": [f"surveys.{a}_{m}" for m in MODELS for a in CRUD],
    "Директор": [f"surveys.view_{m}" for m in ["questionnaire", "question", "choice", "wave"]],
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codes in GRANTS.items():
        group = Group.objects.get(name=group_name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="surveys").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("surveys", "0002_questionnaires")]

    operations = [migrations.RunPython(forwards, backwards)]
