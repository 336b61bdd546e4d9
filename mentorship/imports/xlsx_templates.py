"""The downloadable template of a base (its header row and a «Справка» sheet) and the
rules shown on it, on the templates page and on the admin's import page."""

from django.conf import settings

from mentorship.lib.xlsx import Sheet, write_xlsx

from .registry import XlsxBase

GENERAL_RULES = [
    "Удобнее всего — этот шаблон: его заголовки узнаются сами, порядок колонок можно менять. "
    "Подойдёт и ваш собственный список: строка заголовков находится сама (название таблицы "
    "и пустые строки над ней не мешают), а колонки перед предпросмотром сопоставляются с "
    "полями базы — проверьте и при необходимости поправьте; колонки, которые не нужны, не "
    "загружаются.",
    "Данные — на первом листе книги, одна строка — одна запись; пустые строки пропускаются.",
    "Лишние пробелы (в том числе неразрывные при копировании) убираются сами.",
    "Даты — ДД.ММ.ГГГГ или ячейка с датой Excel. Формулы допустимы, если Excel вычислил их.",
    "Перед записью показывается предпросмотр: новые, изменённые и неизменённые строки и "
    "ошибки с номером строки и колонкой. Пока есть хоть одна ошибка, не записывается ничего.",
    "Файл — .xlsx, .xls (книга Excel) или .csv (UTF-8 или Windows-1251, разделитель «;» "
    "или «,»), не больше {max_mb} МБ и {max_rows} строк.",
]


def import_rules(base: XlsxBase) -> list[str]:
    max_rows = settings.IMPORT_MAX_ROWS
    limits = {
        "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        "max_rows": f"{max_rows:,}".replace(",", "\u00a0"),  # 10 000
    }
    rules = [rule.format(**limits) for rule in GENERAL_RULES]
    rules.append(
        f"Запись находится по {base.identified_by}: повторная загрузка того же файла "
        "не создаёт дублей, а обновляет найденные записи (ё/е, регистр и пробелы не важны)."
    )
    if base.needs:
        rules.append(base.needs)
    rules.extend(base.rules)
    return rules


def xlsx_template(base: XlsxBase) -> bytes:
    """The header row only, and a «Справка» sheet explaining every column."""
    resource = base.resource()
    help_rows: list[list[str]] = [[rule, "", ""] for rule in import_rules(base)]
    help_rows.append(["", "", ""])
    help_rows.append(["Колонка", "Обязательная", "Что писать"])
    help_rows.extend(list(row) for row in resource.help_rows())
    for title, names in reference_lists(base):
        help_rows.append(["", "", ""])
        help_rows.append([title, "", ""])
        help_rows.extend([name, "", ""] for name in names)
    return write_xlsx(
        [
            Sheet(base.title, resource.template_headers()),
            Sheet(
                "Справка", ["Правила загрузки", "", ""], help_rows, widths=[45, 14, 90], wrap=True
            ),
        ]
    )


def reference_lists(base: XlsxBase) -> list[tuple[str, list[str]]]:
    """Allowed values of the base's reference columns, for the template's «Справка»."""
    return base.reference_lists() if base.reference_lists else []
