"""The roll-over's part in the roadmap: the new academic year's roadmap with the yearly
(«ежегодно») activities of the roadmap in force.

Colleges plan by academic year. When the roadmap in force (selectors.roadmap_pick on the
roll-over's day) ends before the new academic year's last day, the roll-over creates the
new year's roadmap: its title derived from the old one («… на 2027/2028 учебный год»), the
new academic year as its period, the same sections, and a copy of every yearly activity
(sub-stage, responsible, months and their wording, expected result, indicator; planned,
with no marks or evidence).
One-time activities stay in their roadmap. When the roadmap in force already takes in the
whole new year, its yearly activities recur there and nothing is created; when the new year
already has a roadmap of its own (an earlier roll-over, or one made by hand), nothing is
created either — so the creation is safe to repeat even without the roll-over's record.

plan_new_roadmap() reads (a fixed number of queries, whatever the roadmap's size);
create_new_roadmap() writes the plan in a constant number of statements inside the
caller's transaction, every row with its history and the roll-over's reason.
"""

import dataclasses
import datetime as dt
import re

from mentorship.imports.bulk import create_rows
from mentorship.lib.periods import ReportPeriod
from mentorship.lib.text import plural

from . import selectors
from .models import Activity, Roadmap, Section

TITLE_MAX = Roadmap._meta.get_field("title").max_length
# The period a title names, from where it starts to the end: «на 2023-2024 учебный год»,
# «на 2022–2024 гг.», «(2022/2023)», «2025 года», «на период 2022 – 2024 годов».
_TITLE_PERIOD = re.compile(
    r"[\s,.:;—–-]*(?:\bна\s+(?:период\s+)?(?:с\s+)?|\(\s*)?\d{4}(?!\d).*$", re.IGNORECASE | re.S
)


class Outcome:
    CREATE = "create"  # the new year's roadmap will be created
    COVERED = "covered"  # the roadmap in force takes in the whole new year
    EXISTS = "exists"  # a roadmap of the new year is already there
    NONE = "none"  # no roadmap at all


@dataclasses.dataclass
class SectionCopy:
    section: Section
    activities: list[Activity]


@dataclasses.dataclass
class RoadmapRollOver:
    """What the roll-over does to the roadmap."""

    outcome: str
    period: ReportPeriod
    source: Roadmap | None = None  # the roadmap in force (or the new year's, for EXISTS)
    title: str = ""  # the new roadmap's title (CREATE)
    sections: list[SectionCopy] = dataclasses.field(default_factory=list)
    created: Roadmap | None = None  # after create_new_roadmap()

    @property
    def activity_count(self) -> int:
        return sum(len(s.activities) for s in self.sections)


def new_title(old: str, period: ReportPeriod) -> str:
    """The old title with its period replaced by the new academic year:
    «План … на 2023-2024 учебный год» → «План … на 2027/2028 учебный год»; a title that
    names no year gets the year added; an empty one becomes «Дорожная карта …»."""
    head = _TITLE_PERIOD.sub("", " ".join((old or "").split())).strip(" ,.:;—–-(")
    head = head or "Дорожная карта"
    tail = f" на {period.label}"
    return head[: TITLE_MAX - len(tail)].rstrip(" ,.:;—–-(") + tail


def plan_new_roadmap(*, period: ReportPeriod, today: dt.date) -> RoadmapRollOver:
    """What the roll-over to the academic year `period` does to the roadmap; reads only."""
    roadmaps = selectors.roadmap_list()
    in_force = selectors.roadmap_pick(roadmaps, today)
    if in_force is None:
        return RoadmapRollOver(Outcome.NONE, period)
    # The new year's own roadmap, made earlier (by a roll-over or by hand): the latest one
    # that begins within the year.
    own = [r for r in roadmaps if period.start <= r.start_date <= period.end]
    if own:
        return RoadmapRollOver(Outcome.EXISTS, period, source=own[0])
    if in_force.start_date <= period.start and in_force.end_date >= period.end:
        return RoadmapRollOver(Outcome.COVERED, period, source=in_force)
    sections = {s.pk: SectionCopy(s, []) for s in in_force.sections.order_by("order", "pk")}
    yearly = in_force.activities.filter(deadline_kind=Activity.DeadlineKind.YEARLY).order_by(
        "section__order", "order", "pk"
    )
    for activity in yearly:
        sections[activity.section_id].activities.append(activity)
    return RoadmapRollOver(
        Outcome.CREATE,
        period,
        source=in_force,
        title=new_title(in_force.title, period),
        sections=list(sections.values()),
    )


def create_new_roadmap(plan: RoadmapRollOver, *, reason: str, by=None) -> Roadmap | None:
    """Write the planned roadmap (nothing unless the plan says CREATE). Call inside the
    roll-over's transaction: Roadmap, its sections and its activities go in a fixed number
    of statements, the roadmap and the activities with a «+» history row giving `reason`."""
    if plan.outcome != Outcome.CREATE:
        return None
    roadmap = Roadmap(title=plan.title, start_date=plan.period.start, end_date=plan.period.end)
    roadmap._change_reason = reason
    create_rows(Roadmap, [roadmap], history_user=by)
    sections = [
        Section(
            roadmap=roadmap,
            order=copy.section.order,
            stage=copy.section.stage,
            title=copy.section.title,
            task=copy.section.task,
        )
        for copy in plan.sections
    ]
    create_rows(Section, sections)
    activities = []
    for section, copy in zip(sections, plan.sections, strict=True):
        for old in copy.activities:
            activity = Activity(
                roadmap=roadmap,
                section=section,
                order=old.order,
                substage=old.substage,
                title=old.title,
                deadline_kind=Activity.DeadlineKind.YEARLY,
                yearly_months=list(old.yearly_months or []),
                deadline_words=_words_kept(old),
                responsible=old.responsible,
                expected_result=old.expected_result,
                indicator=old.indicator,
                status=Activity.Status.PLANNED,
            )
            activity._change_reason = reason
            activities.append(activity)
    create_rows(Activity, activities, history_user=by)
    plan.created = roadmap
    return roadmap


def _words_kept(old: Activity) -> str:
    """The roadmap's wording of a yearly deadline, for the copy whose schedule it still
    reads as: not when it named a start or a one-off first date («с сентября 2022
    ежегодно: май», «сентябрь 2020, январь-февраль ежегодно») the copy does not carry."""
    return old.deadline_words if old.start_date is None and old.deadline_date is None else ""


def _period_text(roadmap: Roadmap) -> str:
    return f"{roadmap.start_date:%d.%m.%Y}–{roadmap.end_date:%d.%m.%Y}"


def roadmap_summary(plan: RoadmapRollOver) -> list[str]:
    """The roadmap's lines of the roll-over's summary (an indented line per section)."""
    year = plan.period.label
    if plan.outcome == Outcome.NONE:
        return [f"Дорожная карта на {year} не создаётся: в системе нет ни одной дорожной карты."]
    source = plan.source
    if plan.outcome == Outcome.EXISTS:
        return [
            f"Дорожная карта на {year} уже есть: «{source.title}» ({_period_text(source)}); "
            "новая не создаётся."
        ]
    if plan.outcome == Outcome.COVERED:
        return [
            f"Дорожная карта «{source.title}» ({_period_text(source)}) действует весь "
            f"{year}: её ежегодные мероприятия повторяются в нём, новая дорожная карта "
            "не создаётся."
        ]
    count = plan.activity_count
    verb = "Создана" if plan.created is not None else "Создаётся"
    lines = [
        f"{verb} дорожная карта «{plan.title}» "
        f"({plan.period.start:%d.%m.%Y}–{plan.period.end:%d.%m.%Y}) по дорожной карте "
        f"«{source.title}»: ежегодных мероприятий — {count}, этапов и разделов — "
        f"{len(plan.sections)}; разовые мероприятия не переносятся."
    ]
    for copy in plan.sections:
        n = len(copy.activities)
        lines.append(
            f"  {copy.section.title}: {n} {plural(n, 'мероприятие', 'мероприятия', 'мероприятий')}"
        )
    return lines
