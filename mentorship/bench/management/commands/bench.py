"""manage.py bench — the performance measurements of `make bench` (mentorship/bench/run/)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from mentorship.bench.run import main, steps


class Command(BaseCommand):
    help = (
        "Замер производительности: строит (или берёт готовые) базы сгенерированного колледжа "
        "на ~100 человек и полного размера, замеряет страницы куратора и директора, KPI, PDF, "
        "импорт и выгрузку xlsx, отправку анкет под нагрузкой — каждую цифру рядом с её "
        "основой (что на тех же данных делает голый Django, openpyxl или WeasyPrint) и как "
        "отношение к ней; по умолчанию на своём временном кластере PostgreSQL (BENCH_DB=sqlite "
        "— на SQLite); печатает таблицу и пишет bench-results.json. Размеры — переменные "
        "BENCH_* (см. README)."
    )

    def add_arguments(self, parser):
        # Internal: one step in its own process, on the database of its DATABASE_URL.
        parser.add_argument("--step", choices=steps.STEPS, help="(внутреннее) один шаг замера")
        parser.add_argument("--out", help="(внутреннее) куда записать результаты шага")
        parser.add_argument("--argument", default="", help="(внутреннее) параметр шага")

    def handle(self, *args, step=None, out=None, argument="", **options):
        if step:
            steps.run_step(step, Path(out), argument=argument)
            return
        main.main()
