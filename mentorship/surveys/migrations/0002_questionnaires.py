"""The questionnaires the seeds' monitoring needs (seed 004, «Мониторинг эффективности»:
quality and satisfaction — этап 1; parameters measured before and after — этап 2), and the
curator questionnaire of seed 002. The curator may edit them afterwards."""

from django.db import migrations

SCALE = "scale"
YES_NO = "yes_no"
SINGLE = "single"
MULTIPLE = "multiple"
SHORT = "short_text"
LONG = "long_text"


def q(text, kind, *, sat=False, parameter="", required=True, choices=(), help_text=""):
    return {
        "text": text,
        "kind": kind,
        "is_satisfaction": sat,
        "parameter": parameter,
        "required": required,
        "choices": list(choices),
        "help_text": help_text,
    }


# The parameters «fixed twice», with the wording of the entry and the exit questionnaire.
PARAMETERS = [
    ("motivation", "Насколько вы мотивированы учиться и развиваться в выбранной профессии?"),
    ("career_clarity", "Насколько ясно вы представляете свой дальнейший профессиональный путь?"),
    ("involvement", "Насколько активно вы участвуете в жизни колледжа (мероприятия, конкурсы, кружки, секции)?"),
    ("adaptation", "Насколько комфортно вы чувствуете себя в своей группе или коллективе?"),
    ("communication", "Насколько уверенно вы общаетесь с преподавателями, коллегами, однокурсниками?"),
    ("teamwork", "Оцените своё умение работать в команде."),
    ("professional_confidence", "Насколько вы уверены в своих профессиональных знаниях и навыках?"),
    ("climate", "Как вы оцениваете психологический климат в вашей группе или коллективе?"),
]

USEFUL = [
    "помощь в учёбе",
    "подготовка к конкурсам, олимпиадам, чемпионатам",
    "адаптация в коллективе",
    "выбор профессионального пути",
    "поддержка в трудной ситуации",
    "практические навыки профессии",
]

QUESTIONNAIRES = [
    {
        "code": "mentee-satisfaction",
        "title": "Анкета удовлетворённости наставляемого",
        "purpose": "satisfaction",
        "audience": "mentee",
        "intro": "Ответьте, пожалуйста, на вопросы о том, как прошла ваша работа с наставником. "
        "Анкета анонимна для наставника: ответы видит только куратор программы.",
        "questions": [
            q("Насколько комфортным было общение с наставником?", SCALE, sat=True),
            q("Насколько полезными были встречи с наставником?", SCALE, sat=True),
            q("Насколько наставник был готов помочь, когда это было нужно?", SCALE, sat=True),
            q("Насколько понятно были поставлены цели совместной работы?", SCALE, sat=True),
            q("В какой мере выполнен ваш индивидуальный план?", SCALE, sat=True),
            q("Насколько оправдались ваши ожидания от участия в программе?", SCALE, sat=True),
            q(
                "Как часто проходили ваши встречи с наставником?",
                SINGLE,
                choices=["реже раза в месяц", "раз в месяц", "2–3 раза в месяц", "каждую неделю"],
            ),
            q("Что в работе с наставником было для вас самым полезным?", MULTIPLE, choices=USEFUL),
            q("Хотели бы вы продолжить работу с наставником?", YES_NO),
            q("Хотели бы вы в будущем сами стать наставником?", YES_NO),
            q("Что, по-вашему, можно улучшить в программе наставничества?", LONG, required=False),
        ],
    },
    {
        "code": "mentor-satisfaction",
        "title": "Анкета удовлетворённости наставника",
        "purpose": "satisfaction",
        "audience": "mentor",
        "intro": "Ответьте, пожалуйста, на вопросы о вашей работе наставником в этом году.",
        "questions": [
            q("Насколько комфортным было общение с наставляемым (группой)?", SCALE, sat=True),
            q("Насколько полезной для наставляемого была ваша работа, по вашей оценке?", SCALE, sat=True),
            q("В какой мере выполнен индивидуальный план наставляемого?", SCALE, sat=True),
            q("Насколько оправдались ваши ожидания от участия в программе?", SCALE, sat=True),
            q("Оцените поддержку куратора программы наставничества.", SCALE, sat=True),
            q("Насколько достаточной была ваша подготовка (обучение) для работы наставником?", SCALE, sat=True),
            q(
                "Сколько времени в месяц вы уделяли наставничеству?",
                SINGLE,
                choices=["до 2 часов", "2–5 часов", "5–10 часов", "больше 10 часов"],
            ),
            q(
                "Что вызывало наибольшие трудности?",
                MULTIPLE,
                required=False,
                choices=[
                    "нехватка времени",
                    "низкая мотивация наставляемого",
                    "неясные цели работы",
                    "недостаток методической поддержки",
                    "сложности в общении",
                ],
            ),
            q("Хотели бы вы продолжить работу наставником в следующем году?", YES_NO),
            q("Ваши предложения по улучшению программы наставничества", LONG, required=False),
        ],
    },
    {
        "code": "entry-diagnostics",
        "title": "Входная диагностика",
        "purpose": "entry",
        "audience": "participant",
        "intro": "Эта анкета заполняется до начала работы с наставником. Отвечайте честно: "
        "в конце программы вы ответите на те же вопросы, и мы увидим, что изменилось.",
        "questions": [
            *[q(text, SCALE, parameter=code) for code, text in PARAMETERS],
            q("Чего вы ждёте от участия в программе наставничества?", LONG, required=False),
        ],
    },
    {
        "code": "exit-diagnostics",
        "title": "Итоговая (выходная) диагностика",
        "purpose": "exit",
        "audience": "participant",
        "intro": "Эта анкета заполняется по итогам программы. Вопросы те же, что и во входной "
        "диагностике, — так видно, что изменилось за время работы с наставником.",
        "questions": [
            *[q(text, SCALE, parameter=code) for code, text in PARAMETERS],
            q("Что изменилось для вас за время программы?", LONG, required=False),
        ],
    },
    {
        "code": "curator",
        "title": "Анкета куратора",
        "purpose": "curator",
        "audience": "curator",
        "intro": "Анкета куратора программы наставничества по итогам года.",
        "questions": [
            q("Сколько наставнических пар и групп вы сопровождали в этом году?", SHORT),
            q("Оцените качество подбора наставнических пар.", SCALE),
            q("Оцените вовлечённость наставников.", SCALE),
            q("Оцените вовлечённость наставляемых.", SCALE),
            q("Достаточно ли было методических материалов для наставников?", YES_NO),
            q(
                "Какие трудности возникали при реализации программы?",
                MULTIPLE,
                required=False,
                choices=[
                    "мало желающих стать наставниками",
                    "низкая активность пар",
                    "нехватка времени у педагогов",
                    "сложности с организациями-партнёрами",
                    "оформление документов",
                ],
            ),
            q("Сильные стороны программы", LONG, required=False),
            q("Слабые стороны программы и риски", LONG, required=False),
            q("Предложения на следующий год", LONG, required=False),
        ],
    },
]


def forwards(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Question = apps.get_model("surveys", "Question")
    Choice = apps.get_model("surveys", "Choice")
    for spec in QUESTIONNAIRES:
        spec = dict(spec)
        questions = spec.pop("questions")
        questionnaire, created = Questionnaire.objects.get_or_create(code=spec.pop("code"), defaults=spec)
        if not created:
            continue
        for order, question in enumerate(questions, start=1):
            question = dict(question)
            choices = question.pop("choices")
            saved = Question.objects.create(questionnaire=questionnaire, order=order, **question)
            for choice_order, text in enumerate(choices, start=1):
                Choice.objects.create(question=saved, order=choice_order, text=text)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    # Going back past this point drops the tables in 0001; nothing to undo row by row.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
