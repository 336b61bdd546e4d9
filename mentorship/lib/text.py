"""Text normalisation for names typed or pasted by people, and their Latin spelling."""

import re
import unicodedata
from functools import lru_cache

# Latin letters that look like Cyrillic ones, as they slip into names pasted from
# other documents (a Latin «a» in «Иванова» makes a second Иванова otherwise).
_LATIN_LOOKALIKES = str.maketrans(
    {
        "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е",
        "H": "Н", "K": "К", "k": "к", "M": "М", "O": "О", "o": "о", "P": "Р",
        "p": "р", "T": "Т", "X": "Х", "x": "х", "y": "у", "Y": "У",
    }
)
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_SPACES = re.compile(r"\s+")
# The Turkic patronymic's second word («Рашид Али оглы», «Лейла Гасан кызы», also
# hyphenated «Али-оглы»): written in lower case after the father's name.
PATRONYMIC_PARTICLES = frozenset({"оглы", "оглу", "улы", "уулу", "кызы", "гызы"})


def clean_spaces(value: object) -> str:
    """Collapse every run of whitespace (incl. no-break spaces) into one space and strip."""
    if value is None:
        return ""
    return _clean_spaces(str(value))


@lru_cache(maxsize=16384)
def _clean_spaces(text: str) -> str:
    # An import asks the same cell several times (widget, row key, natural key); the rule is
    # a pure function of the text.
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def clean_name(value: object) -> str:
    """A personal name as it should be stored: spaces cleaned, look-alikes fixed, capitalised.

    Latin look-alike letters are replaced only in words that already contain Cyrillic, so
    a genuinely Latin name is left alone. A Turkic particle after the father's name stays
    in lower case («Али оглы»); first in the text it is a name and is capitalised.
    """
    return _clean_name(clean_spaces(value))


@lru_cache(maxsize=8192)
def _clean_name(text: str) -> str:
    # Names repeat (an import cleans each one several times: cell, row key, natural key),
    # and the rule is a pure function of the text.
    words = []
    for word in text.split(" "):
        if not word:
            continue
        if _CYRILLIC.search(word):
            word = word.translate(_LATIN_LOOKALIKES)
        parts = []
        for part in word.split("-"):
            lower = part.lower()
            if lower in PATRONYMIC_PARTICLES and (words or parts):
                parts.append(lower)
            else:
                parts.append(part[:1].upper() + lower[1:])
        words.append("-".join(parts))
    return " ".join(words)


def name_key(value: object) -> str:
    """Case-, ё- and spacing-insensitive form of a name, for matching and search."""
    text = clean_name(value).lower().replace("ё", "е")
    return text


# A readable everyday transliteration (й → y, ю → yu, я → ya, х → kh) rather than the
# passport one (iu, ia), so that logins and e-mail addresses look like the names people
# expect.
# fmt: off
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)
# fmt: on


def transliterate(text: str) -> str:
    """Lower-case Latin spelling of a Russian text; other characters are kept as they are."""
    return text.lower().replace("ё", "е").translate(_TRANSLIT)


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: plural(2, "курс", "курса", "курсов") -> "курса"."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many
