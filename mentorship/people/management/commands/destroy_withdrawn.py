"""python manage.py destroy_withdrawn [--today ГГГГ-ММ-ДД] [--user LOGIN] — daily, for cron,
and once more right after restoring a backup.

Destroys (anonymises) the personal data of people whose consent was withdrawn more than
30 days ago, and again of anyone the tombstone file (TOMBSTONE_PATH) says was destroyed
before — a restored backup brings them back — and records the act
(mentorship.people.destruction). Exits with an error when
someone could not be destroyed: they stay due and the next run tries again.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from mentorship.people.destruction import (
    RETENTION_DAYS,
    people_destroy_withdrawn,
    people_due,
    people_tombstoned,
)


class Command(BaseCommand):
    help = (
        "Уничтожает персональные данные людей, отозвавших согласие более "
        f"{RETENTION_DAYS} дней назад, и составляет акт об уничтожении."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="дата запуска, ГГГГ-ММ-ДД (по умолчанию — сегодня)",
        )
        parser.add_argument(
            "--user",
            default=None,
            help="логин того, кто запускает вручную (по умолчанию — «автоматически»)",
        )

    def handle(self, *args, today, user, **options):
        today = today or timezone.localdate()
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"Пользователь «{user}» не найден.")
        acts = people_destroy_withdrawn(today=today, by=by)
        if not acts:
            self.stdout.write(f"{today:%d.%m.%Y}: уничтожать нечего — акт не составлялся.")
        for act in acts:
            count = act.rows.count()
            repeated = act.rows.filter(repeated=True).count()
            url = reverse("people:destruction-act", args=[act.pk])
            self.stdout.write(
                f"{today:%d.%m.%Y}: уничтожены персональные данные людей: {count}. "
                f"Составлен акт № {act.pk}, для печати: {url}"
            )
            if repeated:
                self.stdout.write(
                    f"Из них повторно, после восстановления из резервной копии: {repeated}."
                )
        left = sorted(
            set(people_due(today=today).values_list("pk", flat=True)) | set(people_tombstoned())
        )
        if left:
            raise CommandError(
                "Не удалось уничтожить данные людей № "
                + ", ".join(map(str, left))
                + " (подробности в журнале); следующий запуск попробует снова."
            )
