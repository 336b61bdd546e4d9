"""Four more standard indicators: the readings colleges' programmes give beside the
indicators of 0003, each next to the one it reads differently (the orders between theirs).

Satisfaction as the share of people satisfied (a score of 8 of 10 or more), individual plans
as the share of plans done at 90 % or more, consents over the whole base of mentors and
mentees. Names and formulas as the registry (roadmap/kpi/registry.py) writes them, frozen
here like 0003's: later changes to the registry do not rewrite data. No targets: they come
from each organisation's programme.
"""

from django.db import migrations

INDICATORS = [
    {
        "order": 45,
        "computation": "mentees_satisfied",
        "name": (
            "Доля наставляемых, удовлетворённых участием в программе наставничества (оценка "
            "не ниже 8 из 10)"
        ),
        "description": (
            "Наставляемые с оценкой не ниже 8 из 10 ÷ наставляемые, ответившие на вопросы об "
            "удовлетворённости в году × 100 %. Оценка человека — средний балл его ответов на "
            "вопросы об удовлетворённости (шкала 1–10), полученных в календарном году; каждый "
            "ответивший считается один раз."
        ),
    },
    {
        "order": 55,
        "computation": "mentors_satisfied",
        "name": (
            "Доля наставников, удовлетворённых участием в программе наставничества (оценка не "
            "ниже 8 из 10)"
        ),
        "description": (
            "Наставники с оценкой не ниже 8 из 10 ÷ наставники, ответившие на вопросы об "
            "удовлетворённости в году × 100 %. Оценка человека — средний балл его ответов на "
            "вопросы об удовлетворённости (шкала 1–10), полученных в календарном году; каждый "
            "ответивший считается один раз."
        ),
    },
    {
        "order": 105,
        "computation": "consents_whole_base",
        "name": "Доля участников из общей базы с согласием на обработку персональных данных",
        "description": (
            "Наставники и наставляемые из базы с согласием, действующим на 31 декабря ÷ все "
            "наставники и наставляемые в базе, в том числе без пары × 100 %. База — банки "
            "наставников и наставляемых, как они есть сейчас. Согласие действует, если "
            "подписано до конца года и не отозвано до конца года; за несовершеннолетнего на "
            "31 декабря — подписанное законным представителем, как при составлении пар. "
            "Каждый человек считается один раз."
        ),
    },
    {
        "order": 115,
        "computation": "plans_done_90",
        "name": "Доля индивидуальных планов, выполненных не менее чем на 90 %",
        "description": (
            "Индивидуальные планы, в которых выполнено не менее 90 % задач со сроком в году ÷ "
            "индивидуальные планы пар, работавших в году, хотя бы с одной задачей со сроком в "
            "году × 100 %. Считаются задачи со сроком в году; задача, отмеченная выполненной "
            "позже срока, тоже выполнена."
        ),
    },
]


def forwards(apps, schema_editor):
    Indicator = apps.get_model("roadmap", "Indicator")
    taken = set(Indicator.objects.values_list("computation", flat=True))
    names = set(Indicator.objects.values_list("name", flat=True))
    for data in INDICATORS:
        # An organisation that already set up an indicator for a computation keeps its own.
        if data["computation"] in taken or data["name"] in names:
            continue
        Indicator.objects.create(unit="%", **data)


def backwards(apps, schema_editor):
    Indicator = apps.get_model("roadmap", "Indicator")
    # Only what this migration could have made and nobody has filled in since.
    Indicator.objects.filter(
        name__in=[data["name"] for data in INDICATORS],
        targets__isnull=True,
        year_data__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0006_reportdownload_to_documents")]

    operations = [migrations.RunPython(forwards, backwards)]
