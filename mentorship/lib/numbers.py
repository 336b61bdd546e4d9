"""Shares as people read them: one rounding for every percentage the office shows."""

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
