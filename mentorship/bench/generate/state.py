"""What the generator keeps between its steps: sizes, the seeded generators, the reference
data, and the people and pairs planned so far (model instances with a little side data)."""

import datetime as dt
import itertools
import random
from collections import Counter
from dataclasses import dataclass, field

from mentorship.lib.dates import academic_year_first_day, academic_year_start
from mentorship.lib.history import start_of_day
from mentorship.people.models import Person

from .reference import NameDrawer, fixture

BATCH = 1000


@dataclass(frozen=True)
class Sizes:
    students: int
    teachers: int
    organisations: int
    years: int


@dataclass(eq=False)
class Who:
    """A planned person: the unsaved Person and what the plan needs to know about them."""

    person: Person
    gender: str
    cohort: int | None = None  # year of admission (students, alumni)
    surname: str = ""  # the family's surname (for a minor's representative)
    father: str = ""
    experience: int | None = None  # teachers: years today
    pairs_as_mentor: list = field(default_factory=list)
    pairs_as_mentee: list = field(default_factory=list)
    mentor_capacity: int = 0
    mentee_form: str = ""  # a mentee without a pair: the form they wait for
    consent_from: dt.date | None = None  # a consent on file is needed by this day

    @property
    def kind(self) -> str:
        return self.person.kind

    def course_in(self, year: int) -> int | None:
        """The course in the academic year starting in `year` (None: not a student then)."""
        if self.cohort is None:
            return None
        course = year - self.cohort + 1
        return course if 1 <= course <= 4 else None


@dataclass(eq=False)
class PairRec:
    mentor: Who
    form: str
    mentees: list[Who]
    year: int  # the academic year it started in
    start: dt.date
    planned_end: dt.date
    status: str
    order_number: str = ""
    order_date: dt.date | None = None
    end_date: dt.date | None = None
    end_reason: str = ""
    result_summary: str = ""
    role_model: str = ""
    inactive: bool = False  # an active pair that stopped meeting
    obj: object = None  # the saved Pair

    def at_work_on(self, day: dt.date) -> bool:
        if self.order_date is None or day < self.order_date:
            return False
        return self.end_date is None or day <= self.end_date


class State:
    def __init__(self, sizes: Sizes, seed: str, today: dt.date):
        self.sizes = sizes
        self.seed = seed
        self.today = today
        self.year0 = academic_year_start(today).year
        # Academic years of the programme, oldest first; the last is the current one.
        self.years = [self.year0 - k for k in reversed(range(sizes.years))]
        self.college = fixture("college.json")
        self.programme = fixture("programme.json")
        self.surveys = fixture("surveys.json")
        self.names = NameDrawer(self.rng("names"))
        self.organisations: list = []  # PartnerOrganisation, saved
        self.org_type: dict[int, str] = {}  # id(organisation) -> fixture type
        self.people: list[Who] = []
        self.pairs: list[PairRec] = []
        self.curator = None  # the bench curator's User: records statuses, paper answers
        self.created: Counter = Counter()  # verbose_name_plural -> rows
        self.notes: list[str] = []
        self.email_numbers = itertools.count(1)  # keeps generated addresses apart
        self.mentor_pool: list[Who] = []  # teachers and employees ready to mentor
        self.consents: dict = {}  # id(Person) -> [Consent], oldest first
        self.mentor_profiles: dict = {}  # id(Person) -> MentorProfile
        self.mentee_profiles: dict = {}  # id(Person) -> MenteeProfile

    def rng(self, *parts) -> random.Random:
        return random.Random("/".join(["bench", str(self.seed), *map(str, parts)]))

    def of_kind(self, kind: str) -> list[Who]:
        return [w for w in self.people if w.person.kind == kind]

    def bulk(self, model, objs: list, count: bool = True, recorded_on=None) -> list:
        """Insert objs in batches. recorded_on (a date, or a function of an object giving
        one): also write each object's «+» history row, dated 00:00 of that day."""
        objs = model.objects.bulk_create(objs, batch_size=BATCH)
        if recorded_on is not None:
            self.history(model, objs, recorded_on)
        if count:
            self.created[model._meta.verbose_name_plural] += len(objs)
        return objs

    def history(self, model, objs: list, recorded_on) -> None:
        """The «+» history rows of objects written in bulk, as if entered on recorded_on.
        Reports on a period read people, their profiles, organisations and pairs from their
        history as it stood at the period's end (lib.history): without these rows a
        generated college would have nobody in it for any period."""
        for obj in objs:
            day = recorded_on(obj) if callable(recorded_on) else recorded_on
            obj._history_date = start_of_day(day)
        model.history.bulk_history_create(objs, batch_size=BATCH)

    @property
    def first_day(self) -> dt.date:
        """The first day of the programme's oldest academic year: when the generated
        college's registry (organisations, people, the banks) counts as entered."""
        return self.year_start(self.years[0])

    def bulk_links(self, relation, owners: list, targets: list) -> None:
        """Rows of a many-to-many relation (MentorProfile.forms, say): owners[i] (saved) is
        linked to the primary keys in targets[i]. Not counted in the report."""
        field, through = relation.field, relation.through
        own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [
            through(**{own: owner.pk, other: pk})
            for owner, pks in zip(owners, targets, strict=True)
            for pk in pks
        ]
        self.bulk(through, rows, count=False)

    def year_start(self, year: int) -> dt.date:
        return academic_year_first_day(year)

    def clamp(self, day: dt.date) -> dt.date:
        return min(day, self.today)
