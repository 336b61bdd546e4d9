"""Order drafts («проекты приказов») the curator prints for the director to sign.

Each document is built in two steps: `order_*_data(...)` reads the database into an
OrderData (a fixed number of queries, whatever the number of pairs; no HTTP, no PDF), then
`order_pdf_render(data)` lays it out as an A4 PDF. The organisation's names, city, director
and curator come from the College card the administrator edits.

The PDF prints names in the nominative case as they are stored, its text phrased to need
no declension («… возложить на куратора программы наставничества — А.Б. Петрова»). The
editable .docx draft (`order_docx_context`) names each person in its items in the case the
sentence needs («назначить Иванова Ивана Ивановича наставником Петровой Анны Сергеевны»),
declined by mentorship.lib.names (Petrovich); the secretary reads the draft before signing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from mentorship.lib.names import decline_full_name
from mentorship.lib.pdf import render_pdf
from mentorship.people.destruction import withdrawn_people
from mentorship.people.models import College, MentorProfile, MentorTraining, Person

from .models import Achievement, IndividualPlan, Pair, PairMembership
from .rules import READY_MENTOR_STATUSES

# name_key is the normalised full name (ё = е, any case): alphabetical as Russians read it.
PERSON_ORDER = ("person__name_key", "pk")


class OrderKind(StrEnum):
    PAIRS = "pairs"
    MENTORS = "mentors"
    REWARDS = "rewards"
    PLANS = "plans"


ORDER_TITLES = {
    OrderKind.PAIRS: "О закреплении наставнических пар (групп)",
    OrderKind.MENTORS: "О назначении наставников",
    OrderKind.REWARDS: "О поощрении участников наставнической деятельности",
    OrderKind.PLANS: "Об утверждении индивидуальных планов развития наставляемых",
}

REWARD_CERTIFICATE = "наградить грамотой"
REWARD_THANKS = "объявить благодарность"
# Results that earn a certificate rather than thanks (for a mentor: their mentees' too).
CERTIFICATE_RESULTS = frozenset({Achievement.Result.WINNER, Achievement.Result.PRIZE})


@dataclass(frozen=True)
class OrderHeader:
    """What every order prints from the College card, plus its number and date."""

    organisation: str
    short_name: str
    city: str
    director_position: str
    director_name: str
    curator_name: str
    number: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class PairRow:
    mentor: str
    mentor_position: str
    mentees: tuple[str, ...]
    form: str
    role_model: str
    start_date: dt.date
    end_date: dt.date


@dataclass(frozen=True)
class MentorRow:
    name: str
    position: str
    forms: tuple[str, ...]
    trainings: tuple[str, ...]


@dataclass(frozen=True)
class RewardRow:
    name: str
    role: str  # "mentor" or "mentee": the appendix lists mentors first
    position: str
    participation: tuple[str, ...]
    achievements: tuple[str, ...]
    reward: str


@dataclass(frozen=True)
class PlanRow:
    mentees: tuple[str, ...]
    mentor: str
    form: str
    start_date: dt.date
    end_date: dt.date


@dataclass(frozen=True)
class OrderData:
    kind: OrderKind
    header: OrderHeader
    rows: tuple
    # How many of the selected objects (pairs or mentors) the order covers: the view
    # compares it with the ids it was asked for.
    selected: int
    year: int | None = None
    # Mentors who sign «С приказом ознакомлены».
    acquainted: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return ORDER_TITLES[self.kind]

    @property
    def filename(self) -> str:
        name = f"Приказ {self.title[0].lower()}{self.title[1:]}"
        if self.header.date:
            name += f" от {self.header.date:%d.%m.%Y}"
        return f"{name}.pdf"

    @property
    def template_name(self) -> str:
        return f"pairs/orders/order_{self.kind}.html"


# --- text helpers (pure) -------------------------------------------------------------------


def person_position(person: Person) -> str:
    """Who the person is at the college, for a column «должность / группа»."""
    parts = []
    if person.position:
        parts.append(person.position)
    elif person.kind == Person.Kind.STUDENT:
        parts.append(
            f"обучающийся группы {person.study_group}" if person.study_group else "обучающийся"
        )
    else:
        parts.append(Person.Kind(person.kind).label)
    if person.organisation_id:
        parts.append(person.organisation.name)
    return ", ".join(parts)


def achievement_text(achievement: Achievement) -> str:
    level = achievement.get_level_display().split(" — ")[-1]
    return (
        f"{achievement.get_result_display()}: {achievement.event} "
        f"({level} уровень, {achievement.date:%d.%m.%Y})"
    )


def training_text(training: MentorTraining) -> str:
    text = f"{training.course_title}, {training.hours} ч., {training.completed_on:%d.%m.%Y}"
    if training.certificate:
        text += f", удостоверение {training.certificate}"
    return text


def reward_kind(results: Iterable[str]) -> str:
    """A certificate for winners and prize-winners (a mentor: theirs or their mentees'),
    thanks for everybody else who did the programme."""
    return REWARD_CERTIFICATE if CERTIFICATE_RESULTS.intersection(results) else REWARD_THANKS


def order_header(
    *, number: str, date: dt.date | None, college: College | None = None
) -> OrderHeader:
    """The heading every order prints: the college card's names, city, director and curator
    (college, or the card), the number and the date."""
    college = college or College.get()
    return OrderHeader(
        organisation=college.full_name,
        short_name=college.short_name,
        city=college.city,
        director_position=college.director_position,
        director_name=college.director_name,
        curator_name=college.curator_name,
        number=number.strip(),
        date=date,
    )


def as_queryset(objects, model) -> QuerySet:
    if isinstance(objects, QuerySet):
        return objects
    return model.objects.filter(pk__in=[obj.pk for obj in objects])


def pairs_with_people(pairs) -> list[Pair]:
    """Pairs with mentor, form, role model and mentees: two queries, however many pairs.

    A withdrawn consent takes a person out of every generated list at once: their
    memberships are left out, and ``mentor_withdrawn`` tells whether the mentor withdrew."""
    withdrawn = withdrawn_people()
    memberships = (
        PairMembership.objects.exclude(mentee__person__in=withdrawn.values("pk"))
        .select_related("mentee__person__organisation")
        .order_by("mentee__person__name_key", "pk")
    )
    return list(
        as_queryset(pairs, Pair)
        .annotate(mentor_withdrawn=Exists(withdrawn.filter(pk=OuterRef("mentor__person"))))
        .select_related("mentor__person__organisation", "form", "role_model")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("mentor__person__name_key", "start_date", "pk")
    )


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


# --- the default selections ----------------------------------------------------------------


def order_pairs_default() -> QuerySet:
    """Pairs an order «о закреплении» covers when none are chosen: the current ones."""
    return Pair.objects.current()


def order_mentors_default() -> QuerySet:
    return MentorProfile.objects.filter(status__in=READY_MENTOR_STATUSES)


def order_rewards_default(year: int) -> QuerySet:
    return Pair.objects.filter(status=Pair.Status.FINISHED, end_date__year=year)


def order_plans_default() -> QuerySet:
    """Plans an order «об утверждении» covers when none are chosen: those of active pairs."""
    return IndividualPlan.objects.filter(pair__status=Pair.Status.ACTIVE)


# --- step 1: data --------------------------------------------------------------------------


def order_pairs_data(pairs, *, number: str = "", date: dt.date | None = None) -> OrderData:
    """«О закреплении наставнических пар (групп)»: one row per pair or group."""
    header = order_header(number=number, date=date)
    rows = []
    for pair in pairs_with_people(pairs):
        mentees = pair.memberships.all()
        if pair.mentor_withdrawn or not mentees:
            continue  # nobody left to assign who has not withdrawn
        rows.append(
            PairRow(
                mentor=pair.mentor.person.full_name,
                mentor_position=person_position(pair.mentor.person),
                mentees=tuple(_mentee_line(membership.mentee.person) for membership in mentees),
                form=pair.form.name,
                role_model=pair.role_model.name if pair.role_model else "",
                start_date=pair.start_date,
                end_date=pair.planned_end_date,
            )
        )
    return OrderData(
        kind=OrderKind.PAIRS,
        header=header,
        rows=tuple(rows),
        selected=len(rows),
        acquainted=_unique(row.mentor for row in rows),
    )


def order_plans_data(plans, *, number: str = "", date: dt.date | None = None) -> OrderData:
    """«Об утверждении индивидуальных планов развития наставляемых»: one row per plan (its
    pair's mentees, mentor, form and the plan's period — the pair's term)."""
    header = order_header(number=number, date=date)
    pairs = pairs_with_people(
        Pair.objects.filter(plan__in=as_queryset(plans, IndividualPlan).values("pk"))
    )
    rows = []
    for pair in pairs:
        mentees = pair.memberships.all()
        if pair.mentor_withdrawn or not mentees:
            continue  # nobody left whose plan to approve who has not withdrawn
        rows.append(
            PlanRow(
                mentees=tuple(_mentee_line(membership.mentee.person) for membership in mentees),
                mentor=pair.mentor.person.full_name,
                form=pair.form.name,
                start_date=pair.start_date,
                end_date=pair.planned_end_date,
            )
        )
    return OrderData(
        kind=OrderKind.PLANS,
        header=header,
        rows=tuple(rows),
        selected=len(pairs),  # one plan per pair
        acquainted=_unique(row.mentor for row in rows),
    )


def _mentee_line(person: Person) -> str:
    if person.kind == Person.Kind.STUDENT and person.study_group:
        return f"{person.full_name} (группа {person.study_group})"
    return person.full_name


def order_mentors_data(
    mentor_profiles, *, number: str = "", date: dt.date | None = None
) -> OrderData:
    """«О назначении наставников»: who, their position, the forms, their training."""
    header = order_header(number=number, date=date)
    mentors = list(
        as_queryset(mentor_profiles, MentorProfile)
        .exclude(person__in=withdrawn_people().values("pk"))
        .select_related("person__organisation")
        .prefetch_related("forms", "trainings")
        .order_by(*PERSON_ORDER)
    )
    rows = tuple(
        MentorRow(
            name=mentor.person.full_name,
            position=person_position(mentor.person),
            forms=tuple(form.name for form in mentor.forms.all()),
            trainings=tuple(training_text(training) for training in mentor.trainings.all()),
        )
        for mentor in mentors
    )
    return OrderData(
        kind=OrderKind.MENTORS,
        header=header,
        rows=rows,
        selected=len(rows),
        acquainted=tuple(row.name for row in rows),
    )


def order_rewards_data(
    pairs, *, number: str = "", date: dt.date | None = None, year: int | None = None
) -> OrderData:
    """«О поощрении участников наставнической деятельности»: the mentors and mentees of
    the pairs, each once, with their achievements of the year and a suggested reward."""
    year = year or (date or timezone.localdate()).year
    header = order_header(number=number, date=date)
    pairs = pairs_with_people(pairs)

    people: dict[tuple[str, int], dict] = {}
    mentee_ids_of_mentor: dict[int, set[int]] = {}

    def entry(role: str, person: Person) -> dict:
        return people.setdefault((role, person.pk), {"person": person, "role": role, "pairs": []})

    for pair in pairs:
        # A no-break space keeps the dash after the first date, not at a line start.
        span = (
            f"{pair.start_date:%d.%m.%Y}\u00a0– {(pair.end_date or pair.planned_end_date):%d.%m.%Y}"
        )
        participation = f"{pair.form.name}, {span}"
        mentor_person = pair.mentor.person
        if not pair.mentor_withdrawn:
            entry("mentor", mentor_person)["pairs"].append(participation)
        for membership in pair.memberships.all():
            mentee_person = membership.mentee.person
            entry("mentee", mentee_person)["pairs"].append(participation)
            mentee_ids_of_mentor.setdefault(mentor_person.pk, set()).add(mentee_person.pk)

    person_ids = {person_id for _, person_id in people}
    achievements: dict[int, list[Achievement]] = {}
    for achievement in Achievement.objects.filter(
        person_id__in=person_ids, date__year=year
    ).order_by("date", "pk"):
        achievements.setdefault(achievement.person_id, []).append(achievement)

    rows = []
    for role in ("mentor", "mentee"):
        chosen = [value for (r, _), value in people.items() if r == role]
        chosen.sort(key=lambda v: (v["person"].name_key, v["person"].pk))
        for value in chosen:
            person = value["person"]
            own = achievements.get(person.pk, [])
            results = [a.result for a in own]
            lines = [achievement_text(a) for a in own]
            if role == "mentor":
                for mentee_id in sorted(mentee_ids_of_mentor.get(person.pk, ())):
                    mentee_person = people[("mentee", mentee_id)]["person"]
                    for achievement in achievements.get(mentee_id, []):
                        if achievement.result in CERTIFICATE_RESULTS:
                            results.append(achievement.result)
                            lines.append(
                                f"наставляемый {mentee_person.short_name} — "
                                f"{achievement_text(achievement)}"
                            )
            rows.append(
                RewardRow(
                    name=person.full_name,
                    role=role,
                    position=person_position(person),
                    participation=_unique(value["pairs"]),
                    achievements=tuple(lines),
                    reward=reward_kind(results),
                )
            )
    return OrderData(
        kind=OrderKind.REWARDS, header=header, rows=tuple(rows), selected=len(pairs), year=year
    )


# --- step 2: PDF ---------------------------------------------------------------------------


def order_pdf_render(data: OrderData) -> bytes:
    return render_pdf(data.template_name, {"order": data, "header": data.header})


# --- step 2': the editable .docx draft -----------------------------------------------------

BLANK_NUMBER = "________"
BLANK_DATE = "«___» ____________ 20___ г."
BASIS = (
    "В соответствии с распоряжением Министерства просвещения Российской Федерации от "
    "25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества "
    "обучающихся для организаций, осуществляющих образовательную деятельность по "
    "общеобразовательным, дополнительным общеобразовательным и программам среднего "
    "профессионального образования, в том числе с применением лучших практик обмена опытом "
    "между обучающимися», программой наставничества образовательной организации"
)
APPENDIX_TITLES = {
    OrderKind.PAIRS: "Состав наставнических пар (групп)",
    OrderKind.MENTORS: "Список наставников",
    OrderKind.REWARDS: (
        "Список участников наставнической деятельности, представленных к поощрению"
    ),
    OrderKind.PLANS: "Индивидуальные планы развития наставляемых",
}


# The plans order's points after the first, in the PDF and the .docx alike.
PLANS_POINTS = [
    "Наставникам совместно с наставляемыми выполнять мероприятия утверждённых индивидуальных "
    "планов в установленные сроки, отмечать выполнение задач.",
    "Куратору программы наставничества обеспечить мониторинг выполнения индивидуальных "
    "планов развития наставляемых.",
]


def _declined(line: str, case: str) -> str:
    """A name line «Фамилия Имя Отчество (группа ИС-21)» with the name in case."""
    name, bracket, rest = line.partition(" (")
    return decline_full_name(name, case) + (f" ({rest}" if bracket else "")


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start:%d.%m.%Y}\u00a0– {end:%d.%m.%Y}"


def _items(data: OrderData) -> list[dict]:
    """The numbered items of the order, its PDF's wording, with the people named in the
    running text in the case the sentence needs (1.1, 1.2… under the first item)."""
    header = data.header
    curator = (
        f" {decline_full_name(header.curator_name, 'accusative')}"
        if header.curator_name
        else " ____________________"
    )
    control = (
        "Контроль за исполнением настоящего приказа возложить на куратора программы "
        f"наставничества{curator}."
    )
    if data.kind == OrderKind.PAIRS:
        first = (
            "Закрепить наставнические пары (группы) в составе согласно приложению к "
            "настоящему приказу:"
        )
        subs = [
            f"назначить {decline_full_name(row.mentor, 'accusative')} наставником "
            f"{', '.join(_declined(m, 'genitive') for m in row.mentees)} "
            f"(форма наставничества «{row.form}», срок {_span(row.start_date, row.end_date)});"
            for row in data.rows
        ]
        rest = [
            "Наставникам совместно с наставляемыми в течение двух недель со дня издания "
            "настоящего приказа разработать индивидуальные планы (персонализированные "
            "программы наставничества) и представить их куратору программы наставничества.",
            "Куратору программы наставничества внести сведения о закреплённых наставнических "
            "парах (группах) в базу наставников и базу наставляемых, обеспечить мониторинг их "
            "работы.",
        ]
    elif data.kind == OrderKind.MENTORS:
        first = (
            "Назначить наставниками участников программы наставничества согласно приложению "
            "к настоящему приказу:"
        )
        subs = [
            f"назначить {decline_full_name(row.name, 'accusative')} наставником"
            + (f" ({', '.join(row.forms)});" if row.forms else ";")
            for row in data.rows
        ]
        rest = [
            "Наставникам осуществлять наставническую деятельность в соответствии с программой "
            "наставничества и индивидуальными планами наставляемых, вести учёт встреч с "
            "наставляемыми.",
            "Куратору программы наставничества включить назначенных наставников в базу "
            "наставников, организовать обучение наставников, не прошедших подготовку.",
        ]
    elif data.kind == OrderKind.PLANS:
        first = (
            "Утвердить индивидуальные планы развития наставляемых (персонализированные "
            "программы наставничества) согласно приложению к настоящему приказу:"
        )
        subs = [
            "индивидуальный план развития "
            f"{', '.join(_declined(m, 'genitive') for m in row.mentees)} под руководством "
            f"наставника {decline_full_name(row.mentor, 'genitive')} "
            f"(форма наставничества «{row.form}», срок {_span(row.start_date, row.end_date)});"
            for row in data.rows
        ]
        rest = PLANS_POINTS
    else:
        first = (
            "Поощрить участников наставнической деятельности согласно приложению к "
            "настоящему приказу:"
        )
        subs = [
            f"{row.reward} {decline_full_name(row.name, 'accusative')};"
            if row.reward == REWARD_CERTIFICATE
            else f"{row.reward} {decline_full_name(row.name, 'dative')};"
            for row in data.rows
        ]
        rest = [
            "Куратору программы наставничества подготовить благодарности и грамоты, "
            "организовать их торжественное вручение, разместить информацию о наставниках и "
            "наставляемых, отмеченных настоящим приказом, на официальном сайте "
            "образовательной организации.",
        ]
    if subs:
        subs[-1] = subs[-1].removesuffix(";") + "."
    items = [{"number": "1.", "text": first}]
    items += [{"number": f"1.{n}.", "text": text} for n, text in enumerate(subs, start=1)]
    for n, text in enumerate([*rest, control], start=2):
        items.append({"number": f"{n}.", "text": text})
    return items


def _docx_rows(data: OrderData) -> list[dict]:
    if data.kind == OrderKind.PLANS:
        return [
            {
                "mentees": "\n".join(row.mentees),
                "mentor": row.mentor,
                "form": row.form,
                "term": _span(row.start_date, row.end_date),
            }
            for row in data.rows
        ]
    if data.kind == OrderKind.PAIRS:
        return [
            {
                "mentor": f"{row.mentor}\n{row.mentor_position}",
                "mentees": "\n".join(row.mentees),
                "form": row.form,
                "role_model": row.role_model or "—",
                "term": _span(row.start_date, row.end_date),
            }
            for row in data.rows
        ]
    if data.kind == OrderKind.MENTORS:
        return [
            {
                "name": row.name,
                "position": row.position,
                "forms": "\n".join(row.forms) or "—",
                "trainings": "\n".join(row.trainings) or "нет сведений",
            }
            for row in data.rows
        ]
    return [
        {
            "name": row.name,
            "position": row.position,
            "participation": "\n".join(row.participation),
            "achievements": "\n".join(row.achievements) or "—",
            "reward": row.reward,
        }
        for row in data.rows
    ]


def order_docx_context(data: OrderData) -> dict:
    """What the order's .docx template is filled with (templates/docx/build.py names the
    fields): the PDF's data; the number and date as typed or blanks to fill in by hand."""
    header = data.header
    tails = {
        OrderKind.PAIRS: ", по итогам формирования наставнических пар (групп) и с согласия "
        "их участников",
        OrderKind.MENTORS: ", по итогам отбора наставников и с их письменного согласия",
        OrderKind.PLANS: ", по представлению наставников и куратора программы наставничества",
        OrderKind.REWARDS: f", по итогам реализации программы наставничества в {data.year} "
        "году, за активное участие в наставнической деятельности и достигнутые результаты",
    }
    return {
        "organisation": header.organisation,
        "short_name": header.short_name,
        "city": header.city,
        "number": header.number or BLANK_NUMBER,
        "date": f"{header.date:%d.%m.%Y}" if header.date else BLANK_DATE,
        "year": data.year or "",
        "title": data.title,
        "basis": BASIS + tails[data.kind] + ",",
        "items": _items(data),
        "director_position": header.director_position or "Директор",
        "director_name": header.director_name or "____________________",
        "curator_name": header.curator_name,
        "acquainted": list(data.acquainted),
        "appendix_title": APPENDIX_TITLES[data.kind],
        "rows": _docx_rows(data),
    }
