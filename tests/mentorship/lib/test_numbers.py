"""The one percentage rule, without the database."""

from decimal import Decimal

import pytest

from mentorship.lib.numbers import percent


@pytest.mark.parametrize(
    ("part", "whole", "places", "expected"),
    [
        (1, 16, 1, "6.3"),  # 6.25: half up, not to even
        (1, 8, 0, "13"),  # 12.5: Python's round() gives 12
        (5, 8, 0, "63"),  # 62.5
        (2, 3, 0, "67"),
        (0, 4, 0, "0"),
        (0.285, 1, 1, "28.5"),  # a float by its text: 0.285 × 100 is 28.499… in binary
        (Decimal("8.25"), 10, 1, "82.5"),
        (3, 0, 1, None),
        (3, None, 0, None),
        (None, 3, 1, None),
    ],
)
def test_percent_rounds_half_up(part, whole, places, expected):
    assert percent(part, whole, places=places) == (Decimal(expected) if expected else None)
