"""Reads for the director's dashboard and the yearly KPI report: one calendar year of the
programme in aggregate figures.

Every figure is a count or a sum from the database (values().annotate() / aggregate(), a
fixed number of queries whatever the size of the bases); Python only shapes a few dozen
result rows. The definitions are the KPIs' (roadmap/kpi.py): a pair «works in the year»
when Pair.objects.active_in(year) says so, its mentees are those who joined it by
31 December, roadmap dates follow schedule.py.

Personal data. The director has no people.view_special_categories permission, and neither
page names a person next to a category. Counts per category (ОВЗ, ТЖС, сирота, малоимущая
семья…) are aggregates the programme reports to the Ministry, not data about a person, so
they are shown; no name appears anywhere next to such a count. The only names printed are
those of the roadmap's responsible staff, as the roadmap itself writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorship.pairs.models import Achievement, Pair, PairMembership
from mentorship.people.models import MentoringForm, Person
from mentorship.people.models.persons import CATEGORY_FIELDS
from mentorship.surveys.metrics import SatisfactionValue
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response
from mentorship.surveys.results import NO_PAIR_FORM, entry_exit_parameters, satisfaction_for_year

from . import charts, schedule, selectors
from .formatting import DASH, number_text, percent_text, value_text
from .kpi import KpiRow, KpiSeries, KpiStatus, kpi_series
from .models import Activity, ActivityYearDone, IndicatorTarget, Roadmap

FIRST_YEAR, LAST_YEAR = 2000, 2100
Status = Pair.Status
PAIR_STATUSES = list(Status.choices)

STATUS_NO_TARGET = "no_target"
STATUS_LABELS = {
    KpiStatus.MET.value: KpiStatus.MET.label,
    KpiStatus.NOT_MET.value: KpiStatus.NOT_MET.label,
    KpiStatus.NO_DATA.value: KpiStatus.NO_DATA.label,
    STATUS_NO_TARGET: "цель не задана",
}


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- which years -----------------------------------------------------------------------------


def programme_years(today: dt.date) -> list[int]:
    """The years a director may choose: from the first to the last year of any roadmap's
    period, of any pair, of any indicator target and of any survey answer, and always the
    current year. Four aggregate queries."""
    firsts, lasts = [today.year], [today.year]
    roadmaps = Roadmap.objects.aggregate(first=Min("start_date"), last=Max("end_date"))
    pairs = Pair.objects.aggregate(
        first=Min("start_date"), last=Max(Coalesce("end_date", "start_date"))
    )
    targets = IndicatorTarget.objects.aggregate(first=Min("year"), last=Max("year"))
    answers = Response.objects.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    for found in (roadmaps, pairs, targets, answers):
        for key, bucket in (("first", firsts), ("last", lasts)):
            value = found[key]
            if value is not None:
                bucket.append(value if isinstance(value, int) else value.year)
    first = max(min(firsts), FIRST_YEAR)
    last = min(max(lasts), LAST_YEAR)
    return list(range(first, last + 1))


# --- indicators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiLine:
    """An indicator of the year as the table prints it."""

    number: int
    row: KpiRow

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def unit(self) -> str:
        return self.row.unit

    @property
    def formula(self) -> str:
        return self.row.formula

    @property
    def target_text(self) -> str:
        return value_text(self.row.target, self.row.unit)

    @property
    def actual_text(self) -> str:
        if self.row.actual is None:
            return "нет данных"
        return value_text(self.row.actual, self.row.unit)

    @property
    def counts_text(self) -> str:
        """«19 / 241», or what a value without counts is made of (satisfaction)."""
        if self.row.numerator is not None and self.row.denominator:
            return f"{number_text(self.row.numerator)} / {number_text(self.row.denominator)}"
        if self.row.numerator is not None:
            return f"{number_text(self.row.numerator)} / {DASH}"
        return self.row.note or DASH

    @property
    def has_counts(self) -> bool:
        return self.row.numerator is not None

    @property
    def status(self) -> str:
        return self.row.status.value if self.row.status is not None else STATUS_NO_TARGET

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_percent(self) -> bool:
        return self.row.unit.strip() == charts.PERCENT


@dataclass(frozen=True)
class KpiSummary:
    total: int
    with_target: int
    met: int
    no_data: int

    @property
    def without_target(self) -> int:
        return self.total - self.with_target


def kpi_lines(rows: Iterable[KpiRow]) -> list[KpiLine]:
    return [KpiLine(number, row) for number, row in enumerate(rows, start=1)]


def kpi_summary(lines: Sequence[KpiLine]) -> KpiSummary:
    return KpiSummary(
        total=len(lines),
        with_target=sum(1 for line in lines if line.row.target is not None),
        met=sum(1 for line in lines if line.status == KpiStatus.MET.value),
        no_data=sum(1 for line in lines if line.status == KpiStatus.NO_DATA.value),
    )


def kpi_year_chart(lines: Sequence[KpiLine]) -> charts.YearChart:
    return charts.year_chart(
        [
            charts.ChartInput(
                number=line.number,
                name=line.name,
                unit=line.unit,
                target=line.row.target,
                actual=line.row.actual,
            )
            for line in lines
        ]
    )


def kpi_series_charts(
    series: Sequence[KpiSeries], chosen: int, today: dt.date
) -> list[charts.SeriesChart]:
    """A small chart across the years for each indicator in percent. A year that has not
    begun has no actual value yet (what the bases hold today is not its result): only its
    target is drawn."""
    return [
        charts.series_chart(
            number,
            one.name,
            one.years,
            one.targets,
            [
                None if year > today.year else actual
                for year, actual in zip(one.years, one.actuals, strict=True)
            ],
            chosen=chosen,
        )
        for number, one in enumerate(series, start=1)
        if one.unit.strip() == charts.PERCENT
    ]


# --- participants and pairs ----------------------------------------------------------------


@dataclass(frozen=True)
class FormLine:
    name: str
    pairs_by_status: list[int]
    mentors: int
    mentees: int

    @property
    def pairs(self) -> int:
        return sum(self.pairs_by_status)


@dataclass(frozen=True)
class CategoryLine:
    label: str
    mentees: int
    mentors: int
    participants: int


@dataclass(frozen=True)
class Participants:
    statuses: list[str]  # the pair status labels, the columns of pairs_by_status
    forms: list[FormLine]
    total: FormLine  # pairs summed; mentors and mentees each counted once
    kinds: list[CategoryLine]
    categories: list[CategoryLine]
    participants: int

    @property
    def has_data(self) -> bool:
        return bool(self.total.pairs or self.participants)


def _people_aggregate(ids_filter: Q) -> dict[str, int]:
    """Counts of people by kind and by category flag, in one query."""
    counts = {"total": Count("pk")}
    counts.update({f"kind_{kind}": Count("pk", filter=Q(kind=kind)) for kind in Person.Kind.values})
    counts.update(
        {f"flag_{name}": Count("pk", filter=Q(**{name: True})) for name, _ in CATEGORY_FIELDS}
    )
    return Person.objects.filter(ids_filter).order_by().aggregate(**counts)


def participants_of_year(year: int) -> Participants:
    """Pairs of the year by form and status, their mentors and mentees by form, and the
    participants by kind and category. Six queries.

    Pairs «of the year» are those that existed in it (begun by 31 December, not ended
    before 1 January), forming ones included; their status is today's. Mentors and mentees
    are those of the pairs that worked in the year (the KPIs' participants)."""
    start, end = year_bounds(year)
    worked = Pair.objects.active_in(year).order_by()
    mentee_ids = PairMembership.objects.filter(
        pair__in=worked.values("pk"), joined_on__lte=end
    ).values("mentee__person_id")
    mentor_ids = worked.values("mentor__person_id")

    forms = list(MentoringForm.objects.order_by("order", "name").values_list("pk", "name"))
    by_form = {
        row["form_id"]: row
        for row in Pair.objects.filter(start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .order_by()
        .values("form_id")
        .annotate(
            mentors=Count("mentor__person_id", distinct=True, filter=~Q(status=Status.FORMING)),
            **{f"status_{value}": Count("pk", filter=Q(status=value)) for value in Status.values},
        )
    }
    mentees_by_form = dict(
        PairMembership.objects.filter(pair__in=worked.values("pk"), joined_on__lte=end)
        .order_by()
        .values("pair__form_id")
        .annotate(n=Count("mentee__person_id", distinct=True))
        .values_list("pair__form_id", "n")
    )
    lines = []
    for form_id, name in forms:
        row = by_form.get(form_id, {})
        lines.append(
            FormLine(
                name=name,
                pairs_by_status=[row.get(f"status_{value}", 0) for value in Status.values],
                mentors=row.get("mentors", 0),
                mentees=mentees_by_form.get(form_id, 0),
            )
        )

    mentees = _people_aggregate(Q(pk__in=mentee_ids))
    mentors = _people_aggregate(Q(pk__in=mentor_ids))
    everyone = _people_aggregate(Q(pk__in=mentee_ids) | Q(pk__in=mentor_ids))

    def line(key: str, label: str) -> CategoryLine:
        return CategoryLine(
            label=label, mentees=mentees[key], mentors=mentors[key], participants=everyone[key]
        )

    return Participants(
        statuses=[label for _value, label in PAIR_STATUSES],
        forms=lines,
        total=FormLine(
            name="Всего",
            pairs_by_status=[
                sum(f.pairs_by_status[i] for f in lines) for i in range(len(Status.values))
            ],
            mentors=mentors["total"],
            mentees=mentees["total"],
        ),
        kinds=[line(f"kind_{value}", label) for value, label in Person.Kind.choices],
        categories=[line(f"flag_{name}", label) for name, label in CATEGORY_FIELDS],
        participants=everyone["total"],
    )


# --- satisfaction --------------------------------------------------------------------------


@dataclass(frozen=True)
class SatisfactionLine:
    group: str
    value: SatisfactionValue

    @property
    def percent_text(self) -> str:
        return percent_text(self.value.percent) if self.value.has_data else "нет данных"

    @property
    def mean_text(self) -> str:
        return number_text(self.value.mean)

    @property
    def share_8_plus_text(self) -> str:
        return percent_text(self.value.share_8_plus)


def satisfaction_of_year(year: int) -> list[SatisfactionLine]:
    """Mentees' and mentors' satisfaction, as the surveys compute it (two queries)."""
    return [
        SatisfactionLine("Наставляемые", satisfaction_for_year(year, Invitation.Role.MENTEE)),
        SatisfactionLine("Наставники", satisfaction_for_year(year, Invitation.Role.MENTOR)),
    ]


# --- entry vs exit -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeCell:
    """Exit − entry of one parameter over those with both values: the mean change and how
    many improved."""

    compared: int
    change_sum: int
    improved: int

    @property
    def mean_change(self) -> Decimal | None:
        if not self.compared:
            return None
        value = Decimal(self.change_sum) / self.compared
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def change_text(self) -> str:
        return number_text(self.mean_change, sign=True)

    @property
    def improved_text(self) -> str:
        return f"{self.improved} из {self.compared}" if self.compared else ""


EMPTY_CELL = ChangeCell(compared=0, change_sum=0, improved=0)


@dataclass(frozen=True)
class ParameterLine:
    number: int
    code: str
    label: str
    cells: list[ChangeCell]  # one per form column
    total: ChangeCell


@dataclass(frozen=True)
class EntryExit:
    forms: list[str]
    participants: list[int]  # compared participants per form
    without_entry: int  # exit answers of people with no entry questionnaire before
    parameters: list[ParameterLine]

    @property
    def has_data(self) -> bool:
        return bool(self.parameters)

    @property
    def participants_total(self) -> int:
        return sum(self.participants)


def _exit_answers(year: int):
    """Exit answers of the year to measured parameters, each with the same person's answer
    to that parameter in their latest entry questionnaire before it — the rule of
    surveys.results.entry_exit_data, kept as annotations for the database to aggregate."""
    purpose = Questionnaire.Purpose
    latest_entry = (
        Response.objects.filter(
            invitation__person=OuterRef("response__invitation__person"),
            invitation__wave__questionnaire__purpose=purpose.ENTRY,
            submitted_at__lt=OuterRef("response__submitted_at"),
        )
        .order_by("-submitted_at", "-pk")
        .values("pk")[:1]
    )
    entry_answer = Answer.objects.filter(
        response=OuterRef("entry_response"),
        question__parameter=OuterRef("question__parameter"),
        number__isnull=False,
    ).values("number")[:1]
    return (
        Answer.objects.filter(
            question__questionnaire__purpose=purpose.EXIT,
            question__kind=Question.Kind.SCALE,
            number__isnull=False,
            response__submitted_at__year=year,
        )
        .exclude(question__parameter="")
        .order_by()
        .alias(entry_response=Subquery(latest_entry))
        .alias(entry=Subquery(entry_answer, output_field=IntegerField()))
    )


def entry_exit_of_year(year: int) -> EntryExit:
    """Mean change of each parameter by form, and over all forms. Three queries: the
    parameters, the answers grouped by form and parameter, the participants by form."""
    form_name = "response__invitation__pair__form__name"
    form_order = "response__invitation__pair__form__order"
    answers = _exit_answers(year)
    # Sum(exit − entry) and Count(entry) skip the rows without an entry value by themselves
    # (NULL), so each aggregate names the entry sub-select once.
    cells = list(
        answers.values(form_name, form_order, "question__parameter").annotate(
            compared=Count("entry"),
            change_sum=Sum(F("number") - F("entry")),
            improved=Count("pk", filter=Q(number__gt=F("entry"))),
        )
    )
    people = list(
        answers.values(form_name, form_order).annotate(
            compared=Count("response_id", distinct=True, filter=Q(entry_response__isnull=False)),
            without=Count("response_id", distinct=True, filter=Q(entry_response__isnull=True)),
        )
    )
    if not cells:
        return EntryExit(forms=[], participants=[], without_entry=0, parameters=[])

    def form_key(row) -> tuple:
        name = row[form_name]
        return (name is None, row[form_order] or 0, name or "")

    forms = []
    for row in sorted(people, key=form_key):
        name = row[form_name] or NO_PAIR_FORM
        if name not in forms:
            forms.append(name)
    compared = dict.fromkeys(forms, 0)
    for row in people:
        compared[row[form_name] or NO_PAIR_FORM] += row["compared"]
    by_cell = {
        (row[form_name] or NO_PAIR_FORM, row["question__parameter"]): ChangeCell(
            compared=row["compared"], change_sum=row["change_sum"] or 0, improved=row["improved"]
        )
        for row in cells
    }
    labels = dict(entry_exit_parameters())
    codes = list(labels)
    codes += sorted({code for _form, code in by_cell} - set(codes))
    parameters = []
    present = {code for _form, code in by_cell}
    for code in codes:
        if code not in present:
            continue
        row_cells = [by_cell.get((form, code), EMPTY_CELL) for form in forms]
        parameters.append(
            ParameterLine(
                number=len(parameters) + 1,
                code=code,
                label=labels.get(code, code),
                cells=row_cells,
                total=ChangeCell(
                    compared=sum(c.compared for c in row_cells),
                    change_sum=sum(c.change_sum for c in row_cells),
                    improved=sum(c.improved for c in row_cells),
                ),
            )
        )
    return EntryExit(
        forms=forms,
        participants=[compared[form] for form in forms],
        without_entry=sum(row["without"] for row in people),
        parameters=parameters,
    )


# --- roadmap -------------------------------------------------------------------------------


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


def roadmap_of_year(year: int, today: dt.date) -> RoadmapExecution:
    """The roadmap's activities due in the year by stage — done on time, done late, not
    done, still ahead — and the activities overdue today with a due date up to the end of
    the year. Two queries (activities with their roadmap and section; yearly marks); the
    date rules are schedule.py's, so the share done on time is the KPI's."""
    _start, end = year_bounds(year)
    activities = (
        Activity.objects.filter(
            Q(roadmap__start_date__year__lte=year, roadmap__end_date__year__gte=year)
            | Q(deadline_kind=Activity.DeadlineKind.DATE, deadline_date__year=year)
            | Q(deadline_kind=Activity.DeadlineKind.MONTH, deadline_month__year=year)
            | Q(roadmap__start_date__year__lte=year, status__in=selectors.OPEN_STATUSES)
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
                    )
                )
        in_year = next((s for s in states if s.year == year), None)
        if in_year is None or activity.status == Activity.Status.CANCELLED:
            continue
        dates_all.append(dates)
        roadmaps.setdefault(activity.roadmap_id, activity.roadmap)
        line = stages.setdefault(activity.section_id, StageLine(_stage_title(activity.section)))
        counted, in_time = schedule.counts_in_year(dates, year, today)
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
        on_time=schedule.on_time_share(dates_all, year, today),
        overdue=overdue,
    )


# --- achievements --------------------------------------------------------------------------


@dataclass(frozen=True)
class AchievementLine:
    level: str
    label: str
    by_result: list[int]
    total: int


@dataclass(frozen=True)
class Achievements:
    results: list[str]  # column labels
    levels: list[AchievementLine]
    total: AchievementLine

    @property
    def has_data(self) -> bool:
        return bool(self.total.total)


# Column heads count people: plural of Achievement.Result's labels.
RESULT_COLUMNS = {
    "winner": "победители",
    "prize": "призёры",
    "laureate": "лауреаты",
    "participant": "участники",
}


def achievements_of_year(year: int) -> Achievements:
    """Achievements dated in the year by level and result. One query."""
    Result = Achievement.Result
    found = {
        row["level"]: row
        for row in Achievement.objects.filter(date__range=year_bounds(year))
        .order_by()
        .values("level")
        .annotate(
            total=Count("pk"),
            **{f"result_{value}": Count("pk", filter=Q(result=value)) for value in Result.values},
        )
    }
    levels = []
    for value, label in Achievement.Level.choices:
        row = found.get(value, {})
        levels.append(
            AchievementLine(
                level=value,
                label=label,
                by_result=[row.get(f"result_{r}", 0) for r in Result.values],
                total=row.get("total", 0),
            )
        )
    return Achievements(
        results=[RESULT_COLUMNS.get(value, label) for value, label in Result.choices],
        levels=levels,
        total=AchievementLine(
            level="",
            label="Всего",
            by_result=[
                sum(line.by_result[i] for line in levels) for i in range(len(Result.values))
            ],
            total=sum(line.total for line in levels),
        ),
    )


# --- the year's figures, and the dashboard -------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    """Everything but the indicators: what the dashboard and the report show beside them."""

    participants: Participants
    satisfaction: list[SatisfactionLine]
    entry_exit: EntryExit
    roadmap: RoadmapExecution
    achievements: Achievements

    @property
    def has_data(self) -> bool:
        return (
            self.participants.has_data
            or any(line.value.has_data for line in self.satisfaction)
            or self.entry_exit.has_data
            or self.roadmap.has_data
            or self.achievements.has_data
        )


def year_figures(year: int, today: dt.date) -> YearFigures:
    """Fourteen queries, whatever the size of the bases."""
    return YearFigures(
        participants=participants_of_year(year),
        satisfaction=satisfaction_of_year(year),
        entry_exit=entry_exit_of_year(year),
        roadmap=roadmap_of_year(year, today),
        achievements=achievements_of_year(year),
    )


@dataclass(frozen=True)
class Dashboard:
    year: int
    years: list[int]
    today: dt.date
    kpi: list[KpiLine]
    summary: KpiSummary
    chart: charts.YearChart
    series: list[charts.SeriesChart]
    figures: YearFigures

    @property
    def is_running_year(self) -> bool:
        return self.year == self.today.year

    @property
    def is_future_year(self) -> bool:
        return self.year > self.today.year


def dashboard_build(year: int, *, today: dt.date | None = None) -> Dashboard:
    """The dashboard of a year: the indicators with their values across the programme's
    years (kpi_series: 3 queries plus its families' once per year), and the year's figures."""
    today = today or timezone.localdate()
    years = programme_years(today)
    chart_years = sorted({*years, year})
    series = kpi_series(chart_years, today=today)
    position = chart_years.index(year)
    lines = kpi_lines(one.rows[position] for one in series)
    return Dashboard(
        year=year,
        years=years,
        today=today,
        kpi=lines,
        summary=kpi_summary(lines),
        chart=kpi_year_chart(lines),
        series=kpi_series_charts(series, year, today),
        figures=year_figures(year, today),
    )
