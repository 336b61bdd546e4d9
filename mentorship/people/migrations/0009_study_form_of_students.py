"""Every student has a form of study (0008 gave the ones already in the base «очная»): the
KPI's full-time students are counted from it. Its own migration: on PostgreSQL a table
whose rows were just updated (0008) cannot be altered in the same transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0008_students_full_time")]

    operations = [
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "student"), ("study_form", ""), _negated=True),
                name="people_person_study_form_of_students",
            ),
        ),
    ]
