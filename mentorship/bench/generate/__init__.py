"""A big generated college for measuring the product (`manage.py generate_college`).

generate() writes, in one transaction and by bulk inserts (no save() per row; simple-history
rows only for what the reports read as of a date — organisations, people, the banks of
mentors and mentees, entered on the first day of the programme's oldest year, and pairs, on
their start — and the few of the reused demo roadmap loader): the College card,
partner organisations, people (students of four courses, alumni of the programme's earlier
years, teachers, employees of partners, pupils of partner schools), consents, the mentor
and mentee bases, the pairs and groups of the given number of academic years (ending in the
current one) with their status history, plans, tasks, meetings and achievements, survey
waves with personal links and answers, the demo roadmap and the KPI targets, and logins for
the bench: bench-kurator (Куратор) and bench-direktor (Директор); bench-nastavnik
(Наставник) and bench-nastavlyaemyi (Наставляемый) belong to the busiest mentor of an active
pair and to a mentee of theirs. Then ANALYZE, so that the planner has statistics.

Derived fields are filled by the models' own helpers (Person.build_name_key /
build_natural_key, Invitation's token default). Everything else is drawn from generators
seeded by `seed`, so the same seed, sizes and day give the same college.
"""

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from mentorship.demo.kpi import load_targets
from mentorship.demo.roadmap import load_roadmap
from mentorship.lib.database import analyze
from mentorship.pairs.models import Pair
from mentorship.people.models import College, Person

from .people import build_organisations, build_people
from .profiles import build_consents, build_profiles
from .programme import plan_programme
from .state import Sizes, State
from .surveys import write_surveys
from .wipe import wipe
from .work import write_pairs

DEFAULT_SEED = "1"
BENCH_USERS = [("bench-kurator", Role.CURATOR), ("bench-direktor", Role.DIRECTOR)]
PARTICIPANT_USERS = [("bench-nastavnik", Role.MENTOR), ("bench-nastavlyaemyi", Role.MENTEE)]
BENCH_USERNAMES = [name for name, _role in BENCH_USERS + PARTICIPANT_USERS]

__all__ = ["BENCH_USERNAMES", "DEFAULT_SEED", "Result", "Sizes", "generate", "wipe"]


@dataclass
class Result:
    created: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # step (in Russian) -> seconds


def _login(s: State, username: str, role: Role) -> User:
    """A bench login in its role's group (accounts/roles.py: a role is the group named by
    its label). No usable password: the bench logs in with force_login."""
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        s.created[User._meta.verbose_name_plural] += 1
    user.groups.set([Group.objects.get(name=role.label)])
    return user


def _users(s: State) -> None:
    for username, role in BENCH_USERS:
        user = _login(s, username, role)
        if role == Role.CURATOR:
            s.curator = user


def _participant_users(s: State) -> None:
    active = [p for p in s.pairs if p.status == Pair.Status.ACTIVE]
    if not active:
        return
    load = Counter(id(p.mentor) for p in active for _w in p.mentees)
    # The busiest mentor (the first such pair: max keeps the first of equals).
    pair = max(active, key=lambda p: (load[id(p.mentor)], len(p.mentees)))
    for (username, role), who in zip(
        PARTICIPANT_USERS, (pair.mentor, pair.mentees[0]), strict=True
    ):
        user = _login(s, username, role)
        Person.objects.filter(user=user).update(user=None)
        Person.objects.filter(pk=who.person.pk).update(user=user)


def _college(s: State) -> None:
    """The card the orders and reports print: the demo's college, led by its two most
    experienced teachers."""
    teachers = sorted(s.of_kind(Person.Kind.TEACHER), key=lambda w: -w.experience)
    values = dict(s.programme["college"])
    values["short_name"] = s.college["college"]["short_name"]
    for name, who in zip(("director_name", "curator_name"), teachers, strict=False):
        p = who.person
        values[name] = f"{p.first_name[0]}.{p.middle_name[0]}. {p.last_name}"
    College.get()
    College.objects.filter(pk=1).update(**values)


def _roadmap_and_targets(s: State) -> None:
    result = SimpleNamespace(created=s.created, notes=s.notes)
    load_roadmap(SimpleNamespace(college=s.college["college"]), result, s.today)
    # Targets for every calendar year the programme's pairs worked in: the demo's three
    # years, and the programme's table again for the years before (a target there stays).
    for year in range(s.today.year, s.years[0] - 1, -3):
        load_targets(result, year)


def generate(sizes: Sizes, *, seed: str = DEFAULT_SEED, today: dt.date | None = None) -> Result:
    today = today or timezone.localdate()
    s = State(sizes, seed, today)
    steps = {  # what the command's -v 2 prints -> the step
        "учётные записи": _users,
        "организации": build_organisations,
        "люди": build_people,
        "карточка колледжа": _college,
        "план программы": plan_programme,
        "согласия": build_consents,
        "банки наставников и наставляемых": build_profiles,
        "пары, планы, встречи, достижения": write_pairs,
        "опросы": write_surveys,
        "входы участников": _participant_users,
        "дорожная карта и целевые значения": _roadmap_and_targets,
    }
    timings = {}
    with transaction.atomic():
        for name, step in steps.items():
            begun = time.monotonic()
            step(s)
            timings[name] = time.monotonic() - begun
        begun = time.monotonic()
    timings["фиксация транзакции"] = time.monotonic() - begun
    begun = time.monotonic()
    analyze()
    timings["ANALYZE"] = time.monotonic() - begun
    return Result(s.created, s.notes, timings)
