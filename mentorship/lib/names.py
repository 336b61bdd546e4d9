"""Splitting a «ФИО» cell into surname, name and patronymic.

PLACEHOLDER until helper D's version lands: the contract of issue 13 only
(split_full_name(text) -> FullName, ValueError with a Russian message). D's module
replaces this file whole.
"""

from typing import NamedTuple

from .text import clean_spaces

_PATRONYMIC_TAILS = ("оглы", "кызы", "улы", "уулу")


class FullName(NamedTuple):
    last_name: str
    first_name: str
    middle_name: str


def split_full_name(text: str) -> FullName:
    words = clean_spaces(text).split(" ") if clean_spaces(text) else []
    if len(words) == 4 and words[3].lower() in _PATRONYMIC_TAILS:
        words = [words[0], words[1], f"{words[2]} {words[3]}"]
    if len(words) == 2:
        return FullName(words[0], words[1], "")
    if len(words) == 3:
        return FullName(*words)
    raise ValueError(
        f"«{clean_spaces(text)}» не удаётся разделить на фамилию, имя и отчество: "
        "ожидается «Фамилия Имя Отчество» или «Фамилия Имя»"
    )
