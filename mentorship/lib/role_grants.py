"""Granting permissions to role groups from data migrations.

Each app's migration lists its own grants; this does the work with the historical models
(`apps`) the migration passes in, so it stays correct for old migrations too.
"""

from django.contrib.auth.management import create_permissions


def _permissions(apps, codes):
    Permission = apps.get_model("auth", "Permission")
    for code in codes:
        app_label, codename = code.split(".")
        yield Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, grants: dict[str, list[str]]) -> None:
    """Add "app_label.codename" permissions to the groups named in grants."""
    # Permissions of models created in this migration run don't exist until post_migrate.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group_name, codes in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*_permissions(apps, codes))


def revoke(apps, grants: dict[str, list[str]]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codes in grants.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
