"""python manage.py kpi_report [--year YYYY] [--output FILE.pdf]

The director's yearly KPI report as a PDF file, the same document the dashboard's
«Скачать отчёт (PDF)» gives: for a scheduled job or a server without a browser. The year
defaults to the current one; the file to «Отчёт по наставничеству за YYYY год.pdf» in the
current directory; `--output -` writes the PDF to standard output.
"""

import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from roadmap.dashboard import FIRST_YEAR, LAST_YEAR
from roadmap.report import report_data_build, report_pdf_render


def _year(value: str) -> int:
    if not (value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR):
        raise ValueError(value)
    return int(value)


_year.__name__ = "год"  # argparse names the type in its error: «invalid год value»


class Command(BaseCommand):
    help = "Годовой отчёт о показателях эффективности программы наставничества (PDF)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=_year,
            help="календарный год отчёта, например 2026 (по умолчанию текущий)",
        )
        parser.add_argument(
            "--output",
            help="куда записать PDF (по умолчанию «Отчёт по наставничеству за ГГГГ год.pdf»; "
            "«-» — в стандартный вывод)",
        )

    def handle(self, *args, year=None, output=None, **options):
        year = year or timezone.localdate().year
        started = time.perf_counter()
        data = report_data_build(year)
        pdf = report_pdf_render(data)
        seconds = time.perf_counter() - started
        if output == "-":
            stream = getattr(self.stdout._out, "buffer", None)
            if stream is None:
                raise CommandError("Стандартный вывод не принимает PDF; укажите файл в --output.")
            stream.write(pdf)
            stream.flush()
            return
        path = Path(output or data.filename)
        if path.is_dir():
            path = path / data.filename
        self._write(path, pdf)
        self.stdout.write(
            self.style.SUCCESS(
                f"Отчёт за {year} год: {path} ({len(pdf) // 1024 + 1} КБ, {seconds:.1f} с)."
            )
        )

    @staticmethod
    def _write(path: Path, pdf: bytes) -> None:
        """Write whole or not at all: a half-written report is never left under its name."""
        if not path.parent.exists():
            raise CommandError(f"Нет папки {path.parent}.")
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kpi-report-", suffix=".pdf")
        umask = os.umask(0)
        os.umask(umask)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(pdf)
            os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
