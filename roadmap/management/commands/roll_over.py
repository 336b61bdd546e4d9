"""python manage.py roll_over --to 2027/2028 [--commit] [--confirm-targets]

The college's move to the next academic year (roadmap.rollover): without --commit it prints
what would change and writes nothing; with --commit it writes all of it in one transaction
and prints the same summary. A year already rolled over is left as it is.
--confirm-targets writes the new year's KPI targets as proposed from the programme's table
(roadmap.rollover_targets) — what the curator's «Подтвердить целевые показатели» does —
also after the roll-over itself.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from roadmap.rollover import RollOverError, roll_over_commit, roll_over_plan, roll_over_summary
from roadmap.rollover_targets import targets_confirm


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
        parser.add_argument(
            "--confirm-targets",
            action="store_true",
            help="записать предложенные по программе целевые показатели на этот учебный год "
            "(можно и после выполненного перевода)",
        )

    def handle(self, *args, to, commit, confirm_targets, **options):
        today = timezone.localdate()
        try:
            if commit:
                plan = roll_over_commit(to=to, today=today, by_name="manage.py roll_over")
            else:
                plan = roll_over_plan(to=to, today=today)
        except RollOverError as error:
            raise CommandError(str(error)) from None
        if confirm_targets and plan.done is None and plan.written is None:
            raise CommandError(
                "Целевые показатели записываются после перевода на новый учебный год: "
                "добавьте --commit."
            )
        for line in roll_over_summary(plan):
            self.stdout.write(line)
        if confirm_targets:
            self._confirm_targets(plan)
        if plan.written is not None:
            self.stdout.write("Записано.")
        elif plan.done is None:
            self.stdout.write(
                "Это просмотр: ничего не записано. Чтобы записать, добавьте --commit."
            )

    def _confirm_targets(self, plan):
        if not plan.targets:
            self.stdout.write(f"Целевые показатели на {plan.period.label}: записывать нечего.")
            return
        try:
            written = targets_confirm(
                plan.period,
                {p.indicator.pk: p.value for p in plan.targets},
                reason=f"{plan.reason}: целевые показатели (manage.py roll_over)",
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Целевые показатели на {plan.period.label} записаны: {len(written)}.")

