"""Reads of the roadmap for the curator's and director's pages, the start page and reports.

A fixed number of queries whatever the roadmap's size: activities come in one query with
their yearly marks prefetched (or as lean values), and everything derived from dates —
overdue, done on time, the share done on time — comes from the pure functions of
schedule/, the one definition of those words.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Prefetch, Q
from django.utils import timezone

from mentorship.documents.models import RegisteredDocument
from mentorship.lib.periods import ReportPeriod, as_period

from . import schedule
from .models import Activity, ActivityYearDone, ReportApproval, Roadmap, Section

Status = Activity.Status
Kind = Activity.DeadlineKind
OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

# «Куратор, администрация; классные руководители», and one college's «Морослип А.Э. Тихомирова
# М.А.» (two people with nothing between them but a space after the initials).
_RESPONSIBLE_SPLIT = re.compile(r"\s*[,;\n]\s*|(?<=[А-ЯЁ]\.)\s+(?=[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.)")


def responsible_names(text: str) -> list[str]:
    """The people or offices in an activity's «ответственные», each once, as written."""
    names: list[str] = []
    for part in _RESPONSIBLE_SPLIT.split(text or ""):
        name = " ".join(part.split()).strip(" ,;")
        name = name[:1].upper() + name[1:]
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def period_of(roadmap: Roadmap) -> schedule.Period:
    return schedule.Period(roadmap.start_date, roadmap.end_date)


def activity_dates(activity: Activity, period: schedule.Period) -> schedule.ActivityDates:
    """The dates of an activity whose year_done is prefetched (or an empty list)."""
    return schedule.ActivityDates(
        deadline=schedule.deadline_of(activity),
        period=period,
        status=activity.status,
        completed_on=activity.completed_on,
        year_done={mark.year: mark.completed_on for mark in activity.year_done.all()},
    )


# --- which roadmap ----------------------------------------------------------------------------


def roadmap_list() -> list[Roadmap]:
    return list(Roadmap.objects.order_by("-start_date", "-pk"))


def roadmap_pick(roadmaps: list[Roadmap], today: dt.date) -> Roadmap | None:
    """The roadmap of today: the one whose period holds today, else the latest that has
    begun, else the first still to come."""
    newest_first = sorted(roadmaps, key=lambda r: (r.start_date, r.pk), reverse=True)
    running = [r for r in newest_first if r.start_date <= today <= r.end_date]
    begun = [r for r in newest_first if r.start_date <= today]
    ahead = [r for r in reversed(newest_first) if r.start_date > today]
    return next(iter(running or begun or ahead), None)


def roadmap_current(today: dt.date | None = None) -> Roadmap | None:
    return roadmap_pick(roadmap_list(), today or timezone.localdate())


def roadmap_years(roadmap: Roadmap) -> list[int]:
    return list(range(roadmap.start_date.year, roadmap.end_date.year + 1))


def default_year(roadmap: Roadmap, today: dt.date) -> int:
    """Today's year while the roadmap runs; its last year once it is over; its first before."""
    years = roadmap_years(roadmap)
    return min(max(today.year, years[0]), years[-1])


# --- the roadmap page -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityRow:
    activity: Activity
    deadline: str
    responsible: list[str]
    states: list[schedule.Occurrence]
    overdue_days: int

    @property
    def yearly(self) -> bool:
        return self.activity.deadline_kind == Kind.YEARLY

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def words(self) -> str:
        """The deadline as the roadmap wrote it, when the schedule words it otherwise."""
        return schedule.words_beside(self.activity.deadline_words, self.deadline)

    @property
    def late_days(self) -> int:
        """Days late of a done one-off activity (0: on time, or not done)."""
        if self.yearly or not self.states:
            return 0
        return self.states[0].late_days

    @property
    def has_evidence(self) -> bool:
        return bool(self.activity.evidence_url or self.activity.evidence_file)


@dataclass(frozen=True)
class SectionBlock:
    section: Section
    rows: list[ActivityRow]


@dataclass(frozen=True)
class RoadmapPage:
    roadmap: Roadmap
    sections: list[SectionBlock]
    total: int
    shown: int
    by_status: list[tuple[str, str, int]]
    overdue: int
    years: list[int]
    year: int
    on_time: schedule.OnTime
    later_in_year: int  # activities of the year whose due date is still ahead
    by_year: list[tuple[int, schedule.OnTime]]  # every year with something due so far


def _year_done_prefetch() -> Prefetch:
    return Prefetch("year_done", queryset=ActivityYearDone.objects.order_by("year"))


def _documents_prefetch() -> Prefetch:
    """The registered documents an activity's evidence points to, in the register's order."""
    return Prefetch(
        "documents",
        queryset=RegisteredDocument.objects.order_by("date", "pk"),
    )


def roadmap_page(
    roadmap: Roadmap,
    *,
    today: dt.date,
    responsible: str = "",
    status: str = "",
    overdue_only: bool = False,
    year: int | None = None,
) -> RoadmapPage:
    """The roadmap grouped by stage and section, filtered, with the counts and the share
    done on time of the whole roadmap (filters narrow the rows, not the counts). Four
    queries: sections, activities, their yearly marks, their registered documents."""
    period = period_of(roadmap)
    year = year or default_year(roadmap, today)
    sections = list(roadmap.sections.order_by("order", "pk"))
    activities = list(
        roadmap.activities.order_by("section__order", "order", "pk").prefetch_related(
            _year_done_prefetch(), _documents_prefetch()
        )
    )
    rows: dict[int, list[ActivityRow]] = {s.pk: [] for s in sections}
    counts = dict.fromkeys(Status.values, 0)
    dates_all = []
    overdue = later = 0
    wanted = responsible.casefold()
    for activity in activities:
        dates = activity_dates(activity, period)
        dates_all.append(dates)
        states = schedule.occurrence_states(dates, today)
        row = ActivityRow(
            activity=activity,
            deadline=schedule.deadline_text(dates.deadline),
            responsible=responsible_names(activity.responsible),
            states=states,
            overdue_days=max((s.overdue_days for s in states), default=0),
        )
        counts[activity.status] = counts.get(activity.status, 0) + 1
        overdue += row.is_overdue
        if activity.status != Status.CANCELLED:
            later += any(s.year == year and s.due > today for s in states)
        if responsible and wanted not in {n.casefold() for n in row.responsible}:
            continue
        if status and activity.status != status:
            continue
        if overdue_only and not row.is_overdue:
            continue
        rows.setdefault(activity.section_id, []).append(row)
    blocks = [SectionBlock(s, rows[s.pk]) for s in sections if rows[s.pk]]
    return RoadmapPage(
        roadmap=roadmap,
        sections=blocks,
        total=len(activities),
        shown=sum(len(b.rows) for b in blocks),
        by_status=[(value, label, counts[value]) for value, label in Status.choices],
        overdue=overdue,
        years=roadmap_years(roadmap),
        year=year,
        on_time=schedule.on_time_share(dates_all, year, today),
        later_in_year=later,
        by_year=[
            (y, share)
            for y in roadmap_years(roadmap)
            if (share := schedule.on_time_share(dates_all, y, today)).due
        ],
    )


def activity_get(pk: int) -> Activity:
    """An activity with its roadmap, section, yearly marks and registered documents (raises
    DoesNotExist)."""
    return (
        Activity.objects.select_related("roadmap", "section")
        .prefetch_related(_year_done_prefetch(), _documents_prefetch())
        .get(pk=pk)
    )


def activity_row(activity: Activity, today: dt.date) -> ActivityRow:
    dates = activity_dates(activity, period_of(activity.roadmap))
    states = schedule.occurrence_states(dates, today)
    return ActivityRow(
        activity=activity,
        deadline=schedule.deadline_text(dates.deadline),
        responsible=responsible_names(activity.responsible),
        states=states,
        overdue_days=max((s.overdue_days for s in states), default=0),
    )


# --- counts for the start page, the dashboard and the yearly report ---------------------------


def _lean_dates(rows) -> list[schedule.ActivityDates]:
    """ActivityDates from values() rows (with roadmap__start_date/end_date and year_done)."""
    found = []
    for row in rows:
        activity = SimpleNamespace(**row)
        found.append(
            schedule.ActivityDates(
                deadline=schedule.deadline_of(activity),
                period=schedule.Period(row["roadmap__start_date"], row["roadmap__end_date"]),
                status=row["status"],
                completed_on=row["completed_on"],
                year_done=row["year_done"],
            )
        )
    return found


_LEAN_FIELDS = (
    "pk",
    "deadline_kind",
    "deadline_date",
    "deadline_month",
    "yearly_months",
    "start_date",
    "status",
    "completed_on",
    "roadmap__start_date",
    "roadmap__end_date",
)


def _with_year_done(activities, *, years: tuple[int, ...] | None = None) -> list[dict]:
    rows = list(activities.values(*_LEAN_FIELDS))
    yearly = [r["pk"] for r in rows if r["deadline_kind"] == Kind.YEARLY]
    marks = ActivityYearDone.objects.filter(activity_id__in=yearly)
    if years is not None:
        marks = marks.filter(year__in=years)
    done: dict[int, dict[int, dt.date]] = {}
    if yearly:
        for activity_id, mark_year, completed_on in marks.values_list(
            "activity_id", "year", "completed_on"
        ):
            done.setdefault(activity_id, {})[mark_year] = completed_on
    for row in rows:
        row["year_done"] = done.get(row["pk"], {})
    return rows


def overdue_q(today: dt.date) -> Q:
    """Overdue one-off activities as a filter: the same rule as schedule.is_overdue for the
    kinds whose due date the database can compare (yearly ones need the pure function)."""
    return Q(status__in=OPEN_STATUSES) & (
        Q(deadline_kind=Kind.DATE, deadline_date__lt=today)
        | Q(deadline_kind=Kind.MONTH, deadline_month__lt=today.replace(day=1))
        | Q(deadline_kind=Kind.PERIOD, roadmap__end_date__lt=today)
    )


def overdue_count(roadmap: Roadmap | None, today: dt.date) -> int:
    """Overdue activities of a roadmap: a count for one-off ones, the pure rule for the
    yearly ones. Two or three queries."""
    if roadmap is None:
        return 0
    activities = roadmap.activities.all()
    one_off = activities.exclude(deadline_kind=Kind.YEARLY).filter(overdue_q(today)).count()
    yearly = _lean_dates(
        _with_year_done(activities.filter(deadline_kind=Kind.YEARLY, status__in=OPEN_STATUSES))
    )
    return one_off + sum(schedule.is_overdue(d, today) for d in yearly)


def activities_on_time(
    period: int | ReportPeriod, *, today: dt.date | None = None, roadmap: Roadmap | None = None
) -> schedule.OnTime:
    """«Выполнено в срок: 12 из 15»: activities due in a report period (a calendar year given
    as an int, or a ReportPeriod: a calendar or an academic year) up to today (all roadmaps,
    or one) and how many were done by their due date — schedule.on_time_share_between: a
    yearly activity counts for the period when its year's due date falls into it, done by its
    mark for that calendar year. Two queries."""
    period = as_period(period)
    return activities_on_time_of_periods([period], today=today, roadmap=roadmap)[period]


def activities_on_time_of_periods(
    periods: Iterable[ReportPeriod],
    *,
    today: dt.date | None = None,
    roadmap: Roadmap | None = None,
) -> dict[ReportPeriod, schedule.OnTime]:
    """activities_on_time of each period, in the same two queries for all of them (the
    dashboard's chart asks six): the activities that may be due from the first period's
    start to the last one's end, with their yearly marks of those periods' years; each
    period's share is then schedule's rule over that range of its own."""
    today = today or timezone.localdate()
    periods = list(periods)
    if not periods:
        return {}
    start = min(period.start for period in periods)
    end = max(period.end for period in periods)
    activities = Activity.objects.exclude(status=Status.CANCELLED)
    if roadmap is not None:
        activities = activities.filter(roadmap=roadmap)
    # A superset the database can narrow to; the date rules are schedule's.
    activities = activities.filter(
        Q(deadline_kind=Kind.DATE, deadline_date__range=(start, end))
        | Q(deadline_kind=Kind.MONTH, deadline_month__range=(start.replace(day=1), end))
        | Q(deadline_kind=Kind.PERIOD, roadmap__end_date__range=(start, end))
        | Q(
            deadline_kind=Kind.YEARLY,
            roadmap__start_date__lte=end,
            roadmap__end_date__gte=start.replace(month=1, day=1),
        )
    )
    years = tuple(sorted({year for period in periods for year in period.years}))
    rows = _lean_dates(_with_year_done(activities, years=years))
    return {
        period: schedule.on_time_share_between(rows, period.start, period.end, today)
        for period in periods
    }


def overdue_activities(today: dt.date, roadmap: Roadmap | None = None) -> list[ActivityRow]:
    """The overdue activities (all roadmaps, or one), most overdue first — for a report's
    list of what is late."""
    activities = Activity.objects.exclude(status__in=[Status.DONE, Status.CANCELLED])
    if roadmap is not None:
        activities = activities.filter(roadmap=roadmap)
    activities = activities.select_related("roadmap", "section").prefetch_related(
        _year_done_prefetch()
    )
    rows = [activity_row(a, today) for a in activities]
    return sorted((r for r in rows if r.is_overdue), key=lambda r: -r.overdue_days)


def responsible_choices(roadmap: Roadmap) -> list[str]:
    """Everyone named responsible in the roadmap, for the filter. One query."""
    found: dict[str, str] = {}
    for text in roadmap.activities.values_list("responsible", flat=True).distinct():
        for name in responsible_names(text):
            found.setdefault(name.casefold(), name)
    return sorted(found.values(), key=str.casefold)


# --- approved reports -------------------------------------------------------------------------

# What a list of approvals shows: everything but the stored report itself.
_APPROVAL_LIST_FIELDS = ("pk", "period", "version", "approved_at", "approved_by_name", "reason")


def report_period(period: int | str | ReportPeriod) -> str:
    """The period key of an approved report: «2025» for a calendar year (given as an int or
    a ReportPeriod), «2025/2026» for an academic year; a key given as text is kept."""
    if isinstance(period, str):
        return period
    return as_period(period).key


def report_approval_latest(period: int | str | ReportPeriod) -> ReportApproval | None:
    """The version of a period's report in force (with its bytes); None if not approved."""
    return (
        ReportApproval.objects.filter(period=report_period(period)).order_by("-version").first()
    )


def report_approval_get(period: int | str | ReportPeriod, version: int) -> ReportApproval | None:
    return ReportApproval.objects.filter(period=report_period(period), version=version).first()


def report_approvals_by_period() -> dict[str, list[ReportApproval]]:
    """Every approval of every period, newest version first, without their bytes: one
    query for the dashboard's year choice and the chosen year's versions."""
    found: dict[str, list[ReportApproval]] = {}
    rows = ReportApproval.objects.only(*_APPROVAL_LIST_FIELDS).order_by("period", "-version")
    for approval in rows:
        found.setdefault(approval.period, []).append(approval)
    return found
