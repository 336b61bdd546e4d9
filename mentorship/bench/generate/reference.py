"""Reference data of the generator: the demo's fixtures (names, specialties, organisations,
texts) and the small helpers that turn them into people, organisations and dates."""

import datetime as dt
import random
from functools import cache

from mentorship.demo.plan import NameGrammar, load_json
from mentorship.lib.dates import years_before
from mentorship.people.models import Person

# The demo's fixtures, read once per process.
fixture = cache(load_json)


class NameDrawer(NameGrammar):
    """Russian full names from fixtures/demo/names.json, unique as Person.natural_key. The
    grammar (feminine surnames, patronymics, a family's adults) is the demo's."""

    def __init__(self, rng: random.Random):
        # The names the demo planner's methods read, and the generator they draw from.
        self.names = fixture("names.json")
        self.name_rng = rng
        self.keys: set[str] = set()

    def person(self, gender: str, generation: str, *, age: int, on: dt.date, rng) -> tuple:
        """(last, first, middle, father's first name, family surname, birth date) whose
        natural key is new. The birth date, of someone `age` years old on the day `on`, is
        drawn from the caller's `rng` (again on a clash)."""
        names_rng = self.name_rng
        pool = self.names["male_names" if gender == "m" else "female_names"][generation]
        fathers = self.names["male_names"]["adult"]
        while True:
            surname = names_rng.choice(self.names["surnames"])
            first = names_rng.choice(pool)
            father = names_rng.choice(fathers)
            last = self.surname_for(surname, gender)
            middle = self.patronymic(father, gender)
            birth = years_before(on, age) - dt.timedelta(days=rng.randint(0, 364))
            key = Person.build_natural_key(last, first, middle, birth)
            if key not in self.keys:
                self.keys.add(key)
                return last, first, middle, father, surname, birth


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
