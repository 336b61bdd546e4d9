"""python manage.py region_package --period KEY --output FILE.json|FILE.xlsx

The college's package to the regional centre for a report period — the same file the
button «Пакет для РНЦ» on the report page gives: a calendar year (--period 2025) or an
academic year (--period 2025/2026, from the college's start month: people.College). The
output file's extension chooses the form, .json or .xlsx; another is refused rather than
guessed. A college without its ИНН gets no package (the regional centre knows colleges by
it). The file is written whole or not at all; the command prints what it wrote: the period,
the counts, the checksum.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentorship.lib.files import write_whole
from mentorship.package.files import FORMATS, package_file
from mentorship.package.format import PackageError
from mentorship.package.periods import package_period


def _format_of(path: Path) -> str:
    found = path.suffix.lower().removeprefix(".")
    if found not in FORMATS:
        raise CommandError(
            f"Не могу выбрать форму пакета по имени файла «{path.name}»: расширение должно "
            "быть «.json» или «.xlsx»."
        )
    return found


class Command(BaseCommand):
    help = (
        "Пакет колледжа для регионального наставнического центра (РНЦ) за отчётный период: "
        "агрегаты программы без персональных данных, .json или .xlsx по расширению файла."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            required=True,
            help="отчётный период: год (2025) или учебный год (2025/2026, с месяца начала "
            "учебного года из карточки организации)",
        )
        parser.add_argument(
            "--output", required=True, help="куда записать пакет: файл .json или .xlsx"
        )

    def handle(self, *args, period, output, **options):
        path = Path(output)
        fmt = _format_of(path)  # decided before anything is read
        if not path.parent.exists():
            raise CommandError(f"Нет папки {path.parent}.")
        try:
            chosen = package_period(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        try:
            made = package_file(chosen, fmt)
        except PackageError as error:
            raise CommandError(str(error)) from None
        write_whole(path, made.content)
        data = made.data
        federal = data["federal_statistics"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Пакет для РНЦ за {chosen.label}: {path} ({len(made.content) // 1024 + 1} КБ). "
                f"Наставляемых: {federal['mentees']}, наставников: {federal['mentors']}, "
                f"пар: {federal['pairs']}, групп: {federal['groups']}, показателей: "
                f"{len(data['kpis'])}. Контрольная сумма: {data['checksum']}."
            )
        )
