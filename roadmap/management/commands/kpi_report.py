"""python manage.py kpi_report [--year YYYY | --academic-year YYYY/YYYY]
                              [--output FILE.pdf|FILE.json] [--format pdf|json] [--live]

The director's KPI report of a report period, for a scheduled job or a server without a
browser: the same PDF the dashboard's «Скачать отчёт (PDF)» gives, or its figures as JSON
(roadmap.report.report_json_render describes the layout). The period is a calendar year
(--year 2025) or an academic year (--academic-year 2025/2026, from the college's start
month: people.College), not both; without either, the current calendar year. The output
file's extension chooses: .pdf or .json; another extension is refused rather than guessed.
The file defaults to «Отчёт по наставничеству за YYYY год.pdf» («… за YYYY-YYYY учебный
год.pdf») in the current directory. `--output -` writes to standard output, where there is
no extension: PDF unless `--format json`.

A period whose report the director approved is written as approved: the stored PDF bytes or
the stored JSON of its latest version, the same files a download gives. `--live` builds the
report from the data as it is now instead (to compare it with the approved one).
"""

import argparse
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mentorship.lib.files import write_whole
from mentorship.lib.numbers import number_text
from mentorship.lib.periods import ReportPeriod
from mentorship.people.selectors import report_period_parse
from roadmap.dashboard import FIRST_YEAR, LAST_YEAR
from roadmap.models import ReportApproval
from roadmap.report import report_data_build, report_json_render, report_pdf_render
from roadmap.selectors import report_approval_latest

RENDERERS = {"pdf": report_pdf_render, "json": report_json_render}
STDOUT = "-"


def _year(value: str) -> int:
    if not (value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR):
        raise argparse.ArgumentTypeError(
            f"«{value}» — не год; ожидается ГГГГ от {FIRST_YEAR} до {LAST_YEAR}, например 2025 "
            "(учебный год — в --academic-year)"
        )
    return int(value)


def _academic_year(value: str) -> str:
    """«2025/2026» (or «2025-2026»): checked here, read with the college's start month in
    handle(). A wrong one is refused with the Russian reason."""
    try:
        period = ReportPeriod.parse_academic(value)
    except ValueError as error:
        hint = " (календарный год — в --year)" if value.strip().isdigit() else ""
        raise argparse.ArgumentTypeError(f"{error}{hint}") from None
    return period.key


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
        "Отчёт о показателях эффективности программы наставничества за календарный год "
        "(--year) или учебный год (--academic-year): PDF или JSON по расширению файла в "
        "--output (.pdf или .json). Для периода с утверждённым отчётом записывается "
        "утверждённая версия (её PDF или показатели), --live — отчёт по текущим данным."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--year",
            type=_year,
            help="календарный год отчёта, например 2026 (по умолчанию текущий)",
        )
        which.add_argument(
            "--academic-year",
            type=_academic_year,
            help="учебный год отчёта, например 2025/2026 (с месяца начала учебного года "
            "из карточки организации, по умолчанию с 1 сентября); вместо --year",
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
            help="построить отчёт по текущим данным, даже если отчёт за период утверждён "
            "(по умолчанию для утверждённого периода записывается утверждённая версия)",
        )

    def handle(
        self, *args, year=None, academic_year=None, output=None, format=None, live=False,
        **options,
    ):
        if year and academic_year:  # call_command() passes both past argparse's group
            raise CommandError("Укажите либо --year, либо --academic-year, но не оба.")
        if academic_year:
            try:
                period = report_period_parse(academic_year)
            except ValueError as error:
                raise CommandError(str(error)) from None
            if not period.academic:
                raise CommandError(
                    f"--academic-year {academic_year}: ожидается учебный год, например 2025/2026."
                )
        else:
            period = ReportPeriod.calendar(year or timezone.localdate().year)
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
        approval = None if live else report_approval_latest(period)
        if approval is None:
            data = report_data_build(period)
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
                f"Отчёт за {period.label}{what}: {path} "
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
        if not path.parent.exists():
            raise CommandError(f"Нет папки {path.parent}.")
        write_whole(path, content)
