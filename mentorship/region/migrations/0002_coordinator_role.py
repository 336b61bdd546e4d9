"""The regional centre's coordinator: the group «Координатор РНЦ» and its permissions.

The coordinator keeps the list of the region's colleges and the regional denominators, reads
the packages and the journal of uploads, and edits the centre's own card. Packages come only
by upload (mentorship.region.upload), so nobody adds or changes them in the admin. No
permission on any college model: the centre never holds a person.
"""

from django.db import migrations

from mentorship.lib import role_grants

COORDINATOR = "Координатор РНЦ"

GRANTS = {
    COORDINATOR: [
        "region.view_regioncollege",
        "region.add_regioncollege",
        "region.change_regioncollege",
        *[f"region.{a}_regionaldenominator" for a in ("add", "change", "delete", "view")],
        "region.view_package",
        "region.view_packagekpi",
        "region.view_packageupload",
        "region.view_regionalcentre",
        "region.change_regionalcentre",
    ],
}


def forwards(apps, schema_editor):
    role_grants.grant(apps, GRANTS)


def backwards(apps, schema_editor):
    role_grants.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("region", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
