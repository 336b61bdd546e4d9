"""manage.py generate_college — a big generated college for the bench (bench/generate)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from accounts.models import User
from mentorship.bench.generate import BENCH_USERNAMES, DEFAULT_SEED, Sizes, generate, wipe
from mentorship.people.models import Person

# The summary's lines: (label, verbose_name_plural of the model counted).
SUMMARY = [
    ("организации-партнёры", "организации-партнёры"),
    ("люди", "люди"),
    ("согласия на обработку ПДн", "согласия на обработку ПДн"),
    ("наставники", "банк наставников"),
    ("наставляемые", "банк наставляемых"),
    ("пары и группы", "пары и группы"),
    ("индивидуальные планы", "индивидуальные планы"),
    ("задачи планов", "задачи плана"),
    ("встречи", "встречи"),
    ("достижения", "достижения"),
    ("опросы", "опросы"),
    ("персональные ссылки", "персональные ссылки"),
    ("заполненные анкеты", "ответы на анкеты"),
    ("ответы на вопросы", "ответы на вопросы"),
    ("мероприятия дорожной карты", "мероприятия дорожной карты"),
    ("целевые значения показателей", "целевые значения"),
]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError
    return number


class Command(BaseCommand):
    help = (
        "Строит большой сгенерированный колледж для замеров производительности: организации, "
        "обучающихся, педагогов, сотрудников предприятий, согласия, наставников и "
        "наставляемых, пары и группы за несколько учебных лет с планами, встречами и "
        "достижениями, опросы с ответами, дорожную карту и целевые значения показателей, а "
        "также учётные записи bench-kurator (куратор) и bench-direktor (директор). "
        "Заполняет только пустую базу; --flush сначала удаляет всё, что в ней есть."
    )

    def add_arguments(self, parser):
        parser.add_argument("--students", type=_positive, default=6000, help="Обучающихся.")
        parser.add_argument("--teachers", type=_positive, default=500, help="Педагогов.")
        parser.add_argument(
            "--organisations", type=_positive, default=150, help="Организаций-партнёров."
        )
        parser.add_argument(
            "--years", type=_positive, default=5, help="Учебных лет программы (до текущего)."
        )
        parser.add_argument("--seed", default=DEFAULT_SEED, help="Зерно генератора.")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Удалить людей, пары, опросы, дорожные карты и целевые значения, которые "
            "уже есть в базе, и построить колледж заново.",
        )

    def handle(self, *args, students, teachers, organisations, years, seed, flush, **options):
        if years > 10:
            raise CommandError("Не больше 10 учебных лет.")
        people = Person.objects.count()
        if people and not flush:
            raise CommandError(
                f"В базе уже есть люди ({people}). Генератор заполняет только пустую базу; "
                "чтобы удалить всё имеющееся и построить колледж заново, добавьте --flush."
            )
        started = time.monotonic()
        if flush:
            wipe(usernames=BENCH_USERNAMES)
        result = generate(
            Sizes(students=students, teachers=teachers, organisations=organisations, years=years),
            seed=seed,
        )
        seconds = time.monotonic() - started
        if options["verbosity"] > 0:
            self.stdout.write(self.summary(result, seconds))
        if options["verbosity"] > 1:
            steps = "; ".join(
                f"{name} — {t:.1f}".replace(".", ",") for name, t in result.timings.items()
            )
            self.stdout.write(f"  Шаги, с: {steps}.")

    def summary(self, result, seconds: float) -> str:
        by_kind = dict(Person.objects.values_list("kind").annotate(n=Count("pk")).order_by())
        kinds = ", ".join(
            f"{label} {by_kind[value]}"
            for value, label in Person.Kind.choices
            if by_kind.get(value)
        )
        counts = "; ".join(f"{label} {result.created[key]}" for label, key in SUMMARY)
        lines = [
            f"Колледж построен за {seconds:.1f} с.".replace(".", ",", 1),
            f"  Люди: {kinds}.",
            f"  Записей: {counts}.",
            "  Входы для замеров (без пароля, только force_login): "
            + ", ".join(
                f"{user.username} ({user.main_role.label.lower()})"
                for user in User.objects.filter(username__in=BENCH_USERNAMES).order_by("pk")
            )
            + ".",
            *result.notes,
        ]
        return "\n".join(lines)
