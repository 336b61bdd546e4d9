"""Forms of mentoring as data: the rules a pair of a form keeps become fields of the form
(filled for the five shipped forms with exactly the rules the code held until now), with
seed 004's per-form details; the curator may add a form of the college's own."""

import django.core.validators
from django.db import migrations, models

from mentorship.lib import role_grants

GRANTS = {"Куратор": ["people.add_mentoringform"]}

# The rules pairs/rules.py hard-coded until now.
RULES = {
    "student-student": {
        "mentee_course_min": 1,
        "mentee_course_max": 2,
        "mentor_senior_course": True,
    },
    "employer-student": {
        "mentee_course_min": 3,
        "mentee_course_max": 4,
        "mentor_from_partner": True,
    },
}

# Seed 004's details per form, filled only where the college has not written its own.
DETAILS = {
    "student-student": {
        "tasks": (
            "Разносторонняя поддержка студента с особыми образовательными или социальными "
            "потребностями либо временная помощь в адаптации к новым условиям обучения: "
            "реализация лидерского потенциала, улучшение образовательных, творческих и "
            "спортивных результатов, развитие гибких навыков и метакомпетенций."
        ),
        "expected_results": (
            "Высокий уровень включённости наставляемых во все социальные, культурные и "
            "образовательные процессы организации; повышение успеваемости и улучшение "
            "психоэмоционального фона внутри группы."
        ),
        "risks": (
            "1. Отсутствие желания наставляемых принимать наставническую поддержку "
            "(разъяснительные беседы, мотивационные ситуации).\n"
            "2. Конфликтные межличностные ситуации между наставляемым и наставником "
            "(психологические тренинги)."
        ),
    },
    "teacher-teacher": {
        "tasks": (
            "Успешное закрепление на месте работы молодого специалиста, повышение его "
            "профессионального потенциала, создание комфортной профессиональной среды."
        ),
        "expected_results": (
            "Повышение включённости молодых (новых) специалистов в педагогическую работу и "
            "культурную жизнь организации, уверенность в собственных силах, развитие личного, "
            "творческого и педагогического потенциала."
        ),
        "risks": (
            "1. Наставляемый не желает участвовать в некоторых мероприятиях программы "
            "(индивидуальные мотивационные беседы).\n"
            "2. Отсутствие взаимопонимания между наставником и наставляемым "
            "(психологические тренинги)."
        ),
    },
    "teacher-student": {
        "tasks": (
            "Разносторонняя поддержка студента с особыми образовательными потребностями, "
            "временная помощь в адаптации к новым условиям обучения."
        ),
        "expected_results": (
            "Повышение включённости наставляемых в социальные, культурные и образовательные "
            "процессы, повышение уровня адаптации обучающихся."
        ),
        "risks": (
            "Нежелание наставляемых принимать наставническую помощь (разъяснительные беседы, "
            "мотивационные ситуации)."
        ),
    },
    "employer-student": {
        "tasks": (
            "Получение студентом актуального профессионального опыта и развитие личных "
            "качеств, необходимых для осознанного самоопределения и самореализации."
        ),
        "expected_results": (
            "Повышение мотивированности и осознанности студентов в вопросах саморазвития и "
            "профессионального образования; конкретные профессиональные навыки, необходимые "
            "для вступления в трудовую деятельность."
        ),
        "risks": (
            "Затруднённость контроля за результативностью наставнической помощи в период "
            "практики."
        ),
    },
}

# What each role-model variant means (seed 004), where the college has not said it.
MEANINGS = {
    "успевающий – неуспевающий": (
        "Классический вариант поддержки для достижения лучших образовательных результатов."
    ),
    "лидер – пассивный": (
        "Психоэмоциональная поддержка с адаптацией в коллективе или развитием "
        "коммуникационных, творческих, лидерских навыков."
    ),
    "равный – равному": (
        "Обмен навыками (например, наставник обладает критическим мышлением, а наставляемый "
        "креативным); взаимная поддержка, совместная работа над проектом."
    ),
    "опытный педагог – молодой специалист": (
        "Классический вариант поддержки для приобретения молодым специалистом необходимых "
        "профессиональных навыков и закрепления на месте работы."
    ),
    "лидер педагогического сообщества – педагог, испытывающий проблемы": (
        "Конкретная психоэмоциональная поддержка в сочетании с профессиональной помощью."
    ),
    "педагог-новатор – консервативный педагог": (
        "Более молодой преподаватель помогает опытному овладеть современными программами и "
        "цифровыми навыками."
    ),
    "опытный предметник – неопытный предметник": (
        "Методическая поддержка по конкретному предмету: пособия, рабочие программы, "
        "тематические планы."
    ),
    "активный профессионал – равнодушный потребитель": (
        "Мотивационная и ценностная поддержка с развитием коммуникативных и профессиональных "
        "навыков, осознанного выбора карьерной траектории."
    ),
    "успешный профессионал – студент, выбирающий профессию": (
        "Краткосрочное взаимодействие: наставник представляет студенту возможности и "
        "перспективы конкретного места работы."
    ),
    "работодатель – будущий сотрудник": (
        "Профессиональная поддержка в формате стажировки: конкретные навыки и компетенции, "
        "адаптация на рабочем месте и последующее трудоустройство."
    ),
}


def forwards(apps, schema_editor):
    MentoringForm = apps.get_model("people", "MentoringForm")
    RoleModel = apps.get_model("people", "RoleModel")
    for code, rules in RULES.items():
        MentoringForm.objects.filter(code=code).update(**rules)
    for form in MentoringForm.objects.filter(code__in=DETAILS):
        for field, text in DETAILS[form.code].items():
            if not getattr(form, field):
                setattr(form, field, text)
        form.save()
    for name, meaning in MEANINGS.items():
        RoleModel.objects.filter(name=name, description="").update(description=meaning)
    role_grants.grant(apps, GRANTS)


def backwards(apps, schema_editor):
    role_grants.revoke(apps, GRANTS)



class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_roles'),
        ('people', '0013_college_inn_college_region'),
    ]

    operations = [
        migrations.AddField(
            model_name='mentoringform',
            name='expected_results',
            field=models.TextField(blank=True, verbose_name='планируемые результаты'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='mentee_course_max',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(6)], verbose_name='курс наставляемого-обучающегося: по'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='mentee_course_min',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(6)], verbose_name='курс наставляемого-обучающегося: с'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='mentor_course_max',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(6)], verbose_name='курс наставника-обучающегося: по'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='mentor_course_min',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(6)], verbose_name='курс наставника-обучающегося: с'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='mentor_from_partner',
            field=models.BooleanField(default=False, verbose_name='наставник — сотрудник организации-партнёра'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='mentor_senior_course',
            field=models.BooleanField(default=False, verbose_name='наставник-обучающийся учится на старшем курсе, чем наставляемый'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='period',
            field=models.CharField(blank=True, max_length=200, verbose_name='срок'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='risks',
            field=models.TextField(blank=True, verbose_name='риски и пути их минимизации'),
        ),
        migrations.AddField(
            model_name='mentoringform',
            name='tasks',
            field=models.TextField(blank=True, verbose_name='цели и задачи'),
        ),
        migrations.AlterField(
            model_name='rolemodel',
            name='description',
            field=models.TextField(blank=True, verbose_name='смысл взаимодействия'),
        ),
        migrations.AddConstraint(
            model_name='mentoringform',
            constraint=models.CheckConstraint(condition=models.Q(('mentor_course_min__isnull', True), ('mentor_course_max__isnull', True), ('mentor_course_min__lte', models.F('mentor_course_max')), _connector='OR'), name='people_mentoringform_mentor_courses_ordered'),
        ),
        migrations.AddConstraint(
            model_name='mentoringform',
            constraint=models.CheckConstraint(condition=models.Q(('mentee_course_min__isnull', True), ('mentee_course_max__isnull', True), ('mentee_course_min__lte', models.F('mentee_course_max')), _connector='OR'), name='people_mentoringform_mentee_courses_ordered'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
