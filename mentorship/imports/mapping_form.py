"""The admin's mapping step as a form: one dropdown per file column, one «значение для всех
строк» per template column the file lacks. The rule itself is mapping.py's."""

from django import forms

from mentorship.lib.text import clean_spaces

from .mapping import NOT_LOADED, ColumnMapping, How, Targets, samples

STEP_FIELD = "xlsx_step"
MAPPING_STEP = "mapping"


class MappingForm(forms.Form):
    xlsx_step = forms.CharField(widget=forms.HiddenInput(), initial=MAPPING_STEP)
    import_file_name = forms.CharField(widget=forms.HiddenInput())

    def __init__(self, *args, targets: Targets, auto: ColumnMapping, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets, self.auto, self.table = targets, auto, table
        self.mapping: ColumnMapping | None = None
        choices = [("", NOT_LOADED), *targets.choices()]
        for index, header in enumerate(auto.headers):
            shown = header or "(без названия)"
            self.fields[self._column(index)] = forms.ChoiceField(
                label=shown,
                choices=choices,
                required=False,
                initial=auto.targets[index] or "",
                widget=forms.Select(attrs={"aria-label": f"Поле базы для колонки «{shown}»"}),
            )
        for index, name in enumerate(targets.headers):
            self.fields[self._constant(index)] = forms.CharField(
                label=name,
                required=False,
                max_length=200,
                initial=auto.constants.get(name, ""),
                widget=forms.TextInput(
                    attrs={"aria-label": f"Значение для всех строк: {name}", "size": 30}
                ),
            )

    @staticmethod
    def _column(index: int) -> str:
        return f"column_{index}"

    @staticmethod
    def _constant(index: int) -> str:
        return f"constant_{index}"

    # --- what the person chose --------------------------------------------------------------

    def _chosen(self) -> list[str | None]:
        """The targets as posted (or as proposed, before any post)."""
        chosen = []
        for index in range(len(self.auto.headers)):
            value = self[self._column(index)].value() or None
            chosen.append(value if self.targets.valid(value) else None)
        return chosen

    def _constants(self) -> dict[str, str]:
        constants = {}
        for index, name in enumerate(self.targets.headers):
            text = clean_spaces(self[self._constant(index)].value())
            if text:
                constants[name] = text
        return constants

    def current(self) -> ColumnMapping:
        return self.auto.with_choices(self._chosen(), self._constants())

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        mapping = self.current()
        problems = mapping.problems(self.targets)
        if problems:
            raise forms.ValidationError(problems)
        self.mapping = mapping
        return cleaned

    # --- what the page shows ------------------------------------------------------------------

    def column_rows(self) -> list[dict]:
        mapping = self.current()
        return [
            {
                "header": header or "(без названия)",
                "samples": samples(self.table, index),
                "field": self[self._column(index)],
                "how": _how_text(mapping.targets[index], mapping.how[index]),
            }
            for index, header in enumerate(mapping.headers)
        ]

    def constant_rows(self) -> list[dict]:
        """The template columns the file (as mapped now) lacks, and any given a value."""
        mapping = self.current()
        covered = mapping.covered(self.targets)
        required = set(self.targets.missing(set()))
        rows = []
        for index, name in enumerate(self.targets.headers):
            field = self[self._constant(index)]
            if name in covered and not clean_spaces(field.value()):
                continue
            rows.append({"name": name, "field": field, "required": name in required})
        return rows


def _how_text(target: str | None, how: How | None) -> str:
    if target is None:
        return f"не загружается ({how})" if how else "не загружается"
    return str(how) if how else ""
