"""The people base as helper D's part of issue 13 leaves it for the mapping step: «ФИО»
fills «Фамилия», «Имя», «Отчество» and «Дата рожд.» is a synonym of «Дата рождения».
Until D's work is merged these tests set exactly that (nothing else); afterwards this
changes nothing."""

from mentorship.people.resources import PersonResource

NAME_COLUMNS = ("Фамилия", "Имя", "Отчество")
BIRTH_DATE_SYNONYM = "Дата рожд."


def people_as_issue_13_leaves_them(monkeypatch) -> None:
    monkeypatch.setattr(PersonResource, "full_name_columns", NAME_COLUMNS)
    birth_date = PersonResource.fields["birth_date"]
    if BIRTH_DATE_SYNONYM not in birth_date.synonyms:
        monkeypatch.setattr(birth_date, "synonyms", (*birth_date.synonyms, BIRTH_DATE_SYNONYM))
