"""Order drafts as PDF. They are the curator's working documents: the director signs the
printed order, so only the curator downloads drafts (the director, mentors, mentees: 403).

GET parameters: `ids` (comma-separated; absent — the default selection of each order),
`number` and `date` (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД) to print instead of blanks; the rewards
order also takes `year` (of the achievements; by default the year of the date, or this one).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from accounts.access import role_required
from accounts.roles import Role
from mentorship.lib.dates import parse_date
from mentorship.people.models import MentorProfile
from roadmap.models import ReportDownload

from . import documents
from .models import Pair

# An admin action passes its selection in the URL; past ~400 ids the URL outgrows what
# servers accept (gunicorn: 4094 bytes), and an order that long is better made in parts.
# It also bounds the work of one request: 400 rows lay out in about 7 s on a loaded
# 2-core machine, well inside the 30 s a web worker may be busy.
MAX_IDS = 400
MAX_NUMBER_CHARS = 50  # Pair.order_number
_MAX_DB_ID = 2**63 - 1


class OrderParamError(ValueError):
    """A parameter a person typed or edited in the URL is wrong; the message is Russian."""


@dataclass(frozen=True)
class OrderParams:
    ids: list[int] | None
    number: str
    date: dt.date | None
    year: int | None


@dataclass(frozen=True)
class OrderSpec:
    model: type[Model]
    default: Callable[[OrderParams], QuerySet]
    build: Callable[..., documents.OrderData]
    nothing_chosen: str
    back_label: str
    back_url: str
    kind: str  # ReportDownload.Kind: the entry in the journal of downloads


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


def _params(request) -> OrderParams:
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


def _page(request, spec: OrderSpec, message: str, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "pairs/orders/order_not_made.html",
        {"message": message, "back_url": spec.back_url, "back_label": spec.back_label},
        status=status,
    )


def _order_response(request, spec: OrderSpec) -> HttpResponse:
    try:
        params = _params(request)
    except OrderParamError as error:
        return _page(request, spec, str(error), status=400)
    nothing_chosen = spec.nothing_chosen.format(year=_rewards_year(params))
    if params.ids == []:
        return _page(request, spec, nothing_chosen)
    if params.ids is None:
        objects = spec.default(params)
        # Without a selection the order takes every current record; a college of thousands
        # would keep the worker laying out pages for minutes. The same cap as a selection.
        total = objects.count()
        if total > MAX_IDS:
            return _page(
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
        return _page(request, spec, nothing_chosen)
    response = HttpResponse(documents.order_pdf_render(data), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=data.filename
    )
    response["Cache-Control"] = "no-store"  # names of students: never kept in a cache
    # Orders name students: each download is journalled (who, when, which order, how long).
    year = _rewards_year(params) if spec.kind == ReportDownload.Kind.ORDER_REWARDS else None
    ReportDownload.record(request, spec.kind, year=year, rows=len(data.rows))
    return response


def _rewards_year(params: OrderParams) -> int:
    return params.year or (params.date or timezone.localdate()).year


def _pairs_spec() -> OrderSpec:
    return OrderSpec(
        model=Pair,
        default=lambda params: documents.order_pairs_default(),
        build=lambda objects, params: documents.order_pairs_data(
            objects, number=params.number, date=params.date
        ),
        nothing_chosen=(
            "Не выбрано ни одной пары: в приказ о закреплении нечего включить. Отметьте "
            "пары в списке «Пары и группы» и выберите действие «Приказ о закреплении "
            "выбранных пар (PDF)». Без выбора в приказ входят все формирующиеся и активные "
            "пары — сейчас таких нет."
        ),
        back_label="К списку пар и групп",
        back_url=reverse("admin:pairs_pair_changelist"),
        kind=ReportDownload.Kind.ORDER_PAIRS,
    )


def _mentors_spec() -> OrderSpec:
    return OrderSpec(
        model=MentorProfile,
        default=lambda params: documents.order_mentors_default(),
        build=lambda objects, params: documents.order_mentors_data(
            objects, number=params.number, date=params.date
        ),
        nothing_chosen=(
            "Не выбрано ни одного наставника: в приказ о назначении нечего включить. Отметьте "
            "наставников в «Банке наставников» и выберите действие «Приказ о назначении "
            "выбранных наставников (PDF)». Без выбора в приказ входят утверждённые и "
            "действующие наставники — сейчас таких нет."
        ),
        back_label="К банку наставников",
        back_url=reverse("admin:people_mentorprofile_changelist"),
        kind=ReportDownload.Kind.ORDER_MENTORS,
    )


def _rewards_spec() -> OrderSpec:
    return OrderSpec(
        model=Pair,
        default=lambda params: documents.order_rewards_default(_rewards_year(params)),
        build=lambda objects, params: documents.order_rewards_data(
            objects, number=params.number, date=params.date, year=_rewards_year(params)
        ),
        nothing_chosen=(
            "Не выбрано ни одной пары: в приказ о поощрении некого включить. Отметьте пары в "
            "списке «Пары и группы» и выберите действие «Приказ о поощрении участников "
            "выбранных пар (PDF)». Без выбора в приказ входят пары, завершившие работу в "
            "{year} году, — таких нет."
        ),
        back_label="К списку пар и групп",
        back_url=reverse("admin:pairs_pair_changelist"),
        kind=ReportDownload.Kind.ORDER_REWARDS,
    )


@role_required(Role.CURATOR)
def order_pairs_view(request):
    return _order_response(request, _pairs_spec())


@role_required(Role.CURATOR)
def order_mentors_view(request):
    return _order_response(request, _mentors_spec())


@role_required(Role.CURATOR)
def order_rewards_view(request):
    return _order_response(request, _rewards_spec())
