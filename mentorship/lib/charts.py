"""Geometry of the site's charts, drawn as inline SVG by templates: the KPI charts
(templates/roadmap/includes/chart_*.html) and the entry/exit change chart
(templates/surveys/includes/change_chart.html). One engine: one linear Scale, one set of
ticks, one way to print the numbers on them.

Pure: numbers in, coordinates and labels out. The SVG is written by a template, not a chart
library, so its text stays text — searchable on the page and extractable from the PDF — and
nothing is fetched from anywhere. The dashboard, the PDF report and the survey results all
draw from here.

Only KPI indicators measured in percent are drawn: their scale is common (0–100, wider if a
value is above 100); an indicator in another unit would need an axis of its own, and the
table beside the chart gives its numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .numbers import number_text

PERCENT = "%"

# Chart of one year: a row per indicator, the actual value as a bar, the target as a mark.
YEAR_WIDTH = 680
YEAR_LABEL = 34  # the indicator's number, left of the plot
YEAR_PLOT_LEFT = 40
YEAR_PLOT_RIGHT = 500
YEAR_TEXT_X = 510  # «факт 79,6 · цель 70», right of the plot
YEAR_ROW = 22
YEAR_TOP = 22  # room for the scale above the rows
YEAR_BOTTOM = 26  # room for the legend below

# Small chart of one indicator across years: a column per year.
SERIES_WIDTH = 300
SERIES_HEIGHT = 150
SERIES_LEFT = 30
SERIES_RIGHT = 292
SERIES_TOP = 18
SERIES_BOTTOM = 128  # the baseline; year labels under it

COLOURS = {
    "met": "#2e7d32",
    "not_met": "#c62828",
    "no_target": "#1f5f9f",
}


@dataclass(frozen=True)
class Scale:
    """A linear axis: 0 drawn at `origin`, `top` drawn `length` further (a negative length
    for an axis that grows upwards); coordinates rounded to a tenth, as the SVG is written."""

    top: Decimal | float
    origin: float
    length: float

    def offset(self, value: Decimal | float) -> float:
        return float(value / self.top) * self.length

    def at(self, value: Decimal | float) -> float:
        return round(self.origin + self.offset(value), 1)


def _scale_max(values: Sequence[Decimal | None]) -> Decimal:
    """100, or the largest value rounded up to a multiple of 25 when something exceeds 100."""
    top = max((v for v in values if v is not None), default=Decimal(0))
    if top <= 100:
        return Decimal(100)
    return Decimal(int((top + 24) // 25) * 25)


def _ticks(top: Decimal) -> list[Decimal]:
    step = Decimal(25) if top <= 200 else (top / 4).quantize(Decimal(1))
    ticks, value = [], Decimal(0)
    while value <= top:
        ticks.append(value)
        value += step
    return ticks


def _tone(actual: Decimal | None, target: Decimal | None) -> str:
    if actual is None or target is None:
        return "no_target"
    return "met" if actual >= target else "not_met"


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class YearBar:
    number: int
    title: str
    y: float
    bar_width: float
    target_x: float | None
    colour: str
    text: str
    has_value: bool

    @property
    def bar_y(self) -> float:
        return self.y + 4

    @property
    def text_y(self) -> float:
        return self.y + 15

    @property
    def target_y1(self) -> float:
        return self.y + 1

    @property
    def target_y2(self) -> float:
        return self.y + 21


@dataclass(frozen=True)
class YearChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    text_x: int
    label_x: int
    top: int
    bottom: float
    legend_y: float
    ticks: list[Tick]
    bars: list[YearBar]
    left_out: int  # indicators in other units, not drawn

    @property
    def is_empty(self) -> bool:
        return not self.bars

    @property
    def tick_label_y(self) -> float:
        return self.top - 4

    @property
    def legend(self) -> list[tuple[float, str, str]]:
        """(x, colour, label) of the legend's swatches; the target mark comes after them."""
        labels = [
            (COLOURS["met"], "выполнен"),
            (COLOURS["not_met"], "не выполнен"),
            (COLOURS["no_target"], "цель не задана"),
        ]
        return [
            (self.plot_left + 130 * i, colour, label) for i, (colour, label) in enumerate(labels)
        ]

    @property
    def legend_target_x(self) -> float:
        return self.plot_left + 130 * 3


@dataclass(frozen=True)
class ChartInput:
    """One indicator as a chart needs it."""

    number: int
    name: str
    unit: str
    target: Decimal | None
    actual: Decimal | None


def year_chart(items: Sequence[ChartInput]) -> YearChart:
    """Target against actual for one year, a row per indicator in percent."""
    drawn = [i for i in items if i.unit.strip() == PERCENT]
    top = _scale_max([v for i in drawn for v in (i.actual, i.target)])
    x_of = Scale(top, YEAR_PLOT_LEFT, YEAR_PLOT_RIGHT - YEAR_PLOT_LEFT).at

    bars = []
    for index, item in enumerate(drawn):
        y = YEAR_TOP + index * YEAR_ROW
        parts = [f"факт {number_text(item.actual)}" if item.actual is not None else "нет данных"]
        if item.target is not None:
            parts.append(f"цель {number_text(item.target)}")
        bars.append(
            YearBar(
                number=item.number,
                title=item.name,
                y=y,
                bar_width=round(x_of(item.actual) - YEAR_PLOT_LEFT, 1)
                if item.actual is not None
                else 0,
                target_x=x_of(item.target) if item.target is not None else None,
                colour=COLOURS[_tone(item.actual, item.target)],
                text=" · ".join(parts),
                has_value=item.actual is not None,
            )
        )
    bottom = YEAR_TOP + len(drawn) * YEAR_ROW
    return YearChart(
        width=YEAR_WIDTH,
        height=int(bottom + YEAR_BOTTOM),
        plot_left=YEAR_PLOT_LEFT,
        plot_right=YEAR_PLOT_RIGHT,
        text_x=YEAR_TEXT_X,
        label_x=YEAR_LABEL,
        top=YEAR_TOP - 6,
        bottom=bottom,
        legend_y=bottom + 18,
        ticks=[Tick(x_of(t), number_text(t)) for t in _ticks(top)],
        bars=bars,
        left_out=len(items) - len(drawn),
    )


@dataclass(frozen=True)
class SeriesColumn:
    year: int | str  # a calendar year, or a report period's key («2025/2026»)
    x: float  # the column's centre
    bar_x: float
    bar_width: float
    bar_y: float
    bar_height: float
    target_y: float | None
    colour: str
    value_text: str
    value_y: float
    is_chosen: bool

    @property
    def target_x1(self) -> float:
        return round(self.bar_x - 5, 1)

    @property
    def target_x2(self) -> float:
        return round(self.bar_x + self.bar_width + 5, 1)


@dataclass(frozen=True)
class SeriesChart:
    number: int
    name: str
    width: int
    height: int
    left: int
    right: int
    top: int
    baseline: int
    ticks: list[tuple[float, str]]
    columns: list[SeriesColumn]
    has_data: bool

    @property
    def year_label_y(self) -> int:
        return self.baseline + 15


def series_chart(
    number: int,
    name: str,
    years: Sequence[int | str],
    targets: Sequence[Decimal | None],
    actuals: Sequence[Decimal | None],
    *,
    chosen: int | str | None = None,
) -> SeriesChart:
    """One indicator (in percent) across the programme's years: a column per year for the
    actual value, a dash across it for the target."""
    top = _scale_max([*targets, *actuals])
    y_of = Scale(top, SERIES_BOTTOM, -(SERIES_BOTTOM - SERIES_TOP)).at

    slot = (SERIES_RIGHT - SERIES_LEFT) / max(len(years), 1)
    bar = min(slot * 0.55, 46)
    columns = []
    for index, (year, target, actual) in enumerate(zip(years, targets, actuals, strict=True)):
        centre = SERIES_LEFT + slot * (index + 0.5)
        bar_y = y_of(actual) if actual is not None else SERIES_BOTTOM
        columns.append(
            SeriesColumn(
                year=year,
                x=round(centre, 1),
                bar_x=round(centre - bar / 2, 1),
                bar_width=round(bar, 1),
                bar_y=bar_y,
                bar_height=round(SERIES_BOTTOM - bar_y, 1),
                target_y=y_of(target) if target is not None else None,
                colour=COLOURS[_tone(actual, target)],
                value_text=number_text(actual) if actual is not None else "—",
                value_y=round(min(bar_y, y_of(target) if target is not None else bar_y) - 4, 1),
                is_chosen=year == chosen,
            )
        )
    return SeriesChart(
        number=number,
        name=name,
        width=SERIES_WIDTH,
        height=SERIES_HEIGHT,
        left=SERIES_LEFT,
        right=SERIES_RIGHT,
        top=SERIES_TOP,
        baseline=SERIES_BOTTOM,
        ticks=[(y_of(t), number_text(t)) for t in _ticks(top)],
        columns=columns,
        has_data=any(a is not None for a in actuals),
    )


# Chart of changes around zero: a row per item, improvement to the right, decline to the left.
CHANGE_WIDTH = 900
CHANGE_LABEL = 370  # the items' names, right-aligned before this x
CHANGE_ROW = 26
CHANGE_PAD = 30
CHANGE_LABEL_MAX = 44  # characters of a name on the chart; the table gives the whole


def _short(text: str, limit: int = CHANGE_LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ChangeInput:
    """One row of a change chart; item is the caller's own, handed back on the bar."""

    number: int
    label: str
    title: str
    value: float | None
    item: object = None


@dataclass(frozen=True)
class ChangeBar:
    number: int
    label: str  # «3. Name», the name shortened to fit
    full_label: str
    title: str
    value: float | None
    item: object
    y: int
    x: float
    width: float
    text_x: float
    anchor: str
    css: str


@dataclass(frozen=True)
class ChangeChart:
    width: int
    label_x: int
    height: int
    zero_x: float
    scale: list[tuple[float, str]]  # (x, label) of the axis ticks
    bars: list[ChangeBar]


def change_chart(items: Sequence[ChangeInput]) -> ChangeChart:
    """Horizontal bars of a change per item, with the zero line in the middle: the axis runs
    to the next whole number past the largest change, either way (at least 1)."""
    biggest = max([abs(i.value or 0) for i in items] + [1])
    limit = float(int(biggest) + (0 if biggest == int(biggest) else 1))
    half = (CHANGE_WIDTH - CHANGE_LABEL - 2 * CHANGE_PAD) / 2
    zero_x = CHANGE_LABEL + CHANGE_PAD + half
    scale = Scale(limit, zero_x, half)
    bars = []
    for index, item in enumerate(items):
        value = item.value or 0
        length = scale.offset(abs(value))
        x = zero_x if value >= 0 else zero_x - length
        bars.append(
            ChangeBar(
                number=item.number,
                label=f"{item.number}. {_short(item.label)}",
                full_label=f"{item.number}. {item.label}",
                title=item.title,
                value=item.value,
                item=item.item,
                y=CHANGE_PAD + index * CHANGE_ROW,
                x=round(x, 1),
                width=round(max(length, 1), 1),
                text_x=round(zero_x + length + 4 if value >= 0 else zero_x - length - 4, 1),
                anchor="start" if value >= 0 else "end",
                css="up" if value > 0 else "down" if value < 0 else "same",
            )
        )
    ticks = [limit * step / 2 for step in (-2, -1, 0, 1, 2)]
    return ChangeChart(
        width=CHANGE_WIDTH,
        label_x=CHANGE_LABEL,
        height=CHANGE_PAD * 2 + len(bars) * CHANGE_ROW,
        zero_x=zero_x,
        scale=[(scale.at(t), number_text(t, sign=True)) for t in ticks],
        bars=bars,
    )
