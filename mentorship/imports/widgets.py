"""Cell parsers for the xlsx imports: what a curator may type, and a Russian reason if not.

Every widget raises ValueError with a message that completes «Строка N, «Колонка»: …».
Reference data (rows named by a `name`) is loaded once per import run, the first time a
widget needs it: widgets are copied per resource instance, so the cache lives exactly as
long as one import.
"""

import datetime as dt
import re
import time
from collections.abc import Iterable

from django.utils import timezone
from import_export import widgets

from mentorship.lib.dates import age_on, parse_date
from mentorship.lib.text import clean_name, clean_spaces
from mentorship.lib.xlsx import FormulaProblem

_DASHES = re.compile(r"\s*[‐‑‒–—―-]\s*")
_QUOTES = re.compile(r"[«»“”„‟\"']")
LIST_SEPARATOR = ";"
# Longer lists of allowed values are not spelled out in an error; the template's
# «Справка» sheet has them.
_MAX_LISTED = 12


def match_key(value: object) -> str:
    """Spelling-insensitive form of a reference name: case, ё/е, spaces, dashes, quotes."""
    text = clean_spaces(value).lower().replace("ё", "е")
    text = _QUOTES.sub("", text)
    return _DASHES.sub("-", text)


def allowed_list(names: Iterable[str]) -> str:
    names = list(names)
    if len(names) > _MAX_LISTED:
        return "см. лист «Справка» в шаблоне"
    return ", ".join(names)


class CellWidget(widgets.Widget):
    """Base: refuses uncomputed formulas, cleans stray spaces, leaves emptiness to empty()."""

    keeps_line_breaks = False

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, FormulaProblem):
            raise ValueError(value.message)
        if isinstance(value, str) and not self.keeps_line_breaks:
            value = clean_spaces(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            return self.empty()
        return self.parse(value)

    def empty(self):
        return None

    def parse(self, value):
        return value

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TextWidget(CellWidget):
    def empty(self):
        return ""

    def parse(self, value):
        if isinstance(value, bool):
            return "да" if value else "нет"
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number typed into a text column (phone, INN, group)
        if isinstance(value, dt.datetime | dt.date):
            return value.strftime("%d.%m.%Y")
        if isinstance(value, str) and not self.keeps_line_breaks:
            return value  # clean() has cleaned it already
        return clean_spaces(value)


class LongTextWidget(TextWidget):
    """Free text: stray and no-break spaces cleaned line by line, line breaks kept."""

    keeps_line_breaks = True

    def parse(self, value):
        if not isinstance(value, str):
            return super().parse(value)
        lines = [clean_spaces(line) for line in value.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()


class NameWidget(TextWidget):
    def parse(self, value):
        return clean_name(super().parse(value))


class EmailWidget(TextWidget):
    def parse(self, value):
        return super().parse(value).lower()


class ChoiceWidget(CellWidget):
    """A TextChoices value given by its Russian label, in any letter case; an empty cell is
    empty_value (None; "" for a choice the model may leave blank)."""

    def __init__(self, choices, empty_value=None, **kwargs):
        super().__init__(**kwargs)
        self.labels = {value: label for value, label in choices}
        self.by_key = {match_key(label): value for value, label in choices}
        self.empty_value = empty_value

    def empty(self):
        return self.empty_value

    def parse(self, value):
        key = match_key(value)
        if key in self.by_key:
            return self.by_key[key]
        raise ValueError(
            f"«{clean_spaces(value)}» — нет такого значения; допустимо: "
            f"{', '.join(self.labels.values())}"
        )

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(value, value or "")


class FlagWidget(CellWidget):
    """да/нет, +/-, 1/0 or an empty cell (нет)."""

    TRUE = {"да", "+", "1", "true", "истина"}
    FALSE = {"нет", "-", "0", "false", "ложь"}
    ALLOWED = "да, нет, +, -, 1, 0 или пустая ячейка"

    def empty(self):
        return False

    def parse(self, value):
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        key = _DASHES.sub("-", clean_spaces(value).lower())
        if key in self.TRUE:
            return True
        if key in self.FALSE:
            return False
        raise ValueError(f"«{clean_spaces(value)}» — допустимо: {self.ALLOWED}")

    def render(self, value, obj=None, **kwargs):
        return "да" if value else "нет"


def _today() -> dt.date:
    """timezone.localdate(), asked once a second at most: a birth date per row of a
    5,000-row file otherwise spends its time finding the current time zone."""
    # (Keyed by the function too: tests replace timezone.localdate to fix «today».)
    key = (int(time.monotonic()), id(timezone.localdate))
    if _today_cache[0] != key:
        _today_cache[:] = [key, timezone.localdate()]
    return _today_cache[1]


_today_cache: list = [None, None]


class DateWidget(CellWidget):
    """ДД.ММ.ГГГГ, an Excel date or serial number; birth dates also checked for plausibility."""

    def __init__(self, birth_date=False, **kwargs):
        super().__init__(**kwargs)
        self.birth_date = birth_date

    def parse(self, value):
        if isinstance(value, dt.time):
            raise ValueError(f"«{value}» — это время, а не дата; ожидается ДД.ММ.ГГГГ")
        day = parse_date(value)
        if self.birth_date:
            today = _today()
            if day > today:
                raise ValueError(f"дата рождения {day:%d.%m.%Y} в будущем")
            if age_on(day, today) > 100:
                raise ValueError(f"дата рождения {day:%d.%m.%Y} — больше 100 лет назад")
        return day

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value  # a real date cell in the exported workbook
        return value.strftime("%d.%m.%Y")


class IntegerWidget(CellWidget):
    def __init__(self, minimum, maximum, **kwargs):
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def parse(self, value):
        number = value
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        elif isinstance(number, str) and number.isdigit():
            number = int(number)
        if (
            isinstance(number, bool)
            or not isinstance(number, int)
            or not self.minimum <= number <= self.maximum
        ):
            raise ValueError(
                f"«{clean_spaces(value)}» — ожидается целое число "
                f"от {self.minimum} до {self.maximum}"
            )
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class ReferenceWidget(CellWidget):
    """Names of reference rows (a model with a `name`), matched once per run."""

    def __init__(self, model, what: str, **kwargs):
        super().__init__(**kwargs)
        self.model = model
        self.what = what
        self._by_key = None

    def __deepcopy__(self, memo):
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy._by_key = None  # never share a loaded cache between import runs
        return copy

    @property
    def by_key(self) -> dict:
        if self._by_key is None:
            self._by_key = {match_key(obj.name): obj for obj in self.model.objects.all()}
        return self._by_key

    def lookup(self, name: str):
        found = self.by_key.get(match_key(name))
        if found is None:
            raise LookupError(name)
        return found

    def allowed(self) -> str:
        return allowed_list(sorted(obj.name for obj in self.by_key.values()))


class NamedWidget(ReferenceWidget):
    """One reference row by name (e.g. the mentee's form of mentoring). A base whose
    unknown names need another reason (e.g. «load it first») overrides unknown()."""

    def parse(self, value):
        name = clean_spaces(value)
        try:
            return self.lookup(name)
        except LookupError:
            raise ValueError(self.unknown(name)) from None

    def unknown(self, name: str) -> str:
        """The reason a name not in the reference is refused."""
        return f"«{name}» — нет такой {self.what}; допустимо: {self.allowed()}"

    def render(self, value, obj=None, **kwargs):
        return value.name if value is not None else ""


class NamedListWidget(ReferenceWidget):
    """Several reference rows, names separated by «;»; every unknown name is listed."""

    def empty(self):
        return []

    def parse(self, value):
        names = [clean_spaces(part) for part in str(value).split(LIST_SEPARATOR)]
        found, unknown = [], []
        for name in filter(None, names):
            try:
                obj = self.lookup(name)
            except LookupError:
                unknown.append(f"«{name}»")
                continue
            if obj not in found:
                found.append(obj)
        if unknown:
            raise ValueError(
                f"нет такой {self.what}: {', '.join(unknown)}; допустимо: {self.allowed()} "
                f"(несколько значений — через «{LIST_SEPARATOR}»)"
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return f"{LIST_SEPARATOR} ".join(item.name for item in value or [])
