"""The roadmap pages. The curator and the director read them; only the curator marks
progress, and any POST by the director is refused (403), not ignored."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.access import check_role
from accounts.roles import Role
from mentorship.documents.orders import order_response
from mentorship.documents.responses import download_response

from .. import selectors, services
from ..forms import ActivityDoneForm, ActivityStatusForm, ActivityYearDoneForm, RoadmapFilterForm
from ..models import Activity
from ..printable import roadmap_spec

READERS = (Role.CURATOR, Role.DIRECTOR)
EVIDENCE_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _check_access(request, *, write: bool = False) -> None:
    """Readers may look; writing — any POST — is the curator's."""
    check_role(request.user, *READERS)
    if write or request.method not in ("GET", "HEAD"):
        check_role(request.user, Role.CURATOR)


def _activity(pk: int) -> Activity:
    try:
        return selectors.activity_get(pk)
    except Activity.DoesNotExist:
        raise Http404 from None


def _next(request) -> str:
    """The page to return to, if it is one of ours (never another site or a script)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") else ""


def _back(request, activity: Activity):
    """Back to the roadmap page the curator came from (filters kept), at the activity."""
    target = _next(request) or reverse("roadmap:detail", args=[activity.roadmap_id])
    return redirect(f"{target.split('#')[0]}#a{activity.pk}")


def roadmap_print(request):
    """The roadmap to print (PDF, or .docx with format=docx): `ids` names it, else the
    current one. The curator and the director read it."""
    _check_access(request)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return order_response(request, roadmap_spec())


def roadmap_detail(request, pk: int | None = None):
    """The roadmap grouped by stage, with filters and the share done on time."""
    _check_access(request)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    today = timezone.localdate()
    roadmaps = selectors.roadmap_list()
    if pk is not None:
        roadmap = next((r for r in roadmaps if r.pk == pk), None)
        if roadmap is None:
            raise Http404
    else:
        roadmap = selectors.roadmap_pick(roadmaps, today)
    context = {"roadmaps": roadmaps, "can_edit": request.user.has_role(Role.CURATOR)}
    if roadmap is None:
        return render(request, "roadmap/roadmap_detail.html", context)
    data = request.GET.copy()
    data.setdefault("year", str(selectors.default_year(roadmap, today)))
    filters = RoadmapFilterForm(
        data,
        responsible=selectors.responsible_choices(roadmap),
        years=selectors.roadmap_years(roadmap),
    )
    # A stale or hand-made link filters by what is valid and ignores the rest.
    filters.is_valid()
    chosen = filters.cleaned_data
    page = selectors.roadmap_page(
        roadmap,
        today=today,
        responsible=chosen.get("responsible") or "",
        status=chosen.get("status") or "",
        overdue_only=bool(chosen.get("overdue")),
        year=chosen.get("year"),
    )
    filtered = any(chosen.get(name) for name in ("responsible", "status", "overdue"))
    context |= {
        "roadmap": roadmap,
        "page": page,
        "filters": filters,
        "filtered": filtered,
        "today": today,
        "here": request.get_full_path(),
    }
    return render(request, "roadmap/roadmap_detail.html", context)


def activity_done(request, pk: int):
    """Mark an activity done: a date and evidence; a yearly one, for a year. The page also
    takes back a mark and changes the status."""
    _check_access(request, write=True)
    today = timezone.localdate()
    activity = _activity(pk)
    row = selectors.activity_row(activity, today)
    years = [state.year for state in row.states]
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    if row.yearly:
        # The earliest year still owed, else this year.
        missed = [s.year for s in row.states if not s.done and s.due <= today]
        default = missed[0] if missed else today.year
        form = ActivityYearDoneForm(data, years=years, default_year=default)
    else:
        form = ActivityDoneForm(data, files, activity=activity)
    if data is not None and form.is_valid():
        try:
            if row.yearly:
                services.activity_year_done(activity=activity, **form.cleaned_data)
            else:
                services.activity_mark_done(activity=activity, **form.cleaned_data)
        except services.RoadmapError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Выполнение отмечено.")
            return _back(request, activity)
    context = {
        "activity": activity,
        "row": row,
        "form": form,
        "status_form": ActivityStatusForm(initial={"status": activity.status}),
        "next": _next(request),
        "evidence_suffix": PurePosixPath(activity.evidence_file.name).suffix.lower()
        if activity.evidence_file
        else "",
    }
    return render(request, "roadmap/activity_done.html", context)


def _run(request, activity: Activity, action, done_message: str):
    try:
        action()
    except services.RoadmapError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return _back(request, activity)


@require_POST
def activity_undo(request, pk: int):
    _check_access(request, write=True)
    activity = _activity(pk)
    return _run(
        request,
        activity,
        lambda: services.activity_undo_done(activity=activity),
        "Отметка о выполнении снята.",
    )


@require_POST
def activity_year_undo(request, pk: int, year: int):
    _check_access(request, write=True)
    activity = _activity(pk)
    return _run(
        request,
        activity,
        lambda: services.activity_year_undo(activity=activity, year=year),
        f"Отметка за {year} год снята.",
    )


@require_POST
def activity_status(request, pk: int):
    _check_access(request, write=True)
    activity = _activity(pk)
    form = ActivityStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите статус из списка.")
        return _back(request, activity)
    status = form.cleaned_data["status"]
    return _run(
        request,
        activity,
        lambda: services.activity_status_set(activity=activity, status=status),
        f"Статус: {Activity.Status(status).label}.",
    )


def activity_evidence(request, pk: int):
    """The evidence file, to the curator and the director only, always as a download."""
    _check_access(request)
    activity = get_object_or_404(Activity, pk=pk)
    if not activity.evidence_file:
        raise Http404
    try:
        handle = activity.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = PurePosixPath(activity.evidence_file.name).suffix.lower()
    return download_response(
        handle,
        filename=f"podtverzhdenie-{activity.pk}{suffix}",
        content_type=EVIDENCE_CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
