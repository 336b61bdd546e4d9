"""Roadmap execution in a year: by stage, and what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from .. import schedule, selectors
from ..kpi.counts import PeriodLike, year_bounds
from ..models import Activity, ActivityYearDone, Roadmap


@dataclass
class StageLine:
    title: str
    due: int = 0  # due in the year by today
    on_time: int = 0
    late: int = 0  # done after the due date
    not_done: int = 0  # due by today, not done
    ahead: int = 0  # due later in the year

    @property
    def planned(self) -> int:
        return self.due + self.ahead


@dataclass(frozen=True)
class OverdueLine:
    title: str
    stage: str
    deadline: str
    due: dt.date
    responsible: str
    overdue_days: int
    words: str = ""  # the roadmap's own wording of the deadline, when it differs

    @property
    def due_differs(self) -> bool:
        """«октябрь 2025» needs «до 31.10.2025» beside it; «15.12.2025» does not."""
        return self.deadline != f"{self.due:%d.%m.%Y}"


@dataclass(frozen=True)
class RoadmapExecution:
    roadmaps: list[Roadmap]
    stages: list[StageLine]
    total: StageLine
    on_time: schedule.OnTime
    overdue: list[OverdueLine] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return bool(self.total.planned or self.overdue)


def _stage_title(section) -> str:
    if section.stage:
        return f"Этап {section.stage}. {section.title}"
    return section.title


def roadmap_of_year(year: PeriodLike, today: dt.date) -> RoadmapExecution:
    """The roadmap's activities due in the year by stage — done on time, done late, not
    done, still ahead — and the activities overdue today with a due date up to the end of
    the year. Two queries (activities with their roadmap and section; yearly marks); the
    date rules are schedule/'s, so the share done on time is the KPI's. The year is a
    report period (an int: a calendar year): an activity counts in it when a due date of its
    falls into it (schedule.counts_between)."""
    start, end = year_bounds(year)
    first_of_year = start.replace(month=1, day=1)
    activities = (
        Activity.objects.filter(
            Q(roadmap__start_date__lte=end, roadmap__end_date__gte=first_of_year)
            | Q(deadline_kind=Activity.DeadlineKind.DATE, deadline_date__range=(start, end))
            | Q(
                deadline_kind=Activity.DeadlineKind.MONTH,
                deadline_month__range=(start.replace(day=1), end),
            )
            | Q(roadmap__start_date__lte=end, status__in=selectors.OPEN_STATUSES)
        )
        .select_related("roadmap", "section")
        .prefetch_related(Prefetch("year_done", queryset=ActivityYearDone.objects.order_by("year")))
        .order_by("roadmap__start_date", "roadmap_id", "section__order", "order", "pk")
    )
    stages: dict[int, StageLine] = {}
    roadmaps: dict[int, Roadmap] = {}
    dates_all = []
    overdue = []
    for activity in activities:
        dates = selectors.activity_dates(activity, selectors.period_of(activity.roadmap))
        states = schedule.occurrence_states(dates, today)
        for state in states:
            if state.overdue_days > 0 and state.due <= end:
                overdue.append(
                    OverdueLine(
                        title=activity.title,
                        stage=_stage_title(activity.section),
                        deadline=schedule.deadline_text(dates.deadline),
                        due=state.due,
                        responsible=", ".join(selectors.responsible_names(activity.responsible)),
                        overdue_days=state.overdue_days,
                        words=schedule.words_beside(
                            activity.deadline_words, schedule.deadline_text(dates.deadline)
                        ),
                    )
                )
        in_year = next((s for s in states if start <= s.due <= end), None)
        if in_year is None or activity.status == Activity.Status.CANCELLED:
            continue
        dates_all.append(dates)
        roadmaps.setdefault(activity.roadmap_id, activity.roadmap)
        line = stages.setdefault(activity.section_id, StageLine(_stage_title(activity.section)))
        counted, in_time = schedule.counts_between(dates, start, end, today)
        if counted:
            line.due += 1
            if in_time:
                line.on_time += 1
            elif in_year.done:
                line.late += 1
            else:
                line.not_done += 1
        elif in_year.due > today:
            line.ahead += 1
    lines = list(stages.values())
    total = StageLine(
        "Итого",
        due=sum(s.due for s in lines),
        on_time=sum(s.on_time for s in lines),
        late=sum(s.late for s in lines),
        not_done=sum(s.not_done for s in lines),
        ahead=sum(s.ahead for s in lines),
    )
    overdue.sort(key=lambda o: (o.due, o.title))
    return RoadmapExecution(
        roadmaps=list(roadmaps.values()),
        stages=lines,
        total=total,
        on_time=schedule.on_time_share_between(dates_all, start, end, today),
        overdue=overdue,
    )
