"""Mentor and mentee banks: a profile of a person who is already in the people base."""

from django.utils import timezone

from mentorship.imports.resources import Column, RelatedSetColumn, XlsxResource, labels
from mentorship.imports.widgets import (
    LIST_SEPARATOR,
    ChoiceWidget,
    IntegerWidget,
    LongTextWidget,
    NamedListWidget,
    NamedWidget,
)
from mentorship.people.destruction import withdrawn_people
from mentorship.people.models import (
    Competency,
    MenteeProfile,
    MenteeRequest,
    MentoringForm,
    MentorProfile,
    Person,
)

from .persons import (
    FIRST_NAME,
    IDENTITY_LABEL,
    LAST_NAME,
    MIDDLE_NAME,
    identity_columns,
    person_key_from_row,
)

_LIST_HELP = f"несколько значений — через «{LIST_SEPARATOR}»; полный список — ниже"


class RequestsColumn(RelatedSetColumn):
    """A mentee's requests (темы запросов). Imports only add topics: requests raised by a
    psychologist or a class teacher are never removed by a file."""

    def get_value(self, instance):
        if instance.pk is None:
            return []
        return [request.topic for request in instance.requests.all()]

    def differs(self, instance, values) -> bool:
        return not set(values) <= self.current(instance)

    def save_related(self, instance, values) -> None:
        have = set(instance.requests.values_list("topic_id", flat=True))
        MenteeRequest.objects.bulk_create(
            MenteeRequest(
                mentee=instance,
                topic=topic,
                raised_by=MenteeRequest.RaisedBy.SELF,
                raised_on=timezone.localdate(),
            )
            for topic in values
            if topic.pk not in have
        )


class ProfileResource(XlsxResource):
    """A profile row names its person by Фамилия, Имя, Отчество, Дата рождения."""

    identity_label = IDENTITY_LABEL
    identity_key = "person"
    # A single «ФИО» column of a curator's file fills these three.
    full_name_columns = (LAST_NAME, FIRST_NAME, MIDDLE_NAME)

    class Meta(XlsxResource.Meta):
        import_id_fields = ("last_name", "first_name", "middle_name", "birth_date")

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.persons_by_key: dict[str, Person] = {}

    def row_key(self, row):
        return person_key_from_row(row)

    def existing_by_key(self):
        keys = list(self.first_row_by_key)
        self.persons_by_key = {
            person.natural_key: person
            for start in range(0, len(keys), 500)
            for person in Person.objects.filter(natural_key__in=keys[start : start + 500])
        }
        return super().existing_by_key()

    def instance_key(self, instance):
        return instance.person.natural_key

    def init_instance(self, row=None):
        key = self.row_key(row) if row is not None else None
        return self._meta.model(person=self.persons_by_key.get(key))

    def identity_errors(self, instance, row):
        if instance.person_id is not None:
            return {}
        errors = {}
        for column in self.template_columns()[:4]:
            try:
                column.widget.clean(row.get(column.column_name))
            except ValueError as error:
                errors[column.attribute] = str(error)
        if errors:
            return errors
        who = " ".join(
            str(row.get(name) or "").strip() for name in ("Фамилия", "Имя", "Отчество")
        ).strip()
        born = column_text(row.get("Дата рождения"))
        return {
            "person": (
                f"человека «{who}», {born} г. р. нет в базе людей — сначала загрузите "
                "его в базу «Люди» (или проверьте написание и дату рождения)"
            )
        }

    def clean_exclude(self, instance):
        return {"person"} if instance.person_id is None else set()

    def filter_export(self, queryset, **kwargs):
        # A withdrawn consent takes the person out of every export at once.
        withdrawn = withdrawn_people().values("pk")
        return queryset.exclude(person__in=withdrawn).select_related("person")


def column_text(value) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value or "").strip()


_mentor_identity = identity_columns(prefix="person__", readonly=True)
_mentee_identity = identity_columns(prefix="person__", readonly=True)


class MentorProfileResource(ProfileResource):
    last_name = _mentor_identity["last_name"]
    first_name = _mentor_identity["first_name"]
    middle_name = _mentor_identity["middle_name"]
    birth_date = _mentor_identity["birth_date"]
    status = Column(
        attribute="status",
        column_name="Статус",
        widget=ChoiceWidget(MentorProfile.Status.choices),
        saves_null_values=False,
        help_text=f"одно из: {labels(MentorProfile.Status.choices)}; пусто — «кандидат» "
        "для нового наставника, без изменений для уже внесённого",
        synonyms=("Статус наставника",),
    )
    forms = RelatedSetColumn(
        attribute="forms",
        column_name="Формы наставничества",
        widget=NamedListWidget(MentoringForm, "формы наставничества"),
        help_text=_LIST_HELP,
        synonyms=("Форма наставничества", "Формы", "Форма"),
    )
    competencies = RelatedSetColumn(
        attribute="competencies",
        column_name="Компетенции",
        widget=NamedListWidget(Competency, "компетенции"),
        help_text=_LIST_HELP,
        synonyms=(
            "Компетенция",
            "Компетенции наставника",
            "Профессиональные компетенции",
            "Области компетенций",
        ),
    )
    useful_for = Column(
        attribute="useful_for",
        column_name="Чем могу быть полезен",
        widget=LongTextWidget(),
        synonyms=(
            "Чем может быть полезен",
            "Чем полезен",
            "Чем могу помочь",
            "Чем может помочь",
        ),
    )
    capacity = Column(
        attribute="capacity",
        column_name="Количество наставляемых",
        widget=IntegerWidget(1, 30),
        saves_null_values=False,
        help_text="сколько наставляемых может вести: от 1 до 30; пусто — 1 для нового",
        synonyms=(
            "Кол-во наставляемых",
            "Число наставляемых",
            "Сколько наставляемых",
            "Макс. количество наставляемых",
            "Максимальное количество наставляемых",
            "Количество наставляемых (макс.)",
        ),
    )

    class Meta(ProfileResource.Meta):
        model = MentorProfile
        name = "Банк наставников"
        fields = (
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "status",
            "forms",
            "competencies",
            "useful_for",
            "capacity",
        )

    def existing_queryset(self, keys):
        return (
            MentorProfile.objects.filter(person__natural_key__in=keys)
            .select_related("person")
            .prefetch_related("forms", "competencies")
        )

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).prefetch_related("forms", "competencies")

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = "Наставники"


class MenteeProfileResource(ProfileResource):
    last_name = _mentee_identity["last_name"]
    first_name = _mentee_identity["first_name"]
    middle_name = _mentee_identity["middle_name"]
    birth_date = _mentee_identity["birth_date"]
    status = Column(
        attribute="status",
        column_name="Статус",
        widget=ChoiceWidget(MenteeProfile.Status.choices),
        saves_null_values=False,
        help_text=f"одно из: {labels(MenteeProfile.Status.choices)}; пусто — «ожидает "
        "наставника» для нового, без изменений для уже внесённого",
        synonyms=("Статус наставляемого",),
    )
    desired_form = Column(
        attribute="desired_form",
        column_name="Форма наставничества",
        widget=NamedWidget(MentoringForm, "формы наставничества"),
        help_text="одна форма из списка ниже",
        synonyms=("Желаемая форма наставничества", "Формы наставничества", "Форма"),
    )
    requests = RequestsColumn(
        attribute="requests",
        column_name="Запросы",
        widget=NamedListWidget(Competency, "темы запроса"),
        help_text=f"темы запросов из списка компетенций; {_LIST_HELP}. Импорт только "
        "добавляет запросы (кто выявил — «сам наставляемый»), существующие не удаляет",
        synonyms=(
            "Запрос",
            "Темы запросов",
            "Тема запроса",
            "Запросы наставляемого",
            "Запрос на наставничество",
            "Дефициты",
            "Профессиональные дефициты",
        ),
    )

    class Meta(ProfileResource.Meta):
        model = MenteeProfile
        name = "Банк наставляемых"
        fields = (
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "status",
            "desired_form",
            "requests",
        )

    def existing_queryset(self, keys):
        return (
            MenteeProfile.objects.filter(person__natural_key__in=keys)
            .select_related("person", "desired_form")
            .prefetch_related("requests__topic")
        )

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("desired_form")
            .prefetch_related("requests__topic")
        )

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = "Наставляемые"
