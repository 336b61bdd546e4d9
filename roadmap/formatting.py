"""Values with their unit as a Russian document prints them: «79,6 %», «12 чел.» (the number
itself is printed by lib.numbers.number_text)."""

from __future__ import annotations

from mentorship.lib.numbers import DASH, NBSP, number_text


def value_text(value, unit: str) -> str:
    """«79,6 %», «12 чел.»; a dash when there is no value."""
    if value is None:
        return DASH
    unit = (unit or "").strip()
    return f"{number_text(value)}{NBSP}{unit}" if unit else number_text(value)


def percent_text(value) -> str:
    return value_text(value, "%")
