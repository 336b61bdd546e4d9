"""The five forms of mentoring of the target model, their role-model variants (seed 004)
and the starting list of competencies / request topics."""

from django.db import migrations

FORMS = [
    {
        "code": "student-student",
        "name": "Студент – студент",
        "order": 1,
        "mentor_kinds": ["student", "alumnus"],
        "mentee_kinds": ["student"],
        "description": (
            "Наставляемые — обучающиеся 1–2 курсов; наставники — обучающиеся 3–4 курсов, "
            "выпускники. Разносторонняя поддержка студента с особыми образовательными или "
            "социальными потребностями либо временная помощь в адаптации к новым условиям обучения."
        ),
        "role_models": [
            "успевающий – неуспевающий",
            "лидер – пассивный",
            "равный – равному",
        ],
    },
    {
        "code": "student-pupil",
        "name": "Студент – ученик",
        "order": 2,
        "mentor_kinds": ["student"],
        "mentee_kinds": ["pupil"],
        "description": (
            "Наставники — обучающиеся старших курсов; наставляемые — школьники. "
            "Профессиональная ориентация, помощь в выборе профессии, совместные проекты."
        ),
        "role_models": [
            "успевающий – неуспевающий",
            "лидер – пассивный",
            "равный – другому",
            "студент-профессионал – школьник, выбирающий профессию",
        ],
    },
    {
        "code": "teacher-teacher",
        "name": "Педагог – педагог",
        "order": 3,
        "mentor_kinds": ["teacher"],
        "mentee_kinds": ["teacher"],
        "description": (
            "Наставляемые — молодые специалисты с опытом работы от 0 до 3 лет и педагоги, "
            "сменившие место работы; наставники — опытные педагоги."
        ),
        "role_models": [
            "опытный педагог – молодой специалист",
            "лидер педагогического сообщества – педагог, испытывающий проблемы",
            "педагог-новатор – консервативный педагог",
            "опытный предметник – неопытный предметник",
        ],
    },
    {
        "code": "teacher-student",
        "name": "Педагог – студент",
        "order": 4,
        "mentor_kinds": ["teacher"],
        "mentee_kinds": ["student"],
        "description": (
            "Наставляемые — обучающиеся 1–4 курсов; наставники — педагоги техникума, "
            "классные руководители, социальный педагог."
        ),
        "role_models": [
            "лидер – пассивный",
            "активный профессионал – равнодушный потребитель",
        ],
    },
    {
        "code": "employer-student",
        "name": "Работодатель – студент",
        "order": 5,
        "mentor_kinds": ["employee"],
        "mentee_kinds": ["student"],
        "description": (
            "Наставляемые — студенты 3 и 4 курсов; наставники — руководители практики "
            "от предприятия."
        ),
        "role_models": [
            "активный профессионал – равнодушный потребитель",
            "успешный профессионал – студент, выбирающий профессию",
            "работодатель – будущий сотрудник",
        ],
    },
]

COMPETENCIES = [
    "Адаптация к новым условиям обучения",
    "Адаптация в коллективе",
    "Помощь в учёбе и самостоятельных работах",
    "Подготовка к олимпиадам и конкурсам",
    "Подготовка к чемпионату «Профессионалы» / WorldSkills",
    "Подготовка к демонстрационному экзамену",
    "Проектная деятельность",
    "Профориентация и выбор карьерной траектории",
    "Производственная практика и трудоустройство",
    "Лидерские и коммуникативные навыки",
    "Творчество, спорт, внеурочная деятельность",
    "Психоэмоциональная поддержка",
    "Разработка рабочих программ и КТП",
    "Методика проведения занятий",
    "Подготовка к аттестации педагога",
    "Цифровые образовательные технологии",
    "Работа с обучающимися с ОВЗ",
    "Взаимодействие с родителями и студенческой группой",
]


def forwards(apps, schema_editor):
    MentoringForm = apps.get_model("people", "MentoringForm")
    RoleModel = apps.get_model("people", "RoleModel")
    Competency = apps.get_model("people", "Competency")
    for spec in FORMS:
        spec = dict(spec)
        role_models = spec.pop("role_models")
        form, _ = MentoringForm.objects.update_or_create(code=spec.pop("code"), defaults=spec)
        for name in role_models:
            RoleModel.objects.get_or_create(form=form, name=name)
    for name in COMPETENCIES:
        Competency.objects.get_or_create(name=name)


def backwards(apps, schema_editor):
    apps.get_model("people", "MentoringForm").objects.filter(
        code__in=[spec["code"] for spec in FORMS]
    ).delete()
    apps.get_model("people", "Competency").objects.filter(name__in=COMPETENCIES).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
