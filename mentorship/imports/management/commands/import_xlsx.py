"""python manage.py import_xlsx BASE FILE [--commit] [options of the base]

BASE is any registered xlsx base: people, mentors, mentees, organisations, and those other
apps register (roadmap, kpi-targets). The same checks and the same all-or-nothing import as
the admin pages. Without --commit it is a preview: nothing is written. Exit code 1 when
the file has any error.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.lib.xlsx import XlsxFileError, check_xlsx_size


class Command(BaseCommand):
    help = (
        "Загрузка базы из xlsx-файла по шаблону. Без --commit — только предпросмотр "
        "(ничего не записывается); код выхода 1, если в файле есть ошибки."
    )

    def add_arguments(self, parser):
        bases = xlsx_bases()
        parser.add_argument("base", choices=list(bases), help="какая база")
        parser.add_argument("file", type=Path, help="файл .xlsx")
        parser.add_argument(
            "--commit", action="store_true", help="записать в базу (если ошибок нет)"
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

    def handle(self, *args, base, file, commit, **options):
        xlsx_base = xlsx_bases()[base]
        base_options = self._base_options(xlsx_base, options)
        data = self._read(file)
        report = xlsx_import(base=xlsx_base, data=data, commit=commit, options=base_options)

        self.stdout.write(f"{xlsx_base.title}, файл {file.name}")
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
