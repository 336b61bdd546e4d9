"""The columns of a base as the template shows them, and the header row a file must have."""

from mentorship.lib.text import clean_spaces

from ..widgets import match_key
from .columns import Column
from .results import ImportRejected


class HeadersMixin:
    """XlsxResource's template columns, header check and «Справка» rows."""

    def template_columns(self) -> list[Column]:
        return list(self.get_import_fields())

    def template_headers(self) -> list[str]:
        return [column.column_name for column in self.template_columns()]

    # --- the mapping step (mapping.py) ---------------------------------------------------

    def mapping_columns(self) -> list[Column]:
        """The columns the mapping step offers a file's columns: the template's fixed ones
        (a base whose columns depend on the file leaves those out, see file_column)."""
        return self.template_columns()

    def file_column(self, header: str) -> str | None:
        """A column this base reads as the file names it, outside its fixed template
        columns (a KPI table's periods: «2024 г.» → «2024»): the header the import reads
        it under, or None."""
        return None

    def check_headers(self, dataset) -> None:
        """Exactly the template's columns, in any order; headers are renamed to the
        template's spelling (case, ё/е and spaces do not matter). A dataset the mapping
        step made (dataset.mapped) may leave out the columns that are not required."""
        expected = {match_key(name): name for name in self.template_headers()}
        seen, unknown, renamed = set(), [], []
        for header in dataset.headers or []:
            key = match_key(header)
            if key in expected and key not in seen:
                seen.add(key)
                renamed.append(expected[key])
            elif key in seen:
                raise ImportRejected(
                    f"Колонка «{expected[key]}» встречается в файле дважды. "
                    "Оставьте одну и загрузите файл снова."
                )
            else:
                unknown.append(clean_spaces(header) or "(без названия)")
                renamed.append(header)
        optional = {match_key(name) for name in self.optional_columns}
        if getattr(dataset, "mapped", False):
            # Made by the mapping step: only the required columns must be there; any other
            # the curator's file lacks changes nothing.
            optional |= {
                match_key(column.column_name)
                for column in self.template_columns()
                if not column.required
            }
        missing = [
            name for key, name in expected.items() if key not in seen and key not in optional
        ]
        if missing or unknown:
            parts = []
            if missing:
                parts.append("нет колонок " + ", ".join(f"«{n}»" for n in missing))
            if unknown:
                parts.append(
                    "лишние или написанные иначе колонки " + ", ".join(f"«{n}»" for n in unknown)
                )
            raise ImportRejected(
                "Файл не принят: заголовки не совпадают с шаблоном — "
                + "; ".join(parts)
                + ". Скачайте шаблон и скопируйте данные в него: первая строка — "
                + ", ".join(f"«{n}»" for n in self.template_headers())
                + "."
            )
        dataset.headers = renamed

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(column, required, what to write) for the template's «Справка» sheet."""
        return [
            (column.column_name, "да" if column.required else "", column.help_text)
            for column in self.template_columns()
        ]
