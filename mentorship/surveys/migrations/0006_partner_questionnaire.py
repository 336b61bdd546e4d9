"""The sixth shipped questionnaire: the partner organisation's (employer's) voice. Seed 001
surveys the partners, seed 004 informs and thanks them; the contact person answers for the
organisation through a personal link. The curator may edit it afterwards, like the five."""

from django.db import migrations

SCALE = "scale"
YES_NO = "yes_no"
MULTIPLE = "multiple"
LONG = "long_text"


def q(text, kind, *, required=True, choices=()):
    return {"text": text, "kind": kind, "required": required, "choices": list(choices)}


PARTNER = {
    "code": "partner",
    "title": "Анкета для организации-партнёра (работодателя)",
    "purpose": "partner",
    "audience": "partner",
    "intro": "Просим вас от имени организации ответить на вопросы о сотрудничестве с колледжем "
    "в программе наставничества в этом году. Ответы видят только куратор программы и "
    "руководство колледжа; они помогут сделать программу полезнее для вас и для студентов.",
    "questions": [
        q("Оцените сотрудничество вашей организации с колледжем в программе наставничества.", SCALE),
        q("Насколько удобным было взаимодействие с куратором программы?", SCALE),
        q("Оцените подготовку студентов (наставляемых), с которыми работали ваши сотрудники.", SCALE),
        q("Насколько наставляемые готовы к работе в вашей организации после обучения?", SCALE),
        q("Насколько посильной была для ваших сотрудников нагрузка наставника?", SCALE),
        q("Насколько программа оправдала ожидания вашей организации?", SCALE),
        q("Готова ли ваша организация продолжить сотрудничество в следующем году?", YES_NO),
        q("Готова ли ваша организация принять участников программы на практику или работу?", YES_NO),
        q(
            "Какие формы сотрудничества вам интересны?",
            MULTIPLE,
            required=False,
            choices=[
                "наставники из числа сотрудников",
                "практика и стажировки студентов",
                "экскурсии на предприятие",
                "участие в конкурсах и чемпионатах",
                "трудоустройство выпускников",
                "совместные мероприятия",
            ],
        ),
        q("Ваши предложения по развитию сотрудничества и программы наставничества", LONG, required=False),
    ],
}


def forwards(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Question = apps.get_model("surveys", "Question")
    Choice = apps.get_model("surveys", "Choice")
    spec = dict(PARTNER)
    questions = spec.pop("questions")
    questionnaire, created = Questionnaire.objects.get_or_create(code=spec.pop("code"), defaults=spec)
    if not created:
        return
    for order, question in enumerate(questions, start=1):
        question = dict(question)
        choices = question.pop("choices")
        saved = Question.objects.create(questionnaire=questionnaire, order=order, **question)
        for choice_order, text in enumerate(choices, start=1):
            Choice.objects.create(question=saved, order=choice_order, text=text)


def backwards(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Questionnaire.objects.filter(code="partner", waves__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0005_partner_invitations")]

    operations = [migrations.RunPython(forwards, backwards)]
