"""Writes of the roadmap's progress: an activity done (with its evidence), undone, done for a
year, its status changed; and the director's approval of a year's report. Screens, imports
and commands call these, so the rules below hold for all.

What an activity is (title, deadline, responsible) is edited in the admin; how it goes is
written only here. Overdue is never written: it is derived (schedule/).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from mentorship.lib.periods import ReportPeriod, as_period

from . import schedule
from .models import Activity, ActivityYearDone, ReportApproval
from .report import report_data_build, report_json_render, report_pdf_render
from .selectors import period_of, report_period

Status = Activity.Status


class RoadmapError(ValidationError):
    """A change refused; the messages are Russian and say what to do instead."""


def _check_completed_on(completed_on: dt.date, today: dt.date) -> None:
    if completed_on > today:
        raise RoadmapError("Дата выполнения не может быть позже сегодняшнего дня.")


def _save(activity: Activity, fields: list[str]) -> Activity:
    activity.full_clean()
    activity.save(update_fields=fields)
    return activity


@transaction.atomic
def activity_mark_done(
    *,
    activity: Activity,
    completed_on: dt.date,
    evidence_url: str = "",
    evidence_file=None,
    documents=None,
    today: dt.date | None = None,
) -> Activity:
    """Mark a one-off activity done on a day, with a link, a file or registered documents as
    evidence (an activity that already holds evidence may keep it). A new link or file
    replaces the old one; documents given (a list, possibly empty) replace the chosen ones."""
    today = today or timezone.localdate()
    if activity.deadline_kind == Activity.DeadlineKind.YEARLY:
        raise RoadmapError("Ежегодное мероприятие отмечается выполненным за каждый год отдельно.")
    if activity.status == Status.CANCELLED:
        raise RoadmapError("Мероприятие отменено. Сначала верните его в план.")
    _check_completed_on(completed_on, today)
    has_documents = bool(documents) if documents is not None else activity.documents.exists()
    if not (
        evidence_url
        or evidence_file
        or activity.evidence_url
        or activity.evidence_file
        or has_documents
    ):
        raise RoadmapError("Приложите подтверждение: ссылку, файл или документ из реестра.")
    activity.status = Status.DONE
    activity.completed_on = completed_on
    fields = ["status", "completed_on"]
    if evidence_url:
        activity.evidence_url = evidence_url
        fields.append("evidence_url")
    if evidence_file:
        activity.evidence_file = evidence_file
        fields.append("evidence_file")
    _save(activity, fields)
    if documents is not None:
        activity.documents.set(documents)
    return activity


@transaction.atomic
def activity_undo_done(*, activity: Activity, today: dt.date | None = None) -> Activity:
    """Take back a «выполнено» set by mistake: the activity is at work again (or planned,
    when it has not started). The evidence stays attached for the next mark."""
    today = today or timezone.localdate()
    if activity.status != Status.DONE:
        raise RoadmapError("Мероприятие не отмечено выполненным.")
    started = activity.start_date is None or activity.start_date <= today
    activity.status = Status.IN_PROGRESS if started else Status.PLANNED
    activity.completed_on = None
    return _save(activity, ["status", "completed_on"])


@transaction.atomic
def activity_year_done(
    *,
    activity: Activity,
    year: int,
    completed_on: dt.date,
    evidence_url: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> ActivityYearDone:
    """Mark a yearly activity done for one year of the roadmap, with a link or a note (e.g.
    «протокол педсовета № 3») as evidence. Marking the same year again corrects the mark."""
    today = today or timezone.localdate()
    if activity.deadline_kind != Activity.DeadlineKind.YEARLY:
        raise RoadmapError("Отметка по годам — только для ежегодных мероприятий.")
    if activity.status == Status.CANCELLED:
        raise RoadmapError("Мероприятие отменено. Сначала верните его в план.")
    years = [
        y
        for y, _due in schedule.occurrences(
            schedule.deadline_of(activity), period_of(activity.roadmap)
        )
    ]
    if year not in years:
        allowed = ", ".join(map(str, years)) or "нет"
        raise RoadmapError(f"В {year} году мероприятие не запланировано (годы: {allowed}).")
    _check_completed_on(completed_on, today)
    if not (evidence_url or note.strip()):
        raise RoadmapError("Приложите подтверждение: ссылку или примечание о документе.")
    mark, _created = ActivityYearDone.objects.select_for_update().get_or_create(
        activity=activity, year=year, defaults={"completed_on": completed_on}
    )
    mark.completed_on = completed_on
    mark.evidence_url = evidence_url
    mark.note = note.strip()
    mark.full_clean()
    mark.save()
    if activity.status == Status.PLANNED:
        activity.status = Status.IN_PROGRESS
        _save(activity, ["status"])
    return mark


@transaction.atomic
def activity_year_undo(*, activity: Activity, year: int) -> None:
    deleted, _ = ActivityYearDone.objects.filter(activity=activity, year=year).delete()
    if not deleted:
        raise RoadmapError(f"За {year} год отметки о выполнении нет.")


# Where a status may be set by hand; «выполнено» needs a date and evidence (above).
MANUAL_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.CANCELLED)


@transaction.atomic
def activity_status_set(*, activity: Activity, status: str) -> Activity:
    """Planned, in progress or cancelled. A done activity is first undone (its date and
    evidence are the record of it)."""
    if status not in MANUAL_STATUSES:
        raise RoadmapError("Выполнение отмечается с датой и подтверждением.")
    if activity.status == Status.DONE:
        raise RoadmapError("Мероприятие отмечено выполненным: сначала отмените отметку.")
    if activity.status == status:
        return activity
    activity.status = status
    return _save(activity, ["status"])


# --- the approved report ----------------------------------------------------------------------


def report_approve(
    *, period: ReportPeriod | int, by, reason: str = "", today: dt.date
) -> ReportApproval:
    """Approve a finished report period's report (a calendar or an academic year; an int is
    a calendar year): its PDF and its figures (JSON) are built once from
    one ReportData and stored as they are; downloads of the year serve these bytes from now
    on. Approving an approved year again is a correction: a new version, with its reason;
    the earlier versions stay as they were.

    The report is rendered before the write (a second or so of WeasyPrint, no lock held);
    the write is one row. Two approvals at once cannot take the same version: the unique
    (period, version) constraint refuses the second, which is told to look at the version
    just approved rather than silently becoming a correction without a reason."""
    reason = reason.strip()
    period = as_period(period)
    if not period.is_over(today):
        opens = period.end + dt.timedelta(days=1)
        raise RoadmapError(
            f"Отчёт за {period.label} можно утвердить после его окончания — с {opens:%d.%m.%Y}."
        )
    key = report_period(period)
    latest = (
        ReportApproval.objects.filter(period=key).aggregate(latest=Max("version"))["latest"] or 0
    )
    if latest and not reason:
        raise RoadmapError(
            f"Отчёт за {period.label} уже утверждён (версия {latest}). Укажите причину "
            "исправления, чтобы утвердить новую версию."
        )
    data = report_data_build(period, today=today)
    approval = ReportApproval(
        period=key,
        version=latest + 1,
        approved_by=by,
        approved_by_name=by.get_full_name() or by.get_username(),
        reason=reason,
        pdf=report_pdf_render(data),
        numbers=report_json_render(data).decode(),
    )
    # The constraints are the database's to check: a check here would race with another
    # approval anyway, and its refusal gets the message below.
    approval.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            approval.save()
    except IntegrityError:
        raise RoadmapError(
            f"Отчёт за {period.label} только что утвердил другой пользователь. Обновите страницу: "
            "если нужна исправленная версия, утвердите её с причиной исправления."
        ) from None
    return approval
