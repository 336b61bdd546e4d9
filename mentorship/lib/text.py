"""Text normalisation for names typed or pasted by people."""

import re
import unicodedata

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


def clean_spaces(value: object) -> str:
    """Collapse every run of whitespace (incl. no-break spaces) into one space and strip."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def clean_name(value: object) -> str:
    """A personal name as it should be stored: spaces cleaned, look-alikes fixed, capitalised.

    Latin look-alike letters are replaced only in words that already contain Cyrillic, so
    a genuinely Latin name is left alone.
    """
    words = []
    for word in clean_spaces(value).split(" "):
        if not word:
            continue
        if _CYRILLIC.search(word):
            word = word.translate(_LATIN_LOOKALIKES)
        parts = [p[:1].upper() + p[1:].lower() for p in word.split("-")]
        words.append("-".join(parts))
    return " ".join(words)


def name_key(value: object) -> str:
    """Case-, ё- and spacing-insensitive form of a name, for matching and search."""
    text = clean_name(value).lower().replace("ё", "е")
    return text
