"""The journal of downloads belongs to mentorship.documents now (documents 0001 takes the
model over with its table); roadmap only forgets it, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0005_report_downloads"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ReportDownload")],
            database_operations=[],
        ),
    ]
