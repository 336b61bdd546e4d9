"""The shipped indicator «…из числа обучающихся» now counts full-time students only: the
people base records the form of study (people 0007). Its description as 0003 shipped it
said the base had no form of study; it gets the registry's new formula — unless the
organisation has rewritten it, then its own text stays.
"""

from django.db import migrations

OLD = (
    "Обучающиеся-наставляемые (в паре, работавшей в году) ÷ все обучающиеся в базе × "
    "100 %. Формы обучения в базе нет: считаются все обучающиеся; число обучающихся "
    "очной формы можно внести знаменателем за год."
)
NEW = (
    "Обучающиеся очной формы — наставляемые (в паре, работавшей в году) ÷ все обучающиеся "
    "очной формы обучения в базе × 100 %. Обучающиеся очно-заочной и заочной форм не "
    "считаются. Число обучающихся очной формы можно внести знаменателем за год; без него "
    "знаменатель — обучающиеся очной формы в базе."
)


def _replace(apps, old, new):
    Indicator = apps.get_model("roadmap", "Indicator")
    Indicator.objects.filter(computation="mentees_students", description=old).update(
        description=new
    )


def forwards(apps, schema_editor):
    _replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0008_report_approvals"),
        ("people", "0008_students_full_time"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
