"""The mentors' and mentees' cabinet: their own pairs, plans and meetings, on a phone.

Access in one place (_access): the cabinet is for the Наставник and Наставляемый roles
(anyone else: 403); a pair, task or meeting the user does not work in is 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import role_required
from accounts.roles import Role
from mentorship.people.models import MenteeProfile

from .. import selectors, services
from ..forms.cabinet import MeetingForm

PARTICIPANTS = (Role.MENTOR, Role.MENTEE)
READ_ONLY_MESSAGE = "Пара завершена: план и встречи доступны только для просмотра."


def _access(request, pk: int) -> selectors.PairAccess:
    access = selectors.pair_access_get(user=request.user, pk=pk)
    if access is None:
        raise Http404("Нет такой пары среди ваших.")
    return access


def _pair_url(pair, anchor: str = "") -> str:
    return reverse("cabinet:pair", args=[pair.pk]) + (f"#{anchor}" if anchor else "")


def _meeting_form(access, data=None) -> MeetingForm:
    mentees = (
        MenteeProfile.objects.filter(memberships__pair=access.pair)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    first = not access.pair.meetings.exists()
    return MeetingForm(data, mentees=mentees, first_meeting=first)


@require_GET
@role_required(*PARTICIPANTS)
def pair_list(request):
    pairs = selectors.cabinet_pair_list(request.user)
    return render(request, "cabinet/pair_list.html", {"pairs": pairs})


@require_http_methods(["GET", "POST"])
@role_required(*PARTICIPANTS)
def pair_detail(request, pk: int):
    """The plan and the meetings; the mentor records a meeting here (POST)."""
    access = _access(request, pk)
    form = None
    if request.method == "POST":
        if not access.is_mentor:
            raise PermissionDenied  # a mentee sees the meetings but does not log them
        if access.read_only:
            messages.error(request, READ_ONLY_MESSAGE)
            return redirect(_pair_url(access.pair))
        form = _meeting_form(access, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.meeting_record(
                    pair=access.pair,
                    kind=data["kind"],
                    date=data["date"],
                    format=data["format"],
                    topic=data["topic"],
                    notes=data["notes"],
                    attendees=list(data["attendees"]),
                    by=request.user,
                )
            except services.PairRuleError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "Встреча записана.")
                return redirect(_pair_url(access.pair, "meetings"))
    if form is None and access.can_record_meetings:
        form = _meeting_form(access)
    context = {
        "access": access,
        "pair": access.pair,
        "work": selectors.pair_work_get(access),
        "form": form,
    }
    return render(request, "cabinet/pair_detail.html", context)


@require_POST
@role_required(*PARTICIPANTS)
def task_mark(request, pk: int, task_pk: int):
    access = _access(request, pk)
    task = selectors.pair_task_get(access, task_pk)
    if task is None:
        raise Http404("Нет такой задачи среди ваших.")
    if access.read_only:
        messages.error(request, READ_ONLY_MESSAGE)
        return redirect(_pair_url(access.pair, "plan"))
    done = request.POST.get("done") == "1"
    services.plan_task_mark(task=task, done=done, on=timezone.localdate())
    if done:
        messages.success(request, f"Задача «{task.title}» отмечена выполненной.")
    else:
        messages.info(request, f"С задачи «{task.title}» снята отметка о выполнении.")
    return redirect(_pair_url(access.pair, f"task-{task.pk}"))


@require_GET
@role_required(*PARTICIPANTS)
def meeting_detail(request, pk: int, meeting_pk: int):
    access = _access(request, pk)
    meeting = selectors.pair_meeting_get(access, meeting_pk)
    if meeting is None:
        raise Http404("Нет такой встречи среди ваших.")
    return render(
        request,
        "cabinet/meeting_detail.html",
        {"access": access, "pair": access.pair, "meeting": meeting},
    )
