"""What the demo's parts share: the seed of their generators, the fixtures they read, the
gender endings of fixture texts and the grammar of Russian names.

The bench's generator (mentorship/bench/generate/) draws its people with the same fixtures
and the same name grammar, so its college reads like the demo's.
"""

import json
import random
from pathlib import Path

from django.conf import settings

SEED = "Р-145"
CHANGE_REASON = "Демо-данные (load_demo)"
FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"


def load_json(name: str) -> dict:
    """A fixture of fixtures/demo/, e.g. "names.json"."""
    with open(FIXTURES_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def agree(text: str, gender: str) -> str:
    """Fill the gender endings of a fixture text: {a} (сделал/сделала), {k} (участник/-ца)."""
    female = gender == "f"
    return text.replace("{a}", "а" if female else "").replace("{k}", "ца" if female else "к")


class NameGrammar:
    """Feminine surnames, patronymics and the full names of a family's adults.

    A subclass sets `names` (fixtures/demo/names.json) and `name_rng`, the generator the
    names are drawn from.
    """

    names: dict
    name_rng: random.Random

    def female_surname(self, surname: str) -> str:
        if surname in self.names["invariable"]:
            return surname
        if surname.endswith(("ский", "цкий")):
            return surname[:-2] + "ая"
        if surname.endswith("ой"):
            return surname[:-2] + "ая"
        return surname + "а"

    def surname_for(self, surname: str, gender: str) -> str:
        return self.female_surname(surname) if gender == "f" else surname

    def patronymic(self, father: str, gender: str) -> str:
        return self.names["patronymics"][father][1 if gender == "f" else 0]

    def adult_name(self, surname: str, gender: str, first: str | None = None) -> str:
        rng = self.name_rng
        pool = self.names["male_names" if gender == "m" else "female_names"]["adult"]
        first = first or rng.choice(pool)
        father = rng.choice(self.names["male_names"]["adult"])
        return f"{self.surname_for(surname, gender)} {first} {self.patronymic(father, gender)}"
