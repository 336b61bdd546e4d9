"""The demo college's roadmap behind `manage.py load_demo`.

fixtures/demo/roadmap.json holds a real college's «Дорожная карта» for 2022–2024 in full (the
seven stages, each of its measures as an activity, deadlines written as that roadmap writes
them) and a free section of yearly activities. plan_roadmap(college, today) reads it in
memory: the deadlines go through schedule.deadline_parse — the same reader as the curator's
admin field and the xlsx import — and move from 2022–2024 to the demo programme's years: 2022
becomes the year the demo's first pairs were formed (1 September of the previous academic
year, demo/pairs.py), so the pairs are fixed by order in the roadmap's November
of that year, work through the next calendar year and finish in the June after it. Loaded
in spring, those are the current year and the two before it.

How far the programme got is drawn relative to `today`: what is due by now is done a few
working days before its due date (from a seeded generator per activity, so the same day
gives the same roadmap), except the few the fixture marks overdue, late or done early; what
is still ahead is in progress once started, else planned. Yearly activities are marked year
by year. Evidence is a link to the college's (.example) site.

load_roadmap(...) writes it whole or not at all: a roadmap of the same title (the same
academic year) is left as it is, with whatever the curator has marked since; like the
programme and the surveys, nothing is added to a database that already holds another
roadmap (one made by hand, or the demo of another academic year).
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mentorship.lib.dates import academic_year_start, weekday_on_or_before, years_after
from roadmap import schedule, selectors
from roadmap.models import Activity, ActivityYearDone, Roadmap, Section

from .plan import CHANGE_REASON, SEED, load_json

SEED_FIRST_YEAR = 2022
Status = Activity.Status


@dataclass(frozen=True)
class SectionPlan:
    order: int
    stage: int | None
    title: str
    task: str


@dataclass
class ActivityPlan:
    section: int  # index into RoadmapPlan.sections
    order: int
    title: str
    responsible: str
    expected_result: str
    indicator: str
    deadline: schedule.Deadline
    status: str = Status.PLANNED
    completed_on: dt.date | None = None
    evidence_url: str = ""
    year_done: list[tuple[int, dt.date, str, str]] = field(default_factory=list)


@dataclass
class RoadmapPlan:
    title: str
    start: dt.date
    end: dt.date
    approved_by: str
    approved_on: dt.date
    sections: list[SectionPlan]
    activities: list[ActivityPlan]


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    return None if day is None else years_after(day, years)


def _shifted(deadline: schedule.Deadline, years: int) -> schedule.Deadline:
    return schedule.Deadline(
        kind=deadline.kind,
        date=_shift(deadline.date, years),
        month=_shift(deadline.month, years),
        months=deadline.months,
        start=_shift(deadline.start, years),
    )


def _start(deadline: schedule.Deadline, period: schedule.Period, due: dt.date) -> dt.date:
    if deadline.start:
        return deadline.start
    if deadline.kind == schedule.MONTH:
        return deadline.month
    if deadline.kind == schedule.DATE:
        return due - dt.timedelta(days=30)
    return period.start


class _RoadmapPlanner:
    def __init__(self, college: dict, today: dt.date):
        self.today = today
        self.ref = load_json("roadmap.json")
        self.first = academic_year_start(today).year - 1
        self.years = self.first - SEED_FIRST_YEAR
        names = {"short_name": college["short_name"], "domain": college["email_domain"]}
        self.names = names
        self.site = self.ref["site"].format(**names)

    def date(self, text: str) -> dt.date:
        return _shift(dt.datetime.strptime(text, "%d.%m.%Y").date(), self.years)

    def build(self) -> RoadmapPlan:
        period = schedule.Period(
            self.date(self.ref["period"]["start"]), self.date(self.ref["period"]["end"])
        )
        sections, activities = [], []
        for index, spec in enumerate(self.ref["sections"]):
            sections.append(
                SectionPlan(index + 1, spec["stage"], spec["title"], spec.get("task", ""))
            )
            for order, item in enumerate(spec["activities"], start=1):
                activity = ActivityPlan(
                    section=index,
                    order=order,
                    title=item["title"],
                    responsible=item["responsible"],
                    expected_result=item.get("expected_result", ""),
                    indicator=item.get("indicator", ""),
                    deadline=_shifted(schedule.deadline_parse(item["deadline"]), self.years),
                )
                link = f"{self.site}/{spec['stage'] or 'info'}-{order}"
                rng = random.Random(f"{SEED}/roadmap/{spec['stage']}/{order}")
                if activity.deadline.kind == schedule.YEARLY:
                    self.yearly(activity, item, period, rng, link)
                else:
                    self.once(activity, item, period, rng, link)
                activities.append(activity)
        return RoadmapPlan(
            title=self.ref["title"].format(
                first=period.start.year, last=period.end.year, **self.names
            ),
            start=period.start,
            end=period.end,
            approved_by=self.ref["approved_by"].format(**self.names),
            approved_on=self.date(self.ref["approved_on"]),
            sections=sections,
            activities=activities,
        )

    def once(self, activity: ActivityPlan, item: dict, period, rng, link: str) -> None:
        [(_year, due)] = schedule.occurrences(activity.deadline, period)
        start = _start(activity.deadline, period, due)
        fate = item.get("fate")
        if fate == "overdue":
            done = None
        elif fate == "late":
            done = weekday_on_or_before(due + dt.timedelta(days=item["late_days"]))
        elif "done_after" in item:
            done = weekday_on_or_before(start + dt.timedelta(days=item["done_after"]))
        else:
            done = max(start, weekday_on_or_before(due - dt.timedelta(days=rng.randint(1, 12))))
        if done is not None and done <= self.today:
            activity.status, activity.completed_on = Status.DONE, done
            activity.evidence_url = link
        else:
            activity.status = Status.IN_PROGRESS if start <= self.today else Status.PLANNED

    def yearly(self, activity: ActivityPlan, item: dict, period, rng, link: str) -> None:
        start = activity.deadline.start or period.start
        activity.status = Status.IN_PROGRESS if start <= self.today else Status.PLANNED
        past = [(y, due) for y, due in schedule.occurrences(activity.deadline, period)]
        past = [(y, due) for y, due in past if due < self.today]
        missed = item.get("missed_years", 0)
        for year, due in past[: len(past) - missed] if missed else past:
            done = weekday_on_or_before(due - dt.timedelta(days=rng.randint(2, 20)))
            activity.year_done.append((year, done, f"{link}/{year}", f"Отчёт за {year} год"))


def plan_roadmap(college: dict, today: dt.date) -> RoadmapPlan:
    """The demo roadmap of `today`, in memory; college: the demo's college.json card."""
    return _RoadmapPlanner(college, today).build()


def load_roadmap(plan, result, today: dt.date) -> None:
    """Write the demo roadmap (see the module doc); plan: the people plan (its college)."""
    roadmap_plan = plan_roadmap(plan.college, today)
    titles = set(Roadmap.objects.values_list("title", flat=True))
    if roadmap_plan.title in titles:
        return
    if titles:
        result.notes.append(
            "Дорожная карта не добавлена: в базе уже есть другая (заведённая вручную или "
            "демо-данные, загруженные раньше в другом учебном году)."
        )
        return
    roadmap = Roadmap(
        title=roadmap_plan.title,
        start_date=roadmap_plan.start,
        end_date=roadmap_plan.end,
        approved_by=roadmap_plan.approved_by,
        approved_on=roadmap_plan.approved_on,
    )
    roadmap.full_clean()
    roadmap._change_reason = CHANGE_REASON
    roadmap.save()
    sections = Section.objects.bulk_create(
        Section(roadmap=roadmap, order=s.order, stage=s.stage, title=s.title, task=s.task)
        for s in roadmap_plan.sections
    )
    activities = []
    for a in roadmap_plan.activities:
        activity = Activity(
            roadmap=roadmap,
            section=sections[a.section],
            order=a.order,
            title=a.title,
            responsible=a.responsible,
            expected_result=a.expected_result,
            indicator=a.indicator,
            status=a.status,
            completed_on=a.completed_on,
            evidence_url=a.evidence_url,
            **a.deadline.fields(),
        )
        activity.full_clean(validate_unique=False, validate_constraints=False)
        activities.append(activity)
    activities = bulk_create_with_history(activities, Activity, default_change_reason=CHANGE_REASON)
    marks = [
        ActivityYearDone(
            activity=activity, year=year, completed_on=done, evidence_url=url, note=note
        )
        for activity, a in zip(activities, roadmap_plan.activities, strict=True)
        for year, done, url, note in a.year_done
    ]
    ActivityYearDone.objects.bulk_create(marks)
    result.created[Roadmap._meta.verbose_name_plural] += 1
    result.created[Section._meta.verbose_name_plural] += len(sections)
    result.created[Activity._meta.verbose_name_plural] += len(activities)
    result.created[ActivityYearDone._meta.verbose_name_plural] += len(marks)


def summary_lines() -> list[str]:
    """Lines of the load_demo summary about the roadmap of today, as the database has it."""
    today = timezone.localdate()
    roadmap = selectors.roadmap_current(today)
    if roadmap is None:
        return []
    page = selectors.roadmap_page(roadmap, today=today)
    counts = {value: n for value, _label, n in page.by_status}
    years = "; ".join(
        f"{year} — {share.on_time} из {share.due} ({share.percent} %)"
        for year, share in page.by_year
    )
    return [
        f"  Дорожная карта {roadmap.start_date.year}–{roadmap.end_date.year}: "
        f"{page.total} мероприятий — выполнено {counts[Status.DONE]}, "
        f"выполняются {counts[Status.IN_PROGRESS]}, запланировано {counts[Status.PLANNED]}; "
        f"просрочено {page.overdue}" + (f"; выполнено в срок: {years}." if years else ".")
    ]
