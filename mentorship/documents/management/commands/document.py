"""python manage.py document --list
python manage.py document KIND --output FILE.docx|FILE.pdf [--number N] [--date ДД.ММ.ГГГГ]
[--year ГГГГ]
python manage.py document individual_plan --pair ID --output FILE.docx|FILE.pdf
python manage.py document agreement [--pair ID] --output FILE.docx|FILE.pdf
python manage.py document order_final_event --event-date ДД.ММ.ГГГГ --place "Актовый зал"
    [--year ГГГГ] --output FILE.docx|FILE.pdf

KIND is any registered paper (mentorship.documents.papers; `--list` names them). The
paper is made from the current data as the screen makes it without a selection (orders over
all pairs or mentors that fit), with the same checks and the same Russian messages: the PDF
keeps its cap, the .docx has none. The format is the output file's extension.

- A paper of one pair (by_pair in the registry: the individual plan) takes --pair ID and
  needs it; a paper whose --pair is optional (pair_optional: the agreements) takes one
  pair or, without it, the default selection; the other kinds ignore it.
- --year is the year of the papers of a year (the rewards order, the thank-you letters,
  the certificates: by default the year of --date, or this one); for the orders of the
  college (of_college: the target model, the curator, the final event) it is the academic
  year's first year (by default the running one).
- The final event's order also takes --event-date and --place (--date stays the order's own
  date); a kind that does not take them refuses them rather than drop them silently.

Nothing is written when the paper is not made.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from mentorship.documents.orders import (
    DOCX,
    PDF,
    OrderNotMade,
    OrderParamError,
    OrderParams,
    check_date,
    check_event_date,
    check_number,
    check_place,
    check_year,
    make_order,
)
from mentorship.documents.papers import OPTIONS, get_paper, papers


class Command(BaseCommand):
    help = (
        "Документ из текущих данных: проект приказа в .docx (редактируемый) или PDF. "
        "--list — какие документы есть."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", help="какой документ (см. --list)")
        parser.add_argument("--list", action="store_true", help="перечислить документы")
        parser.add_argument("--output", help="файл .docx или .pdf, куда записать документ")
        parser.add_argument("--number", default="", help="номер приказа")
        parser.add_argument("--date", default="", help="дата приказа, ДД.ММ.ГГГГ")
        parser.add_argument(
            "--year",
            default="",
            help=(
                "год (поощрения, письма, сертификаты; для приказов колледжа — год начала "
                "учебного года)"
            ),
        )
        parser.add_argument(
            "--pair", type=int, help="номер пары (для индивидуального плана, соглашений)"
        )
        parser.add_argument(
            "--event-date", default="", help="дата мероприятия, ДД.ММ.ГГГГ (итоговое мероприятие)"
        )
        parser.add_argument("--place", default="", help="место проведения (итоговое мероприятие)")

    def handle(self, *args, **options):
        if options["list"]:
            for kind, paper in papers().items():
                self.stdout.write(f"{kind}\t{paper.title}")
            return
        if not options["kind"]:
            raise CommandError("Укажите документ (список: manage.py document --list).")
        try:
            paper = get_paper(options["kind"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not options["output"]:
            raise CommandError("Укажите файл: --output ИМЯ.docx или --output ИМЯ.pdf.")
        output = Path(options["output"])
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in (DOCX, PDF):
            raise CommandError("Файл документа — .docx или .pdf: по расширению выбирается формат.")
        for option in ("event_date", "place"):
            if options[option] and option not in paper.options:
                flag = "--" + option.replace("_", "-")
                raise CommandError(
                    f"«{paper.title}» не принимает {flag} ({OPTIONS[option].lower()})."
                )
        ids = None
        if paper.by_pair:
            if options["pair"]:
                ids = [options["pair"]]
            elif not paper.pair_optional:
                raise CommandError("Укажите пару: --pair НОМЕР (номер пары в списке пар).")
        try:
            params = OrderParams(
                ids=ids,
                number=check_number(options["number"]),
                date=check_date(options["date"]),
                year=check_year(options["year"]),
                format=fmt,
                event_date=check_event_date(options["event_date"]),
                place=check_place(options["place"]),
            )
            made = make_order(paper.spec(), params)
        except (OrderParamError, OrderNotMade) as error:
            raise CommandError(str(error)) from None
        except Http404:
            raise CommandError(f"Нет пары с номером {options['pair']}.") from None
        output.write_bytes(made.content)
        self.stdout.write(f"{paper.title}: {output} ({paper.counted}: {made.rows}).")
