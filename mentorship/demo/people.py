"""The demo college's people behind `manage.py load_demo`.

plan_people(today) makes them in memory, without the database: a mining college with its
students, pupils of partner schools, alumni, teachers, employees of partner enterprises and a
few parents; their consents; the mentor and mentee bases. load_people() writes the plan
idempotently: every row is found by its natural key and updated if it differs, or
created, so a second run changes nothing, and a run in a later academic year re-dates the same
people (found by name when the birth date moved) instead of adding new ones.

Everything is drawn from seeded random generators, and every date is counted from the start
of the current academic year (1 September), so the demo looks current whenever it is loaded.
Dates that must not be in the future are clamped to today.

Reference data (names, specialties, partner organisations, texts) lives in fixtures/demo/.
The mentoring programme on top of these people — pairs and groups of two academic years, their
plans, meetings and achievements, and the College card — is demo/pairs.py; the surveys of
those pairs (waves, links and answers) are demo/surveys.py; the programme's roadmap is
demo/roadmap.py; demo/load.py runs them all.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from accounts.roles import Role
from mentorship.lib import names
from mentorship.lib.dates import academic_year_first_day, academic_year_start, age_on, years_before
from mentorship.lib.text import transliterate
from mentorship.people.models import (
    Competency,
    Consent,
    MenteeProfile,
    MenteeRequest,
    MentoringForm,
    MentorProfile,
    MentorTraining,
    PartnerOrganisation,
    Person,
)
from mentorship.people.models.persons import ADULT_AGE

from .plan import CHANGE_REASON, SEED, NameGrammar, agree, load_json

FormCode = MentoringForm.Code

STUDENTS_PER_COURSE = {1: 70, 2: 64, 3: 56, 4: 50}
PUPILS = {
    "МБОУ «Средняя общеобразовательная школа № 14»": 18,
    "МБОУ «Основная общеобразовательная школа № 31»": 12,
}
ALUMNI = 12
# Students not studying full-time, of 240.
STUDY_FORM_COUNTS = {Person.StudyForm.EXTRAMURAL: 8, Person.StudyForm.PART_TIME: 6}
PARENTS = 5
# How many students carry each category flag (4 % ОВЗ, 6 % одарённые, …), of 240.
CATEGORY_COUNTS = {
    "has_disability": 10,
    "is_gifted": 14,
    "hard_life_situation": 7,
    "low_income_family": 17,
    "rural": 48,
    "orphan": 5,
}

S = MentorProfile.Status
W = MenteeProfile.Status
R = MenteeRequest.RaisedBy

PSYCHOLOGIST_TOPICS = {
    "Психоэмоциональная поддержка",
    "Адаптация в коллективе",
    "Адаптация к новым условиям обучения",
}
CANDIDATE_NOTES = {
    "student": [
        "Анкета «Чем я могу быть полезен» заполнена, собеседование запланировано.",
        "Рекомендован{a} классным руководителем, ждёт собеседования.",
    ],
    "teacher": [
        "Анкета «Чем я могу быть полезен» заполнена, собеседование запланировано.",
        "Предложен{a} методическим объединением, ждёт собеседования.",
    ],
    "employee": [
        "Кандидатура предложена предприятием, собеседование запланировано.",
        "Анкета «Чем я могу быть полезен» заполнена, ждём согласования с предприятием.",
    ],
}

# Orders appointing mentors: (number, days after 1 September, in the previous academic year?)
ORDER_MAIN = ("№ 287-о", 24, False)
ORDER_LATER = ("№ 341-о", 49, False)
ORDER_LAST_YEAR = ("№ 302-о", 26, True)


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    handle: str | None  # the planned person the login belongs to
    first_name: str = ""
    last_name: str = ""


DIRECTOR_LOGIN = "direktor"  # the demo's director approves last year's report (demo/kpi.py)
# Fixed demo passwords: printed by the command, checked by the tests; they pass the
# project's password validators (length, not common, not like the login).
DEMO_USERS = [
    DemoUser("kurator", "Kuzbass-Metodist-2417", Role.CURATOR, "curator"),
    DemoUser(DIRECTOR_LOGIN, "Terrikon-Plan-3906", Role.DIRECTOR, "director"),
    DemoUser("admin", "Rudnik-Server-5182", Role.ADMINISTRATOR, None, "Денис", "Шадрин"),
    DemoUser("nastavnik", "Lampa-Shakhtera-6240", Role.MENTOR, "mentor"),
    DemoUser("nastavlyaemyi", "Pervyi-Kurs-7735", Role.MENTEE, "mentee"),
]


# --- the plan -------------------------------------------------------------------------------


@dataclass
class ConsentPlan:
    signer: str
    signed_on: dt.date
    representative_name: str = ""
    representative_relation: str = ""
    special_categories: bool = False
    withdrawn_on: dt.date | None = None
    withdrawal_reason: str = ""


@dataclass
class TrainingPlan:
    course_title: str
    provider: str
    hours: int
    completed_on: dt.date
    certificate: str


@dataclass
class MentorPlan:
    forms: list[str]
    status: str = S.CANDIDATE
    competencies: list[str] = field(default_factory=list)
    useful_for: str = ""
    capacity: int = 1
    interview_date: dt.date | None = None
    appointment_order: str = ""
    appointment_date: dt.date | None = None
    notes: str = ""
    trainings: list[TrainingPlan] = field(default_factory=list)


@dataclass
class RequestPlan:
    topic: str
    description: str
    raised_by: str
    raised_on: dt.date


@dataclass
class MenteePlan:
    form: str
    status: str = W.WAITING
    notes: str = ""
    requests: list[RequestPlan] = field(default_factory=list)


@dataclass
class Family:
    """Who signs a minor's consent: the mother, the father or a guardian."""

    mother: str
    father: str
    guardian: str
    relation: str  # «мать» or «отец» (orphans: «опекун»)

    def representative(self, orphan: bool) -> tuple[str, str]:
        if orphan:
            return self.guardian, "опекун"
        return (self.mother if self.relation == "мать" else self.father), self.relation


@dataclass(eq=False)  # compared and hashed by identity
class PersonPlan:
    handle: str
    gender: str  # "m" / "f"
    values: dict  # Person fields; "organisation" is the organisation's name
    family: Family | None = None
    young: bool = False  # a young teacher (0–3 years)
    graduated_in: int | None = None  # an alumnus: the June of the year they graduated
    changed_job: bool = False  # a teacher new to the college
    consents: list[ConsentPlan] = field(default_factory=list)
    mentor: MentorPlan | None = None
    mentee: MenteePlan | None = None

    @property
    def kind(self) -> str:
        return self.values["kind"]

    @property
    def birth_date(self) -> dt.date:
        return self.values["birth_date"]

    @property
    def full_name(self) -> str:
        v = self.values
        return names.full_name(v["last_name"], v["first_name"], v["middle_name"])

    @property
    def natural_key(self) -> str:
        v = self.values
        return Person.build_natural_key(
            v["last_name"], v["first_name"], v["middle_name"], v["birth_date"]
        )

    @property
    def name_key(self) -> str:
        v = self.values
        return Person.build_name_key(v["last_name"], v["first_name"], v["middle_name"])

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name))


@dataclass
class Plan:
    college: dict
    academic_year: dt.date  # 1 September of the current academic year
    organisations: list[dict]
    people: list[PersonPlan]
    programme: object = None  # the pairs and their work: demo/pairs.py


class _PeoplePlanner(NameGrammar):
    def __init__(self, today: dt.date):
        self.today = today
        self.year_start = academic_year_start(today)
        self.year = self.year_start.year
        self.ref = load_json("college.json")
        self.names = load_json("names.json")
        self.domain = self.ref["college"]["email_domain"]
        # Names come from their own generator; everything else from the other one. Neither
        # depends on the year, and no number of draws depends on today: the plan of another
        # year or day differs only in its dates.
        self.name_rng = random.Random(f"{SEED}/names")
        self.rng = random.Random(f"{SEED}/data")
        self.used_names: set[str] = set()
        self.used_emails: set[str] = set()
        self.people: list[PersonPlan] = []
        self.protected: set[str] = set()  # handles of the demo logins' people

    # helpers ------------------------------------------------------------------------------

    def clamp(self, day: dt.date) -> dt.date:
        return min(day, self.today)

    def born(self, age: int, on: dt.date) -> dt.date:
        """A birth date of someone who is exactly `age` on the given day."""
        return years_before(on, age) - dt.timedelta(days=self.rng.randint(0, 364))

    def draw_name(self, gender: str, generation: str) -> tuple[str, str, str, str, str]:
        """(last, first, middle, father's first name, family surname), unique in the demo."""
        rng = self.name_rng
        pool = self.names["male_names" if gender == "m" else "female_names"][generation]
        fathers = self.names["male_names"]["adult"]
        while True:
            surname = rng.choice(self.names["surnames"])
            first = rng.choice(pool)
            father = rng.choice(fathers)
            last = self.surname_for(surname, gender)
            middle = self.patronymic(father, gender)
            key = Person.build_name_key(last, first, middle)
            if key not in self.used_names:
                self.used_names.add(key)
                return last, first, middle, father, surname

    def draw_family(self, surname: str, father: str) -> Family:
        """Always draws the same number of values, so later draws do not depend on who is a
        minor today."""
        mother = self.adult_name(surname, "f")
        dad = self.adult_name(surname, "m", first=father)
        guardian = self.adult_name(self.name_rng.choice(self.names["surnames"]), "f")
        relation = "мать" if self.name_rng.random() < 0.7 else "отец"
        return Family(mother, dad, guardian, relation)

    def phone(self) -> str:
        r = self.rng
        return (
            f"+7 9{r.randint(0, 99):02d} {r.randint(100, 999)}-"
            f"{r.randint(0, 99):02d}-{r.randint(0, 99):02d}"
        )

    def landline(self, novokuznetsk: bool) -> str:
        r = self.rng
        code = "3843" if novokuznetsk else "3842"
        return f"+7 {code} {r.randint(20, 79)}-{r.randint(0, 99):02d}-{r.randint(0, 99):02d}"

    def email(self, last: str, first: str, middle: str, domain: str, year: int | None = None):
        local = f"{transliterate(last)}.{transliterate(first)[0]}{transliterate(middle)[:1]}"
        if year is not None:
            local += f"{year % 100:02d}"
        address, n = f"{local}@{domain}", 1
        while address in self.used_emails:
            n += 1
            address = f"{local}{n}@{domain}"
        self.used_emails.add(address)
        return address

    def add(self, handle: str, gender: str, values: dict, family: Family | None = None):
        base = {
            "middle_name": "",
            "study_group": "",
            "course": None,
            "study_form": "",
            "specialty": "",
            "position": "",
            "experience_years": None,
            "organisation": None,
            "phone": "",
            "email": "",
        }
        base.update({name: False for name in CATEGORY_COUNTS})
        base.update(values)
        plan = PersonPlan(handle, gender, base, family)
        self.people.append(plan)
        return plan

    def of_kind(self, kind: str) -> list[PersonPlan]:
        return [p for p in self.people if p.kind == kind]

    # people -------------------------------------------------------------------------------

    def build_people(self):
        fixed = {p["handle"]: p for p in self.ref["fixed_people"]}
        for spec in fixed.values():
            self.used_names.add(
                Person.build_name_key(spec["last_name"], spec["first_name"], spec["middle_name"])
            )
        self.build_students(fixed["mentee"])
        self.build_pupils()
        self.build_alumni()
        self.build_teachers([fixed["curator"], fixed["director"], fixed["mentor"]])
        self.build_employees()
        self.assign_categories()
        self.assign_study_forms()

    def student_values(self, spec: dict, course: int, number: int) -> dict:
        admission = self.year - (course - 1)
        age = 15 if self.rng.random() < 0.8 else 16
        return {
            "kind": Person.Kind.STUDENT,
            "course": course,
            "study_form": Person.StudyForm.FULL_TIME,
            "study_group": f"{spec['abbr']}-{admission % 100:02d}-{number}",
            "specialty": spec["title"],
            "birth_date": self.born(age, academic_year_first_day(admission)),
        }

    def build_students(self, fixed_mentee: dict):
        specialties = self.ref["specialties"]
        slots = [(s, n) for s in specialties for n in range(1, s["groups"] + 1)]
        for course, count in STUDENTS_PER_COURSE.items():
            for i in range(count):
                spec, number = slots[i % len(slots)]
                gender = "m" if self.name_rng.random() < spec["male_share"] else "f"
                last, first, middle, father, surname = self.draw_name(gender, "young")
                family = self.draw_family(surname, father)
                values = self.student_values(spec, course, number)
                values.update(last_name=last, first_name=first, middle_name=middle)
                if self.rng.random() < 0.55:
                    values["phone"] = self.phone()
                if self.rng.random() < 0.35:
                    values["email"] = self.email(
                        last, first, middle, self.domain, values["birth_date"].year
                    )
                self.add(f"student-{course}-{i}", gender, values, family)
        # The mentee demo login: a second-year student of «Обогащение полезных ископаемых».
        m = fixed_mentee
        spec = next(s for s in specialties if s["abbr"] == m["specialty_abbr"])
        values = self.student_values(spec, m["course"], 1)
        admission_day = academic_year_first_day(self.year - m["course"] + 1)
        born = years_before(admission_day, 15)
        values["birth_date"] = dt.date(born.year, *m["birthday"])
        if values["birth_date"] > born:
            values["birth_date"] = dt.date(born.year - 1, *m["birthday"])
        values.update(
            last_name=m["last_name"],
            first_name=m["first_name"],
            middle_name=m["middle_name"],
            phone=m["phone"],
        )
        surname = m["last_name"][:-1] if m["gender"] == "f" else m["last_name"]
        self.add("mentee", m["gender"], values, self.draw_family(surname, m["father"]))
        self.protected.add("mentee")

    def build_pupils(self):
        orgs = {o["name"]: o for o in self.ref["organisations"]}
        classes = self.ref["pupil_classes"]
        for n, (school, count) in enumerate(PUPILS.items()):
            assert orgs[school]["type"] == "school"
            for i in range(count):
                gender = "m" if self.name_rng.random() < 0.55 else "f"
                last, first, middle, father, surname = self.draw_name(gender, "young")
                family = self.draw_family(surname, father)
                klass = classes[i % len(classes)]
                grade = int(klass[:-1])
                age = grade + 5 + (1 if self.rng.random() < 0.3 else 0)
                values = {
                    "kind": Person.Kind.PUPIL,
                    "last_name": last,
                    "first_name": first,
                    "middle_name": middle,
                    "birth_date": self.born(age, self.year_start),
                    "study_group": klass,
                    "organisation": school,
                }
                if self.rng.random() < 0.3:
                    values["phone"] = self.phone()
                self.add(f"pupil-{n}-{i}", gender, values, family)

    def build_alumni(self):
        specialties = self.ref["specialties"][:6]
        jobs = [
            (org["name"], job)
            for org in self.ref["organisations"]
            for job in self.ref["alumni_jobs"].get(org["type"], [])[:1]
        ]
        for i in range(ALUMNI):
            gender = "m" if self.name_rng.random() < 0.75 else "f"
            last, first, middle, *_ = self.draw_name(gender, "young")
            spec = specialties[i % len(specialties)]
            graduated = self.year - 1 - i % 5  # June of that year
            admission = graduated - 4
            values = {
                "kind": Person.Kind.ALUMNUS,
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "birth_date": self.born(
                    15 if self.rng.random() < 0.8 else 16, academic_year_first_day(admission)
                ),
                "specialty": spec["title"],
                "study_group": f"{spec['abbr']}-{admission % 100:02d}-1",
                "phone": self.phone() if self.rng.random() < 0.8 else "",
            }
            if i < len(jobs) and i % 3 != 2:
                values["organisation"], values["position"] = jobs[i]
            if self.rng.random() < 0.5:
                values["email"] = self.email(
                    last, first, middle, "alumni." + self.domain, values["birth_date"].year
                )
            self.add(f"alumnus-{i}", gender, values).graduated_in = graduated

    def build_teachers(self, fixed: list[dict]):
        for spec in fixed:
            age = spec["age"]
            born = years_before(self.year_start, age)
            birth = dt.date(born.year, *spec["birthday"])
            if birth > born:
                birth = dt.date(born.year - 1, *spec["birthday"])
            values = {
                key: spec[key]
                for key in ("kind", "last_name", "first_name", "middle_name", "position", "phone")
            }
            values.update(
                birth_date=birth,
                experience_years=spec["experience_years"],
                email=self.email(
                    spec["last_name"], spec["first_name"], spec["middle_name"], self.domain
                ),
            )
            self.add(spec["handle"], spec["gender"], values)
            self.protected.add(spec["handle"])

        positions = [
            (p["position"], p["female_share"])
            for p in self.ref["teacher_positions"]
            for _ in range(p["count"])
        ]
        young_positions = set(self.ref["young_teacher_positions"])
        candidates = [i for i, (pos, _) in enumerate(positions) if pos in young_positions]
        young = dict(zip(self.rng.sample(candidates, 8), [0, 0, 1, 1, 2, 2, 3, 3], strict=True))
        others = [
            i
            for i, (pos, _) in enumerate(positions)
            if i not in young and pos.startswith("преподаватель")
        ]
        changed = dict(zip(self.rng.sample(others, 2), [9, 4], strict=True))
        groups = sorted({p.values["study_group"] for p in self.of_kind(Person.Kind.STUDENT)})
        self.rng.shuffle(groups)
        for i, (position, female_share) in enumerate(positions):
            gender = "f" if self.name_rng.random() < female_share else "m"
            last, first, middle, *_ = self.draw_name(gender, "adult")
            if i in young:
                experience = young[i]
                age = 21 + experience + self.rng.randint(0, 3)
            elif i in changed:
                experience = changed[i]
                age = 30 + experience + self.rng.randint(0, 8)
            else:
                experience = self.rng.randint(4, 35)
                age = min(23 + experience + self.rng.randint(0, 8), 66)
            if (
                position.startswith("преподаватель")
                and i not in young
                and groups
                and self.rng.random() < self.ref["class_teacher_share"]
            ):
                position = f"{position}, классный руководитель группы {groups.pop()}"
            values = {
                "kind": Person.Kind.TEACHER,
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "birth_date": self.born(age, self.year_start),
                "position": position,
                "experience_years": experience,
                "phone": self.phone() if self.rng.random() < 0.7 else "",
                "email": self.email(last, first, middle, self.domain)
                if self.rng.random() < 0.8
                else "",
            }
            plan = self.add(f"teacher-{i}", gender, values)
            plan.young = i in young
            plan.changed_job = i in changed

    def build_employees(self):
        per_org = self.ref["employees_per_org_type"]
        for org in self.ref["organisations"]:
            positions = self.ref["employee_positions"].get(org["type"], [])
            domain = org["email"].split("@")[-1] if org["email"] else ""
            for j in range(per_org.get(org["type"], 0)):
                male_share = 0.5 if org["type"] == "it" else 0.85
                gender = "m" if self.name_rng.random() < male_share else "f"
                last, first, middle, *_ = self.draw_name(gender, "adult")
                experience = self.rng.randint(5, 30)
                values = {
                    "kind": Person.Kind.EMPLOYEE,
                    "last_name": last,
                    "first_name": first,
                    "middle_name": middle,
                    "birth_date": self.born(
                        22 + experience + self.rng.randint(0, 6), self.year_start
                    ),
                    "position": positions[j % len(positions)],
                    "experience_years": experience,
                    "organisation": org["name"],
                    "phone": self.phone(),
                    "email": self.email(last, first, middle, domain)
                    if domain and self.rng.random() < 0.6
                    else "",
                }
                self.add(f"employee-{org['inn']}-{j}", gender, values)

    def assign_categories(self):
        students = [p for p in self.of_kind(Person.Kind.STUDENT) if p.handle not in self.protected]
        junior = [p for p in students if p.values["course"] <= 2]
        senior = [p for p in students if p.values["course"] >= 3]
        rng = self.rng
        for p in rng.sample(junior, 6) + rng.sample(senior, 4):
            p.values["has_disability"] = True
        for p in rng.sample(senior, 8) + rng.sample(junior, 6):
            p.values["is_gifted"] = True
        for name in ("hard_life_situation", "low_income_family", "rural", "orphan"):
            for p in rng.sample(students, CATEGORY_COUNTS[name]):
                p.values[name] = True
        for p in self.of_kind(Person.Kind.PUPIL):
            if rng.random() < 0.25:
                p.values["rural"] = False  # pupils of town schools
            if rng.random() < 0.05:
                p.values["low_income_family"] = True

    def assign_study_forms(self):
        """A few students study part-time or by correspondence, so that the share of mentees
        among full-time students differs from that among all students. Their own generator:
        the other draws stay as they were."""
        rng = random.Random(f"{SEED}/study-forms")
        students = [p for p in self.of_kind(Person.Kind.STUDENT) if p.handle not in self.protected]
        chosen = rng.sample(students, sum(STUDY_FORM_COUNTS.values()))
        for form, count in STUDY_FORM_COUNTS.items():
            for p in chosen[:count]:
                p.values["study_form"] = form
            chosen = chosen[count:]

    def build_parents(self):
        """A few parents are in the registry: the mothers or fathers who sign for minors."""
        minors = [
            p
            for p in self.of_kind(Person.Kind.STUDENT)
            if p.values["course"] == 1 and not p.flag("orphan") and p.handle not in self.protected
        ]
        added = 0
        for p in self.rng.sample(minors, len(minors)):
            name, relation = p.family.representative(orphan=False)
            last, first, middle = name.split(" ")
            key = Person.build_name_key(last, first, middle)
            if key in self.used_names:
                continue
            self.used_names.add(key)
            gender = "f" if relation == "мать" else "m"
            child_age = p.birth_date
            values = {
                "kind": Person.Kind.PARENT,
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "birth_date": self.born(
                    self.rng.randint(20, 32) + age_on(child_age, self.year_start),
                    self.year_start,
                ),
                "phone": self.phone(),
            }
            self.add(f"parent-of-{p.handle}", gender, values)
            added += 1
            if added == PARENTS:
                break

    # mentors and mentees ----------------------------------------------------------------

    def spread(self, items: list, counts: dict) -> list[tuple]:
        """Pair items with values in the given proportions, in a shuffled order."""
        values = [value for value, n in counts.items() for _ in range(n)]
        while len(values) < len(items):
            values.append(next(iter(counts)))
        values = values[: len(items)]
        self.rng.shuffle(values)
        return list(zip(items, values, strict=True))

    def order_dates(self, order: tuple) -> tuple[str, dt.date, dt.date]:
        number, offset, last_year = order
        start = self.year_start.replace(year=self.year - 1) if last_year else self.year_start
        appointed = self.clamp(start + dt.timedelta(days=offset))
        interview = max(start, appointed - dt.timedelta(days=self.rng.randint(3, 12)))
        return number, interview, appointed

    def make_mentor(self, p: PersonPlan, forms: list[str], status: str, order=None):
        ref_forms = self.ref["forms"]
        rng = self.rng
        pool = []
        for code in forms:
            pool += [c for c in ref_forms[code]["mentor_competencies"] if c not in pool]
        competencies = rng.sample(pool, min(len(pool), rng.randint(2, 4) + len(forms) - 1))
        texts_key = "alumni_useful_for" if p.kind == Person.Kind.ALUMNUS else "useful_for"
        texts = []
        for code in forms:
            texts += ref_forms[code].get(texts_key, ref_forms[code]["useful_for"])
        useful = " ".join(agree(t, p.gender) for t in rng.sample(texts, min(2, len(texts))))
        if p.kind == Person.Kind.TEACHER:
            capacity = rng.choice([2, 3, 3, 4, 5])
        else:
            capacity = rng.choice([1, 1, 2, 2, 3])
        mentor = MentorPlan(
            forms=forms,
            status=status,
            competencies=sorted(competencies),
            useful_for=useful,
            capacity=capacity,
        )
        kind = {Person.Kind.TEACHER: "teacher", Person.Kind.EMPLOYEE: "employee"}.get(
            p.kind, "student"
        )
        trainings = self.ref["trainings"][kind]
        # Two thirds of the active mentors were appointed last year: they led last year's pairs.
        order = order or {
            S.ACTIVE: ORDER_LAST_YEAR if rng.random() < 0.65 else ORDER_MAIN,
            S.APPROVED: ORDER_LATER,
            S.FINISHED: ORDER_LAST_YEAR,
        }.get(status)
        first_training = trainings[0] if rng.random() < 0.7 else trainings[1]
        extra_training = len(trainings) > 2 and rng.random() < 0.3
        training_gap = rng.randint(5, 40)
        certificate_no = rng.randint(100000, 999999)
        note_draw = rng.random()
        if order is None:
            notes = CANDIDATE_NOTES[kind]
            mentor.notes = agree(notes[int(note_draw * len(notes))], p.gender)
        else:
            number, interview, appointed = self.order_dates(order)
            mentor.interview_date = interview
            mentor.appointment_order = number
            mentor.appointment_date = appointed
            # Trained before the interview, at the earliest in the summer before.
            completed = max(
                interview - dt.timedelta(days=training_gap),
                dt.date(interview.year, 6, 1) if interview.month >= 9 else interview,
            )
            mentor.trainings.append(self.training(first_training, kind, completed, certificate_no))
            if extra_training:
                mentor.trainings.append(
                    self.training(trainings[2], kind, appointed, certificate_no + 17)
                )
        if status == S.FINISHED:
            mentor.notes = agree(
                f"Завершил{{a}} участие в программе в июне {self.year}: "
                "окончание срока наставничества.",
                p.gender,
            )
        p.mentor = mentor

    def training(self, spec: dict, kind: str, completed: dt.date, number: int) -> TrainingPlan:
        completed = self.clamp(completed)
        if kind == "teacher" and spec["hours"] >= 24:
            certificate = f"удостоверение о повышении квалификации № 42{number:06d}{completed:%y}"
        else:
            certificate = f"сертификат № {number % 1000}/{completed:%y}"
        return TrainingPlan(spec["title"], spec["provider"], spec["hours"], completed, certificate)

    def build_mentors(self):
        rng = self.rng
        students = [p for p in self.of_kind(Person.Kind.STUDENT) if p.values["course"] >= 3]
        gifted = [p for p in students if p.flag("is_gifted")]
        rest = [p for p in students if not p.flag("is_gifted")]
        chosen = gifted[:8] + rng.sample(rest, 17 - len(gifted[:8]))
        forms = (
            [[FormCode.STUDENT_STUDENT]] * 11
            + [[FormCode.STUDENT_PUPIL]] * 4
            + [[FormCode.STUDENT_STUDENT, FormCode.STUDENT_PUPIL]] * 2
        )
        statuses = self.spread(chosen, {S.ACTIVE: 7, S.APPROVED: 4, S.CANDIDATE: 5, S.FINISHED: 1})
        for (p, status), f in zip(statuses, forms, strict=True):
            if status == S.FINISHED and p.values["course"] != 4:
                status = S.ACTIVE
            self.make_mentor(p, f, status)

        alumni = rng.sample(self.of_kind(Person.Kind.ALUMNUS), 6)
        for p, status in self.spread(alumni, {S.ACTIVE: 2, S.APPROVED: 2, S.CANDIDATE: 2}):
            self.make_mentor(p, [FormCode.STUDENT_STUDENT], status)

        teachers = [
            p
            for p in self.of_kind(Person.Kind.TEACHER)
            if p.handle not in self.protected
            and not p.young
            and not p.changed_job
            and p.values["experience_years"] >= 5
        ]
        teachers = sorted(rng.sample(teachers, 21), key=lambda p: -p.values["experience_years"])
        forms = (
            [[FormCode.TEACHER_TEACHER]] * 8
            + [[FormCode.TEACHER_TEACHER, FormCode.TEACHER_STUDENT]] * 3
            + [[FormCode.TEACHER_STUDENT]] * 10
        )
        statuses = dict(
            self.spread(teachers, {S.ACTIVE: 9, S.APPROVED: 6, S.CANDIDATE: 4, S.FINISHED: 2})
        )
        for p, f in zip(teachers, forms, strict=True):
            self.make_mentor(p, f, statuses[p])
        mentor = self.by_handle("mentor")
        self.make_mentor(mentor, [FormCode.TEACHER_STUDENT], S.ACTIVE, order=ORDER_MAIN)
        mentor.mentor.capacity = 4

        employees = rng.sample(self.of_kind(Person.Kind.EMPLOYEE), 12)
        for p, status in self.spread(employees, {S.ACTIVE: 5, S.APPROVED: 3, S.CANDIDATE: 4}):
            self.make_mentor(p, [FormCode.EMPLOYER_STUDENT], status)

    def by_handle(self, handle: str) -> PersonPlan:
        return next(p for p in self.people if p.handle == handle)

    def make_mentee(self, p: PersonPlan, form: str):
        rng = self.rng
        topics = self.ref["forms"][form]["mentee_topics"]
        n = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
        chosen = rng.sample(topics, n)
        needs = []
        if p.flag("has_disability") or p.flag("hard_life_situation") or p.flag("orphan"):
            needs = ["Психоэмоциональная поддержка", "Адаптация к новым условиям обучения"]
        elif p.flag("is_gifted"):
            needs = ["Подготовка к олимпиадам и конкурсам"]
        for need in needs:
            if need in topics and need not in chosen:
                chosen[-1] = need
                break
        raised_draws = [(rng.random(), rng.randint(5, 60), rng.random()) for _ in chosen]
        mentee = MenteePlan(form=form)
        for topic, (who, offset, text) in zip(sorted(chosen), raised_draws, strict=True):
            raised_on = self.clamp(self.year_start + dt.timedelta(days=offset))
            descriptions = self.ref["request_descriptions"].get(topic, [""])
            description = agree(descriptions[int(text * len(descriptions))], p.gender)
            mentee.requests.append(
                RequestPlan(topic, description, self.raised_by(p, topic, who, raised_on), raised_on)
            )
        p.mentee = mentee

    def raised_by(self, p: PersonPlan, topic: str, draw: float, on: dt.date) -> str:
        if p.kind == Person.Kind.TEACHER:
            return R.SELF if draw < 0.85 else R.PSYCHOLOGIST
        if topic == "Психоэмоциональная поддержка" and draw < 0.6:
            return R.PSYCHOLOGIST
        if p.kind == Person.Kind.PUPIL:
            choices = [(0.4, R.SELF), (0.8, R.CLASS_TEACHER), (1.0, R.PARENT)]
        else:
            choices = [
                (0.4, R.SELF),
                (0.7, R.CLASS_TEACHER),
                (0.85, R.PSYCHOLOGIST),
                (1.0, R.PARENT),
            ]
        who = next(value for limit, value in choices if draw < limit)
        if who == R.PSYCHOLOGIST and topic not in PSYCHOLOGIST_TOPICS:
            who = R.CLASS_TEACHER
        if who == R.PARENT and age_on(p.birth_date, on) >= ADULT_AGE:
            who = R.SELF
        return who

    def build_mentees(self):
        rng = self.rng
        students = [
            p
            for p in self.of_kind(Person.Kind.STUDENT)
            if p.mentor is None and p.handle not in self.protected
        ]
        junior = [p for p in students if p.values["course"] <= 2]
        in_need = [
            p
            for p in junior
            if p.flag("has_disability") or p.flag("hard_life_situation") or p.flag("orphan")
        ]
        others = [p for p in junior if p not in in_need]
        pool = in_need + rng.sample(others, 45 + 28 - len(in_need))
        for p in pool[:45]:
            self.make_mentee(p, FormCode.STUDENT_STUDENT)
        for p in pool[45:]:
            self.make_mentee(p, FormCode.TEACHER_STUDENT)
        self.make_mentee(self.by_handle("mentee"), FormCode.TEACHER_STUDENT)
        senior = [p for p in students if p.values["course"] >= 3]
        for p in rng.sample(senior, 15):
            self.make_mentee(p, FormCode.EMPLOYER_STUDENT)
        for p in rng.sample(self.of_kind(Person.Kind.PUPIL), 16):
            self.make_mentee(p, FormCode.STUDENT_PUPIL)
        for p in self.of_kind(Person.Kind.TEACHER):
            if p.young or p.changed_job:
                self.make_mentee(p, FormCode.TEACHER_TEACHER)
                if p.changed_job:
                    p.mentee.notes = agree(rng.choice(self.ref["changed_job_notes"]), p.gender)
        # No pairs exist yet: everybody waits; for some the search has failed so far.
        mentees = [
            p
            for p in self.people
            if p.mentee and p.handle not in self.protected and p.kind == Person.Kind.STUDENT
        ]
        for p in rng.sample(mentees, 9):
            p.mentee.status = W.NO_PAIR
            p.mentee.notes = rng.choice(self.ref["no_pair_notes"])

    # consents -----------------------------------------------------------------------------

    def build_consents(self):
        rng = self.rng
        reasons = self.ref["withdrawal_reasons"]
        taken: set[str] = set(self.protected)

        def pick(n: int, test) -> list[PersonPlan]:
            """n people passing test, none picked before."""
            chosen = rng.sample([p for p in self.people if p.handle not in taken and test(p)], n)
            taken.update(p.handle for p in chosen)
            return chosen

        def mentor_with(kind: str, status: str):
            return lambda p: p.kind == kind and p.mentor and p.mentor.status == status

        # Participants without any consent, among them a student with ОВЗ (the curator's
        # «ОВЗ без согласия» filter must show somebody).
        no_consent = (
            pick(1, lambda p: p.flag("has_disability") and p.mentee)
            + pick(1, lambda p: p.kind == Person.Kind.PUPIL and p.mentee)
            + pick(1, lambda p: p.mentee and p.mentee.form == FormCode.TEACHER_STUDENT)
            + pick(1, mentor_with(Person.Kind.EMPLOYEE, S.CANDIDATE))
            + pick(1, mentor_with(Person.Kind.ALUMNUS, S.CANDIDATE))
        )
        # Withdrawn consents: three participants and one student outside the programme.
        withdrawn = (
            pick(2, lambda p: p.kind == Person.Kind.STUDENT and p.mentee)
            + pick(1, lambda p: p.mentor and p.mentor.status == S.FINISHED)
            + pick(1, lambda p: p.kind == Person.Kind.STUDENT and not (p.mentor or p.mentee))
        )
        # One consent re-signed: the first one left out the health data of a student with ОВЗ.
        resigned = pick(1, lambda p: p.kind == Person.Kind.STUDENT and p.flag("has_disability"))
        # Two students with ОВЗ whose consents do not cover health data (yet).
        no_health_data = pick(2, lambda p: p.flag("has_disability"))
        # Some learners outside the programme have not brought their consent yet.
        outside = [
            p
            for p in self.people
            if p.kind in (Person.Kind.STUDENT, Person.Kind.PUPIL)
            and not (p.mentor or p.mentee)
            and p.handle not in taken
        ]
        not_collected = {p.handle for p in outside if rng.random() < 0.1}

        skip = {p.handle for p in no_consent} | not_collected
        withdrawn_handles = {p.handle for p in withdrawn}
        resigned_handles = {p.handle for p in resigned}
        no_health_handles = {p.handle for p in no_health_data}
        for p in self.people:
            days, withdrawn_after, reason = rng.randint(0, 45), rng.randint(3, 40), rng.random()
            if p.handle in skip:
                continue
            signed_on = self.clamp(self.year_start + dt.timedelta(days=days))
            if p.handle == "curator":  # at work since last year: her survey of June needs it
                signed_on = self.year_start.replace(year=self.year - 1) + dt.timedelta(days=days)
            special = p.flag("has_disability") and p.handle not in no_health_handles
            consent = self.consent(p, signed_on, special)
            if p.handle in withdrawn_handles | resigned_handles:
                consent.withdrawn_on = self.clamp(signed_on + dt.timedelta(days=withdrawn_after))
                by = "representative" if consent.signer == Consent.Signer.REPRESENTATIVE else "self"
                consent.withdrawal_reason = reasons[by][int(reason * len(reasons[by]))]
            if p.handle in resigned_handles:
                consent.special_categories = False
                consent.withdrawal_reason = (
                    "Переоформлено: новое согласие включает сведения о здоровье"
                )
                p.consents.append(consent)
                consent = self.consent(p, consent.withdrawn_on, special=True)
            p.consents.append(consent)

    def consent(self, p: PersonPlan, signed_on: dt.date, special: bool) -> ConsentPlan:
        if age_on(p.birth_date, signed_on) >= ADULT_AGE:
            return ConsentPlan(Consent.Signer.SELF, signed_on, special_categories=special)
        name, relation = p.family.representative(orphan=p.flag("orphan"))
        return ConsentPlan(Consent.Signer.REPRESENTATIVE, signed_on, name, relation, special)

    # all together -------------------------------------------------------------------------

    def build(self) -> Plan:
        self.build_people()
        self.build_parents()
        self.build_mentors()
        self.build_mentees()
        self.build_consents()
        organisations = []
        for org in self.ref["organisations"]:
            agreement = org["agreement"]
            values = {
                "name": org["name"],
                "inn": org["inn"],
                "contact_person": org["contact_person"],
                "address": org["address"],
                "email": org["email"],
                "agreement_number": "",
                "agreement_date": None,
                "phone": self.landline("Новокузнецк" in org["address"]),
            }
            if agreement:
                day = dt.date(
                    self.year - agreement["years_ago"], agreement["month"], agreement["day"]
                )
                values["agreement_date"] = self.clamp(day)
                values["agreement_number"] = f"СП-{agreement['number']}/{day:%y}"
            organisations.append(values)
        return Plan(self.ref["college"], self.year_start, organisations, self.people)


def plan_people(today: dt.date) -> Plan:
    """The people of the demo for the academic year of `today`, in memory (no programme
    yet: demo/load.py adds it)."""
    return _PeoplePlanner(today).build()


# --- writing the plan -----------------------------------------------------------------------


def _differs(obj, values: dict) -> list[str]:
    """Set the values on obj; return the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _write_changes(model, changed: list[tuple]) -> None:
    """Write the changed fields of (instance, changed field names) pairs: the rows that
    changed the same fields together, with only those fields. One bulk_update() of every
    changed field over every changed row (what bulk_update_with_history() does) builds a
    CASE branch per row and field, and a re-dated demo changes a few dates of hundreds of
    rows. A row's fields are written in one statement, so a check constraint over several
    of them never sees half of the change."""
    by_fields: dict[tuple[str, ...], list] = {}
    for obj, fields in changed:
        by_fields.setdefault(tuple(sorted(fields)), []).append(obj)
    for fields, objs in by_fields.items():
        model._default_manager.bulk_update(objs, fields)


class _Writer:
    def __init__(
        self,
        plan: Plan,
        result,
        recorded_at: dt.datetime | None = None,
        banks_recorded_at: dt.datetime | None = None,
    ):
        self.plan = plan
        self.result = result
        self.now = timezone.now()
        # When what is created is recorded in the history: now, or (the demo's past years,
        # demo/years.py) the day the college entered it.
        self.recorded_at = recorded_at
        # The banks of mentors and mentees (new profiles) of a college that lived past years:
        # entered when it began, so that a past period's reports (read as of its end,
        # lib.history) have its banks, not only that period's participants.
        self.banks_recorded_at = banks_recorded_at or recorded_at

    def save(
        self,
        model,
        new: list,
        changed: list[tuple],
        history: bool = True,
        recorded_at: dt.datetime | None = None,
    ):
        """changed: (instance, the names of its fields that changed)."""
        label = model._meta.verbose_name_plural
        if new:
            if history:
                bulk_create_with_history(
                    new,
                    model,
                    default_change_reason=CHANGE_REASON,
                    default_date=recorded_at or self.recorded_at,
                )
            else:
                model.objects.bulk_create(new)
            self.result.created[label] += len(new)
        if changed:
            with transaction.atomic(savepoint=False):
                _write_changes(model, changed)
                if history:
                    # What bulk_update_with_history() records: one update per instance.
                    get_history_manager_for_model(model).bulk_history_create(
                        [obj for obj, _ in changed],
                        update=True,
                        default_change_reason=CHANGE_REASON,
                    )
            self.result.updated[label] += len(changed)

    def upsert(
        self,
        model,
        existing: dict,
        wanted: dict,
        history: bool = True,
        recorded_at: dt.datetime | None = None,
    ) -> dict:
        """wanted: key -> field values; existing: key -> instance. Returns key -> instance.
        recorded_at: when the new ones' history says they were entered (else the writer's)."""
        new, changed, out = [], [], {}
        for key, values in wanted.items():
            obj = existing.get(key)
            if obj is None:
                obj = model(**values)
                new.append(obj)
            else:
                diff = _differs(obj, values)
                if diff:
                    changed.append((obj, diff))
            out[key] = obj
        self.save(model, new, changed, history, recorded_at)
        return out

    def organisations(self) -> dict[str, PartnerOrganisation]:
        wanted = {o["name"]: o for o in self.plan.organisations}
        existing = {o.name: o for o in PartnerOrganisation.objects.filter(name__in=wanted)}
        # An organisation renamed by hand keeps its ИНН: find it by that.
        for org in PartnerOrganisation.objects.filter(
            inn__in=[o["inn"] for o in wanted.values()]
        ).exclude(name__in=wanted):
            name = next(n for n, o in wanted.items() if o["inn"] == org.inn)
            existing.setdefault(name, org)
        return self.upsert(PartnerOrganisation, existing, wanted)

    def people(self, organisations, plans: list[PersonPlan] | None = None) -> dict[str, Person]:
        plans = self.plan.people if plans is None else plans
        wanted, by_key = {}, {}
        for p in plans:
            values = dict(p.values)
            org = values.pop("organisation")
            values["organisation_id"] = organisations[org].pk if org else None
            values["name_key"] = p.name_key
            values["natural_key"] = p.natural_key
            wanted[p.handle] = values
            by_key[p.natural_key] = p.handle
        existing = {}
        for person in Person.objects.filter(natural_key__in=by_key):
            existing[by_key[person.natural_key]] = person
        # Not found by name and birth date: the same demo person from another academic year
        # (birth dates follow the year) — matched by name and kind when that is unambiguous.
        missing = {p.name_key: p for p in plans if p.handle not in existing}
        if missing:
            found: dict[str, list[Person]] = {}
            for person in Person.objects.filter(name_key__in=missing).exclude(
                pk__in=[p.pk for p in existing.values()]
            ):
                found.setdefault(person.name_key, []).append(person)
            for name_key, candidates in found.items():
                plan = missing[name_key]
                if len(candidates) == 1 and candidates[0].kind == plan.kind:
                    existing[plan.handle] = candidates[0]
        people = {}
        new, changed = [], []
        for handle, values in wanted.items():
            obj = existing.get(handle)
            if obj is None:
                obj = Person(**values)
                new.append(obj)
            else:
                diff = _differs(obj, values)
                if diff:
                    obj.updated_at = self.now
                    changed.append((obj, [*diff, "updated_at"]))
            people[handle] = obj
        self.save(Person, new, changed)
        return people

    def consents(self, people):
        existing: dict[int, list[Consent]] = {}
        for consent in Consent.objects.filter(person__in=people.values()).order_by("pk"):
            existing.setdefault(consent.person_id, []).append(consent)
        wanted, current = {}, {}
        for p in self.plan.people:
            person = people[p.handle]
            have = existing.get(person.pk, [])
            for i, c in enumerate(p.consents):
                values = {
                    "person_id": person.pk,
                    "signer": c.signer,
                    "representative_name": c.representative_name,
                    "representative_relation": c.representative_relation,
                    "signed_on": c.signed_on,
                    "special_categories": c.special_categories,
                    "withdrawn_on": c.withdrawn_on,
                    "withdrawal_reason": c.withdrawal_reason,
                }
                wanted[(person.pk, i)] = values
                if i < len(have):
                    current[(person.pk, i)] = have[i]
        self.upsert(Consent, current, wanted)

    def competencies(self) -> dict[str, Competency]:
        names = set()
        for p in self.plan.people:
            if p.mentor:
                names.update(p.mentor.competencies)
            if p.mentee:
                names.update(r.topic for r in p.mentee.requests)
        found = {c.name: c for c in Competency.objects.filter(name__in=names)}
        for name in sorted(names - set(found)):
            found[name] = Competency.objects.create(name=name)
            self.result.created[Competency._meta.verbose_name_plural] += 1
        return found

    def mentors(self, people, forms, competencies):
        plans = {p.handle: p for p in self.plan.people if p.mentor}
        existing = {
            m.person_id: m
            for m in MentorProfile.objects.filter(
                person__in=[people[h] for h in plans]
            ).prefetch_related("forms", "competencies", "trainings")
        }
        # Once in a pair, a profile's status follows its pairs (pairs/services.py).
        paired = set(MentorProfile.objects.filter(pairs__isnull=False).values_list("pk", flat=True))
        wanted, current = {}, {}
        for handle, p in plans.items():
            person = people[handle]
            m = p.mentor
            wanted[handle] = {
                "person_id": person.pk,
                "status": m.status,
                "useful_for": m.useful_for,
                "capacity": m.capacity,
                "interview_date": m.interview_date,
                "appointment_order": m.appointment_order,
                "appointment_date": m.appointment_date,
                "notes": m.notes,
            }
            if person.pk in existing:
                current[handle] = existing[person.pk]
                if existing[person.pk].pk in paired:
                    del wanted[handle]["status"]
        profiles = self.upsert(MentorProfile, current, wanted, recorded_at=self.banks_recorded_at)
        label = MentorProfile._meta.verbose_name_plural
        trainings_wanted, trainings_current = {}, {}
        for handle, profile in profiles.items():
            m = plans[handle].mentor
            touched = False
            for relation, wanted_ids in (
                (profile.forms, {forms[code].pk for code in m.forms}),
                (profile.competencies, {competencies[name].pk for name in m.competencies}),
            ):
                have = set() if handle not in current else {o.pk for o in relation.all()}
                if have != wanted_ids:
                    relation.set(sorted(wanted_ids))
                    touched = True
            if touched and handle in current:
                self.result.updated[f"{label}: формы и компетенции"] += 1
            have_trainings = (
                {t.course_title: t for t in profile.trainings.all()} if handle in current else {}
            )
            for t in m.trainings:
                key = (profile.pk, t.course_title)
                trainings_wanted[key] = {
                    "mentor_id": profile.pk,
                    "course_title": t.course_title,
                    "provider": t.provider,
                    "hours": t.hours,
                    "completed_on": t.completed_on,
                    "certificate": t.certificate,
                }
                if t.course_title in have_trainings:
                    trainings_current[key] = have_trainings[t.course_title]
        self.upsert(MentorTraining, trainings_current, trainings_wanted, history=False)

    def mentees(self, people, forms, competencies):
        plans = {p.handle: p for p in self.plan.people if p.mentee}
        existing = {
            m.person_id: m
            for m in MenteeProfile.objects.filter(person__in=[people[h] for h in plans])
        }
        paired = set(
            MenteeProfile.objects.filter(memberships__isnull=False).values_list("pk", flat=True)
        )
        wanted, current = {}, {}
        for handle, p in plans.items():
            person = people[handle]
            wanted[handle] = {
                "person_id": person.pk,
                "status": p.mentee.status,
                "desired_form_id": forms[p.mentee.form].pk,
                "notes": p.mentee.notes,
            }
            if person.pk in existing:
                current[handle] = existing[person.pk]
                if existing[person.pk].pk in paired:
                    del wanted[handle]["status"]
        profiles = self.upsert(MenteeProfile, current, wanted, recorded_at=self.banks_recorded_at)
        have = {
            (r.mentee_id, r.topic_id): r
            for r in MenteeRequest.objects.filter(mentee__in=profiles.values())
        }
        wanted_requests, current_requests = {}, {}
        for handle, profile in profiles.items():
            for r in plans[handle].mentee.requests:
                key = (profile.pk, competencies[r.topic].pk)
                wanted_requests[key] = {
                    "mentee_id": profile.pk,
                    "topic_id": key[1],
                    "description": r.description,
                    "raised_by": r.raised_by,
                    "raised_on": r.raised_on,
                }
                if key in have:
                    current_requests[key] = have[key]
        self.upsert(MenteeRequest, current_requests, wanted_requests, history=False)

    def users(self, people):
        User = get_user_model()
        for demo in DEMO_USERS:
            person = people.get(demo.handle) if demo.handle else None
            user = User.objects.filter(username=demo.username).first()
            first = person.first_name if person else demo.first_name
            last = person.last_name if person else demo.last_name
            if user is None:
                user = User(username=demo.username)
                user.set_password(demo.password)
                user.first_name, user.last_name, user.email = first, last, ""
                if person and person.email:
                    user.email = person.email
                user.save()
                self.result.created[User._meta.verbose_name_plural] += 1
            else:
                values = {"first_name": first, "last_name": last, "is_active": True}
                changed = _differs(user, values)
                if not user.check_password(demo.password):
                    user.set_password(demo.password)
                    changed.append("password")
                if changed:
                    user.save(update_fields=changed)
                    self.result.updated[User._meta.verbose_name_plural] += 1
            group = Group.objects.get(name=demo.role.label)
            if list(user.groups.all()) != [group]:
                user.groups.set([group])
            if person is not None and person.user_id != user.pk:
                Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
                person.user = user
                person.save(update_fields=["user"])
            self.result.users.append((demo, person.full_name if person else ""))

    def run(self):
        organisations = self.organisations()
        people = self.people(organisations)
        self.consents(people)
        forms = {f.code: f for f in MentoringForm.objects.all()}
        competencies = self.competencies()
        self.mentors(people, forms, competencies)
        self.mentees(people, forms, competencies)
        self.users(people)
        return people


def load_people(
    plan: Plan, result, banks_recorded_at: dt.datetime | None = None
) -> dict[str, Person]:
    """Write the people plan (see the module doc); result: the run's LoadResult (demo/load.py),
    counting what was created and updated. Returns handle -> the saved Person.
    banks_recorded_at: when new mentor and mentee profiles count as entered (else now)."""
    return _Writer(plan, result, banks_recorded_at=banks_recorded_at).run()


def load_people_as_they_were(
    plan: Plan, people: list[PersonPlan], result, recorded_at: dt.datetime
) -> dict[str, Person]:
    """Write the organisations and the given people (their values as they stood then),
    their history recorded at recorded_at: the demo's past years (demo/years.py)."""
    writer = _Writer(plan, result, recorded_at=recorded_at)
    return writer.people(writer.organisations(), people)


# --- reporting ------------------------------------------------------------------------------


KIND_PLURAL = {
    Person.Kind.STUDENT: "обучающиеся",
    Person.Kind.PUPIL: "школьники",
    Person.Kind.TEACHER: "педагоги",
    Person.Kind.EMPLOYEE: "сотрудники предприятий",
    Person.Kind.ALUMNUS: "выпускники",
    Person.Kind.PARENT: "родители",
}


def people_totals() -> dict:
    people = Person.objects.all()
    participants = people.filter(Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False))
    by_kind = dict(people.values_list("kind").annotate(n=Count("pk")).order_by())
    return {
        "people": sum(by_kind.values()),
        "by_kind": [(KIND_PLURAL[value], by_kind.get(value, 0)) for value in Person.Kind.values],
        "mentors": MentorProfile.objects.count(),
        "mentees": MenteeProfile.objects.count(),
        "requests": MenteeRequest.objects.count(),
        "organisations": PartnerOrganisation.objects.count(),
        "consents": Consent.objects.count(),
        "withdrawn": Consent.objects.filter(withdrawn_on__isnull=False).count(),
        "without_consent": participants.without_valid_consent().count(),
    }


def summary_lines() -> list[str]:
    """Lines of the load_demo summary about the people, as the database has it."""
    t = people_totals()
    kinds = ", ".join(f"{label} {n}" for label, n in t["by_kind"])
    return [
        f"  Люди: {t['people']} — {kinds}.",
        f"  Наставники: {t['mentors']}, наставляемые: {t['mentees']} "
        f"(запросов {t['requests']}), организации-партнёры: {t['organisations']}.",
        f"  Согласия на обработку ПДн: {t['consents']} (отозвано {t['withdrawn']}); "
        f"участников без действующего согласия: {t['without_consent']}.",
    ]
