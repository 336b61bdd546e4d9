"""Numbers as a Russian document prints them: «7,9», «20», «12 500», «+1,25», «−0,4»."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "—"


def number_text(value, *, places: int = 2, sign: bool = False) -> str:
    """A number rounded half up to at most `places` decimals, without trailing zeros,
    a decimal comma, thousands grouped by a no-break space from 10 000 on (ГОСТ Р 7.0.97
    leaves four-digit numbers whole); None is a dash. sign: «+» before a positive value."""
    if value is None:
        return DASH
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    negative = number < 0
    whole, _, fraction = f"{abs(number):f}".partition(".")
    fraction = fraction.rstrip("0")
    if len(whole) > 4:
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = NBSP.join(groups)
    text = f"{whole},{fraction}" if fraction else whole
    if text == "0":
        return text
    if negative:
        return MINUS + text
    return f"+{text}" if sign else text


def value_text(value, unit: str) -> str:
    """«79,6 %», «12 чел.»; a dash when there is no value."""
    if value is None:
        return DASH
    unit = (unit or "").strip()
    return f"{number_text(value)}{NBSP}{unit}" if unit else number_text(value)


def percent_text(value) -> str:
    return value_text(value, "%")
