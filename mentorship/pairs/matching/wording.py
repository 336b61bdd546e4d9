"""Russian words for numbers, kinds and specialties, as the reasons print them."""

import re
from functools import lru_cache

from mentorship.lib.text import plural
from mentorship.people.models import Person


def years_text(n: int) -> str:
    return f"{n} {plural(n, 'год', 'года', 'лет')}"


def kind_label(kind: str) -> str:
    try:
        return Person.Kind(kind).label
    except ValueError:
        return kind


_SPECIALTY_CODE = re.compile(r"^\s*(\d{2}\.\d{2}\.\d{2})")


@lru_cache(maxsize=2048)
def specialty_key(specialty: str) -> str:
    """Specialties match by code (21.02.17) when they have one, else by the words."""
    found = _SPECIALTY_CODE.match(specialty or "")
    if found:
        return found.group(1)
    return " ".join((specialty or "").casefold().replace("ё", "е").split())
