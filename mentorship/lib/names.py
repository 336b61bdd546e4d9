"""A full name in one cell («ФИО») split into surname, first name and patronymic.

The usual Russian rules: «Фамилия Имя Отчество» in this order, the patronymic may be
missing («Смирнова Ольга»), hyphens join a double surname or first name
(«Петрова-Водкина», «Анна-Мария»), a Turkic patronymic has two words («Рашид Али оглы»),
a comma may stand between the parts. Initials or a single word cannot be split: the
curator is told what is expected. Each part is tidied as the people base stores names
(mentorship.lib.text.clean_name).
"""

import re
from typing import NamedTuple

from .text import PATRONYMIC_PARTICLES, clean_name, clean_spaces

EXPECTED = (
    "ожидается «Фамилия Имя Отчество» полностью, через пробел (отчество — если есть), "
    "например «Иванов Иван Иванович»"
)
# Every dash a pasted name may carry; with spaces around it, still one hyphenated name.
_DASH = re.compile(r"\s*[‐‑‒–—―-]\s*")
_SEPARATORS = re.compile(r"[,;]")
# A word of a name: letters, inner hyphens and apostrophes («Д'Арк», «О’Нил»).
_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
# «И.», «И.И.», «Ив.» or a lone letter: an initial where a name should be.
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.)+[^\W\d_]?$|^[^\W\d_]$")


class FullName(NamedTuple):
    last_name: str
    first_name: str
    middle_name: str


def split_full_name(text: object) -> FullName:
    """«Иванов Иван Иванович» → FullName("Иванов", "Иван", "Иванович"); ValueError with a
    Russian message (completing «Строка N, «ФИО»: …») when the text cannot be split."""
    shown = clean_spaces(text)
    if not shown:
        raise ValueError(f"пустая ячейка; {EXPECTED}")
    words = _DASH.sub("-", clean_spaces(_SEPARATORS.sub(" ", shown))).strip("-").split()
    if any(_INITIALS.match(word) for word in words):
        raise ValueError(f"«{shown}» — инициалы вместо имени или отчества; {EXPECTED}")
    if not all(_WORD.match(word) for word in words):
        raise ValueError(
            f"«{shown}» — в ФИО только буквы, дефис и пробелы, без цифр и других знаков; "
            f"{EXPECTED}"
        )
    if any(word.lower() in PATRONYMIC_PARTICLES for word in words[:-1]):
        raise ValueError(
            f"«{shown}» — «оглы» или «кызы» пишут в конце, после имени отца; {EXPECTED}"
        )
    if words[-1].lower() in PATRONYMIC_PARTICLES and len(words) >= 3:
        # «Али оглы»: the father's name and the particle are one patronymic.
        words[-2:] = [f"{words[-2]} {words[-1]}"]
        if len(words) < 3:
            raise ValueError(f"«{shown}» — не хватает имени перед отчеством; {EXPECTED}")
    if len(words) == 1:
        raise ValueError(f"«{shown}» — одно слово, а нужны хотя бы фамилия и имя; {EXPECTED}")
    if len(words) > 3:
        raise ValueError(
            f"«{shown}» — больше трёх слов, не понять, где фамилия, имя и отчество "
            f"(двойную фамилию пишут через дефис); {EXPECTED}"
        )
    last, first, middle = (*words, "")[:3]
    return FullName(clean_name(last), clean_name(first), clean_name(middle))
