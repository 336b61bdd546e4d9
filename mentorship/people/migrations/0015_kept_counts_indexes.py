# The dashboard's kept KPI counts (roadmap/kpi/kept.py) read the people's latest updated_at
# and count the withdrawn consents on every visit: from these indexes, not a scan.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0014_forms_as_data"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="consent",
            index=models.Index(
                condition=models.Q(("withdrawn_on__isnull", False)),
                fields=["withdrawn_on"],
                name="people_consent_withdrawn",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["updated_at"], name="people_person_updated_at"),
        ),
    ]
