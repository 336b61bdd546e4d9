"""The director's button «Пакет для РНЦ» on the report page: GET ?period=KEY&format=json|xlsx
gives the period's package as a download. The director and the curator (the report's
readers) may take it; any other method is 405 (403 first for a role that may not). A bad
period or format is a 400 with the Russian reason; a college without its ИНН is sent back
to the report page with the message saying what to fill in. Each download is a row of the
journal of downloads (mentorship.documents ReportDownload, «Пакет для РНЦ»)."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.models import ReportDownload
from mentorship.documents.responses import download_response
from mentorship.lib.views import reason_on_400

from .files import FORMATS, package_file
from .format import PackageError
from .periods import package_period

READERS = (Role.CURATOR, Role.DIRECTOR)


@role_required(*READERS)
@require_safe
@reason_on_400
def download(request):
    try:
        period = package_period(request.GET.get("period", ""))
    except ValueError as error:
        raise BadRequest(str(error)) from None
    fmt = request.GET.get("format", "").strip().lower() or "xlsx"
    if fmt not in FORMATS:
        raise BadRequest(f"Формат пакета «{fmt}» не поддерживается: выберите json или xlsx.")
    try:
        made = package_file(period, fmt)
    except PackageError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('reports:dashboard')}?{urlencode({'period': period.key})}")
    response = download_response(
        made.content, filename=made.filename, content_type=made.content_type
    )
    ReportDownload.record(
        request, ReportDownload.Kind.REGION_PACKAGE, year=period.first_year, period=period.key
    )
    return response
