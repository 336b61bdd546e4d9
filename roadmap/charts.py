"""Geometry of the KPI charts, drawn as inline SVG by templates/roadmap/includes/chart_*.html.

Pure: numbers in, coordinates and labels out. The SVG is written by a template, not a chart
library, so its text stays text — searchable on the page and extractable from the PDF — and
nothing is fetched from anywhere. Both the dashboard and the PDF report draw from here.

Only indicators measured in percent are drawn: their scale is common (0–100, wider if a
value is above 100); an indicator in another unit would need an axis of its own, and the
table beside the chart gives its numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .formatting import number_text

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
    span = YEAR_PLOT_RIGHT - YEAR_PLOT_LEFT

    def x_of(value: Decimal) -> float:
        return round(YEAR_PLOT_LEFT + float(value / top) * span, 1)

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
    year: int
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
    years: Sequence[int],
    targets: Sequence[Decimal | None],
    actuals: Sequence[Decimal | None],
    *,
    chosen: int | None = None,
) -> SeriesChart:
    """One indicator (in percent) across the programme's years: a column per year for the
    actual value, a dash across it for the target."""
    top = _scale_max([*targets, *actuals])
    height = SERIES_BOTTOM - SERIES_TOP

    def y_of(value: Decimal) -> float:
        return round(SERIES_BOTTOM - float(value / top) * height, 1)

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
