"""A full name in one cell («ФИО») split into surname, first name and patronymic.

The usual Russian rules: «Фамилия Имя Отчество» in this order, the patronymic may be
missing («Смирнова Ольга»), hyphens join a double surname or first name
(«Петрова-Водкина», «Анна-Мария»), a Turkic patronymic has two words («Рашид Али оглы»),
a comma may stand between the parts. Initials or a single word cannot be split: the
curator is told what is expected. Each part is tidied as the people base stores names
(mentorship.lib.text.clean_name).
"""

import re
from functools import lru_cache
from typing import NamedTuple

from petrovich.main import Petrovich

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


# --- declension ------------------------------------------------------------------------------

# The grammatical cases a sentence of a paper asks a name in (Petrovich's numbers).
CASES = {
    "genitive": 0,  # родительный: «кого? — Иванова Ивана Ивановича»
    "dative": 1,  # дательный: «кому? — Иванову Ивану Ивановичу»
    "accusative": 2,  # винительный: «назначить кого? — Иванова Ивана Ивановича»
    "instrumental": 3,  # творительный: «кем? — Ивановым Иваном Ивановичем»
    "prepositional": 4,  # предложный: «о ком? — об Иванове Иване Ивановиче»
}
_FEMALE_ENDINGS = ("вна", "чна", "кызы", "гызы", "qızı")
_MALE_ENDINGS = ("вич", "ич", "оглы", "оглу", "улы", "уулу")


def gender_of(middle_name: str) -> str | None:
    """ "male", "female" or None (unknown), read from the patronymic's ending.

    The people base does not store a person's gender (mentorship.people Person has no such
    field), so it is inferred here: «-вич/-ич», «оглы» — male; «-вна/-чна», «кызы» — female.
    Without a patronymic (or with an unusual one) the gender is unknown."""
    ending = middle_name.strip().lower()
    if ending.endswith(_FEMALE_ENDINGS):
        return "female"
    if ending.endswith(_MALE_ENDINGS):
        return "male"
    return None


@lru_cache(maxsize=1)
def _petrovich() -> Petrovich:
    return Petrovich()


def full_name(last_name: str, first_name: str, middle_name: str) -> str:
    """«Фамилия Имя Отчество» as stored, without the parts a person does not have."""
    return " ".join(part for part in (last_name, first_name, middle_name) if part)


def short_name(last_name: str, first_name: str, middle_name: str) -> str:
    """«Фамилия И.О.»: the surname with the initials a person has."""
    initials = "".join(f"{part[0]}." for part in (first_name, middle_name) if part)
    return f"{last_name} {initials}".strip()


def decline_name(last_name: str, first_name: str, middle_name: str, case: str) -> str:
    """The full name in `case` (a key of CASES), for running text: «назначить Иванова Ивана
    Ивановича наставником». The nominative case ("nominative") returns it as stored.

    The gender is read from the patronymic (gender_of); when it is unknown the name is kept
    as stored rather than guessed wrong (a surname like «Смирнова Ольга» without a
    patronymic would otherwise be declined as a man's)."""
    stored = full_name(last_name, first_name, middle_name)
    if case == "nominative":
        return stored
    if case not in CASES:
        raise ValueError(f"Неизвестный падеж: {case}.")
    gender = gender_of(middle_name)
    if gender is None:
        return stored
    number = CASES[case]
    declined = [
        _surname(last_name, number, gender) if last_name else "",
        _first_name(first_name, number, gender) if first_name else "",
        _spelled(_petrovich().middlename(middle_name, number, gender)) if middle_name else "",
    ]
    return " ".join(part for part in declined if part)


# Where Petrovich (2.0.1) errs, corrected here: «Ольгы» for «Ольги» (after г, к, х and the
# hushing letters Russian writes «и», never «ы»); men's first names in «-а/-я» (Никита,
# Фома, Лука, Миша) left undeclined; surnames in «-их/-ых» (Черных, Седых), which never
# decline, declined as a man's («Черныха»).
_NO_Y_AFTER = "гкхжшщч"
_ENDING_Y = re.compile(rf"(?<=[{_NO_Y_AFTER}])ы$", re.IGNORECASE)


def _spelled(word: str) -> str:
    return _ENDING_Y.sub("и", word)


def _first_declension(name: str, number: int) -> str:
    """A name in «-а/-я» declined as «Никита»: Никиты, Никите, Никиту, Никитой, Никите."""
    stem, last = name[:-1], name[-1:].lower()
    before = stem[-1:].lower()
    soft = last == "я"
    in_i = soft and before == "и"  # «Илия»: Илии, Илии, Илию, Илией, Илии
    endings = (
        "и" if soft or before in _NO_Y_AFTER else "ы",
        "и" if in_i else "е",
        "ю" if soft else "у",
        "ей" if soft or before in "жшщчц" else "ой",
        "и" if in_i else "е",
    )
    return stem + endings[number]


def _first_name(name: str, number: int, gender: str) -> str:
    declined = _petrovich().firstname(name, number, gender)
    if declined == name and name[-1:].lower() in "ая" and len(name) > 2:
        return _first_declension(name, number)
    return _spelled(declined)


def _surname(name: str, number: int, gender: str) -> str:
    if name.lower().endswith(("их", "ых")):
        return name
    return _spelled(_petrovich().lastname(name, number, gender))


def decline_full_name(full_name: str, case: str) -> str:
    """decline_name for a name held as one string «Фамилия Имя Отчество» (as the order's
    rows keep it) or as a surname with initials («Е.Н. Петрова», as the College card keeps
    the director and the curator: decline_initials_name); a name that cannot be split is
    returned as it is."""
    short = decline_initials_name(full_name, case)
    if short is not None:
        return short
    try:
        last, first, middle = split_full_name(full_name)
    except ValueError:
        return full_name
    return decline_name(last, first, middle, case)


# --- a surname with initials («Е.Н. Петрова», «Петрова Е.Н.») ---------------------------------

_LETTER = r"[^\W\d_]"
_SURNAME = rf"{_LETTER}+(?:-{_LETTER}+)*"
_INITIALS_PART = rf"(?:{_LETTER}\.\s?){{1,2}}"
_INITIALS_FIRST = re.compile(rf"^({_INITIALS_PART})\s*({_SURNAME})$")
_INITIALS_LAST = re.compile(rf"^({_SURNAME})\s+({_INITIALS_PART})$")
# Without a patronymic the gender is read from the surname's ending: the usual Russian
# surnames in «-ов/-ова», «-ин/-ина», «-ский/-ская». Others (Шевченко, Ким, Дюма) stay as
# written — many do not decline, and a wrong guess is worse than none.
_FEMALE_SURNAMES = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")
_MALE_SURNAMES = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ий", "ой", "ый")


def gender_of_surname(last_name: str) -> str | None:
    """ "male", "female" or None, read from a Russian surname's ending (gender_of reads
    the patronymic, which a name with initials does not show)."""
    ending = last_name.strip().lower().split("-")[-1]
    if ending.endswith(_FEMALE_SURNAMES):
        return "female"
    if ending.endswith(_MALE_SURNAMES):
        return "male"
    return None


def decline_initials_name(text: str, case: str) -> str | None:
    """«Е.Н. Петрова» in `case` («Е.Н. Петровой» in the genitive), the initials where they
    stood; None when text is not a surname with initials. A surname of unknown gender
    (gender_of_surname) is kept as written."""
    shown = clean_spaces(text)
    before = _INITIALS_FIRST.match(shown)
    after = None if before else _INITIALS_LAST.match(shown)
    if before is None and after is None:
        return None
    if case not in CASES and case != "nominative":
        raise ValueError(f"Неизвестный падеж: {case}.")
    initials, surname = (before.group(1), before.group(2)) if before else after.group(2, 1)
    gender = gender_of_surname(surname)
    if case == "nominative" or gender is None:
        return shown
    declined = _surname(surname, CASES[case], gender)
    initials = initials.strip()
    return f"{initials} {declined}" if before else f"{declined} {initials}"
