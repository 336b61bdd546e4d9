"""python manage.py import_xlsx BASE FILE [--commit] [--mapping FILE.json] [--set FIELD=VALUE]

BASE is any registered xlsx base: people, mentors, mentees, organisations, and those other
apps register (roadmap, kpi-targets). FILE is .xlsx, .xls or .csv. Its columns are matched
to the base's fields as on the admin's mapping step (mapping.py): by header or synonym,
or as a curator last confirmed for the same headers; the command prints the mapping it
used. The same checks and the same all-or-nothing import as the admin pages. Without
--commit it is a preview: nothing is written. Exit code 1 when the file has any error.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.imports.mapping import (
    MappingError,
    Targets,
    automatic_mapping,
    mapping_from_json,
    with_constants,
)
from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.lib.tables import read_table
from mentorship.lib.xlsx import XlsxFileError, check_xlsx_size


class Command(BaseCommand):
    help = (
        "Загрузка базы из файла .xlsx, .xls или .csv. Колонки файла сопоставляются с полями "
        "базы сами — по заголовку шаблона, синониму или как куратор подтвердил для таких же "
        "заголовков; команда печатает сопоставление. Команда сопоставлений не запоминает "
        "(запоминает только подтверждение куратора на странице загрузки). Без --commit — "
        "только предпросмотр (ничего не записывается); код выхода 1, если в файле есть "
        "ошибки."
    )

    def add_arguments(self, parser):
        bases = xlsx_bases()
        parser.add_argument("base", choices=list(bases), help="какая база")
        parser.add_argument("file", type=Path, help="файл .xlsx, .xls или .csv")
        parser.add_argument(
            "--commit", action="store_true", help="записать в базу (если ошибок нет)"
        )
        parser.add_argument(
            "--mapping",
            type=Path,
            metavar="FILE.json",
            help='сопоставление колонок: {"колонка файла": "поле базы" | "ФИО" | null}; '
            "не названные в нём колонки сопоставляются сами",
        )
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            dest="constants",
            metavar="ПОЛЕ=ЗНАЧЕНИЕ",
            help="одно значение поля для всех строк (поле — заголовок шаблона), например "
            "--set Категория=обучающийся; можно повторять",
        )
        seen = set()
        for base in bases.values():
            for option in base.options:
                if option.flag in seen:
                    continue
                seen.add(option.flag)
                parser.add_argument(
                    option.flag,
                    dest=f"option_{option.name}",
                    metavar=option.name.upper(),
                    help=option.help,
                )

    def handle(self, *args, base, file, commit, mapping=None, constants=(), **options):
        xlsx_base = xlsx_bases()[base]
        base_options = self._base_options(xlsx_base, options)
        data = self._read(file)
        self.stdout.write(f"{xlsx_base.title}, файл {file.name}")
        try:
            table = read_table(data, file.name)
        except XlsxFileError as error:
            self.stderr.write(str(error))
            raise CommandError("Ошибок: 1. Ничего не записано.", returncode=1) from None

        targets = Targets(xlsx_base.resource(None, **base_options), table.headers)
        try:
            column_mapping = automatic_mapping(xlsx_base.code, targets, table.headers)
            if mapping is not None:
                column_mapping = mapping_from_json(self._text(mapping), targets, column_mapping)
            column_mapping = with_constants(column_mapping, targets, list(constants))
        except MappingError as error:
            raise CommandError(str(error), returncode=1) from None
        if column_mapping.is_exact(targets):
            self.stdout.write("Колонки совпали с шаблоном.")
        else:
            self.stdout.write("Сопоставление колонок:")
            for line in column_mapping.lines(targets):
                self.stdout.write(f"  {line}")
        problems = column_mapping.problems(targets)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                "Сопоставление колонок не годится (см. выше). Ничего не записано.", returncode=1
            )

        report = xlsx_import(
            base=xlsx_base,
            table=table,
            mapping=column_mapping,
            commit=commit,
            options=base_options,
        )
        self.stdout.write(report.summary())
        for notice in report.notices:
            self.stdout.write(notice)
        for issue in report.issues:
            self.stderr.write(str(issue))
        if report.has_errors:
            raise CommandError(f"Ошибок: {len(report.issues)}. Ничего не записано.", returncode=1)
        if report.committed:
            self.stdout.write(self.style.SUCCESS("Записано."))
        else:
            self.stdout.write(
                "Предпросмотр: ничего не записано. Чтобы записать, добавьте --commit."
            )

    def _base_options(self, xlsx_base, options) -> dict:
        """The chosen base's options, parsed; a flag of another base is a mistake."""
        own = {option.name for option in xlsx_base.options}
        values = {}
        for base in xlsx_bases().values():
            for option in base.options:
                text = options.get(f"option_{option.name}")
                if text is None:
                    continue
                if option.name not in own:
                    raise CommandError(
                        f"Параметр {option.flag} не относится к базе «{xlsx_base.code}»."
                    )
                try:
                    values[option.name] = option.parse(text)
                except ValueError as error:
                    raise CommandError(f"{option.flag}: {error}", returncode=1) from None
        return values

    def _read(self, file: Path) -> bytes:
        try:
            check_xlsx_size(file.stat().st_size)
            return file.read_bytes()
        except XlsxFileError as error:
            raise CommandError(str(error), returncode=1) from None
        except OSError as error:
            raise CommandError(f"Не удалось открыть файл {file}: {error.strerror}") from None

    def _text(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(
                f"Файл сопоставления {path.name} — не текст в UTF-8.", returncode=1
            ) from None
        except OSError as error:
            raise CommandError(
                f"Не удалось открыть файл сопоставления {path}: {error.strerror}", returncode=1
            ) from None
