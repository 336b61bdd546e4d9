"""Who may do what with pairs, their work, achievements and the organisation card."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codes in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("people", "0003_college"),
        ("pairs", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
