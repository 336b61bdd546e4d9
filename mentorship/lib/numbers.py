"""Numbers as people read them: one rounding for every percentage the office shows, and
numbers printed as a Russian document prints them: «7,9», «20», «12 500», «+1,25», «−0,4»."""

from decimal import ROUND_HALF_UP, Decimal

Number = int | float | Decimal


def _decimal(value: Number) -> Decimal:
    # A float through its shortest text, so 0.285 is 0.285 and not 0.28499999…
    return value if isinstance(value, Decimal) else Decimal(str(value))


def percent(part: Number | None, whole: Number | None, *, places: int = 1) -> Decimal | None:
    """part ÷ whole × 100, rounded half up to `places` decimals (6.25 → 6.3, 12.5 → 13 with
    places=0: as on paper, not Python's round() to even); None when there is nothing to
    divide by (no whole, or zero) or no part. Callers that carry an int or a float convert
    the result; the rounding is done here, in decimal, once."""
    if part is None or not whole:
        return None
    value = _decimal(part) * 100 / _decimal(whole)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "—"


def number_text(value, *, places: int = 2, sign: bool = False) -> str:
    """A number rounded half up to at most `places` decimals, without trailing zeros,
    a decimal comma, thousands grouped by a no-break space from 10 000 on (ГОСТ Р 7.0.97
    leaves four-digit numbers whole); None is a dash. sign: «+» before a positive value."""
    if value is None:
        return DASH
    number = _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
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
