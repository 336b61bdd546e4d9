from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("roadmap", "0006_reportdownload_to_documents"),
    ]

    operations = [
        migrations.AlterModelTable(name="reportdownload", table=None),
    ]
