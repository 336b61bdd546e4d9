"""The director's dashboard and the KPI report, of a report period: a calendar year
(?year=2025 or ?period=2025) or an academic year (?period=2025/2026, the college's start
month). The director and the curator read them; any other method but GET/HEAD is refused
(405; 403 first for a role that may not read them at all). The one row a download writes
is its entry in the journal of downloads (mentorship.documents.models.ReportDownload).

The one write here is the director's: approving a finished period's report (POST only, the
director's alone — the curator prepares the period, the director signs it off). From then
on the period's report is downloaded as approved, byte for byte."""


from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.models import ReportDownload
from mentorship.documents.responses import download_response
from mentorship.lib.periods import ReportPeriod
from mentorship.lib.views import reason_on_400
from mentorship.people.selectors import academic_year_start_month, report_period_parse

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


def _parse_period(params, today, start_month: int | None = None) -> ReportPeriod:
    """The report period asked for: ?period=2025 or ?period=2025/2026 (the college's start
    month: read here, one query, unless given), else ?year=2025 as a calendar year, else
    this calendar year. A bad one is a 400 with a Russian message."""
    raw = params.get("period", "").strip()
    if not raw:
        return ReportPeriod.calendar(_parse_year(params.get("year", ""), today))
    try:
        period = ReportPeriod.parse(raw)
        if period.academic:
            period = report_period_parse(raw, start_month=start_month)
    except ValueError as error:
        raise BadRequest(str(error)) from None
    if not dashboard.FIRST_YEAR <= period.first_year < dashboard.LAST_YEAR:
        first, last = dashboard.FIRST_YEAR, dashboard.LAST_YEAR - 1
        raise BadRequest(f"Отчёты ведутся за {first}–{last} годы: выберите период в этих пределах.")
    return period


def _approval(request, period: ReportPeriod):
    """The approved version to serve: ?version=N (404 if the period has none such), else
    the period's latest; None for a period not approved."""
    raw = request.GET.get("version", "").strip()
    if not raw:
        return selectors.report_approval_latest(period)
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        raise BadRequest("Версия отчёта указывается числом, например 2.")
    approval = selectors.report_approval_get(period, int(raw))
    if approval is None:
        raise Http404(f"Версии {raw} утверждённого отчёта за {period.label} нет.")
    return approval


@role_required(*READERS)
@require_safe
@reason_on_400
def dashboard_view(request):
    today = timezone.localdate()
    start_month = academic_year_start_month()
    period = _parse_period(request.GET, today, start_month)
    data = dashboard.dashboard_build(period, today=today, start_month=start_month)
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
@reason_on_400
def report_pdf(request):
    """The period's report: the approved one's stored bytes when the period is approved (the
    latest version, or ?version=N), else built from the data as it is now."""
    today = timezone.localdate()
    period = _parse_period(request.GET, today)
    approval = _approval(request, period)
    if approval is None:
        data = report.report_data_build(period, today=today)
        content, filename = report.report_pdf_render(data), data.filename
    else:
        content, filename = bytes(approval.pdf), approval.filename
    response = download_response(content, filename=filename, content_type="application/pdf")
    # The journal of downloads: who took which period's report, and when.
    ReportDownload.record(
        request, ReportDownload.Kind.KPI_REPORT, year=period.first_year, period=period.key
    )
    return response


@role_required(Role.DIRECTOR)
@require_POST
@reason_on_400
def report_approve(request):
    today = timezone.localdate()
    period = _parse_period(request.POST, today)
    try:
        approval = services.report_approve(
            period=period, by=request.user, reason=request.POST.get("reason", ""), today=today
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            f"Отчёт за {period.label} утверждён (версия {approval.version}). Теперь отчёт "
            f"за этот {'учебный год' if period.academic else 'год'} скачивается в утверждённом "
            "виде.",
        )
    return redirect(f"{reverse('reports:dashboard')}?{urlencode({'period': period.key})}")
