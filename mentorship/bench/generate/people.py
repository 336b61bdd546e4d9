"""Partner organisations and people: students of four courses in many groups of the demo's
specialties, alumni of the programme's earlier years, teachers, employees of the partner
enterprises and pupils of partner schools.

Person.name_key and natural_key are filled by the model's own builders, as save() does.
"""

import datetime as dt
import math

from mentorship.lib.dates import academic_year_first_day
from mentorship.lib.text import transliterate
from mentorship.people.models import PartnerOrganisation, Person

from .reference import (
    ORGANISATION_CITIES,
    ORGANISATION_PATTERNS,
    ORGANISATION_WORDS,
    STREETS,
    landline,
    organisation_inn,
    phone,
)
from .state import State, Who

GROUP_SIZE = 25
# Of an alumni cohort, the share the registry keeps: those who took part in the programme.
ALUMNI_KEPT = 0.4
YOUNG_TEACHERS = 0.1  # 0–3 years of experience
CATEGORY_RATES = {
    "has_disability": 0.04,
    "is_gifted": 0.06,
    "hard_life_situation": 0.03,
    "low_income_family": 0.07,
    "rural": 0.2,
    "orphan": 0.02,
}
EMPLOYEES_PER_ORGANISATION = (2, 5)
# Of the current students; the rest are full-time.
STUDY_FORM_SHARES = {Person.StudyForm.EXTRAMURAL: 0.06, Person.StudyForm.PART_TIME: 0.04}
PUPILS_PER_STUDENTS = 40  # one pupil of a partner school for every 40 students


def build_organisations(s: State) -> None:
    rng = s.rng("organisations")
    n = s.sizes.organisations
    schools_wanted = 0 if n < 2 else max(1, round(n * 0.1))
    fixed = s.college["organisations"]
    employers = [o for o in fixed if o["type"] != "school"][: n - schools_wanted]
    schools = [o for o in fixed if o["type"] == "school"][:schools_wanted]
    used_inn: set[str] = set()
    rows: list[tuple[str, dict]] = []
    for spec in employers + schools:
        used_inn.add(spec["inn"])
        rows.append(
            (
                spec["type"],
                {k: spec[k] for k in ("name", "inn", "contact_person", "address", "email")},
            )
        )
    names = {values["name"] for _t, values in rows}
    counter = 0
    while sum(t != "school" for t, _ in rows) < n - schools_wanted:
        kind, pattern = ORGANISATION_PATTERNS[counter % len(ORGANISATION_PATTERNS)]
        word = ORGANISATION_WORDS[(counter // len(ORGANISATION_PATTERNS)) % len(ORGANISATION_WORDS)]
        lap = counter // (len(ORGANISATION_PATTERNS) * len(ORGANISATION_WORDS))
        counter += 1
        name = pattern.format(word=word if not lap else f"{word}-{lap + 1}")
        if name in names:
            continue
        names.add(name)
        rows.append((kind, {"name": name}))
    number = 1
    while sum(t == "school" for t, _ in rows) < schools_wanted:
        name = f"МБОУ «Средняя общеобразовательная школа № {number}»"
        number += 1
        if name not in names:
            names.add(name)
            rows.append(("school", {"name": name}))
    for number, (kind, values) in enumerate(rows, start=1):
        values.setdefault("inn", organisation_inn(rng, used_inn))
        city = rng.choice(ORGANISATION_CITIES)
        values.setdefault(
            "address",
            f"Кемеровская область – Кузбасс, {city}, ул. {rng.choice(STREETS)}, "
            f"{rng.randint(1, 120)}",
        )
        if "contact_person" not in values:
            surname = rng.choice(s.names.names["surnames"])
            job = "начальник отдела кадров" if kind != "school" else "заместитель директора"
            values["contact_person"] = f"{s.names.adult_name(surname, rng.choice('mf'))}, {job}"
        values.setdefault("email", f"info@partner{number}.example")
        if rng.random() < 0.85:
            day = dt.date(s.year0 - rng.randint(0, 6), rng.randint(1, 12), rng.randint(1, 28))
            day = s.clamp(day)
            values["agreement_date"] = day
            values["agreement_number"] = f"СП-{rng.randint(1, 300)}/{day:%y}"
        values["phone"] = landline(rng)
        org = PartnerOrganisation(**values)
        s.organisations.append(org)
    s.bulk(PartnerOrganisation, s.organisations, recorded_on=s.first_day)
    for (kind, _values), org in zip(rows, s.organisations, strict=True):
        s.org_type[id(org)] = kind


def _person(s: State, who: Who, **values) -> Who:
    last, first, middle = values["last_name"], values["first_name"], values["middle_name"]
    values["name_key"] = Person.build_name_key(last, first, middle)
    values["natural_key"] = Person.build_natural_key(last, first, middle, values["birth_date"])
    who.person = Person(**values)
    s.people.append(who)
    return who


def _email(s: State, last: str, first: str, domain: str) -> str:
    return f"{transliterate(last)}.{transliterate(first)[0]}{next(s.email_numbers)}@{domain}"


def _groups(specialties: list[dict], count: int) -> list[tuple[dict, int]]:
    """count study groups spread over the specialties in the fixture's proportions."""
    weighted = [spec for spec in specialties for _ in range(spec["groups"])]
    numbers: dict[str, int] = {}
    out = []
    for i in range(count):
        spec = weighted[i % len(weighted)]
        numbers[spec["abbr"]] = numbers.get(spec["abbr"], 0) + 1
        out.append((spec, numbers[spec["abbr"]]))
    return out


def _learner(s: State, rng, cohort: int, current: bool, count: int) -> None:
    # Its own generator, so that every other value stays what this seed always gave.
    forms = s.rng("study-form", cohort)
    specialties = s.college["specialties"]
    groups = _groups(specialties, max(1, math.ceil(count / GROUP_SIZE)))
    admission = academic_year_first_day(cohort)
    domain = s.college["college"]["email_domain"]
    for i in range(count):
        spec, number = groups[i % len(groups)]
        gender = "m" if rng.random() < spec["male_share"] else "f"
        age = 15 if rng.random() < 0.8 else 16
        last, first, middle, father, surname, birth = s.names.person(
            gender, "young", age=age, on=admission, rng=rng
        )
        values = {
            "kind": Person.Kind.STUDENT if current else Person.Kind.ALUMNUS,
            "course": s.year0 - cohort + 1 if current else None,
            "study_form": _study_form(forms) if current else "",
            "study_group": f"{spec['abbr']}-{cohort % 100:02d}-{number}",
            "specialty": spec["title"],
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "birth_date": birth,
            "phone": phone(rng) if rng.random() < 0.55 else "",
            "email": _email(s, last, first, domain) if rng.random() < 0.35 else "",
        }
        for name, rate in CATEGORY_RATES.items():
            values[name] = rng.random() < rate
        who = Who(person=None, gender=gender, cohort=cohort, surname=surname, father=father)
        _person(s, who, **values)


def _study_form(rng) -> str:
    draw = rng.random()
    for form, share in STUDY_FORM_SHARES.items():
        if draw < share:
            return form
        draw -= share
    return Person.StudyForm.FULL_TIME


def build_people(s: State) -> None:
    rng = s.rng("people")
    students = s.sizes.students
    # Four courses of the current students; earlier cohorts (alumni) as far back as the
    # programme's first year needs: its fourth-year students were admitted three years before.
    cohorts = [s.year0 - k for k in range(4)]
    for k, cohort in enumerate(cohorts):
        count = students // 4 + (1 if k < students % 4 else 0)
        _learner(s, rng, cohort, current=True, count=count)
    first_year = s.years[0]
    for cohort in range(s.year0 - 4, first_year - 4, -1):
        _learner(s, rng, cohort, current=False, count=round(students / 4 * ALUMNI_KEPT))
    _teachers(s, rng)
    _employees(s, rng)
    _pupils(s, rng)
    s.bulk(Person, [w.person for w in s.people], recorded_on=s.first_day)


def _teachers(s: State, rng) -> None:
    positions = [
        (p["position"], p["female_share"])
        for p in s.college["teacher_positions"]
        for _ in range(p["count"])
    ]
    young_positions = set(s.college["young_teacher_positions"])
    domain = s.college["college"]["email_domain"]
    start = s.year_start(s.year0)
    for _ in range(s.sizes.teachers):
        position, female_share = positions[rng.randrange(len(positions))]
        gender = "f" if rng.random() < female_share else "m"
        if position in young_positions and rng.random() < YOUNG_TEACHERS * 2:
            experience = rng.randint(0, 3)
            age = 21 + experience + rng.randint(0, 3)
        else:
            experience = rng.randint(4, 35)
            age = min(23 + experience + rng.randint(0, 8), 66)
        last, first, middle, *_rest, birth = s.names.person(
            gender, "adult", age=age, on=start, rng=rng
        )
        who = Who(person=None, gender=gender, experience=experience)
        _person(
            s,
            who,
            kind=Person.Kind.TEACHER,
            last_name=last,
            first_name=first,
            middle_name=middle,
            birth_date=birth,
            position=position,
            experience_years=experience,
            phone=phone(rng) if rng.random() < 0.7 else "",
            email=_email(s, last, first, domain) if rng.random() < 0.8 else "",
        )


def _employees(s: State, rng) -> None:
    start = s.year_start(s.year0)
    low, high = EMPLOYEES_PER_ORGANISATION
    for org in s.organisations:
        kind = s.org_type[id(org)]
        if kind == "school":
            continue
        positions = s.college["employee_positions"][kind]
        domain = org.email.split("@")[-1]
        for j in range(rng.randint(low, high)):
            gender = "m" if rng.random() < (0.5 if kind == "it" else 0.85) else "f"
            experience = rng.randint(5, 30)
            age = 22 + experience + rng.randint(0, 6)
            last, first, middle, *_rest, birth = s.names.person(
                gender, "adult", age=age, on=start, rng=rng
            )
            _person(
                s,
                Who(person=None, gender=gender),
                kind=Person.Kind.EMPLOYEE,
                last_name=last,
                first_name=first,
                middle_name=middle,
                birth_date=birth,
                position=positions[j % len(positions)],
                experience_years=experience,
                organisation=org,
                phone=phone(rng),
                email=_email(s, last, first, domain) if rng.random() < 0.6 else "",
            )


def _pupils(s: State, rng) -> None:
    schools = [o for o in s.organisations if s.org_type[id(o)] == "school"]
    if not schools:
        return
    classes = s.college["pupil_classes"]
    start = s.year_start(s.year0)
    for i in range(max(5, s.sizes.students // PUPILS_PER_STUDENTS)):
        gender = "m" if rng.random() < 0.55 else "f"
        klass = classes[i % len(classes)]
        age = int(klass[:-1]) + 6 + (1 if rng.random() < 0.3 else 0)
        last, first, middle, father, surname, birth = s.names.person(
            gender, "young", age=age, on=start, rng=rng
        )
        _person(
            s,
            Who(person=None, gender=gender, surname=surname, father=father),
            kind=Person.Kind.PUPIL,
            last_name=last,
            first_name=first,
            middle_name=middle,
            birth_date=birth,
            study_group=klass,
            organisation=schools[i % len(schools)],
            phone=phone(rng) if rng.random() < 0.3 else "",
            rural=rng.random() < 0.15,
            low_income_family=rng.random() < 0.05,
        )
