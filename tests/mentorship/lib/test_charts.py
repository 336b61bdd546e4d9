"""The change chart of lib/charts, without the database (the KPI charts are tested with the
dashboard, tests/roadmap/test_dashboard.py)."""

import pytest

from mentorship.lib import charts


def change(*values, label="Параметр"):
    return charts.change_chart(
        [
            charts.ChangeInput(number=i, label=label, title=label, value=v, item=i)
            for i, v in enumerate(values, start=1)
        ]
    )


def test_change_chart_draws_around_zero():
    chart = change(2.0, -1.0, None, 0.0)
    assert chart.zero_x == 635 and chart.height == 30 * 2 + 4 * 26
    assert chart.scale == [(400.0, "−2"), (517.5, "−1"), (635.0, "0"), (752.5, "+1"), (870.0, "+2")]
    up, down, unknown, same = chart.bars
    assert (up.x, up.width, up.text_x, up.anchor, up.css) == (635.0, 235.0, 874.0, "start", "up")
    assert (down.x, down.width, down.text_x, down.anchor, down.css) == (
        517.5,
        117.5,
        513.5,
        "end",
        "down",
    )
    # no value and no change: a sliver at zero, so the row is still seen
    assert (unknown.width, unknown.css, unknown.value) == (1, "same", None)
    assert (same.width, same.css, same.value) == (1, "same", 0.0)
    assert [b.y for b in chart.bars] == [30, 56, 82, 108]
    assert [b.item for b in chart.bars] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("values", "limit"),
    [((0.3,), 1), ((2.5, -0.5), 3), ((-3.0,), 3), ((), 1), ((None,), 1)],
)
def test_change_chart_axis_runs_to_the_next_whole_number(values, limit):
    assert change(*values).scale[-1] == (870.0, f"+{limit}")


def test_change_chart_shortens_long_names_on_the_chart_only():
    name = "Очень длинное название параметра итоговой диагностики"
    bar = change(1.0, label=name).bars[0]
    assert bar.full_label == f"1. {name}"
    assert bar.label.endswith("…") and len(bar.label) == len("1. ") + charts.CHANGE_LABEL_MAX
