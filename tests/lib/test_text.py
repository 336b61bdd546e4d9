"""lib.text.transliterate: the one Latin spelling of Russian names (logins, demo e-mails)."""

import pytest

from mentorship.lib.text import plural, transliterate


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("Иванов", "ivanov"),
        ("Щукина", "shchukina"),
        ("Ёлкина", "elkina"),
        ("Хадижат", "khadizhat"),
        ("Юлия", "yuliya"),
        ("Цой", "tsoy"),
        ("Подъячев", "podyachev"),  # ъ and ь are dropped
        ("Игорь", "igor"),
        ("Петров-Водкин", "petrov-vodkin"),
        ("Smith", "smith"),
    ],
)
def test_transliterate(text, latin):
    assert transliterate(text) == latin


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "курс"),
        (2, "курса"),
        (4, "курса"),
        (5, "курсов"),
        (11, "курсов"),
        (12, "курсов"),
        (21, "курс"),
        (22, "курса"),
    ],
)
def test_plural_russian_forms(n, word):
    assert plural(n, "курс", "курса", "курсов") == word
