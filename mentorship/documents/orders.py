"""Order drafts («проекты приказов»): what every order shares, whatever it lists.

An order is asked for by URL (GET): `ids` (comma-separated; absent — the order's default
selection), `number` and `date` (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД) to print instead of blanks, and
`year` where the order is of a year. An admin action turns a list's selection into such a
URL. The app that owns the records describes its order with an OrderSpec: how to select,
build and render it; order_response does the rest — checks, the «not made» page, the
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

from .models import ReportDownload
from .responses import download_response

# An admin action passes its selection in the URL; past ~400 ids the URL outgrows what
# servers accept (gunicorn: 4094 bytes), and an order that long is better made in parts.
# It also bounds the work of one request: 400 rows lay out in about 7 s on a loaded
# 2-core machine, well inside the 30 s a web worker may be busy.
MAX_IDS = 400
MAX_NUMBER_CHARS = 50  # the longest order number a record keeps (Pair.order_number)
_MAX_DB_ID = 2**63 - 1


class OrderParamError(ValueError):
    """A parameter a person typed or edited in the URL is wrong; the message is Russian."""


@dataclass(frozen=True)
class OrderParams:
    ids: list[int] | None
    number: str
    date: dt.date | None
    year: int | None


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


def _ids(request) -> list[int] | None:
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
    if len(ids) > MAX_IDS:
        raise OrderParamError(
            f"Выбрано записей: {len(ids)}. В один приказ — не больше {MAX_IDS}; "
            "сформируйте приказ частями."
        )
    return ids


def order_params(request) -> OrderParams:
    number = request.GET.get("number", "").strip()
    if len(number) > MAX_NUMBER_CHARS:
        raise OrderParamError(f"Номер приказа длиннее {MAX_NUMBER_CHARS} символов.")
    try:
        date = parse_date(request.GET.get("date", ""))
    except ValueError as error:
        raise OrderParamError(f"Дата приказа: {error}.") from None
    year = None
    if request.GET.get("year", "").strip():
        raw_year = request.GET["year"].strip()
        if not (raw_year.isascii() and raw_year.isdigit() and 2000 <= int(raw_year) <= 2100):
            raise OrderParamError("Год указывается четырьмя цифрами, например 2025.")
        year = int(raw_year)
    return OrderParams(ids=_ids(request), number=number, date=date, year=year)


def _not_made(request, spec: OrderSpec, message: str, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "documents/order_not_made.html",
        {"message": message, "back_url": spec.back_url, "back_label": spec.back_label},
        status=status,
    )


def order_response(request, spec: OrderSpec) -> HttpResponse:
    """The order as a PDF download, or a page that says in Russian why it was not made."""
    try:
        params = order_params(request)
    except OrderParamError as error:
        return _not_made(request, spec, str(error), status=400)
    year = spec.year(params)
    nothing_chosen = spec.nothing_chosen.format(year=year)
    if params.ids == []:
        return _not_made(request, spec, nothing_chosen)
    if params.ids is None:
        objects = spec.default(params)
        # Without a selection the order takes every current record; a college of thousands
        # would keep the worker laying out pages for minutes. The same cap as a selection.
        total = objects.count()
        if total > MAX_IDS:
            return _not_made(
                request,
                spec,
                f"Без выбора в приказ попадает записей: {total}. В один приказ — не больше "
                f"{MAX_IDS}; отметьте записи в списке и сформируйте приказ частями.",
                status=400,
            )
    else:
        objects = spec.model.objects.filter(pk__in=params.ids)
    data = spec.build(objects, params)
    if params.ids is not None and data.selected != len(params.ids):
        raise Http404("Нет такой записи.")
    if not data.rows:
        return _not_made(request, spec, nothing_chosen)
    response = download_response(
        spec.render(data), filename=data.filename, content_type="application/pdf"
    )
    # Orders name students: each download is journalled (who, when, which order, how long).
    ReportDownload.record(request, spec.kind, year=year, rows=len(data.rows))
    return response


def order_selection_action(*, name: str, description: str, url_name: str):
    """An admin action `name` that opens the order at url_name for the records selected.

    It only redirects: the order view checks the role and builds the document, so a link
    and an action lead to the same checks. Offered to those who may change the list (the
    curator); the director, who only views, does not see it.
    """

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[: MAX_IDS + 1])
        if len(ids) > MAX_IDS:
            modeladmin.message_user(
                request,
                f"В один приказ — не больше {MAX_IDS} записей. Сузьте выбор фильтром и "
                "сформируйте приказ частями.",
                messages.WARNING,
            )
            return None
        # Digits and commas need no escaping; %2C would make a long selection longer still.
        return HttpResponseRedirect(f"{reverse(url_name)}?ids={','.join(map(str, ids))}")

    action.__name__ = name  # the admin tells actions apart by their names
    return action
