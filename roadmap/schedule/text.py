"""A deadline in words, as colleges' roadmaps and the curator write it; the months' names."""

from __future__ import annotations

import datetime as dt
import re

from mentorship.lib.text import clean_spaces

from .dates import deadline_of
from .values import DATE, MONTH, NONE, PERIOD, Deadline, month_end

MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_MONTHS_PREPOSITIONAL = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)  # fmt: skip
_ABBREVIATIONS = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip
_MONTH_WORDS = {
    **{word: n for forms in (MONTHS, MONTHS_GENITIVE, _MONTHS_PREPOSITIONAL)
       for n, word in enumerate(forms, start=1)},
    **_ABBREVIATIONS,
}  # fmt: skip

NONE_TEXT = "без фиксированного срока"


def _month_text(month: dt.date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def _months_text(months: tuple[int, ...]) -> str:
    """«май, сентябрь»; three or more months in a row as a range: «март – ноябрь»."""
    runs: list[list[int]] = []
    for m in months:
        if runs and runs[-1][-1] == m - 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{MONTHS[run[0] - 1]} – {MONTHS[run[-1] - 1]}")
        else:
            parts.extend(MONTHS[m - 1] for m in run)
    return ", ".join(parts)


def deadline_text(value) -> str:
    """The deadline as colleges' roadmaps write it: «15.10.2022», «сентябрь – октябрь 2022»,
    «ежегодно: май, сентябрь», «весь период», «сентябрь 2020, далее ежегодно: январь,
    февраль», «без фиксированного срока». Takes a Deadline or an Activity; what it writes
    deadline_parse reads back to the same Deadline."""
    d = value if isinstance(value, Deadline) else deadline_of(value)
    if d.kind == NONE:
        return NONE_TEXT
    if d.once is not None:
        if d.once == month_end(d.once):
            first = Deadline(MONTH, month=d.once.replace(day=1), start=d.start)
        else:
            first = Deadline(DATE, date=d.once, start=d.start)
        return f"{deadline_text(first)}, далее ежегодно" + (
            f": {_months_text(d.months)}" if d.months else ""
        )
    if d.kind == DATE:
        end = f"{d.date:%d.%m.%Y}"
        return f"{d.start:%d.%m.%Y} – {end}" if d.start else end
    if d.kind == MONTH:
        end = _month_text(d.month)
        if d.start is None:
            return end
        if d.start.day != 1:
            return f"{d.start:%d.%m.%Y} – {end}"
        if d.start.year == d.month.year:
            return f"{MONTHS[d.start.month - 1]} – {end}"
        return f"{_month_text(d.start)} – {end}"
    prefix = ""
    if d.start is not None:
        since = (
            f"{MONTHS_GENITIVE[d.start.month - 1]} {d.start.year}"
            if d.start.day == 1
            else f"{d.start:%d.%m.%Y}"
        )
        prefix = f"с {since} "
    if d.kind == PERIOD:
        return f"{prefix}весь период"
    return f"{prefix}ежегодно" + (f": {_months_text(d.months)}" if d.months else "")


def deadline_wording(value) -> str:
    """A «Срок» cell or field as the roadmap wrote it, to keep (Activity.deadline_words):
    spaces cleaned, a cell holding a date written ДД.ММ.ГГГГ."""
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return clean_spaces(value)


def _spelling(text: str) -> str:
    return re.sub(r"[\W_]+", "", str(text or "").lower().replace("ё", "е"))


def words_beside(words: str, schedule_text: str) -> str:
    """The roadmap's own wording of a deadline, to show beside the schedule read from it —
    "" when it says the same words (case and punctuation aside)."""
    words = clean_spaces(words)
    return words if words and _spelling(words) != _spelling(schedule_text) else ""
