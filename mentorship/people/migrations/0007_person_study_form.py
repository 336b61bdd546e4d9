"""The form of study of a learner (очная, очно-заочная, заочная); 0008 fills it in for the
students already in the base."""

from django.conf import settings
from django.db import migrations, models

CHOICES = [("full_time", "очная"), ("part_time", "очно-заочная"), ("extramural", "заочная")]


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_destruction_row_choices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalperson",
            name="study_form",
            field=models.CharField(
                blank=True, choices=CHOICES, max_length=20, verbose_name="форма обучения"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="study_form",
            field=models.CharField(
                blank=True, choices=CHOICES, max_length=20, verbose_name="форма обучения"
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("study_form", ""), ("kind__in", ["student", "pupil"]), _connector="OR"
                ),
                name="people_person_study_form_only_for_learners",
            ),
        ),
    ]
