"""The orders of the college, not of a selection (seed 000 1.2, seed 004 stages 1 and 7):
introducing the target model of mentoring, appointing its curator, holding the programme's
final event. Each is one paper of the College card (the organisation, the director, the
curator) and the academic year, made as PDF or .docx through mentorship.documents.orders
like the list orders, from the papers page («Документы программы») or `manage.py document`.

They live beside the list orders (mentorship.pairs.documents): the same header, basis,
blanks and PDF layout. The curator's name is declined as the sentence needs
(mentorship.lib.names, «Е.Н. Петрову»); without a curator on the card a blank is left.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import OrderParams, OrderSpec
from mentorship.lib.names import decline_full_name
from mentorship.lib.pdf import render_pdf
from mentorship.lib.periods import ReportPeriod
from mentorship.people.models import College

from .documents import BASIS, BLANK_DATE, BLANK_NUMBER, OrderHeader, order_header

BLANK_NAME = "____________________"
BLANK_PLACE = "____________________"
CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."
# Seed 004, stage 7: who is invited to the final event.
INVITED = (
    "участников программы наставничества (наставников и наставляемых), их родных, "
    "представителей организаций-партнёров, представителей администрации муниципалитета, "
    "представителей иных образовательных и некоммерческих организаций"
)
# The curator's duties as the seeds give them (004: the bases, the mentors' training, the
# pairs, monitoring, informing; stage 7: the final event, the best practices).
CURATOR_DUTIES = (
    "формирование базы наставников и базы наставляемых;",
    "организацию отбора и обучения наставников;",
    "формирование наставнических пар (групп) и подготовку проектов приказов об их закреплении;",
    "контроль реализации индивидуальных планов развития наставляемых;",
    "мониторинг реализации программы наставничества и личной удовлетворённости её участников;",
    "информирование участников образовательного процесса и организаций-партнёров о "
    "программе наставничества;",
    "подготовку итогового мероприятия программы наставничества, выявление и обобщение "
    "лучших практик наставничества.",
)


@dataclass(frozen=True)
class CollegeOrder:
    kind: str
    title: str
    header: OrderHeader
    period: ReportPeriod
    tail: str  # what follows the common basis (BASIS): «, в целях …»
    items: tuple[dict, ...]  # {"number": "1.", "text": …}, the text with names declined
    acquainted: tuple[str, ...]
    event_date: dt.date | None = None
    place: str = ""
    selected: int = 1

    @property
    def basis(self) -> str:
        return f"{BASIS}{self.tail},"

    @property
    def rows(self) -> tuple[dict, ...]:
        return self.items

    @property
    def filename(self) -> str:
        return f"Приказ {self.title} {self.period.key.replace('/', '-')}.pdf"


def _period(params: OrderParams, college: College) -> ReportPeriod:
    """The academic year the order is of: the one asked for, else the one the event (or
    today) falls in."""
    start_month = college.academic_year_start_month
    if params.year:
        return ReportPeriod.academic_year(params.year, start_month)
    day = params.event_date or timezone.localdate()
    return ReportPeriod.of_day(day, academic=True, start_month=start_month)


def _curator(header: OrderHeader, case: str) -> str:
    return decline_full_name(header.curator_name, case) if header.curator_name else BLANK_NAME


def _numbered(points: list[str | tuple[str, tuple[str, ...]]]) -> tuple[dict, ...]:
    """Points as items «1.», a point with sub-points as «2.», «2.1.», «2.2.»…"""
    items = []
    for n, point in enumerate(points, start=1):
        text, subs = point if isinstance(point, tuple) else (point, ())
        items.append({"number": f"{n}.", "text": text})
        items += [{"number": f"{n}.{m}.", "text": sub} for m, sub in enumerate(subs, start=1)]
    return tuple(items)


def _target_model(header: OrderHeader, period: ReportPeriod, params: OrderParams) -> dict:
    organisation = header.short_name or header.organisation
    points = [
        f"Внедрить в {organisation} целевую модель наставничества обучающихся {period.in_text}.",
        "Утвердить Положение о наставничестве обучающихся.",
        "Утвердить дорожную карту (план мероприятий) внедрения целевой модели наставничества "
        f"обучающихся на {period.label}.",
        f"Утвердить программу наставничества обучающихся на {period.label}.",
        f"Назначить {_curator(header, 'accusative')} куратором внедрения целевой модели "
        "наставничества обучающихся.",
        f"Куратору ({_curator(header, 'dative')}) обеспечить формирование базы наставников "
        "и базы наставляемых, обучение наставников, закрепление наставнических пар (групп) "
        "и мониторинг реализации программы наставничества.",
        CONTROL,
    ]
    return {
        "title": "О внедрении целевой модели наставничества обучающихся",
        "tail": ", в целях внедрения целевой модели наставничества обучающихся",
        "items": _numbered(points),
    }


def _curator_order(header: OrderHeader, period: ReportPeriod, params: OrderParams) -> dict:
    organisation = header.short_name or header.organisation
    points = [
        f"Назначить {_curator(header, 'accusative')} куратором внедрения целевой модели "
        f"наставничества обучающихся в {organisation} на {period.label}.",
        ("Возложить на куратора внедрения целевой модели наставничества:", CURATOR_DUTIES),
        CONTROL,
    ]
    return {
        "title": "О назначении куратора внедрения целевой модели наставничества",
        "tail": ", в целях организации внедрения целевой модели наставничества",
        "items": _numbered(points),
    }


def _final_event(header: OrderHeader, period: ReportPeriod, params: OrderParams) -> dict:
    when = f"{params.event_date:%d.%m.%Y}" if params.event_date else BLANK_DATE
    where = params.place or BLANK_PLACE
    points = [
        "Провести итоговое мероприятие программы наставничества по итогам "
        f"{period.genitive}: дата проведения — {when}, место проведения — {where}.",
        f"Пригласить на итоговое мероприятие {INVITED}.",
        "Назначить ответственным за подготовку и проведение итогового мероприятия куратора "
        f"программы наставничества {_curator(header, 'accusative')}.",
        (
            "Куратору программы наставничества:",
            (
                "подготовить программу итогового мероприятия и направить приглашения;",
                "подвести итоги мониторинга реализации программы наставничества и "
                "представить лучших наставников к награждению;",
                "подготовить благодарственные письма организациям-партнёрам;",
                "разместить информацию об итогах программы наставничества на официальном "
                "сайте образовательной организации.",
            ),
        ),
        CONTROL,
    ]
    return {
        "title": "О проведении итогового мероприятия программы наставничества",
        "tail": f", в целях подведения итогов программы наставничества {period.in_text}",
        "items": _numbered(points),
    }


_WORDING = {
    "order_target_model": _target_model,
    "order_curator": _curator_order,
    "order_final_event": _final_event,
}


def college_order(kind: str, objects: QuerySet, params: OrderParams) -> CollegeOrder:
    college = objects.first() or College.get()
    header = order_header(number=params.number, date=params.date, college=college)
    period = _period(params, college)
    wording = _WORDING[kind](header, period, params)
    return CollegeOrder(
        kind=kind,
        header=header,
        period=period,
        acquainted=(header.curator_name,) if header.curator_name else (),
        event_date=params.event_date,
        place=params.place,
        **wording,
    )


def college_order_pdf(order: CollegeOrder) -> bytes:
    return render_pdf("pairs/orders/order_college.html", {"order": order, "header": order.header})


def college_order_docx_context(order: CollegeOrder) -> dict:
    """What templates/docx/KIND.docx is filled with (templates/docx/build.py names the
    fields; number, date and items are required)."""
    header = order.header
    return {
        "organisation": header.organisation,
        "short_name": header.short_name,
        "city": header.city,
        "number": header.number or BLANK_NUMBER,
        "date": f"{header.date:%d.%m.%Y}" if header.date else BLANK_DATE,
        "year": order.period.label,
        "title": order.title,
        "basis": order.basis,
        "items": list(order.items),
        "director_position": header.director_position or "Директор",
        "director_name": header.director_name or BLANK_NAME,
        "curator_name": header.curator_name or BLANK_NAME,
        "event_date": f"{order.event_date:%d.%m.%Y}" if order.event_date else BLANK_DATE,
        "place": order.place or BLANK_PLACE,
        "acquainted": list(order.acquainted),
    }


def _spec(kind: str, kind_label: str) -> OrderSpec:
    return OrderSpec(
        model=College,
        default=lambda params: College.objects.filter(pk=College.get().pk),
        build=lambda objects, params: college_order(kind, objects, params),
        render=college_order_pdf,
        nothing_chosen="Приказ не сформирован: нет карточки организации.",
        back_label="К документам программы",
        back_url=reverse("documents:papers"),
        kind=kind_label,
        year=lambda params: _period(params, College.get()).first_year,
        paper=kind,
        docx_context=college_order_docx_context,
    )


def target_model_spec() -> OrderSpec:
    return _spec("order_target_model", ReportDownload.Kind.ORDER_TARGET_MODEL)


def curator_spec() -> OrderSpec:
    return _spec("order_curator", ReportDownload.Kind.ORDER_CURATOR)


def final_event_spec() -> OrderSpec:
    return _spec("order_final_event", ReportDownload.Kind.ORDER_FINAL_EVENT)
