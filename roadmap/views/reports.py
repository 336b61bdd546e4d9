"""The director's dashboard and the yearly KPI report. The director and the curator read
them; any other method but GET/HEAD is refused (405; 403 first for a role that may not
read them at all). The one row a download writes is its entry in the journal of downloads
(mentorship.documents.models.ReportDownload).

The one write here is the director's: approving a finished year's report (POST only, the
director's alone — the curator prepares the year, the director signs it off). From then on
the year's report is downloaded as approved, byte for byte."""

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.models import ReportDownload
from mentorship.documents.responses import download_response

from .. import dashboard, report, selectors, services

READERS = (Role.CURATOR, Role.DIRECTOR)


def _parse_year(raw: str, today) -> int:
    """A calendar year as four digits; empty is this year. Any year the programme might
    cover may be asked for: one with nothing in it reads «нет данных»."""
    raw = raw.strip()
    if not raw:
        return today.year
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise BadRequest("Год указывается четырьмя цифрами, например 2026.")
    year = int(raw)
    if not dashboard.FIRST_YEAR <= year <= dashboard.LAST_YEAR:
        raise BadRequest("Год вне периода, который ведёт система.")
    return year


def _year(request, today) -> int:
    """The calendar year asked for in ?year=, this year by default."""
    return _parse_year(request.GET.get("year", ""), today)


def _approval(request, year: int):
    """The approved version to serve: ?version=N (404 if the year has none such), else the
    year's latest; None for a year not approved."""
    raw = request.GET.get("version", "").strip()
    if not raw:
        return selectors.report_approval_latest(year)
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        raise BadRequest("Версия отчёта указывается числом, например 2.")
    approval = selectors.report_approval_get(year, int(raw))
    if approval is None:
        raise Http404(f"Версии {raw} утверждённого отчёта за {year} год нет.")
    return approval


@role_required(*READERS)
@require_safe
def dashboard_view(request):
    today = timezone.localdate()
    data = dashboard.dashboard_build(_year(request, today), today=today)
    response = render(
        request,
        "roadmap/dashboard.html",
        {
            "dash": data,
            "figures": data.figures,
            "can_approve": request.user.has_role(Role.DIRECTOR),
        },
    )
    # Counts by category (ОВЗ, ТЖС…) and roadmap names: not for shared caches.
    response["Cache-Control"] = "no-store"
    return response


@role_required(*READERS)
@require_safe
def report_pdf(request):
    """The year's report: the approved one's stored bytes when the year is approved (the
    latest version, or ?version=N), else built from the data as it is now."""
    today = timezone.localdate()
    year = _year(request, today)
    approval = _approval(request, year)
    if approval is None:
        data = report.report_data_build(year, today=today)
        content, filename = report.report_pdf_render(data), data.filename
    else:
        content, filename = bytes(approval.pdf), approval.filename
    response = download_response(content, filename=filename, content_type="application/pdf")
    # The journal of downloads: who took which year's report, and when.
    ReportDownload.record(request, ReportDownload.Kind.KPI_REPORT, year=year)
    return response


@role_required(Role.DIRECTOR)
@require_POST
def report_approve(request):
    today = timezone.localdate()
    year = _parse_year(request.POST.get("year", ""), today)
    try:
        approval = services.report_approve(
            year=year, by=request.user, reason=request.POST.get("reason", ""), today=today
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            f"Отчёт за {year} год утверждён (версия {approval.version}). Теперь отчёт за этот "
            "год скачивается в утверждённом виде.",
        )
    return redirect(f"{reverse('reports:dashboard')}?year={year}")
