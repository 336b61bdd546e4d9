"""python manage.py register_document --kind K --number N --date ДД.ММ.ГГГГ --title T
[--scan FILE] [--note TEXT] [--activity ID …] [--pair ID …] [--user LOGIN]

Enters a signed document in the register of documents, as the register's admin screen
does: the same checks (the scan's type by its content, the date), the same Russian
messages, nothing written when anything is refused.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from mentorship.lib.dates import parse_date

from ...models import RegisteredDocument
from ...register import document_register

Kind = RegisteredDocument.Kind


def _kind(text: str) -> str:
    """A kind by its code («order») or its name («приказ»), in any case."""
    wanted = " ".join(text.split()).casefold()
    for value, label in Kind.choices:
        if wanted in (value, label.casefold()):
            return value
    names = "; ".join(f"{value} — {label}" for value, label in Kind.choices)
    raise CommandError(f"Неизвестный вид документа «{text}». Допустимые виды: {names}.")


class Command(BaseCommand):
    help = "Вносит подписанный документ в реестр документов программы наставничества."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, help="вид документа: код или название")
        parser.add_argument("--number", default="", help="номер документа")
        parser.add_argument("--date", required=True, help="дата документа, ДД.ММ.ГГГГ")
        parser.add_argument("--title", required=True, help="название документа")
        parser.add_argument("--scan", default=None, help="подписанный скан: PDF, JPEG или PNG")
        parser.add_argument("--note", default="", help="примечание")
        parser.add_argument(
            "--activity",
            type=int,
            nargs="+",
            default=[],
            help="номера мероприятий дорожной карты, которые подтверждает документ",
        )
        parser.add_argument(
            "--pair", type=int, nargs="+", default=[], help="номера пар, которых он касается"
        )
        parser.add_argument("--user", default=None, help="логин того, кто вносит документ")

    def handle(self, *args, kind, number, date, title, scan, note, activity, pair, user, **_):
        kind = _kind(kind)
        try:
            day = parse_date(date)
        except ValueError as error:
            raise CommandError(f"Дата документа: {error}.") from None
        if day is None:
            raise CommandError("Дата документа: укажите дату в виде ДД.ММ.ГГГГ.")
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"Пользователь «{user}» не найден.")
        handle = None
        if scan:
            path = Path(scan)
            if not path.is_file():
                raise CommandError(f"Файл скана «{scan}» не найден.")
            handle = path.open("rb")
        try:
            document = document_register(
                kind=kind,
                number=number,
                date=day,
                title=title,
                scan=File(handle, name=path.name) if handle else None,
                note=note,
                by=by,
                activity_ids=activity,
                pair_ids=pair,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        finally:
            if handle:
                handle.close()
        scan_note = "со сканом" if document.scan else "без скана"
        self.stdout.write(f"Внесён в реестр ({scan_note}), запись № {document.pk}: {document}.")
