"""python manage.py region_report [--period KEY] --output FILE.pdf|FILE.xlsx

The regional centre's report for a period — the same document as the coordinator's
«Отчёт (PDF)» / «Отчёт (Excel)» on the region's dashboard (mentorship.region.report builds
both): the region's indicators, colleges × indicators, who did not send a package, the
regional denominators with their sources. --period 2025 or 2025/2026; without it, the latest
period any package is of. The file's extension chooses the form: .pdf or .xlsx; any other is
refused. The file is written whole or not at all.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.lib.files import write_whole
from mentorship.lib.periods import ReportPeriod
from mentorship.region.report import (
    FORMATS,
    region_report_build,
    region_report_pdf,
    region_report_xlsx,
)

RENDERERS = {"pdf": region_report_pdf, "xlsx": region_report_xlsx}


class Command(BaseCommand):
    help = (
        "Отчёт регионального наставнического центра за период (--period 2025 или 2025/2026; "
        "по умолчанию — последний период, за который есть пакеты): PDF или Excel по "
        "расширению файла в --output (.pdf или .xlsx)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            help="отчётный период: календарный год (2025) или учебный год (2025/2026); "
            "по умолчанию — последний, за который есть пакеты",
        )
        parser.add_argument(
            "--output",
            required=True,
            help="файл отчёта: .pdf или .xlsx — формат выбирается по расширению",
        )

    def handle(self, *args, period=None, output=None, **options):
        # Everything is checked before anything is read: a wrong name costs no report.
        if not output:
            raise CommandError("Укажите файл отчёта в --output: ИМЯ.pdf или ИМЯ.xlsx.")
        path = Path(output)
        chosen = path.suffix.lower().removeprefix(".")
        if chosen not in FORMATS or path.is_dir():
            raise CommandError(
                f"Не могу выбрать формат отчёта по имени файла «{path.name}»: расширение "
                "должно быть «.pdf» или «.xlsx»."
            )
        if not path.parent.exists():
            raise CommandError(f"Нет папки {path.parent}.")
        if period is not None and period.strip():
            try:
                ReportPeriod.parse(period)
            except ValueError as error:
                raise CommandError(f"--period: {error}.") from None
        report = region_report_build(period)
        content = RENDERERS[chosen](report)
        write_whole(path, content)
        self.stdout.write(
            self.style.SUCCESS(
                f"Отчёт РНЦ за {report.period.label}: {path} ({len(content) // 1024 + 1} КБ)."
            )
        )
