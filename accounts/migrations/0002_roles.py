"""Roles as groups with their permissions.

Frozen here on purpose: later apps grant their own permissions in their own migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ["add", "change", "delete", "view"]
PEOPLE_BASES = ["person", "mentorprofile", "menteeprofile", "partnerorganisation"]
PEOPLE_OTHER = ["consent", "mentortraining", "menteerequest", "competency"]

ROLE_PERMISSIONS = {
    "Куратор": (
        [f"people.{a}_{m}" for m in PEOPLE_BASES + PEOPLE_OTHER for a in CRUD]
        + [f"people.{a}_{m}" for m in PEOPLE_BASES for a in ("import", "export")]
        + [
            "people.view_special_categories",
            "people.view_mentoringform",
            "people.change_mentoringform",
            "people.view_rolemodel",
            "people.add_rolemodel",
            "people.change_rolemodel",
        ]
    ),
    # The director reads the bases but never writes, imports or exports personal data.
    "Директор": (
        [f"people.view_{m}" for m in PEOPLE_BASES + PEOPLE_OTHER]
        + ["people.view_mentoringform", "people.view_rolemodel"]
    ),
    "Администратор": (
        [f"accounts.{a}_user" for a in CRUD] + ["auth.view_group", "auth.change_group"]
    ),
    "Наставник": [],
    "Наставляемый": [],
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        perms = []
        for code in codes:
            app_label, codename = code.split(".")
            perms.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(perms)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0002_forms_and_competencies"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
