"""Every student already in the base is full-time («очная»), in the audit history too.

Until the form of study was recorded, the KPI counted every student as a full-time one
(the share of mentees is «% от общего числа обучающихся очной формы обучения»): this keeps
past and present readings as they were. Pupils and everyone else stay without a form.

Its own migration (its own transaction): on PostgreSQL a table whose rows were just
updated cannot be altered in the same transaction.
"""

from django.db import migrations


def students_full_time(apps, schema_editor):
    for name in ("Person", "HistoricalPerson"):
        model = apps.get_model("people", name)
        model.objects.filter(kind="student", study_form="").update(study_form="full_time")


class Migration(migrations.Migration):
    dependencies = [("people", "0007_person_study_form")]

    # Back: 0007 drops the column, nothing to undo here.
    operations = [migrations.RunPython(students_full_time, migrations.RunPython.noop)]
