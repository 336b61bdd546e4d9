"""python manage.py roll_over --to 2027/2028 [--commit]

The college's move to the next academic year (roadmap.rollover): without --commit it prints
what would change and writes nothing; with --commit it writes all of it in one transaction
and prints the same summary. A year already rolled over is left as it is.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from roadmap.rollover import RollOverError, roll_over_commit, roll_over_plan, roll_over_summary


class Command(BaseCommand):
    help = (
        "Перевод на новый учебный год: курсы обучающихся +1, обучающиеся последнего курса "
        "становятся выпускниками, их пары прекращаются; если дорожная карта заканчивается раньше "
        "нового учебного года, создаётся дорожная карта на него с ежегодными мероприятиями. "
        "Без --commit только показывает, что изменится."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            required=True,
            help="учебный год, на который переводится колледж, например 2027/2028: "
            "следующий за текущим, а до 31 декабря — и текущий, если перевод на него "
            "ещё не выполнен",
        )
        parser.add_argument(
            "--commit", action="store_true", help="записать изменения (без него — только просмотр)"
        )

    def handle(self, *args, to, commit, **options):
        today = timezone.localdate()
        try:
            if commit:
                plan = roll_over_commit(to=to, today=today, by_name="manage.py roll_over")
            else:
                plan = roll_over_plan(to=to, today=today)
        except RollOverError as error:
            raise CommandError(str(error)) from None
        for line in roll_over_summary(plan):
            self.stdout.write(line)
        if plan.written is not None:
            self.stdout.write("Записано.")
        elif plan.done is None:
            self.stdout.write(
                "Это просмотр: ничего не записано. Чтобы записать, добавьте --commit."
            )
