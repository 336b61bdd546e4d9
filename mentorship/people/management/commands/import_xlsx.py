"""python manage.py import_xlsx {people,mentors,mentees,organisations} FILE [--commit]

The same checks and the same all-or-nothing import as the admin pages. Without --commit
it is a preview: nothing is written. Exit code 1 when the file has any error.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mentorship.people.imports import BASES, xlsx_import


class Command(BaseCommand):
    help = (
        "Загрузка базы из xlsx-файла по шаблону. Без --commit — только предпросмотр "
        "(ничего не записывается); код выхода 1, если в файле есть ошибки."
    )

    def add_arguments(self, parser):
        parser.add_argument("base", choices=list(BASES), help="какая база")
        parser.add_argument("file", type=Path, help="файл .xlsx")
        parser.add_argument(
            "--commit", action="store_true", help="записать в базу (если ошибок нет)"
        )

    def handle(self, *args, base, file, commit, **options):
        xlsx_base = BASES[base]
        data = self._read(file)
        report = xlsx_import(base=xlsx_base, data=data, commit=commit)

        self.stdout.write(f"{xlsx_base.title}, файл {file.name}")
        self.stdout.write(report.summary())
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

    def _read(self, file: Path) -> bytes:
        try:
            size = file.stat().st_size
            if size > settings.IMPORT_MAX_BYTES:
                raise CommandError(
                    f"Файл больше {settings.IMPORT_MAX_BYTES // (1024 * 1024)} МБ. "
                    "Разбейте его на части.",
                    returncode=1,
                )
            return file.read_bytes()
        except OSError as error:
            raise CommandError(f"Не удалось открыть файл {file}: {error.strerror}") from None
