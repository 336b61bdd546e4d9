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

    def check_headers(self, dataset) -> None:
        """Exactly the template's columns, in any order; headers are renamed to the
        template's spelling (case, ё/е and spaces do not matter)."""
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
