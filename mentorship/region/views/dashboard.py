"""The coordinator's pages: the region's dashboard for a report period and the regional
report (PDF or .xlsx). GET only; the coordinator alone (accounts.access.role_required);
?period=2025 or ?period=2025/2026, the latest period with packages by default; a bad
period or format is a 400 with its Russian reason."""


from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.responses import download_response
from mentorship.lib.periods import ReportPeriod
from mentorship.lib.views import reason_on_400

from ..indicators import region_dashboard_build
from ..report import FORMATS, region_report_build, region_report_pdf, region_report_xlsx


def _period(request) -> str:
    """?period= as given ("" for the default); a key that is not a period is a 400."""
    raw = request.GET.get("period", "").strip()
    if raw:
        try:
            ReportPeriod.parse(raw)
        except ValueError as error:
            raise BadRequest(str(error)) from None
    return raw


@role_required(Role.COORDINATOR)
@require_safe
@reason_on_400
def dashboard_view(request):
    dash = region_dashboard_build(_period(request))
    response = render(
        request,
        "region/dashboard.html",
        {
            "dash": dash,
            "denominators_url": reverse("admin:region_regionaldenominator_changelist"),
            "denominator_add_url": reverse("admin:region_regionaldenominator_add"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.COORDINATOR)
@require_safe
@reason_on_400
def report_view(request):
    kind = request.GET.get("format", "pdf").strip().lower() or "pdf"
    if kind not in FORMATS:
        raise BadRequest("Отчёт выгружается в формате pdf или xlsx (?format=pdf или ?format=xlsx).")
    report = region_report_build(_period(request))
    content = region_report_pdf(report) if kind == "pdf" else region_report_xlsx(report)
    return download_response(content, filename=report.filename(kind), content_type=FORMATS[kind])
