"""Reference data of the generator: the demo's fixtures (names, specialties, organisations,
texts) and the small helpers that turn them into people, organisations and dates."""

import datetime as dt
import json
import random
from functools import cache

from mentorship.people.demo import FIXTURES_DIR
from mentorship.people.models import Person


@cache
def fixture(name: str) -> dict:
    with open(FIXTURES_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def years_after(day: dt.date, years: int) -> dt.date:
    return years_before(day, -years)


def workday(day: dt.date) -> dt.date:
    """Meetings and orders avoid Sundays, the winter holidays and the summer."""
    if (day.month, day.day) >= (12, 29):
        day = dt.date(day.year + 1, 1, 12)
    elif day.month == 1 and day.day < 12:
        day = dt.date(day.year, 1, 12)
    elif day.month in (7, 8):
        day = dt.date(day.year, 9, 8)
    if day.weekday() == 6:
        day += dt.timedelta(days=1)
    return day


class NameDrawer:
    """Russian full names from fixtures/demo/names.json, unique as Person.natural_key."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ref = fixture("names.json")
        self.keys: set[str] = set()

    def female_surname(self, surname: str) -> str:
        if surname in self.ref["invariable"]:
            return surname
        if surname.endswith(("ский", "цкий", "ой")):
            return surname[:-2] + "ая"
        return surname + "а"

    def surname_for(self, surname: str, gender: str) -> str:
        return self.female_surname(surname) if gender == "f" else surname

    def patronymic(self, father: str, gender: str) -> str:
        return self.ref["patronymics"][father][1 if gender == "f" else 0]

    def person(self, gender: str, generation: str, born) -> tuple:
        """(last, first, middle, father's first name, family surname, birth date) whose
        natural key is new; born() draws a birth date (drawn again on a clash)."""
        rng = self.rng
        pool = self.ref["male_names" if gender == "m" else "female_names"][generation]
        fathers = self.ref["male_names"]["adult"]
        while True:
            surname = rng.choice(self.ref["surnames"])
            first = rng.choice(pool)
            father = rng.choice(fathers)
            last = self.surname_for(surname, gender)
            middle = self.patronymic(father, gender)
            birth = born()
            key = Person.build_natural_key(last, first, middle, birth)
            if key not in self.keys:
                self.keys.add(key)
                return last, first, middle, father, surname, birth

    def adult(self, surname: str, gender: str, first: str | None = None) -> str:
        """«Фамилия Имя Отчество» of an adult of a family (a parent or a guardian)."""
        pool = self.ref["male_names" if gender == "m" else "female_names"]["adult"]
        first = first or self.rng.choice(pool)
        father = self.rng.choice(self.ref["male_names"]["adult"])
        return f"{self.surname_for(surname, gender)} {first} {self.patronymic(father, gender)}"


_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def organisation_inn(rng: random.Random, used: set[str]) -> str:
    """A 10-digit ИНН of a Kuzbass (42) organisation with a valid check digit."""
    while True:
        digits = [4, 2] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(w * d for w, d in zip(_INN_WEIGHTS, digits, strict=True)) % 11 % 10
        inn = "".join(map(str, digits)) + str(check)
        if inn not in used:
            used.add(inn)
            return inn


def phone(rng: random.Random) -> str:
    return (
        f"+7 9{rng.randint(0, 99):02d} {rng.randint(100, 999)}-"
        f"{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}"
    )


def landline(rng: random.Random) -> str:
    return f"+7 3842 {rng.randint(20, 79)}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}"


# Generated partner organisations beyond the fixture's: (type, name pattern). One closing
# quote after nested ones, as the fixture writes them.
ORGANISATION_PATTERNS = [
    ("mine", "АО «Шахта «{word}»"),
    ("open_pit", "ООО «Разрез «{word}»"),
    ("plant", "АО «Обогатительная фабрика «{word}»"),
    ("energy", "ООО «Энергоремонт «{word}»"),
    ("factory", "ООО «Машиностроительный завод «{word}»"),
    ("transport", "ООО «Автотранспортное предприятие «{word}»"),
    ("it", "ООО «Цифровые решения «{word}»"),
]
# fmt: off
# Place and river names of Kuzbass: a name in quotes needs no agreement with «шахта» or
# «разрез».
ORGANISATION_WORDS = [
    "Кедровка", "Берёзовка", "Заречье", "Талда", "Бачаты", "Ерунаково", "Листвяги", "Полысаево",
    "Инской", "Увал", "Осинники", "Калтан", "Мыски", "Тайга", "Юрга", "Салаир",
    "Белово", "Киселёвск", "Прокопьевск", "Шерегеш", "Томь", "Кондома", "Мрассу", "Уса",
    "Иня", "Абашево", "Байдаевка", "Редаково", "Сибирь", "Кузнецк",
]
ORGANISATION_CITIES = [
    "г. Кемерово", "г. Новокузнецк", "г. Прокопьевск", "г. Белово", "г. Киселёвск",
    "г. Ленинск-Кузнецкий", "г. Междуреченск", "г. Полысаево", "г. Берёзовский", "г. Мыски",
]
# fmt: on
STREETS = ["Шахтёрская", "Горняцкая", "Промышленная", "Ленина", "Советская", "Кирова", "Мира"]
