"""python manage.py cases_collection --output FILE.pdf|FILE.docx [--for-region]

«Сборник лучших практик наставничества» as PDF or .docx (by the file's extension) — the
same file as the actions of the cases' list: every case, or with --for-region only those
marked «для РНЦ». The file is written whole or not at all; with no case to include nothing
is written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.cases.collection import (
    FORMATS,
    NO_CASES,
    NO_REGION_CASES,
    collection_cases,
    collection_file,
)
from mentorship.lib.files import write_whole


class Command(BaseCommand):
    help = (
        "Сборник лучших практик наставничества (PDF или .docx): все кейсы или отмеченные "
        "«для РНЦ»."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="куда записать сборник: файл .pdf или .docx"
        )
        parser.add_argument(
            "--for-region",
            action="store_true",
            help="только кейсы, отмеченные «для РНЦ»",
        )

    def handle(self, *args, output, for_region, **options):
        path = Path(output)
        fmt = path.suffix.lower().removeprefix(".")
        if fmt not in FORMATS:
            raise CommandError(
                f"Сборник записывается в PDF или Word: имя файла «{path.name}» должно "
                "оканчиваться на «.pdf» или «.docx»."
            )
        if not path.parent.exists():
            raise CommandError(f"Нет папки {path.parent}.")
        cases = list(collection_cases(for_region=for_region))
        if not cases:
            raise CommandError(NO_REGION_CASES if for_region else NO_CASES)
        content = collection_file(cases, fmt)
        write_whole(path, content)
        self.stdout.write(
            self.style.SUCCESS(
                f"Сборник лучших практик: {path} ({len(content) // 1024 + 1} КБ), "
                f"кейсов: {len(cases)}."
            )
        )
