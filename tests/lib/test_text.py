"""lib.text.transliterate: the one Latin spelling of Russian names (logins, demo e-mails)."""

import pytest

from mentorship.lib.text import transliterate


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
