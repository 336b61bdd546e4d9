"""python manage.py purge_import_uploads [--hours N] — for cron.

Removes xlsx uploads whose «Подтвердить импорт» never came: they hold personal data and
must not outlive the preview. Uploads are also purged whenever someone imports a file.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from mentorship.imports.uploads import import_tmp_purge


class Command(BaseCommand):
    help = "Удаляет загруженные xlsx-файлы, импорт которых так и не подтвердили."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=None,
            help="старше скольких часов (по умолчанию — IMPORT_TMP_MAX_AGE_HOURS из настроек)",
        )

    def handle(self, *args, hours, **options):
        max_age = timedelta(hours=hours) if hours is not None else None
        removed = import_tmp_purge(max_age)
        self.stdout.write(f"Удалено файлов: {removed}.")
