"""The roll-over to the next academic year: students' courses +1, the last course of each
specialty's programme graduates, the pairs of graduates end. A preview (roll_over_plan)
writes nothing; roll_over_commit writes the same plan in one transaction, every change
through the models' history with the roll-over's reason.

It lives in the roadmap, the programme's plan: it changes people and pairs (the layers
below), and the programme's yearly steps (the roadmap's activities, the year's KPI targets)
belong to the same move to a new year.
"""

import dataclasses
import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from mentorship.imports.bulk import update_rows
from mentorship.lib.dates import ACADEMIC_YEAR_END, academic_year_label, academic_year_parse
from mentorship.lib.history import start_of_day
from mentorship.lib.periods import DEFAULT_START_MONTH, ReportPeriod
from mentorship.lib.text import plural
from mentorship.pairs import services as pair_services
from mentorship.pairs.models import Pair, PairMembership
from mentorship.people.models import College, Person, SpecialtyProgramme
from mentorship.people.selectors import academic_year_start_month

from .models import AcademicYearRollOver
from .rollover_roadmap import RoadmapRollOver, create_new_roadmap, plan_new_roadmap, roadmap_summary
from .rollover_targets import ProposedTarget, targets_proposed, targets_summary

# A pupil's course never graduates here: pupils leave by the school's own calendar, the
# curator changes them by hand. It only moves up within what a card may hold.
PUPIL_MAX_COURSE = 6  # people_person_course_range


class RollOverError(ValueError):
    """A roll-over refused; the message is Russian, for the curator."""


@dataclasses.dataclass
class Graduates:
    specialty: str
    years: int
    by_default: bool  # no row for the specialty: the college's default length
    people: list[Person]


@dataclasses.dataclass
class PairEnd:
    pair: Pair
    reason: str
    people: list[Person]  # whose leaving ends it


@dataclasses.dataclass
class RollOverPlan:
    academic_year: str
    first_year: int
    today: dt.date
    graduation_date: dt.date
    # The year's record found before anything was planned: the roll-over is already done.
    done: AcademicYearRollOver | None = None
    # The record this run wrote (after roll_over_commit).
    written: AcademicYearRollOver | None = None
    # new course -> the people who move to it
    promoted: dict[int, list[Person]] = dataclasses.field(default_factory=dict)
    pupils: dict[int, list[Person]] = dataclasses.field(default_factory=dict)
    pupils_at_max: list[Person] = dataclasses.field(default_factory=list)
    graduates: list[Graduates] = dataclasses.field(default_factory=list)
    pair_ends: list[PairEnd] = dataclasses.field(default_factory=list)
    # pairs whose mentor graduates but whose form takes alumni as mentors
    pairs_kept: list[Pair] = dataclasses.field(default_factory=list)
    default_years: int = 4
    # The college's academic year opens on the 1st of this month (people.College).
    start_month: int = DEFAULT_START_MONTH
    # The new academic year's roadmap (rollover_roadmap): created, or why not.
    roadmap: RoadmapRollOver | None = None
    # The new year's KPI targets proposed from the programme's table (rollover_targets):
    # written only when the curator confirms them, also after the roll-over itself.
    targets: list[ProposedTarget] = dataclasses.field(default_factory=list)

    @property
    def period(self) -> ReportPeriod:
        return ReportPeriod.academic_year(self.first_year, self.start_month)

    @property
    def ahead(self) -> bool:
        return self.today < self.period.start

    @property
    def late(self) -> bool:
        """Run after the new year's first day: the college moves to the year it is in."""
        return self.today > self.period.start

    @property
    def reason(self) -> str:
        return f"Перевод на новый учебный год {self.academic_year}"

    @property
    def graduate_count(self) -> int:
        return sum(len(g.people) for g in self.graduates)

    def counts(self) -> dict[str, int]:
        return {
            "promoted": sum(len(p) for p in self.promoted.values()),
            "graduated": self.graduate_count,
            "pupils_promoted": sum(len(p) for p in self.pupils.values()),
            "pairs_ended": len(self.pair_ends),
            "pairs_kept": len(self.pairs_kept),
        }


def _current_year(today: dt.date, start_month: int) -> int:
    """The first calendar year of the academic year the college is in on `today`."""
    return ReportPeriod.of_day(today, academic=True, start_month=start_month).first_year


def _catch_up_open(today: dt.date, start_month: int) -> bool:
    """The academic year already running may still be moved to: from its first day to
    31 December (a college that missed its first day catches up); later the next year is
    the one to move to. The one rule _check_year refuses by and roll_over_next offers by."""
    return today <= dt.date(_current_year(today, start_month), 12, 31)


def _check_year(to: str, today: dt.date, start_month: int) -> int:
    """The first calendar year of `to`, if the college may move to it today: the next
    academic year (ahead of its first day), or — until 31 December — the current one, when
    the college has not moved to it yet (a roll-over run late). Never back, never over a
    year: after a roll-over to X the only one left is X + 1."""
    try:
        first_year = academic_year_parse(to)
    except ValueError as error:
        raise RollOverError(f"{str(error)[:1].upper()}{str(error)[1:]}.") from None
    current = _current_year(today, start_month)
    late_allowed = _catch_up_open(today, start_month)
    if first_year != current + 1 and not (first_year == current and late_allowed):
        if late_allowed:
            allowed = (
                f"на текущий учебный год {academic_year_label(current)} (если перевод на него "
                f"ещё не выполнен) или на следующий: {academic_year_label(current + 1)}"
            )
        else:
            allowed = f"на следующий учебный год: {academic_year_label(current + 1)}"
        raise RollOverError(f"Перевести можно только {allowed}.")
    done = sorted(AcademicYearRollOver.objects.values_list("academic_year", flat=True))
    if first_year == current + 1 and late_allowed and academic_year_label(current) in done:
        raise RollOverError(
            f"Колледж уже переведён на {academic_year_label(current)} учебный год; перевод на "
            f"{academic_year_label(current + 1)} возможен с 1 января {current + 1} года."
        )
    if done:
        last = academic_year_parse(done[-1])
        if first_year < last:
            raise RollOverError(
                f"Перевод на {academic_year_label(last)} учебный год уже выполнен: "
                "на более ранний год перевести нельзя."
            )
        if first_year > last + 1:
            raise RollOverError(
                f"Последний перевод был на {academic_year_label(last)} учебный год: сначала "
                f"переведите на {academic_year_label(last + 1)}."
            )
    return first_year


def roll_over_next(today: dt.date) -> str:
    """The academic year the screen offers: the next one — or, until 31 December, the
    current one when the college has moved to it or is catching up (moved to the year
    before it only)."""
    start_month = academic_year_start_month()
    current = _current_year(today, start_month)
    done = set(AcademicYearRollOver.objects.values_list("academic_year", flat=True))
    label = academic_year_label(current)
    behind = academic_year_label(current - 1) in done and label not in done
    # In the catch-up window the current year's roll-over is the one shown: to catch up, or
    # — done — with its proposed KPI targets; the next one is not offered months ahead.
    if (behind or label in done) and _catch_up_open(today, start_month):
        return label
    return academic_year_label(current + 1)


def roll_over_plan(*, to: str, today: dt.date) -> RollOverPlan:
    """What the roll-over to the academic year `to` («2027/2028») would change; writes
    nothing. A year already rolled over gives a plan with `done` set and nothing in it."""
    start_month = academic_year_start_month()
    done = AcademicYearRollOver.objects.filter(academic_year=str(to).strip()).first()
    if done is not None:
        first_year = academic_year_parse(done.academic_year)
    else:
        first_year = _check_year(to, today, start_month)
    period = ReportPeriod.academic_year(first_year, start_month)
    plan = RollOverPlan(
        academic_year=period.key,
        first_year=first_year,
        today=today,
        # The finished year's last session is over by 30 June (or by the eve of a year
        # that opens earlier than September).
        graduation_date=min(
            dt.date(first_year, *ACADEMIC_YEAR_END), period.start - dt.timedelta(days=1)
        ),
        done=done,
        start_month=start_month,
    )
    plan.targets = targets_proposed(plan.period)
    if done is not None:
        return plan
    # Read, not College.get(): a preview creates nothing, not even the college's card.
    plan.default_years = (
        College.objects.filter(pk=1).values_list("default_programme_years", flat=True).first()
        or College._meta.get_field("default_programme_years").default
    )
    lengths = {p.specialty_key: p.years for p in SpecialtyProgramme.objects.all()}
    promoted = defaultdict(list)
    graduates: dict[str, Graduates] = {}
    learners = Person.objects.filter(
        kind__in=[Person.Kind.STUDENT, Person.Kind.PUPIL], course__isnull=False
    ).order_by("course", "last_name", "first_name", "middle_name", "pk")
    for person in learners:
        if person.kind == Person.Kind.PUPIL:
            if person.course >= PUPIL_MAX_COURSE:
                plan.pupils_at_max.append(person)
            else:
                plan.pupils.setdefault(person.course + 1, []).append(person)
            continue
        key = SpecialtyProgramme.key_of(person.specialty)
        years = lengths.get(key, plan.default_years)
        if person.course >= years:
            group = graduates.get(key)
            if group is None:
                group = graduates[key] = Graduates(
                    specialty=person.specialty or "специальность не указана",
                    years=years,
                    by_default=key not in lengths,
                    people=[],
                )
            group.people.append(person)
        else:
            promoted[person.course + 1].append(person)
    plan.promoted = dict(sorted(promoted.items()))
    plan.graduates = sorted(graduates.values(), key=lambda g: g.specialty)
    _plan_pairs(plan)
    plan.roadmap = plan_new_roadmap(period=plan.period, today=today)
    return plan


def _plan_pairs(plan: RollOverPlan) -> None:
    graduating = {p.pk for g in plan.graduates for p in g.people}
    year = f"перевод на {plan.academic_year} учебный год"
    pairs = (
        Pair.objects.current()
        .select_related("mentor__person", "form")
        .order_by("pk")
        # The mentees joined in the memberships' one query: a nested prefetch asks for them
        # by an OR of every id, too deep for SQLite past 1,000 mentees.
        .prefetch_related(
            Prefetch("memberships", PairMembership.objects.select_related("mentee__person"))
        )
    )
    for pair in pairs:
        mentees = [m.mentee.person for m in pair.memberships.all() if m.is_current]
        graduated = [p for p in mentees if p.pk in graduating]
        # A mentee who is no longer anyone the form mentors (an alumnus marked by hand).
        left = [
            p for p in mentees if p.pk not in graduating and p.kind not in pair.form.mentee_kinds
        ]
        mentor = pair.mentor.person
        if graduated:
            plan.pair_ends.append(
                PairEnd(pair, f"Наставляемый окончил обучение ({year})", graduated)
            )
        elif left:
            plan.pair_ends.append(
                PairEnd(
                    pair,
                    f"Наставляемый больше не относится к участникам формы «{pair.form.name}»: "
                    f"{left[0].get_kind_display()} ({year})",
                    left,
                )
            )
        elif mentor.pk in graduating:
            # An alumnus may go on mentoring where the form takes alumni (студент – студент);
            # elsewhere the pair loses its mentor with the graduation.
            if Person.Kind.ALUMNUS in pair.form.mentor_kinds:
                plan.pairs_kept.append(pair)
            else:
                plan.pair_ends.append(
                    PairEnd(pair, f"Наставник окончил обучение ({year})", [mentor])
                )


@transaction.atomic
def roll_over_commit(*, to: str, today: dt.date, by=None, by_name: str = "") -> RollOverPlan:
    """Write the roll-over: all of it or, on any error, nothing. A year already rolled over
    is left as it is (the returned plan has `done` set)."""
    plan = roll_over_plan(to=to, today=today)
    if plan.done is not None:
        return plan
    # The year's row first: a second roll-over running at the same time stops on its
    # unique academic year instead of advancing the courses twice.
    record = AcademicYearRollOver.objects.create(
        academic_year=plan.academic_year,
        done_by=by,
        done_by_name=by_name or (by.get_full_name() or by.get_username() if by else ""),
        counts=plan.counts(),
    )
    now = timezone.now()
    # When the changes take effect, as the history (and so every report on a period) dates
    # them: run ahead of the new year, on its first day — the year still running is
    # reported with the courses and kinds it had; otherwise now.
    effective = start_of_day(plan.period.start) if plan.ahead else now
    changed = []
    for course, people in [*plan.promoted.items(), *plan.pupils.items()]:
        for person in people:
            person.course = course
            changed.append(person)
    for group in plan.graduates:
        for person in group.people:
            person.kind = Person.Kind.ALUMNUS
            # people_person_course_only_for_learners / _study_form_only_for_learners
            person.course = None
            person.study_form = ""
            person.graduated_on = plan.graduation_date
            changed.append(person)
    for person in changed:
        person.updated_at = now
        person._change_reason = plan.reason
        person._history_date = effective  # bulk.update_rows dates the row by it
    update_rows(
        Person,
        changed,
        ["kind", "course", "study_form", "graduated_on", "updated_at"],
        history_user=by,
    )
    _end_pairs(plan, by, effective)
    create_new_roadmap(plan.roadmap, reason=plan.reason, by=by)
    plan.written = record
    return plan


def _end_pairs(plan: RollOverPlan, by, effective: dt.datetime) -> None:
    """The plan's pair ends through the pairs' own service, all at once: it checks the pairs,
    records the status changes with their reasons and returns the mentees to the bank — but
    a graduate does not wait for a new mentor. Groups end as a whole: the service has no way
    to take one mentee out of a group."""
    graduating = {p.pk for g in plan.graduates for p in g.people}
    ends = [
        (end.pair, max(min(plan.today, plan.graduation_date), end.pair.start_date), end.reason)
        for end in plan.pair_ends
    ]
    leaving = frozenset(
        m.mentee_id
        for end in plan.pair_ends
        for m in end.pair.memberships.all()
        if m.mentee.person_id in graduating
    )
    pair_services.pairs_end_early_many(
        ends=ends, by=by, change_reason=plan.reason, leaving=leaving, history_date=effective
    )


def _names(people: list[Person]) -> str:
    return ", ".join(p.short_name for p in people)


def roll_over_summary(plan: RollOverPlan) -> list[str]:
    """The plan in Russian lines, as the command prints it and a screen shows it."""
    if plan.done is not None:
        return [
            f"Перевод на {plan.academic_year} учебный год уже выполнен "
            f"{timezone.localtime(plan.done.done_at):%d.%m.%Y}."
        ]
    lines = [f"Перевод на {plan.academic_year} учебный год."]
    if plan.ahead:
        lines.append(
            f"Учебный год {plan.academic_year} начнётся "
            f"{plan.period.start:%d.%m.%Y}; перевод выполняется заранее."
        )
    if plan.late:
        lines.append(
            f"Учебный год {plan.academic_year} начался "
            f"{plan.period.start:%d.%m.%Y}; перевод выполняется с "
            "опозданием: курсы и выпускники станут такими, какими должны быть с этого дня."
        )
    if plan.today < plan.graduation_date:
        # The roll-over takes only the next year, so it can run while this one still goes on:
        # graduates get the year's last day, their pairs end on the day of the run.
        lines.append(
            f"Учебный год {academic_year_label(plan.first_year - 1)} ещё не закончился: "
            f"выпускники получат дату окончания {plan.graduation_date:%d.%m.%Y}, "
            f"их пары прекратятся {plan.today:%d.%m.%Y}."
        )
    counts = plan.counts()
    lines.append(
        f"Переводятся на следующий курс: {counts['promoted']} "
        f"{plural(counts['promoted'], 'обучающийся', 'обучающихся', 'обучающихся')}."
    )
    for course, people in plan.promoted.items():
        lines.append(f"  на {course} курс ({len(people)}): {_names(people)}")
    lines.append(
        f"Оканчивают обучение {plan.graduation_date:%d.%m.%Y} и становятся выпускниками: "
        f"{counts['graduated']}."
    )
    for group in plan.graduates:
        length = f"срок обучения {group.years} {plural(group.years, 'год', 'года', 'лет')}"
        if group.by_default:
            length += " — по умолчанию для колледжа: срок по специальности не указан"
        lines.append(f"  {group.specialty} ({length}; {len(group.people)}): {_names(group.people)}")
    if plan.pupils or plan.pupils_at_max:
        lines.append(
            f"Школьники переводятся на следующий курс: {counts['pupils_promoted']} "
            "(выпускниками при переводе не становятся)."
        )
        for course, people in plan.pupils.items():
            lines.append(f"  на {course} курс ({len(people)}): {_names(people)}")
        if plan.pupils_at_max:
            lines.append(
                f"  остаются на {PUPIL_MAX_COURSE} курсе (больший курс не хранится): "
                f"{_names(plan.pupils_at_max)}"
            )
    lines.append(f"Пары и группы, которые прекращаются: {counts['pairs_ended']}.")
    for end in plan.pair_ends:
        what = "группа" if len(end.pair.memberships.all()) > 1 else "пара"
        lines.append(f"  {what} {end.pair}: {end.reason} — {_names(end.people)}")
    if plan.pairs_kept:
        lines.append(
            "Наставник окончил обучение, но пара продолжается (в этой форме наставником "
            f"может быть выпускник): {counts['pairs_kept']}."
        )
        for pair in plan.pairs_kept:
            lines.append(f"  {pair}")
    lines.append(
        "Наставляемые, ожидающие наставника, остаются в банке; статусы наставников не меняются."
    )
    if plan.roadmap is not None:
        lines += roadmap_summary(plan.roadmap)
    lines += targets_summary(plan.targets, plan.period)
    return lines
