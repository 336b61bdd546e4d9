# The admin's lists of meetings and of pairs are read in their Meta.ordering: with an index in
# that order the database walks it and stops at the page's 50 rows, instead of joining every
# meeting (or computing every pair's activity and plan figures) and sorting them all.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pairs", "0004_register_documents"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["-date", "-id"], name="pairs_meeting_date_id"),
        ),
        migrations.AddIndex(
            model_name="pair",
            index=models.Index(fields=["-start_date", "id"], name="pairs_pair_start_date_id"),
        ),
    ]
