"""Order drafts («проекты приказов»): what every order shares, whatever it lists.

An order is asked for by URL (GET): `ids` (comma-separated; absent — the order's default
selection), `number` and `date` (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД) to print instead of blanks,
`year` where the order is of a year, `event_date` and `place` where it names an event (the
final event's order), and `format=docx` for the editable draft (PDF by
default). The 400-record cap is the PDF's (its layout time); a .docx has none. An admin
action turns a list's selection into such a URL (the .docx action serves the draft itself).
The app that owns the records describes its order with an OrderSpec: how to select, build
and render it; make_order and order_response do the rest — checks, the «not made» page, the
download and its entry in the journal of downloads.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from mentorship.lib.dates import parse_date
from mentorship.lib.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from mentorship.lib.docx import DocxTemplateError

from .models import ReportDownload
from .papers import get_paper
from .register import register_form_url
from .responses import download_response
from .templates_docx import fill

# An admin action passes its selection in the URL; past ~400 ids the URL outgrows what
# servers accept (gunicorn: 4094 bytes), and an order that long is better made in parts.
# It also bounds the work of one request: 400 rows lay out in about 7 s on a loaded
# 2-core machine, well inside the 30 s a web worker may be busy.
MAX_IDS = 400
PDF, DOCX = "pdf", "docx"
FORMATS = (PDF, DOCX)
MAX_NUMBER_CHARS = 50  # the longest order number a record keeps (Pair.order_number)
MAX_PLACE_CHARS = 200
_MAX_DB_ID = 2**63 - 1


class OrderParamError(ValueError):
    """A parameter a person typed or edited in the URL is wrong; the message is Russian."""


@dataclass(frozen=True)
class OrderParams:
    ids: list[int] | None
    number: str
    date: dt.date | None
    year: int | None
    format: str = PDF
    # The event an order is about (the final event's): its date and place, or blanks.
    event_date: dt.date | None = None
    place: str = ""


class OrderDocument(Protocol):
    """What an order's data must tell the plumbing."""

    rows: Sequence
    selected: int  # how many of the asked-for records were found
    filename: str


@dataclass(frozen=True)
class OrderSpec:
    model: type[Model]
    default: Callable[[OrderParams], QuerySet]
    build: Callable[[QuerySet, OrderParams], OrderDocument]
    render: Callable[[OrderDocument], bytes]
    # Shown when there is nothing to put in the order; may name {year}.
    nothing_chosen: str
    back_label: str
    back_url: str
    kind: str  # ReportDownload.Kind: the entry in the journal of downloads
    # The year an order is of (the rewards order), for the message and the journal.
    year: Callable[[OrderParams], int | None] = lambda params: None
    # The paper's kind in mentorship.documents.papers (its .docx template) and the values
    # its template is filled with; without them the order is made as PDF only.
    paper: str = ""
    docx_context: Callable[[OrderDocument], dict] | None = None
    # The heading of the «not made» page: a paper that is no order says so in its own words.
    not_made_title: str = "Приказ не сформирован"
    # The most records one PDF is laid out from (None: MAX_IDS): a paper of several pages a
    # record (the agreements) lays out a page in ~50 ms, so it takes fewer than an order.
    pdf_cap: int | None = None
    # What the messages about the cap call the paper (accusative: «в один приказ»).
    what: str = "приказ"
    # A paper of a page a row (letters, certificates): the most rows one PDF lays out,
    # counted once built (a pair gives each of its people a certificate); the message
    # names them as the registry counts them (Paper.counted).
    pdf_pages: int | None = None


def _ids(request, *, capped: bool) -> list[int] | None:
    """The ids asked for, in order and without repeats; None when the URL names none.

    Anything that is not an id of ours is a 404, like an id that does not exist.
    """
    if "ids" not in request.GET:
        return None
    ids = []
    for raw in ",".join(request.GET.getlist("ids")).split(","):
        raw = raw.strip()
        if not raw:
            continue
        if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= _MAX_DB_ID:
            raise Http404("Нет такой записи.")
        ids.append(int(raw))
    ids = list(dict.fromkeys(ids))
    if capped and len(ids) > MAX_IDS:
        raise OrderParamError(
            f"Выбрано записей: {len(ids)}. В один приказ — не больше {MAX_IDS}; "
            "сформируйте приказ частями."
        )
    return ids


def check_number(number: str) -> str:
    number = number.strip()
    if len(number) > MAX_NUMBER_CHARS:
        raise OrderParamError(f"Номер приказа длиннее {MAX_NUMBER_CHARS} символов.")
    return number


def check_date(text: str, what: str = "Дата приказа") -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError as error:
        raise OrderParamError(f"{what}: {error}.") from None


def check_event_date(text: str) -> dt.date | None:
    return check_date(text, "Дата мероприятия")


def check_place(text: str) -> str:
    place = " ".join(text.split())
    if len(place) > MAX_PLACE_CHARS:
        raise OrderParamError(f"Место проведения длиннее {MAX_PLACE_CHARS} символов.")
    return place


def check_year(text: str) -> int | None:
    raw_year = text.strip()
    if not raw_year:
        return None
    if not (raw_year.isascii() and raw_year.isdigit() and 2000 <= int(raw_year) <= 2100):
        raise OrderParamError("Год указывается четырьмя цифрами, например 2025.")
    return int(raw_year)


def check_format(text: str) -> str:
    fmt = text.strip().lower() or PDF
    if fmt not in FORMATS:
        raise OrderParamError("Формат приказа — pdf или docx.")
    return fmt


def order_params(request) -> OrderParams:
    number = check_number(request.GET.get("number", ""))
    date = check_date(request.GET.get("date", ""))
    year = check_year(request.GET.get("year", ""))
    fmt = check_format(request.GET.get("format", ""))
    event_date = check_event_date(request.GET.get("event_date", ""))
    place = check_place(request.GET.get("place", ""))
    return OrderParams(
        ids=_ids(request, capped=fmt == PDF),
        number=number,
        date=date,
        year=year,
        format=fmt,
        event_date=event_date,
        place=place,
    )


class OrderNotMade(Exception):
    """The order was not made; message is Russian (status: 400 for a refused request,
    200 for «nothing to put in it»)."""

    def __init__(self, message: str, status: int = 200):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class MadeOrder:
    content: bytes
    filename: str
    content_type: str
    rows: int
    year: int | None


def make_order(spec: OrderSpec, params: OrderParams, objects: QuerySet | None = None):
    """The order in params.format from the records asked for (objects, or params.ids, or
    the default selection) — the one way the views, the admin actions and `manage.py
    document` make it. OrderNotMade when it is not made; Http404 for an id not found."""
    year = spec.year(params)
    nothing_chosen = spec.nothing_chosen.format(year=year)
    pdf_cap = MAX_IDS if spec.pdf_cap is None else spec.pdf_cap
    if params.format == PDF and params.ids and len(params.ids) > pdf_cap:
        raise OrderNotMade(
            f"Выбрано записей: {len(params.ids)}. В один {spec.what} в PDF — не больше "
            f"{pdf_cap}; сформируйте {spec.what} частями (или возьмите в формате .docx — "
            "у него такого ограничения нет).",
            status=400,
        )
    if objects is None:
        if params.ids == []:
            raise OrderNotMade(nothing_chosen)
        if params.ids is None:
            objects = spec.default(params)
            # Without a selection the order takes every current record; a college of
            # thousands would keep the worker laying out PDF pages for minutes. The same cap
            # as a selection; a .docx is filled in a second and has none.
            total = objects.count() if params.format == PDF else 0
            if total > pdf_cap:
                raise OrderNotMade(
                    f"Без выбора в {spec.what} попадает записей: {total}. В один {spec.what} — "
                    f"не больше {pdf_cap}; отметьте записи в списке и сформируйте "
                    f"{spec.what} частями "
                    "(или возьмите проект в формате .docx — у него такого ограничения нет).",
                    status=400,
                )
        else:
            objects = spec.model.objects.filter(pk__in=params.ids)
    data = spec.build(objects, params)
    if params.ids is not None and data.selected != len(params.ids):
        raise Http404("Нет такой записи.")
    if not data.rows:
        raise OrderNotMade(nothing_chosen)
    if params.format == PDF and spec.pdf_pages is not None and len(data.rows) > spec.pdf_pages:
        raise OrderNotMade(
            f"В один файл PDF — не больше {spec.pdf_pages} {get_paper(spec.paper).counted}, а "
            f"выходит {len(data.rows)}. Отметьте меньше записей в списке или возьмите документ "
            "в формате .docx — у него такого ограничения нет.",
            status=400,
        )
    if params.format == DOCX:
        if spec.docx_context is None:
            raise OrderNotMade("Этот приказ формируется только в PDF.", status=400)
        try:
            content = fill(get_paper(spec.paper), spec.docx_context(data))
        except DocxTemplateError as error:
            raise OrderNotMade(
                f"Шаблон документа не подошёл: {error} Замените его в разделе «Шаблоны "
                "документов» или удалите, чтобы вернуться к шаблону по умолчанию.",
                status=400,
            ) from None
        filename = data.filename.removesuffix(".pdf") + ".docx"
        return MadeOrder(content, filename, DOCX_CONTENT_TYPE, len(data.rows), year)
    return MadeOrder(spec.render(data), data.filename, "application/pdf", len(data.rows), year)


def _not_made(request, spec: OrderSpec, message: str, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "documents/order_not_made.html",
        {
            "message": message,
            "back_url": spec.back_url,
            "back_label": spec.back_label,
            "title": spec.not_made_title,
        },
        status=status,
    )


def serve_order(request, spec: OrderSpec, made: MadeOrder) -> HttpResponse:
    """The made order as a download, journalled."""
    response = download_response(
        made.content, filename=made.filename, content_type=made.content_type
    )
    # Orders name students: each download is journalled (who, when, which order, how long).
    ReportDownload.record(request, spec.kind, year=made.year, rows=made.rows)
    return response


def order_response(request, spec: OrderSpec) -> HttpResponse:
    """The order as a PDF or .docx download, or a page that says in Russian why it was
    not made."""
    try:
        params = order_params(request)
        made = make_order(spec, params)
    except (OrderParamError, OrderNotMade) as error:
        status = getattr(error, "status", 400)
        return _not_made(request, spec, str(error), status=status)
    return serve_order(request, spec, made)


def order_docx_action(*, name: str, description: str, paper: str):
    """An admin action `name` that hands out the .docx draft of the order for the records
    selected, however many (the draft has no cap; the ids never travel in a URL). Offered
    to those who may change the list (the curator), like the PDF's action. paper: the kind
    in the registry (mentorship.documents.papers), so a lower app's list can offer it."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        order = get_paper(paper).spec()
        params = OrderParams(ids=None, number="", date=None, year=None, format=DOCX)
        try:
            made = make_order(order, params, objects=queryset)
        except OrderNotMade as error:
            modeladmin.message_user(request, error.message, messages.WARNING)
            return None
        return serve_order(request, order, made)

    action.__name__ = name
    return action


def order_selection_action(
    *,
    name: str,
    description: str,
    url_name: str,
    too_many: str = "В один приказ — не больше {cap} записей. Сузьте выбор фильтром и "
    "сформируйте приказ частями.",
):
    """An admin action `name` that opens the order at url_name for the records selected.

    It only redirects: the order view checks the role and builds the document, so a link
    and an action lead to the same checks. Offered to those who may change the list (the
    curator); the director, who only views, does not see it. too_many: the message for a
    selection over the cap ({cap}), for a paper that is no order.
    """

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[: MAX_IDS + 1])
        if len(ids) > MAX_IDS:
            modeladmin.message_user(request, too_many.format(cap=MAX_IDS), messages.WARNING)
            return None
        # Digits and commas need no escaping; %2C would make a long selection longer still.
        return HttpResponseRedirect(f"{reverse(url_name)}?ids={','.join(map(str, ids))}")

    action.__name__ = name  # the admin tells actions apart by their names
    return action


def order_register_action(
    *,
    name: str,
    description: str,
    title: str,
    typed: Callable[[QuerySet], tuple[str, dt.date | None]] = lambda queryset: ("", None),
    with_pairs: bool = True,
):
    """An admin action `name` that opens the register's add form for the signed order of
    the records selected: kind «приказ», the order's title, its number and date as typed in
    the records (typed(queryset): ("", None) when they do not agree) and, with_pairs, the
    pairs selected — the curator attaches the scan and saves. Only redirects: the add form
    checks the role and the register's rules."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[: MAX_IDS + 1])
        if len(ids) > MAX_IDS:
            modeladmin.message_user(
                request,
                f"В один приказ — не больше {MAX_IDS} записей. Сузьте выбор фильтром и "
                "внесите приказ в реестр частями.",
                messages.WARNING,
            )
            return None
        number, date = typed(queryset)
        url = register_form_url(
            title=title, number=number, date=date, pair_ids=ids if with_pairs else ()
        )
        return HttpResponseRedirect(url)

    action.__name__ = name
    return action
