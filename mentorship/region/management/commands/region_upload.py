"""python manage.py region_upload FILE… [--commit] [--user LOGIN]

The regional centre's upload of colleges' packages (.json or .xlsx), with the same service and
messages as the screen «Загрузка пакетов» (mentorship.region.upload): prints what each file
would do — a new package, or one that replaces the stored package of its college and period
with the changes — and the refused files with their reasons. Without --commit nothing is
written. If any file is refused the command fails (exit code 1) and writes nothing.
"""

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.region.upload import UploadRefused, commit_packages, preview_packages


class Command(BaseCommand):
    help = (
        "Загрузка пакетов колледжей в РНЦ (.json или .xlsx). Печатает, что добавится и что "
        "заменится (с изменениями). Без --commit ничего не записывается. Если хоть один файл "
        "не принимается, не записывается ни один; код выхода 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="файлы пакетов")
        parser.add_argument("--commit", action="store_true", help="записать пакеты в РНЦ")
        parser.add_argument(
            "--user",
            default="",
            help="кто загружает (для журнала загрузок); по умолчанию — пользователь системы",
        )

    def handle(self, *args, files, commit, user="", **options):
        contents = []
        for path in files:
            try:
                contents.append((path.name, path.read_bytes()))
            except OSError:
                raise CommandError(f"Файл «{path}» не найден или не читается.") from None
        preview = preview_packages(contents)
        for line in preview.lines():
            self.stdout.write(line)
        if not preview.ok:
            raise CommandError(
                f"Отклонено файлов: {len(preview.refused)} из {len(preview.files)}. "
                "Ничего не записано."
            )
        if not commit:
            self.stdout.write("Предварительный просмотр: ничего не записано (добавьте --commit).")
            return
        try:
            result = commit_packages(preview, username=user or _system_user())
        except UploadRefused as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(result.message))


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
