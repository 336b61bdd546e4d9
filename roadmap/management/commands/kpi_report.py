"""python manage.py kpi_report [--year YYYY] [--output FILE.pdf|FILE.json] [--format pdf|json]

The director's yearly KPI report, for a scheduled job or a server without a browser: the
same PDF the dashboard's «Скачать отчёт (PDF)» gives, or its figures as JSON
(roadmap.report.report_json_render describes the layout). The output file's extension
chooses: .pdf or .json; another extension is refused rather than guessed. The year defaults
to the current one; the file to «Отчёт по наставничеству за YYYY год.pdf» in the current
directory. `--output -` writes to standard output, where there is no extension: PDF unless
`--format json`.

A year whose report the director approved is written as approved: the stored PDF bytes or
the stored JSON of its latest version, the same files a download gives. `--live` builds the
report from the data as it is now instead (to compare it with the approved one).
"""

import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mentorship.lib.numbers import number_text
from roadmap.dashboard import FIRST_YEAR, LAST_YEAR
from roadmap.models import ReportApproval
from roadmap.report import report_data_build, report_json_render, report_pdf_render
from roadmap.selectors import report_approval_latest

RENDERERS = {"pdf": report_pdf_render, "json": report_json_render}
STDOUT = "-"


def _year(value: str) -> int:
    if not (value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR):
        raise ValueError(value)
    return int(value)


_year.__name__ = "год"  # argparse names the type in its error: «invalid год value»


def _format_of(path: Path) -> str:
    found = path.suffix.lower().removeprefix(".")
    if found not in RENDERERS:
        raise CommandError(
            f"Не могу выбрать формат отчёта по имени файла «{path.name}»: "
            "расширение должно быть «.pdf» или «.json»."
        )
    return found


class Command(BaseCommand):
    help = (
        "Годовой отчёт о показателях эффективности программы наставничества: PDF или JSON "
        "по расширению файла в --output (.pdf или .json). Для года с утверждённым отчётом "
        "записывается утверждённая версия (её PDF или показатели), --live — отчёт по текущим "
        "данным."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=_year,
            help="календарный год отчёта, например 2026 (по умолчанию текущий)",
        )
        parser.add_argument(
            "--output",
            help="куда записать отчёт: файл .pdf или .json — формат выбирается по расширению "
            "(по умолчанию «Отчёт по наставничеству за ГГГГ год.pdf»); «-» — в стандартный вывод",
        )
        parser.add_argument(
            "--format",
            choices=sorted(RENDERERS),
            help="формат отчёта, нужен для «--output -» (там нет расширения; по умолчанию pdf); "
            "с именем файла должен совпадать с его расширением",
        )
        parser.add_argument(
            "--live",
            action="store_true",
            help="построить отчёт по текущим данным, даже если отчёт за год утверждён "
            "(по умолчанию для утверждённого года записывается утверждённая версия)",
        )

    def handle(self, *args, year=None, output=None, format=None, live=False, **options):
        year = year or timezone.localdate().year
        # Decided before anything is read: a wrong name costs no report.
        if output == STDOUT:
            chosen = format or "pdf"
        elif output and not Path(output).is_dir():
            chosen = _format_of(Path(output))
            if format and format != chosen:
                raise CommandError(
                    f"--format {format} не совпадает с расширением файла «{Path(output).name}»."
                )
        else:
            chosen = format or "pdf"
        started = time.perf_counter()
        approval = None if live else report_approval_latest(year)
        if approval is None:
            data = report_data_build(year)
            content, filename, what = RENDERERS[chosen](data), data.filename, ""
        else:
            content, filename = self._approved(approval, chosen), approval.filename
            what = (
                f" (утверждён {timezone.localtime(approval.approved_at):%d.%m.%Y}, "
                f"версия {approval.version})"
            )
        seconds = time.perf_counter() - started
        if output == STDOUT:
            self._to_stdout(content, chosen)
            return
        default_name = Path(filename).with_suffix(f".{chosen}").name
        path = Path(output or default_name)
        if path.is_dir():
            path = path / default_name
        self._write(path, content)
        self.stdout.write(
            self.style.SUCCESS(
                f"Отчёт за {year} год{what}: {path} "
                f"({len(content) // 1024 + 1} КБ, {number_text(seconds, places=1)} с)."
            )
        )

    @staticmethod
    def _approved(approval: ReportApproval, chosen: str) -> bytes:
        """The stored report: the PDF's bytes, or its figures' JSON as report_json_render
        wrote them (UTF-8)."""
        return bytes(approval.pdf) if chosen == "pdf" else approval.numbers.encode()

    def _to_stdout(self, content: bytes, chosen: str) -> None:
        stream = getattr(self.stdout._out, "buffer", None)
        if stream is not None:
            stream.write(content)
            stream.flush()
        elif chosen == "json":
            self.stdout.write(content.decode(), ending="")  # text is enough for JSON
        else:
            raise CommandError("Стандартный вывод не принимает PDF; укажите файл в --output.")

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        """Write whole or not at all: a half-written report is never left under its name."""
        if not path.parent.exists():
            raise CommandError(f"Нет папки {path.parent}.")
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=".kpi-report-", suffix=path.suffix
        )
        umask = os.umask(0)
        os.umask(umask)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
