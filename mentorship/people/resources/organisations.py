"""Partner organisations, identified by name (spelling of case, quotes and spaces aside)."""

from django.core.exceptions import ValidationError

from mentorship.imports.resources import Column, XlsxResource
from mentorship.imports.widgets import (
    DateWidget,
    EmailWidget,
    NamedWidget,
    TextWidget,
    match_key,
)
from mentorship.lib.xlsx import FormulaProblem
from mentorship.people.models import PartnerOrganisation

from . import synonyms


class InnWidget(TextWidget):
    def parse(self, value):
        text = super().parse(value)
        if isinstance(value, int | float) and len(text) in (9, 11):
            # A number cell loses the leading zero of INNs of regions 01–09.
            text = text.zfill(len(text) + 1)
        return text.replace(" ", "")


class OrganisationWidget(NamedWidget):
    """A person's organisation, by its name in the partner organisations base."""

    def unknown(self, name: str) -> str:
        return (
            f"организации «{name}» нет в базе организаций-партнёров — сначала "
            "загрузите или добавьте её туда"
        )


class PartnerOrganisationResource(XlsxResource):
    name = Column(
        attribute="name",
        column_name="Название",
        widget=TextWidget(),
        required=True,
        help_text="по названию организация находится при повторной загрузке",
        synonyms=(
            "Наименование организации",
            "Название организации",
            "Наименование",
            "Организация",
            "Полное наименование",
            "Полное наименование организации",
            "Наименование предприятия",
            "Предприятие",
            "Организация-партнёр",
        ),
    )
    inn = Column(
        attribute="inn",
        column_name="ИНН",
        widget=InnWidget(),
        help_text="10 цифр (организация) или 12 цифр (ИП)",
        synonyms=("ИНН организации", "ИНН предприятия"),
    )
    agreement_number = Column(
        attribute="agreement_number",
        column_name="Номер соглашения",
        widget=TextWidget(),
        synonyms=(
            "№ соглашения",
            "Соглашение №",
            "Номер договора",
            "№ договора",
            "Договор №",
            "Номер договора (соглашения)",
            "Номер соглашения (договора)",
        ),
    )
    agreement_date = Column(
        attribute="agreement_date",
        column_name="Дата соглашения",
        widget=DateWidget(),
        help_text="ДД.ММ.ГГГГ или дата Excel",
        synonyms=(
            "Дата договора",
            "Дата заключения соглашения",
            "Дата заключения договора",
            "Соглашение от",
            "Договор от",
        ),
    )
    contact_person = Column(
        attribute="contact_person",
        column_name="Контактное лицо",
        widget=TextWidget(),
        synonyms=(
            "ФИО контактного лица",
            "Контактное лицо (ФИО)",
            "Ответственное лицо",
            "Представитель организации",
        ),
    )
    phone = Column(
        attribute="phone",
        column_name="Телефон",
        widget=TextWidget(),
        synonyms=(*synonyms.PHONE, "Телефон организации", "Телефон контактного лица"),
    )
    email = Column(
        attribute="email",
        column_name="Email",
        widget=EmailWidget(),
        synonyms=(*synonyms.EMAIL, "Email организации", "E-mail организации"),
    )
    address = Column(
        attribute="address",
        column_name="Адрес",
        widget=TextWidget(),
        synonyms=(
            "Юридический адрес",
            "Адрес организации",
            "Фактический адрес",
            "Место нахождения",
            "Местонахождение",
            "Почтовый адрес",
        ),
    )

    identity_label = "Название"
    identity_key = "name"

    class Meta(XlsxResource.Meta):
        model = PartnerOrganisation
        name = "Организации-партнёры"
        fields = (
            "name",
            "inn",
            "agreement_number",
            "agreement_date",
            "contact_person",
            "phone",
            "email",
            "address",
        )
        import_id_fields = ("name",)

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.inn_owner: dict[str, PartnerOrganisation] = {}
        self.inn_first_row: dict[str, int] = {}

    def row_key(self, row):
        value = row.get("Название")
        if value is None or isinstance(value, FormulaProblem):
            return None
        return match_key(value) or None

    def existing_by_key(self):
        # The table is small; names are matched in Python, spelling-insensitively.
        queryset = PartnerOrganisation.objects.all()
        if self.lock_rows:
            queryset = queryset.select_for_update()
        everything = list(queryset)
        self.inn_owner = {org.inn: org for org in everything if org.inn}
        return {match_key(org.name): org for org in everything}

    def instance_key(self, instance):
        return match_key(instance.name)

    def duplicate_message(self, first_row):
        return f"эта организация уже есть в файле в строке {first_row}; оставьте одну строку"

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        inn_problem = self._inn_problem(instance, kwargs.get("row_number"))
        if inn_problem and "inn" not in errors:
            errors["inn"] = [inn_problem]
        if errors:
            raise ValidationError(errors)

    def _inn_problem(self, instance, row_number) -> str | None:
        inn = instance.inn
        if not inn:
            return None
        owner = self.inn_owner.get(inn)
        if owner is not None and owner.pk != instance.pk:
            return f"ИНН {inn} уже указан у организации «{owner.name}»"
        first_row = self.inn_first_row.setdefault(inn, self.excel_row(row_number))
        if first_row != self.excel_row(row_number):
            return f"ИНН {inn} уже указан в строке {first_row}"
        return None

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = "Организации"
