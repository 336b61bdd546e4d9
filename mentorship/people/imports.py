"""The people app's four xlsx bases in the import registry: people, mentors, mentees and
partner organisations (mentorship.imports runs them, like every app's bases).

    python manage.py import_xlsx people|mentors|mentees|organisations FILE [--commit]
"""

from collections.abc import Callable

from mentorship.imports.registry import XlsxBase, register

from .models import (
    Competency,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    PartnerOrganisation,
    Person,
)
from .resources import (
    MenteeProfileResource,
    MentorProfileResource,
    PartnerOrganisationResource,
    PersonResource,
)


def _people_reference_lists() -> list[tuple[str, list[str]]]:
    return [
        ("Категории", _choice_labels(Person.Kind.choices)),
        ("Формы обучения", _choice_labels(Person.StudyForm.choices)),
        ("Организации-партнёры в базе", _names(PartnerOrganisation)),
    ]


def _profile_reference_lists(model) -> Callable[[], list[tuple[str, list[str]]]]:
    def lists() -> list[tuple[str, list[str]]]:
        return [
            ("Статусы", _choice_labels(model.Status.choices)),
            ("Формы наставничества", _names(MentoringForm)),
            ("Компетенции и темы запросов", _names(Competency)),
        ]

    return lists


def _names(model) -> list[str]:
    return list(model.objects.values_list("name", flat=True))


def _choice_labels(choices) -> list[str]:
    return [label for _value, label in choices]


# People and their profiles are found as the same person (the natural key).
BY_PERSON = "фамилии, имени, отчеству и дате рождения"
NEEDS_PERSON = "Человек уже должен быть в базе «Люди»."

register(
    XlsxBase(
        code="people",
        title="Люди",
        model=Person,
        resource_class=PersonResource,
        identified_by=BY_PERSON,
        reference_lists=_people_reference_lists,
        rules=(
            "Форма обучения — очная, очно-заочная или заочная, только у обучающихся и "
            "школьников. Обучающийся с пустой ячейкой — очный; файл без колонки «Форма "
            "обучения» записывает новых обучающихся очными и не меняет форму остальных.",
            "Курс можно не указывать: если в карточке организации («Учебный год») выбрано, "
            "как из названия группы узнать курс, пустой курс обучающегося узнаётся по группе "
            "(ГР-241 — набор 2024 года; ТМ-21 — 2 курс); группа, по которой курс не узнать, — "
            "ошибка строки. Без этой настройки файл без колонки «Курс» курс не меняет.",
        ),
    ),
    XlsxBase(
        code="mentors",
        title="Наставники",
        model=MentorProfile,
        resource_class=MentorProfileResource,
        identified_by=BY_PERSON,
        needs=NEEDS_PERSON,
        reference_lists=_profile_reference_lists(MentorProfile),
    ),
    XlsxBase(
        code="mentees",
        title="Наставляемые",
        model=MenteeProfile,
        resource_class=MenteeProfileResource,
        identified_by=BY_PERSON,
        needs=NEEDS_PERSON,
        reference_lists=_profile_reference_lists(MenteeProfile),
    ),
    XlsxBase(
        code="organisations",
        title="Организации-партнёры",
        model=PartnerOrganisation,
        resource_class=PartnerOrganisationResource,
        identified_by="названию",
    ),
)
