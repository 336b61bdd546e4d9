"""The director's dashboard and the yearly KPI report. The director and the curator read
them; nobody writes through them: any method but GET/HEAD is refused (405; 403 first for
a role that may not read them at all). The one row a download writes is its entry in the
journal of downloads (mentorship.documents.models.ReportDownload)."""

from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.models import ReportDownload
from mentorship.documents.responses import download_response

from .. import dashboard, report

READERS = (Role.CURATOR, Role.DIRECTOR)


def _year(request, today) -> int:
    """The calendar year asked for in ?year=, this year by default. Any year the
    programme might cover may be asked for: one with nothing in it reads «нет данных»."""
    raw = request.GET.get("year", "").strip()
    if not raw:
        return today.year
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise BadRequest("Год указывается четырьмя цифрами, например 2026.")
    year = int(raw)
    if not dashboard.FIRST_YEAR <= year <= dashboard.LAST_YEAR:
        raise BadRequest("Год вне периода, который ведёт система.")
    return year


@role_required(*READERS)
@require_safe
def dashboard_view(request):
    today = timezone.localdate()
    data = dashboard.dashboard_build(_year(request, today), today=today)
    response = render(request, "roadmap/dashboard.html", {"dash": data, "figures": data.figures})
    # Counts by category (ОВЗ, ТЖС…) and roadmap names: not for shared caches.
    response["Cache-Control"] = "no-store"
    return response


@role_required(*READERS)
@require_safe
def report_pdf(request):
    today = timezone.localdate()
    data = report.report_data_build(_year(request, today), today=today)
    response = download_response(
        report.report_pdf_render(data), filename=data.filename, content_type="application/pdf"
    )
    # The journal of downloads: who took which year's report, and when.
    ReportDownload.record(request, ReportDownload.Kind.KPI_REPORT, year=data.year)
    return response
