"""The regional demo (`manage.py load_demo --region`): a regional mentoring centre with the
packages of the region's colleges, as the centre would have received them.

The centre never holds a person, so the colleges here are not built person by person: each
college's package is drawn from its size (students, teachers, partners) by a generator seeded
with its ИНН, its numbers growing year by year as a programme's do, and written by the
package's own rules — the disclosure rule (mentorship.package.disclosure), the seal
(mentorship.package.format) — then uploaded through the centre's own upload
(mentorship.region.upload), exactly as a coordinator's upload goes. The bench
(mentorship/bench) uses the same generator for its 150 colleges × 5 years.

What the demo shows: three academic years of packages; in the running year two colleges have
not sent theirs (the «не прислали» list) and the region's figure of its enterprises is not
entered yet (an indicator «нет регионального знаменателя»). Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from mentorship.lib.periods import ReportPeriod
from mentorship.package import disclosure
from mentorship.package import format as package_format
from mentorship.region.models import RegionalCentre, RegionalDenominator, RegionCollege
from mentorship.region.upload import commit_packages, preview_packages
from roadmap.kpi import COMPUTATIONS, kpi_value, percent

from .kpi import TARGETS

CENTRE = {
    "name": "Региональный наставнический центр Кузбасса",
    "region": "Кемеровская область — Кузбасс",
}
COORDINATOR = ("koordinator", "Kuzbass-Region-Centr-4821", "Ольга", "Миронова")

# (ИНН, short name, full name, city, students): invented colleges of the region.
COLLEGES = [
    ("4205012345", "ГБПОУ КузГТТ", "Кузбасский горнотехнический техникум", "Кемерово", 1400),
    ("4205023456", "ГПОУ КПТ", "Кемеровский политехнический техникум", "Кемерово", 2100),
    (
        "4217034567",
        "ГПОУ НТСТ",
        "Новокузнецкий техникум строительных технологий",
        "Новокузнецк",
        1800,
    ),
    (
        "4212045678",
        "ГПОУ ЛМТ",
        "Ленинск-Кузнецкий металлургический техникум",
        "Ленинск-Кузнецкий",
        900,
    ),
    ("4223056789", "ГПОУ ПАТТ", "Прокопьевский агротехнический техникум", "Прокопьевск", 650),
    ("4202067890", "ГПОУ БПК", "Беловский педагогический колледж", "Белово", 1100),
    ("4213078901", "ГПОУ МТТ", "Междуреченский транспортный техникум", "Междуреченск", 750),
    ("4211089012", "ГПОУ ЮКМК", "Юргинский медицинский колледж", "Юрга", 1250),
    (
        "4246090123",
        "ГПОУ АКСТ",
        "Анжеро-Судженский колледж сервиса и торговли",
        "Анжеро-Судженск",
        480,
    ),
    ("4222101234", "ГПОУ ОТЭТ", "Осинниковский техникум энергетики и транспорта", "Осинники", 560),
    ("4230112345", "ГПОУ ТАК", "Таштагольский аграрный колледж", "Таштагол", 320),
    (
        "4216123456",
        "ГПОУ НКИТ",
        "Новокузнецкий колледж информационных технологий",
        "Новокузнецк",
        1600,
    ),
]
YEARS = 3  # academic years of packages, the running one last
# The running year's stragglers (by ИНН): expected, no package yet.
LATE = ("4230112345", "4222101234")
# The region's own figures per year (the first year's; later years drift a little).
DENOMINATORS = {
    "children_10_19": 312_400,
    "children_15_19": 148_900,
    "young_teachers": 2_350,
    "enterprises": 41_800,
}
SOURCES = {
    "children_10_19": "Кемеровостат, численность населения на 1 января",
    "children_15_19": "Кемеровостат, численность населения на 1 января",
    "young_teachers": "Министерство образования Кузбасса, мониторинг кадров",
    "enterprises": "Кемеровостат, число действующих организаций",
}


@dataclass(frozen=True)
class GeneratedCollege:
    inn: str
    short_name: str
    full_name: str
    city: str
    students: int
    region: str = CENTRE["region"]


@dataclass
class RegionLoadResult:
    created: Counter = field(default_factory=Counter)
    packages: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)


def demo_colleges() -> list[GeneratedCollege]:
    return [GeneratedCollege(*row) for row in COLLEGES]


# --- one package -----------------------------------------------------------------------------


def _share(rng: random.Random, whole: int, low: float, high: float) -> int:
    return min(whole, round(whole * rng.uniform(low, high)))


def _decimal(value) -> str | None:
    """A figure as the package writes it: a decimal as text, SUPPRESSED as it is."""
    if isinstance(value, str):
        return value
    return package_format.decimal_text(value)


def synthetic_package(
    college: GeneratedCollege, period: ReportPeriod, growth: int, *, created_at: dt.datetime
) -> dict:
    """The unsealed package of a college of this size for the period: plausible aggregates,
    written by the package's rules (SCHEMA.md), the same for the same college, period and
    growth (the programme's year: 0, 1, 2…; each year a few more people take part)."""
    rng = random.Random(f"{college.inn}:{period.key}")
    students = college.students
    full_time = _share(rng, students, 0.78, 0.9)
    disabled = _share(rng, students, 0.015, 0.04)
    teachers = max(8, students // 14)
    young_teachers = _share(rng, teachers, 0.08, 0.18)
    organisations = max(3, students // 90)
    reach = min(0.6, 0.18 + 0.07 * growth + rng.uniform(0, 0.05))
    mentee_students = _share(rng, full_time, reach * 0.9, reach * 1.05)
    mentee_disabled = _share(rng, disabled, 0.3, 0.7)
    mentee_teachers = _share(rng, young_teachers, 0.4, 0.9)
    mentees = mentee_students + mentee_teachers + _share(rng, 40, 0.0, 0.5)
    teacher_mentors = _share(rng, teachers, 0.2 + 0.05 * growth, 0.35 + 0.05 * growth)
    employee_mentors = _share(rng, organisations * 3, 0.3, 0.6)
    student_mentors = _share(rng, mentee_students, 0.05, 0.12)
    mentors = teacher_mentors + employee_mentors + student_mentors
    organisations_gave = _share(rng, organisations, 0.4, 0.8)
    minors = _share(rng, mentee_students, 0.45, 0.6)
    aged_10_19 = minors + _share(rng, mentee_students - minors, 0.6, 0.8)
    participants = mentees + mentors
    consented = participants - _share(rng, participants, 0.0, 0.03)
    base = participants + _share(rng, participants, 0.1, 0.25)
    base_consented = base - _share(rng, base, 0.01, 0.06)
    respondents = {
        "mentee": _share(rng, mentees, 0.5, 0.85),
        "mentor": _share(rng, mentors, 0.6, 0.9),
    }
    means = {role: Decimal(str(round(rng.uniform(7.4, 9.3), 2))) for role in respondents}
    satisfied = {role: _share(rng, n, 0.75, 0.95) for role, n in respondents.items()}
    plans = mentees // 2
    tasks = plans * rng.randint(6, 10)
    tasks_done = _share(rng, tasks, 0.8, 0.97)
    plans_90 = _share(rng, plans, 0.7, 0.95)
    activities = rng.randint(24, 40)
    activities_due = activities - rng.randint(0, 6)
    activities_done = _share(rng, activities_due, 0.85, 1.0)
    on_time = _share(rng, activities_done, 0.85, 1.0)
    people = {
        "mentees_students": (mentee_students, full_time),
        "mentees_disability": (mentee_disabled, disabled),
        "mentors_teachers": (teacher_mentors, teachers),
        "mentees_satisfied": (satisfied["mentee"], respondents["mentee"]),
        "mentors_satisfied": (satisfied["mentor"], respondents["mentor"]),
        "mentees_aged_10_19": (aged_10_19, None),
        "mentors_aged_15_19": (student_mentors, None),
        "young_teachers_mentees": (mentee_teachers, None),
        "consents_on_file": (consented, participants),
        "consents_whole_base": (base_consented, base),
    }
    things = {
        "enterprises_gave_mentors": (organisations_gave, None),
        "plans_done": (tasks_done, tasks),
        "plans_done_90": (plans_90, plans),
        "roadmap_on_time": (on_time, activities_due),
    }
    target_index = min(growth, 2)
    kpis = []
    for code, computation in COMPUTATIONS.items():
        target = TARGETS.get(code, (None, None, None))[target_index]
        regional = bool(computation.regional_denominator)
        shown_respondents = manual = None
        if computation.family == "satisfaction" and not computation.denominator_key:
            role = "mentee" if code == "mentee_satisfaction" else "mentor"
            numerator = denominator = None
            manual = percent(means[role], 10)
            shown_respondents = respondents[role]
        else:
            numerator, denominator = people.get(code) or things[code]
        # The college's own rule of value and status (a regional share has no denominator
        # in the college: «нет регионального знаменателя»).
        own = kpi_value(
            target=target,
            numerator=numerator,
            denominator=denominator,
            manual=manual,
            regional_missing=regional,
        )
        value = own.actual
        shown = disclosure.kpi_figures(
            family=computation.family,
            numerator=numerator,
            denominator=denominator,
            value=value,
            respondents=shown_respondents,
        )
        kpis.append(
            {
                "code": code,
                "name": computation.name,
                "unit": "%",
                "target": _decimal(target),
                "numerator": shown[0],
                "denominator": shown[1],
                "denominator_entered": False,
                "regional_denominator": regional,
                "value": _decimal(shown[2]),
                "status": disclosure.kpi_status(own.status, shown[2]),
            }
        )
    identity = {
        "inn": college.inn,
        "full_name": college.full_name,
        "short_name": college.short_name,
        "city": college.city,
        "region": college.region,
    }
    return {
        **package_format.package_head(period, identity, created_at),
        "participants": [
            _participants("mentee", "total", "", "всего", mentees),
            _participants("mentee", "kind", "student", "обучающийся", mentee_students),
            _participants("mentee", "kind", "teacher", "педагог", mentee_teachers),
            _participants(
                "mentee", "category", "has_disability", "ОВЗ / инвалидность", mentee_disabled
            ),
            _participants("mentee", "age", "minor", "несовершеннолетние", minors),
            _participants("mentor", "total", "", "всего", mentors),
            _participants("mentor", "kind", "teacher", "педагог", teacher_mentors),
            _participants("mentor", "kind", "employee", "сотрудник предприятия", employee_mentors),
            _participants("mentor", "kind", "student", "обучающийся", student_mentors),
        ],
        "pairs": [
            {
                "form": "студент — студент",
                "status": "active",
                "status_label": "активна",
                "pairs": disclosure.people(student_mentors),
                "groups": 0,
                "mentees": disclosure.people(student_mentors),
            },
            {
                "form": "педагог — студент",
                "status": "active",
                "status_label": "активна",
                "pairs": disclosure.people(teacher_mentors // 2),
                "groups": disclosure.people(teacher_mentors - teacher_mentors // 2),
                "mentees": disclosure.people(mentee_students - student_mentors),
            },
            {
                "form": "работодатель — студент",
                "status": "active",
                "status_label": "активна",
                "pairs": disclosure.people(employee_mentors),
                "groups": 0,
                "mentees": disclosure.people(employee_mentors),
            },
        ],
        "kpis": kpis,
        "satisfaction": [_satisfaction(role, respondents[role], means[role]) for role in means],
        "roadmap": {
            "activities": activities,
            "activities_due": activities_due,
            "activities_done": activities_done,
            "activities_on_time": on_time,
            "overdue": activities_due - activities_done,
        },
        "achievements": [
            {
                "level": "Г",
                "label": "Г — городской",
                "count": disclosure.people(rng.randint(5, 30)),
            },
            {
                "level": "Р",
                "label": "Р — региональный",
                "count": disclosure.people(rng.randint(2, 15)),
            },
            {
                "level": "В",
                "label": "В — всероссийский",
                "count": disclosure.people(rng.randint(0, 5)),
            },
        ],
        "federal_statistics": {
            "mentees": disclosure.people(mentees),
            "mentees_students": disclosure.people(mentee_students),
            "mentees_minors": disclosure.people(minors),
            "mentees_disability": disclosure.people(mentee_disabled),
            "mentors": disclosure.people(mentors),
            "mentors_teachers": disclosure.people(teacher_mentors),
            "mentors_employees": disclosure.people(employee_mentors),
            "mentors_students": disclosure.people(student_mentors),
            "pairs": disclosure.people(student_mentors + teacher_mentors // 2 + employee_mentors),
            "groups": disclosure.people(teacher_mentors - teacher_mentors // 2),
            "partner_organisations": organisations_gave,
        },
        "cases": [],
    }


def _satisfaction(role: str, respondents: int, mean: Decimal) -> dict:
    shown = disclosure.satisfaction_figures(respondents, mean, percent(mean, 10))
    return {
        "role": role,
        "respondents": shown[0],
        "answers": disclosure.satisfaction_answers(respondents, respondents * 4),
        "mean": _decimal(shown[1]),
        "percent": _decimal(shown[2]),
    }


def _participants(role: str, dimension: str, value: str, label: str, count: int) -> dict:
    return {
        "role": role,
        "dimension": dimension,
        "value": value,
        "label": label,
        "count": disclosure.people(count),
    }


def package_files(
    colleges: list[GeneratedCollege], periods: list[ReportPeriod], *, skip=frozenset()
) -> list[tuple[str, bytes]]:
    """The sealed .json files of these colleges for these periods (oldest first), as the
    colleges would send them; (ИНН, period key) pairs in skip are not sent."""
    files = []
    now = timezone.now().replace(microsecond=0)
    for growth, period in enumerate(periods):
        # Sent at the period's end; the running period's so far, today.
        made = min(timezone.make_aware(dt.datetime.combine(period.end, dt.time(10))), now)
        for college in colleges:
            if (college.inn, period.key) in skip:
                continue
            data = synthetic_package(college, period, growth, created_at=made)
            name = f"{college.inn}_{period.key.replace('/', '-')}.json"
            files.append((name, package_format.json_bytes(data)))
    return files


# --- the demo --------------------------------------------------------------------------------


def demo_periods(today: dt.date, years: int = YEARS) -> list[ReportPeriod]:
    """The academic years of packages, oldest first, the running one last."""
    running = ReportPeriod.of_day(today, academic=True)
    periods = [running]
    for _ in range(years - 1):
        periods.insert(0, periods[0].previous)
    return periods


@transaction.atomic
def load_region(today: dt.date | None = None) -> RegionLoadResult:
    """Write the regional demo; a second run finds it and changes nothing."""
    today = today or timezone.localdate()
    result = RegionLoadResult()
    centre = RegionalCentre.get()
    if (centre.name, centre.region) != (CENTRE["name"], CENTRE["region"]):
        RegionalCentre.objects.filter(pk=1).update(**CENTRE)
    _coordinator(result)
    periods = demo_periods(today)
    colleges = demo_colleges()
    for college in colleges:
        _, created = RegionCollege.objects.get_or_create(
            inn=college.inn,
            defaults={
                "short_name": college.short_name,
                "full_name": college.full_name,
                "city": college.city,
            },
        )
        if created:
            result.created[RegionCollege._meta.verbose_name_plural] += 1
    result.created[RegionalDenominator._meta.verbose_name_plural] += load_denominators(periods)
    if not RegionCollege.objects.filter(packages__isnull=False).exists():
        skip = {(inn, periods[-1].key) for inn in LATE}
        preview = preview_packages(package_files(colleges, periods, skip=skip))
        commit_packages(preview, username=COORDINATOR[0])
        result.packages = len(colleges) * len(periods) - len(skip)
    return result


def _coordinator(result: RegionLoadResult) -> None:
    username, password, first, last = COORDINATOR
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        result.created[User._meta.verbose_name_plural] += 1
    user.groups.add(Group.objects.get(name=Role.COORDINATOR.label))
    result.users.append((username, password, Role.COORDINATOR.label))


def load_denominators(periods: list[ReportPeriod]) -> int:
    """The region's figures for every year (those not there yet); the running year's count
    of enterprises is not in yet (statistics publish it later). How many were written."""
    rows = []
    for index, period in enumerate(periods):
        for kind, value in DENOMINATORS.items():
            if period is periods[-1] and kind == "enterprises":
                continue
            rows.append(
                RegionalDenominator(
                    period=period.key,
                    kind=kind,
                    value=round(value * (1 + 0.01 * index)),
                    source=SOURCES[kind],
                )
            )
    existing = set(RegionalDenominator.objects.values_list("period", "kind"))
    new = [row for row in rows if (row.period, row.kind) not in existing]
    RegionalDenominator.objects.bulk_create(new)
    return len(new)


def summary_text(result: RegionLoadResult, seconds: float) -> str:
    lines = [
        f"Демо РНЦ загружено: {CENTRE['name']}, за {seconds:.1f} с.".replace(".", ",", 1),
        f"  Колледжей региона: {RegionCollege.objects.count()}, пакетов загружено сейчас: "
        f"{result.packages}.",
        "",
        "Откройте http://127.0.0.1:8000 и войдите:",
        "",
    ]
    for username, password, role in result.users:
        lines.append(f"  {username}  {password}  {role}")
    return "\n".join(lines)
