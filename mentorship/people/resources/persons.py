"""The people base: one row per person, identified by full name + birth date."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from mentorship.imports.resources import Column, XlsxResource, flag_column, labels
from mentorship.imports.widgets import (
    ChoiceWidget,
    DateWidget,
    EmailWidget,
    IntegerWidget,
    NameWidget,
    TextWidget,
)
from mentorship.lib.text import clean_spaces
from mentorship.lib.xlsx import FormulaProblem
from mentorship.people.destruction import withdrawn_people
from mentorship.people.group_courses import GroupCourseRule
from mentorship.people.models import PartnerOrganisation, Person
from mentorship.people.models.persons import SPECIAL_CATEGORIES_PERM, SPECIAL_CATEGORY_FIELDS

from . import synonyms
from .organisations import OrganisationWidget

LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH_DATE = "Фамилия", "Имя", "Отчество", "Дата рождения"
IDENTITY_LABEL = "ФИО и дата рождения"
STUDY_FORM = "Форма обучения"
GROUP, COURSE = "Группа", "Курс"
IDENTITY_COLUMNS = (LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH_DATE)
NAME_FIELDS = ("last_name", "first_name", "middle_name")


_NAME, _DATE = NameWidget(), DateWidget()
LEARNERS = (Person.Kind.STUDENT, Person.Kind.PUPIL)


def person_key_from_row(row) -> str | None:
    """Person.natural_key for a row, or None while its name or birth date is unusable."""
    try:
        last = _NAME.clean(row.get(LAST_NAME))
        first = _NAME.clean(row.get(FIRST_NAME))
        middle = _NAME.clean(row.get(MIDDLE_NAME))
        born = _DATE.clean(row.get(BIRTH_DATE))
    except ValueError:
        return None
    if not (last and first and born):
        return None
    return Person.build_natural_key(last, first, middle, born)


def identity_columns(prefix: str = "", readonly: bool = False) -> dict[str, Column]:
    """Фамилия, Имя, Отчество, Дата рождения — own fields of a person, or a profile's
    way of naming its person (prefix "person__", read-only)."""
    name_help = "лишние пробелы, регистр и латинские буквы-двойники исправляются сами"
    return {
        "last_name": Column(
            attribute=f"{prefix}last_name",
            column_name=LAST_NAME,
            widget=NameWidget(),
            readonly=readonly,
            required=True,
            help_text=name_help,
        ),
        "first_name": Column(
            attribute=f"{prefix}first_name",
            column_name=FIRST_NAME,
            widget=NameWidget(),
            readonly=readonly,
            required=True,
            help_text=name_help,
        ),
        "middle_name": Column(
            attribute=f"{prefix}middle_name",
            column_name=MIDDLE_NAME,
            widget=NameWidget(),
            readonly=readonly,
            help_text="если нет — оставьте пустым",
            synonyms=synonyms.MIDDLE_NAME,
        ),
        "birth_date": Column(
            attribute=f"{prefix}birth_date",
            column_name=BIRTH_DATE,
            widget=DateWidget(birth_date=True),
            readonly=readonly,
            required=True,
            help_text="ДД.ММ.ГГГГ или дата Excel; не в будущем и не раньше чем 100 лет назад",
            synonyms=synonyms.BIRTH_DATE,
        ),
    }


_identity = identity_columns()


def _flag(attribute: str, column_name: str, *other_headers: str) -> Column:
    return flag_column(attribute, column_name, synonyms=other_headers)


class PersonResource(XlsxResource):
    last_name = _identity["last_name"]
    first_name = _identity["first_name"]
    middle_name = _identity["middle_name"]
    birth_date = _identity["birth_date"]
    kind = Column(
        attribute="kind",
        column_name="Категория",
        widget=ChoiceWidget(Person.Kind.choices),
        required=True,
        help_text=f"одно из: {labels(Person.Kind.choices)} (в любом регистре)",
        synonyms=("Категория участника", "Категория участника программы", "Категория лица"),
    )
    study_group = Column(
        attribute="study_group",
        column_name=GROUP,
        widget=TextWidget(),
        help_text="учебная группа, например ГЭ-24-1",
        synonyms=(
            "Учебная группа",
            "№ группы",
            "Номер группы",
            "Группа обучения",
            "Шифр группы",
            "Наименование группы",
            "Гр.",
        ),
    )
    course = Column(
        attribute="course",
        column_name=COURSE,
        widget=IntegerWidget(1, 6),
        help_text="целое число от 1 до 6; только для обучающихся и школьников. Колонку можно "
        "не включать: если в карточке организации указано, как из названия группы узнать "
        "курс, пустой курс обучающегося узнаётся по группе, иначе курс не меняется",
        synonyms=("Курс обучения", "№ курса", "Номер курса"),
    )
    study_form = Column(
        attribute="study_form",
        column_name=STUDY_FORM,
        widget=ChoiceWidget(Person.StudyForm.choices, empty_value=""),
        help_text=(
            f"одно из: {labels(Person.StudyForm.choices)} (в любом регистре); только для "
            "обучающихся и школьников. У обучающегося пустая ячейка — «очная»; колонку "
            "можно не включать: новые обучающиеся тогда очные, у остальных форма не меняется"
        ),
        synonyms=("Форма обуч.", "Форма получения образования", "Форма освоения программы"),
    )
    specialty = Column(
        attribute="specialty",
        column_name="Специальность",
        widget=TextWidget(),
        synonyms=(
            "Специальность/профессия",
            "Специальность / профессия",
            "Профессия/специальность",
            "Профессия / специальность",
            "Специальность (профессия)",
            "Специальность, профессия",
            "Профессия",
            "Наименование специальности",
            "Код и наименование специальности",
            "Направление подготовки",
            "Образовательная программа",
        ),
    )
    position = Column(
        attribute="position",
        column_name="Должность",
        widget=TextWidget(),
        synonyms=(
            "Занимаемая должность",
            "Наименование должности",
            "Должность по штатному расписанию",
        ),
    )
    experience_years = Column(
        attribute="experience_years",
        column_name="Стаж, лет",
        widget=IntegerWidget(0, 70),
        help_text="целое число лет, от 0 до 70",
        synonyms=(
            "Стаж",
            "Стаж (лет)",
            "Стаж работы",
            "Стаж работы, лет",
            "Общий стаж",
            "Педагогический стаж",
            "Педагогический стаж, лет",
            "Педстаж",
            "Стаж по специальности",
            "Стаж работы по специальности",
        ),
    )
    organisation = Column(
        attribute="organisation",
        column_name="Организация",
        widget=OrganisationWidget(PartnerOrganisation, "организации"),
        help_text="название из базы организаций-партнёров; обязательно для категории "
        "«сотрудник предприятия»",
        synonyms=(
            "Место работы",
            "Наименование организации",
            "Наименование предприятия",
            "Организация-партнёр",
            "Предприятие",
            "Работодатель",
        ),
    )
    phone = Column(
        attribute="phone",
        column_name="Телефон",
        widget=TextWidget(),
        help_text="как удобно, например +7 900 123-45-67",
        synonyms=synonyms.PHONE,
    )
    email = Column(
        attribute="email", column_name="Email", widget=EmailWidget(), synonyms=synonyms.EMAIL
    )
    has_disability = _flag(
        "has_disability",
        "ОВЗ",
        "ОВЗ / инвалидность",
        "ОВЗ/инвалидность",
        "ОВЗ, инвалидность",
        "ОВЗ и инвалидность",
        "Инвалидность",
        "Лицо с ОВЗ",
        "Обучающийся с ОВЗ",
    )
    is_gifted = _flag("is_gifted", "Одарённый", "Одарённые", "Одарённость", "Одарённый ребёнок")
    hard_life_situation = _flag(
        "hard_life_situation",
        "ТЖС",
        "Трудная жизненная ситуация",
        "ТЖС (трудная жизненная ситуация)",
        "В ТЖС",
    )
    low_income_family = _flag(
        "low_income_family",
        "Малоимущая семья",
        "Малоимущие",
        "Малоимущий",
        "Из малоимущей семьи",
        "Малообеспеченная семья",
        "Малообеспеченные",
    )
    rural = _flag(
        "rural",
        "Сельская местность",
        "Проживает в сельской местности",
        "Из сельской местности",
        "Сельский житель",
    )
    orphan = _flag(
        "orphan",
        "Сирота",
        "Сироты",
        "Сирота/ОБПР",
        "Сирота / ОБПР",
        "Сирота, ОБПР",
        "Дети-сироты",
        "Ребёнок-сирота",
        "Сирота или оставшийся без попечения родителей",
    )

    identity_label = IDENTITY_LABEL
    # Files made before the form of study was recorded still load; a student list may
    # give the group without the course (the course is then read from the group).
    optional_columns = (STUDY_FORM, COURSE)
    # A single «ФИО» column of a curator's file fills these three.
    full_name_columns = (LAST_NAME, FIRST_NAME, MIDDLE_NAME)
    special_fields = tuple(SPECIAL_CATEGORY_FIELDS)
    special_fields_permission = SPECIAL_CATEGORIES_PERM
    # The file and its preview carry health and social status (152-ФЗ special
    # categories): only a role that may see them may load them.
    special_fields_refusal = (
        "Эта база содержит особые категории персональных данных (ОВЗ, ТЖС, "
        "малоимущая семья, сирота): загружать её может только роль с доступом к ним."
    )

    class Meta(XlsxResource.Meta):
        model = Person
        name = "Люди"
        # Thousands of rows: written in batches, each with its history records.
        use_bulk = True
        fields = (
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "kind",
            "study_group",
            "course",
            "study_form",
            "specialty",
            "position",
            "experience_years",
            "organisation",
            "phone",
            "email",
            "has_disability",
            "is_gifted",
            "hard_life_situation",
            "low_income_family",
            "rural",
            "orphan",
        )
        import_id_fields = ("last_name", "first_name", "middle_name", "birth_date")

    def row_key(self, row):
        # Asked twice per row (repeats in the file, then the match in the base).
        cells = tuple(row.get(column) for column in IDENTITY_COLUMNS)
        try:
            return self._row_keys[cells]
        except KeyError:
            key = self._row_keys[cells] = person_key_from_row(row)
            return key
        except TypeError:  # an unhashable cell value
            return person_key_from_row(row)

    def __init__(self, user=None, **kwargs):
        super().__init__(user, **kwargs)
        self._row_keys: dict[tuple, str | None] = {}
        self._group_course: tuple[GroupCourseRule, object] | None = None

    def import_data(self, dataset, *args, **kwargs):
        self._row_keys = {}
        self._group_course = None
        try:
            return super().import_data(dataset, *args, **kwargs)
        finally:
            self._row_keys = {}
            self._group_course = None

    def existing_queryset(self, keys):
        return Person.objects.filter(natural_key__in=keys).select_related("organisation")

    def instance_key(self, instance):
        return instance.natural_key

    def instance_version(self, instance):
        # Every save of a person (the card, an import) sets updated_at: the same version
        # the curator's card checks (PersonAdminForm).
        return instance.updated_at.isoformat()

    def duplicate_message(self, first_row):
        return (
            f"этот человек (ФИО и дата рождения) уже есть в файле в строке {first_row}; "
            "оставьте одну строку"
        )

    def import_instance(self, instance, row, **kwargs):
        stored = {name: getattr(instance, name) for name in NAME_FIELDS}
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        finally:
            if instance.pk:
                _keep_stored_yo(instance, stored)
        if "course" not in errors:
            try:
                self._course_from_group(instance, row)
            except ValueError as error:
                errors["course"] = [str(error)]
        if errors:
            raise ValidationError(errors)
        _settle_study_form(instance, given=STUDY_FORM in row)

    def _course_from_group(self, instance, row) -> None:
        """A student whose course the file leaves out (no column, or an empty cell) gets
        the course the group's name says, when the college's setting says how."""
        given = row.get(COURSE)
        if isinstance(given, FormulaProblem) or clean_spaces(given):
            return
        if instance.kind != Person.Kind.STUDENT or not instance.study_group:
            return
        if self._group_course is None:  # once per import, when first needed
            self._group_course = (GroupCourseRule.of_college(), timezone.localdate())
        rule, today = self._group_course
        if rule.active:
            instance.course = rule.course(instance.study_group, today)

    def filter_export(self, queryset, **kwargs):
        # A withdrawn consent takes the person out of every export at once.
        return queryset.exclude(pk__in=withdrawn_people().values("pk")).select_related(
            "organisation"
        )

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = "Люди"

    def clean_exclude(self, instance):
        return {"name_key", "natural_key"}


def _settle_study_form(instance, *, given: bool) -> None:
    """Before the row is compared with the base (and written in bulk, without save()): a
    student without a form is full-time, as Person.save() would make them; a file without
    the column leaves no form on a person who stopped being a learner. A form the file
    does give to a non-learner is left for Person.clean() to refuse."""
    if not given and instance.kind not in LEARNERS:
        instance.study_form = ""
    instance.fill_default_study_form()


def _keep_stored_yo(instance, stored: dict[str, str]) -> None:
    """A file written with «е» matches «Семёнов»; it must not rewrite him as «Семенов»."""
    for name, old in stored.items():
        new = getattr(instance, name)
        if (
            old
            and isinstance(new, str)
            and "ё" in old.lower()
            and "ё" not in new.lower()
            and old.lower().replace("ё", "е") == new.lower()
        ):
            setattr(instance, name, old)
