"""The regional centre's reads: the colleges' indicators for a report period, the region's
own indicators, their trend across periods, who has not sent a package, and the totals of
participants and pairs — for the coordinator's dashboard and the regional report.

A fixed number of queries whatever the number of colleges and periods (region_dashboard_build
names them): the per-college table reads the period's packages and their PackageKpi rows,
the region's indicators for every period of the same kind (calendar or academic) come from
one grouped query (period, code) over PackageKpi, and nothing is queried per college.

The region's indicator of a code (a registry computation; indicators entered by hand,
code "", are the college's own and are shown, not summed):
- with a regional denominator (Computation.regional_denominator): Σ of the colleges'
  numerators ÷ the region's figure for the period (RegionalDenominator) × 100 %, one decimal
  (lib.numbers.percent); without that figure, «нет регионального знаменателя» and the figure
  to enter;
- satisfaction (no numerator: the surveys' own mean): the colleges' values averaged,
  weighted by their respondents (the package's «satisfaction» section) when every college
  counted gives them, a plain mean otherwise — the page says which;
- any other: Σ numerators ÷ Σ denominators × 100 % over the colleges where both are known.
A numerator «< 3» (the disclosure rule, mentorship/package/SCHEMA.md) is not in any sum:
each indicator says for how many colleges it was left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from mentorship.lib import charts
from mentorship.lib.numbers import number_text, percent
from mentorship.lib.periods import ReportPeriod
from mentorship.lib.text import plural
from mentorship.package import format as package_format
from mentorship.package.format import SUPPRESSED, count_value
from roadmap.kpi import COMPUTATIONS, REGIONAL_DENOMINATORS, Computation

from .models import Package, PackageKpi, RegionalDenominator, RegionCollege

# KPI statuses as packages write them, with their Russian labels (a status this version
# does not know, a newer college's, reads «—»: format.status_label).
STATUS_LABELS = package_format.STATUS_LABELS
NO_STATUS = "—"
NO_REGIONAL_DENOMINATOR = STATUS_LABELS["no_regional_denominator"]
NO_DATA = "нет данных"

# The satisfaction means (no numerator): the colleges' values are weighed by their respondents.
SATISFACTION_MEANS = [
    c.code for c in COMPUTATIONS.values() if c.respondents_role and not c.denominator_key
]


def _colleges_genitive(n: int) -> str:
    return f"{n} {plural(n, 'колледжа', 'колледжей', 'колледжей')}"


def _is_mean(computation: Computation) -> bool:
    return not computation.denominator_key


# --- periods -----------------------------------------------------------------------------


def periods_with_packages() -> list[ReportPeriod]:
    """Every period some package is of, oldest first (1 query)."""
    keys = Package.objects.order_by().values_list("period", flat=True).distinct()
    found = set()
    for key in keys:
        try:
            found.add(ReportPeriod.parse(key))
        except ValueError:  # a key the upload let through would still not break the page
            continue
    return sorted(found)


def period_choose(raw: object, periods: Sequence[ReportPeriod], today: dt.date) -> ReportPeriod:
    """The period asked for (?period=, --period), else the latest any package has, else
    this calendar year; ValueError (Russian) for a key that is not a period."""
    text = "" if raw is None else str(raw).strip()
    if text:
        return ReportPeriod.parse(text)
    if periods:
        return max(periods, key=lambda p: (p.end, p.academic))
    return ReportPeriod.calendar(today.year)


# --- one college's indicators ------------------------------------------------------------


@dataclass(frozen=True)
class KpiCell:
    """One indicator of one college's package, as the package says it."""

    code: str
    name: str
    unit: str
    target: Decimal | None
    numerator: Decimal | None
    numerator_suppressed: bool
    denominator: Decimal | None
    denominator_suppressed: bool
    value: Decimal | None
    value_suppressed: bool
    status: str

    @classmethod
    def of(cls, row: PackageKpi) -> KpiCell:
        return cls(
            code=row.code,
            name=row.name,
            unit=row.unit,
            target=row.target,
            numerator=row.numerator,
            numerator_suppressed=row.numerator_suppressed,
            denominator=row.denominator,
            denominator_suppressed=row.denominator_suppressed,
            value=row.value,
            value_suppressed=row.value_suppressed,
            status=row.status,
        )

    @property
    def value_text(self) -> str:
        if self.value_suppressed:
            return SUPPRESSED
        return NO_DATA if self.value is None else number_text(self.value)

    @property
    def target_text(self) -> str:
        return number_text(self.target)

    @property
    def status_label(self) -> str:
        """The package's label (format.status_label): the row keeps no status as ""."""
        return package_format.status_label(self.status or None)

    @property
    def status_css(self) -> str:
        """The status for the colour of its badge; "" for none or one not known here."""
        return self.status if self.status in STATUS_LABELS and self.status != SUPPRESSED else ""

    @property
    def counts_text(self) -> str:
        def shown(number, suppressed):
            return SUPPRESSED if suppressed else number_text(number)

        if self.numerator is None and not self.numerator_suppressed:
            return NO_STATUS
        numerator = shown(self.numerator, self.numerator_suppressed)
        if self.denominator is None and not self.denominator_suppressed:
            return numerator
        return f"{numerator} / {shown(self.denominator, self.denominator_suppressed)}"


@dataclass(frozen=True)
class KpiColumn:
    """A registry computation found in the period's packages: a column of the table."""

    number: int
    code: str
    computation: Computation

    @property
    def label(self) -> str:
        return self.computation.label

    @property
    def name(self) -> str:
        return self.computation.name


@dataclass
class CollegeRow:
    """One college that sent a package for the period, and its indicators."""

    college: RegionCollege
    package: Package
    cells: dict[str, KpiCell] = field(default_factory=dict)
    own: list[KpiCell] = field(default_factory=list)  # entered by hand, or a code unknown here
    columns: Sequence[KpiColumn] = ()

    @property
    def row_cells(self) -> list[KpiCell | None]:
        """The cells in the table's column order (None: the college has no such indicator)."""
        return [self.cells.get(column.code) for column in self.columns]

    @property
    def summary(self) -> dict[str, list[int]]:
        """The printed report's line of the college: the numbers (as in the table) of its
        indicators met, not met, and not judged (no data, no regional denominator, hidden,
        no target, or a status this version does not know)."""
        found: dict[str, list[int]] = {"met": [], "not_met": [], "rest": []}
        for column in self.columns:
            cell = self.cells.get(column.code)
            if cell is not None:
                judged = cell.status if cell.status in ("met", "not_met") else "rest"
                found[judged].append(column.number)
        return found


# --- the region's indicators -------------------------------------------------------------


@dataclass(frozen=True)
class Denominator:
    """A regional denominator for a period: entered (value, source) or missing."""

    kind: str
    period: str
    value: int | None
    source: str = ""

    @property
    def label(self) -> str:
        return REGIONAL_DENOMINATORS.get(self.kind, self.kind)

    @property
    def value_text(self) -> str:
        return NO_STATUS if self.value is None else number_text(self.value)


@dataclass(frozen=True)
class RegionIndicator:
    """The region's value of one registry computation for one period."""

    number: int
    code: str
    period: str
    computation: Computation
    way: str  # "regional", "ratio" or "mean"
    colleges: int  # packages of the period holding the indicator
    counted: int  # colleges whose figures went into the value
    suppressed: int  # colleges whose numerator (or value) is «< 3»: not counted
    numerator: Decimal | None = None  # Σ numerators counted
    denominator: Decimal | None = None  # Σ denominators, or the regional figure
    regional: Denominator | None = None
    value: Decimal | None = None
    weighted: bool = False  # the mean is weighted by respondents
    suppressed_names: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.computation.label

    @property
    def name(self) -> str:
        return self.computation.name

    @property
    def missing_denominator(self) -> bool:
        return self.way == "regional" and (self.regional is None or self.regional.value is None)

    @property
    def value_text(self) -> str:
        if self.missing_denominator:
            return NO_REGIONAL_DENOMINATOR
        return NO_DATA if self.value is None else number_text(self.value)

    @property
    def formula(self) -> str:
        c = self.computation
        if self.way == "regional":
            label = REGIONAL_DENOMINATORS.get(c.regional_denominator, c.regional_denominator)
            return f"Σ числителей колледжей ({c.numerator_text}) ÷ {label} × 100 %"
        if self.way == "mean":
            how = (
                "взвешенное по числу ответивших в каждом колледже"
                if self.weighted
                else "простое среднее (каждый колледж весит одинаково)"
            )
            return f"Среднее значений колледжей ({c.numerator_text}) — {how}"
        return (
            f"Σ числителей колледжей ({c.numerator_text}) ÷ Σ знаменателей колледжей "
            f"({c.denominator_text}) × 100 %; только колледжи, где известны оба числа"
        )

    @property
    def counts_text(self) -> str:
        if self.way == "mean":
            return f"колледжей: {self.counted}"
        numerator = number_text(self.numerator or 0)
        if self.way == "regional":
            return f"{numerator} / {self.regional.value_text if self.regional else NO_STATUS}"
        return f"{numerator} / {number_text(self.denominator or 0)}"

    @property
    def suppressed_text(self) -> str:
        """The honest note: how many colleges' «< 3» are not in the value."""
        if not self.suppressed:
            return ""
        what = "значение" if self.way == "mean" else "числитель"
        text = (
            f"У {_colleges_genitive(self.suppressed)} {what} скрыт («< 3»: меньше трёх "
            "человек) и в расчёт не вошёл"
        )
        if self.way == "regional":
            gap = self._suppressed_gap
            bound = f"не более чем на {number_text(gap)}" if gap else "менее чем на 0,01"
            text += (
                f": каждый такой колледж добавил бы 1 или 2, показатель региона занижен "
                f"{bound} процентного пункта"
            )
        if self.suppressed_names:
            text += f" ({', '.join(self.suppressed_names)})"
        return text + "."

    @property
    def _suppressed_gap(self) -> Decimal:
        if self.regional is None or not self.regional.value:
            return Decimal(0)
        return percent(2 * self.suppressed, self.regional.value, places=2) or Decimal(0)

    @property
    def left_out_text(self) -> str:
        """Colleges with the indicator but without the figures it needs (not «< 3»)."""
        left = self.colleges - self.counted - self.suppressed
        if left <= 0:
            return ""
        colleges = plural(left, "колледж", "колледжа", "колледжей")
        return f"Без данных для расчёта — {left} {colleges}."


def _mean(
    values: Iterable[tuple[Decimal, int | None]],
) -> tuple[Decimal | None, bool, int]:
    """(mean, weighted?, colleges counted) of (value, respondents) pairs: weighted when every
    one has respondents, a plain mean otherwise; one decimal, half up."""
    pairs = list(values)
    if not pairs:
        return None, False, 0
    one = Decimal("0.1")
    if all(weight for _, weight in pairs):
        total = sum((value * weight for value, weight in pairs), Decimal(0))
        mean = total / sum(weight for _, weight in pairs)
        return mean.quantize(one, rounding=ROUND_HALF_UP), True, len(pairs)
    mean = sum((value for value, _ in pairs), Decimal(0)) / len(pairs)
    return mean.quantize(one, rounding=ROUND_HALF_UP), False, len(pairs)


def _respondents(section: object, role: str | None) -> int | None:
    if role is None or not isinstance(section, list):
        return None
    for line in section:
        if isinstance(line, dict) and line.get("role") == role:
            return count_value(line.get("respondents"))
    return None


def region_indicators(keys: Sequence[str]) -> dict[str, dict[str, RegionIndicator]]:
    """{period key: {code: RegionIndicator}} for the registry computations found in the
    packages of those periods — 3 queries whatever the number of periods and colleges:
    the grouped sums (period, code), the satisfaction values with their respondents, the
    regional denominators."""
    keys = list(keys)
    both = Q(numerator__isnull=False, denominator__isnull=False)
    sums = (
        PackageKpi.objects.filter(package__period__in=keys, code__in=list(COMPUTATIONS))
        .values("package__period", "code")
        .annotate(
            colleges=Count("package", distinct=True),
            known=Count("id", filter=Q(numerator__isnull=False)),
            numerator_sum=Sum("numerator"),
            suppressed=Count("id", filter=Q(numerator_suppressed=True)),
            paired=Count("id", filter=both),
            paired_numerator=Sum("numerator", filter=both),
            paired_denominator=Sum("denominator", filter=both),
            values_suppressed=Count("id", filter=Q(value_suppressed=True)),
        )
        .order_by()
    )
    means: dict[tuple[str, str], list[tuple[Decimal, int | None]]] = defaultdict(list)
    satisfaction = PackageKpi.objects.filter(
        package__period__in=keys, code__in=SATISFACTION_MEANS, value__isnull=False
    ).values_list("package__period", "code", "value", "package__data__satisfaction")
    for period, code, value, section in satisfaction:
        role = COMPUTATIONS[code].respondents_role
        means[(period, code)].append((value, _respondents(section, role)))
    denominators = {
        (d.period, d.kind): Denominator(d.kind, d.period, d.value, d.source)
        for d in RegionalDenominator.objects.filter(period__in=keys)
    }

    found: dict[str, dict[str, RegionIndicator]] = {key: {} for key in keys}
    for row in sums:
        period, code = row["package__period"], row["code"]
        computation = COMPUTATIONS[code]
        common = dict(code=code, period=period, computation=computation)
        if _is_mean(computation):
            value, weighted, counted = _mean(means.get((period, code), []))
            indicator = RegionIndicator(
                number=0,
                way="mean",
                colleges=row["colleges"],
                counted=counted,
                suppressed=row["values_suppressed"],
                value=value,
                weighted=weighted,
                **common,
            )
        elif computation.regional_denominator:
            kind = computation.regional_denominator
            regional = denominators.get((period, kind)) or Denominator(kind, period, None)
            numerator = row["numerator_sum"] if row["known"] else None
            indicator = RegionIndicator(
                number=0,
                way="regional",
                colleges=row["colleges"],
                counted=row["known"],
                suppressed=row["suppressed"],
                numerator=numerator,
                denominator=Decimal(regional.value) if regional.value else None,
                regional=regional,
                value=percent(numerator, regional.value),
                **common,
            )
        else:
            indicator = RegionIndicator(
                number=0,
                way="ratio",
                colleges=row["colleges"],
                counted=row["paired"],
                suppressed=row["suppressed"],
                numerator=row["paired_numerator"],
                denominator=row["paired_denominator"],
                value=percent(row["paired_numerator"], row["paired_denominator"]),
                **common,
            )
        found[period][code] = indicator
    return found


# --- trends --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendRow:
    number: int
    code: str
    label: str
    cells: list[RegionIndicator | None]


@dataclass(frozen=True)
class Trends:
    periods: list[ReportPeriod]
    rows: list[TrendRow]
    charts: list[charts.SeriesChart]

    @property
    def keys(self) -> list[str]:
        return [p.key for p in self.periods]


def _trends(
    periods: list[ReportPeriod],
    by_period: dict[str, dict[str, RegionIndicator]],
    chosen: ReportPeriod,
) -> Trends:
    codes = {code for found in by_period.values() for code in found}
    ordered = [code for code in COMPUTATIONS if code in codes]
    rows, drawn = [], []
    for number, code in enumerate(ordered, start=1):
        cells = [by_period.get(p.key, {}).get(code) for p in periods]
        label = COMPUTATIONS[code].label
        rows.append(TrendRow(number=number, code=code, label=label, cells=cells))
        if len(periods) > 1:
            drawn.append(
                charts.series_chart(
                    number,
                    label,
                    [p.key for p in periods],
                    [None] * len(periods),
                    [cell.value if cell else None for cell in cells],
                    chosen=chosen.key,
                )
            )
    return Trends(periods=periods, rows=rows, charts=drawn)


# --- totals ----------------------------------------------------------------------------------


@dataclass
class Total:
    """A count summed over packages' lines: the known part, and how many lines wrote «< 3»
    (each adds 1 or 2)."""

    label: str
    known: int = 0
    suppressed: int = 0

    def add(self, value: object) -> None:
        if value == SUPPRESSED:
            self.suppressed += 1
        else:
            self.known += count_value(value) or 0

    @property
    def text(self) -> str:
        if self.suppressed:
            return f"не менее {number_text(self.known + self.suppressed)}"
        return number_text(self.known)

    @property
    def note(self) -> str:
        if not self.suppressed:
            return ""
        hidden = plural(self.suppressed, "число скрыто", "числа скрыты", "чисел скрыто")
        return f"{self.suppressed} {hidden} («< 3»): каждое добавляет 1 или 2"


def _totals(packages: Iterable[Package]) -> list[Total]:
    mentors, mentees = Total("Наставники"), Total("Наставляемые")
    pairs, groups = Total("Пары"), Total("Группы")
    for package in packages:
        data = package.data if isinstance(package.data, dict) else {}
        for line in data.get("participants") or []:
            if isinstance(line, dict) and line.get("dimension") == "total":
                {"mentor": mentors, "mentee": mentees}.get(line.get("role"), Total("")).add(
                    line.get("count")
                )
        for line in data.get("pairs") or []:
            if isinstance(line, dict):
                pairs.add(line.get("pairs"))
                groups.add(line.get("groups"))
    return [mentors, mentees, pairs, groups]


# --- the dashboard -------------------------------------------------------------------------


@dataclass
class RegionDashboard:
    period: ReportPeriod
    today: dt.date
    periods: list[ReportPeriod]  # every period with packages
    columns: list[KpiColumn]
    colleges: list[CollegeRow]
    indicators: list[RegionIndicator]
    trends: Trends
    missing: list[RegionCollege]
    totals: list[Total]

    @property
    def has_packages(self) -> bool:
        return bool(self.colleges)

    @property
    def sent_text(self) -> str:
        """«пакеты прислали 3 колледжа»."""
        n = len(self.colleges)
        return f"пакеты прислали {n} {plural(n, 'колледж', 'колледжа', 'колледжей')}"

    @property
    def cases(self) -> list[dict]:
        """The best practices the colleges sent for the period (their packages' cases[]:
        title, summary, form — no author), college by college as the table orders them."""
        return [
            {"college": row.college.short_name, **case}
            for row in self.colleges
            for case in row.package.data.get("cases", [])
        ]

    @property
    def denominators(self) -> list[Denominator]:
        """The regional denominators the period's indicators divide by, entered or not."""
        seen, out = set(), []
        for indicator in self.indicators:
            if indicator.regional and indicator.regional.kind not in seen:
                seen.add(indicator.regional.kind)
                out.append(indicator.regional)
        return out

    @property
    def period_choices(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """(group, [(key, label, selected)]): academic years, then calendar years, latest
        first; the chosen period is offered even without packages."""
        periods = set(self.periods) | {self.period}
        groups = []
        for label, academic in (("Учебные годы", True), ("Календарные годы", False)):
            chosen = sorted((p for p in periods if p.academic == academic), reverse=True)
            if chosen:
                groups.append((label, [(p.key, p.label, p == self.period) for p in chosen]))
        return groups


def region_dashboard_build(
    raw_period: object = None, *, today: dt.date | None = None
) -> RegionDashboard:
    """Everything the dashboard and the report show for a period (?period=, or the latest
    with packages): 7 queries, whatever the number of colleges and periods — the periods
    with packages (1), the period's packages with their colleges (1) and KPI rows (1), the
    expected colleges without a package (1), the region's indicators for every period of
    the same kind (3: region_indicators). ValueError (Russian) for a bad period key."""
    today = today or timezone.localdate()
    periods = periods_with_packages()
    period = period_choose(raw_period, periods, today)
    key = period.key

    packages = list(
        Package.objects.filter(period=key)
        .select_related("college")
        .order_by("college__short_name", "college__inn")
    )
    rows = {p.pk: CollegeRow(college=p.college, package=p) for p in packages}
    kpi_rows = PackageKpi.objects.filter(package__period=key).order_by("package_id", "order")
    codes = set()
    for kpi in kpi_rows:
        row = rows.get(kpi.package_id)
        if row is None:
            continue
        cell = KpiCell.of(kpi)
        if kpi.code in COMPUTATIONS and kpi.code not in row.cells:
            row.cells[kpi.code] = cell
            codes.add(kpi.code)
        else:
            row.own.append(cell)
    columns = [
        KpiColumn(number=number, code=code, computation=COMPUTATIONS[code])
        for number, code in enumerate((c for c in COMPUTATIONS if c in codes), start=1)
    ]
    for row in rows.values():
        row.columns = columns

    missing = list(
        RegionCollege.objects.filter(expected=True)
        .exclude(packages__period=key)
        .order_by("short_name", "inn")
    )

    same_kind = [p for p in periods if p.academic == period.academic]
    by_period = region_indicators([p.key for p in same_kind])
    indicators = []
    current = by_period.get(key, {})
    for column in columns:
        found = current.get(column.code)
        if found is None:
            continue
        names = tuple(
            row.college.short_name
            for row in rows.values()
            if (cell := row.cells.get(column.code))
            and (cell.value_suppressed if found.way == "mean" else cell.numerator_suppressed)
        )
        indicators.append(replace(found, number=column.number, suppressed_names=names))

    return RegionDashboard(
        period=period,
        today=today,
        periods=periods,
        columns=columns,
        colleges=list(rows.values()),
        indicators=indicators,
        trends=_trends(same_kind, by_period, period),
        missing=missing,
        totals=_totals(packages),
    )
