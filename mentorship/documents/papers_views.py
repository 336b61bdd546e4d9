"""The papers page («Документы программы»): every registered paper
(mentorship.documents.papers) with what it needs. An order of the college (Paper.of_college:
the target model, the curator, the final event) is made here from a small form — number,
date, format and its own options — through make_order, like every order; a list's order is
made in its list (OrderSpec.back_url), and a signed paper goes to the register.

The curator makes the drafts; the director reads the page (orders are the curator's working
documents, so downloading a draft is the curator's: 403 for the director, as for the list
orders). A wrong parameter shows the page again with the Russian message and the typed
values kept.
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from accounts.access import role_required
from accounts.roles import Role
from mentorship.lib.periods import ReportPeriod

from .models import RegisteredDocument
from .orders import (
    DOCX,
    FORMATS,
    OrderNotMade,
    OrderParamError,
    make_order,
    order_params,
    serve_order,
)
from .papers import OPTIONS, Paper, papers
from .register import register_form_url

# The form's fields of every order of the college, then its own options (OPTIONS).
_COMMON = ("number", "date", "format")
_YEARS_BEFORE, _YEARS_AFTER = 2, 1  # the academic years the form offers around this one


def _years() -> list[tuple[int, str]]:
    """(first year, «2025/2026 учебный год») for the academic years around this one. The
    form's default is empty: the running academic year, as the College card counts it (the
    order reads the card's first month; this page does not need it)."""
    this = timezone.localdate().year
    return [
        (year, ReportPeriod.academic_year(year).label)
        for year in range(this - _YEARS_BEFORE, this + _YEARS_AFTER + 1)
    ]


def _entry(paper: Paper, *, curator: bool) -> dict:
    spec = paper.spec()
    return {
        "kind": paper.kind,
        "title": paper.title,
        "of_college": paper.of_college,
        "options": [(name, OPTIONS[name]) for name in paper.options],
        "back_url": spec.back_url,
        "back_label": spec.back_label,
        "register_url": _register_url(paper) if curator else "",
    }


def _register_url(paper: Paper) -> str:
    """The register's add form for the signed paper: an order (it has a number and a date)
    as «приказ» under its subject («О …», as the list orders register), any other paper as
    «иное» under its title."""
    if "number" in paper.required_fields and paper.title.startswith("Приказ "):
        subject = paper.title.removeprefix("Приказ ")
        return register_form_url(title=subject[:1].upper() + subject[1:])
    return register_form_url(title=paper.title, kind=RegisteredDocument.Kind.OTHER)


def _page(request, *, kind: str = "", error: str = "", status: int = 200):
    curator = request.user.has_role(Role.CURATOR)
    entries = [_entry(paper, curator=curator) for paper in papers().values()]
    for entry in entries:
        entry["values"] = {"format": DOCX}
        if entry["kind"] == kind:
            # The form that was sent keeps what was typed in it.
            entry["values"] = {key: request.GET.get(key, "") for key in (*_COMMON, *OPTIONS)}
            entry["error"] = error
        entry["fields"] = [
            (name, label, entry["values"].get(name, "")) for name, label in entry["options"]
        ]
    context = {
        "entries": entries,
        "curator": curator,
        "years": [(str(year), label) for year, label in _years()],
        "formats": FORMATS,
        "register_url": reverse("admin:documents_registereddocument_changelist"),
    }
    return render(request, "documents/papers.html", context, status=status)


@role_required(Role.CURATOR, Role.DIRECTOR)
def papers_page(request):
    return _page(request)


@role_required(Role.CURATOR)
def paper_download(request, kind: str):
    paper = papers().get(kind)
    if paper is None or not paper.of_college:
        raise Http404("Нет такого документа.")
    spec = paper.spec()
    try:
        made = make_order(spec, order_params(request))
    except (OrderParamError, OrderNotMade) as error:
        status = getattr(error, "status", 400)
        return _page(request, kind=kind, error=str(error), status=status)
    return serve_order(request, spec, made)
