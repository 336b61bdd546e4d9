"""Resource fields with their xlsx column, and the helpers bases declare them with."""

from collections.abc import Iterable

from import_export import fields

from ..widgets import FlagWidget


class Column(fields.Field):
    """A resource field with its xlsx column and a line for the template's «Справка».

    synonyms — other headers a curator's own file may give this column («Дата рожд.» for
    «Дата рождения»): the mapping step matches them as it matches the template's header
    (case, ё/е, punctuation and spacing aside)."""

    def __init__(self, *args, help_text="", required=False, synonyms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text = help_text
        self.required = required
        self.synonyms = tuple(synonyms)


class RelatedSetColumn(Column):
    """A set of related rows (many-to-many, or mentee requests) written after the row's
    instance is saved, and compared as a set to tell «changed» from «unchanged»."""

    def current(self, instance) -> set:
        if instance.pk is None:
            return set()
        return set(self.get_value(instance) or [])

    def differs(self, instance, values) -> bool:
        return set(values) != self.current(instance)

    def get_value(self, instance):
        if instance.pk is None:
            return []
        return list(getattr(instance, self.attribute).all())

    def save_related(self, instance, values) -> None:
        getattr(instance, self.attribute).set(values)


def flag_column(attribute: str, column_name: str, synonyms: Iterable[str] = ()) -> Column:
    return Column(
        attribute=attribute,
        column_name=column_name,
        widget=FlagWidget(),
        help_text=f"{FlagWidget.ALLOWED}; пустая ячейка — «нет»",
        synonyms=synonyms,
    )


def labels(choices: Iterable[tuple[str, str]]) -> str:
    return ", ".join(label for _value, label in choices)
