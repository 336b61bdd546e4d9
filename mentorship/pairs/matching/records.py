"""The frozen records matching reads and returns: plain values, no database."""

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Topic:
    """A competency of a mentor or a request topic of a mentee."""

    id: int
    name: str


@dataclass(frozen=True)
class FormSpec:
    """A form of mentoring with its rules (the MentoringForm's fields of the same names)."""

    code: str
    name: str
    mentor_kinds: frozenset[str]
    mentee_kinds: frozenset[str]
    mentor_course_min: int | None = None
    mentor_course_max: int | None = None
    mentee_course_min: int | None = None
    mentee_course_max: int | None = None
    mentor_senior_course: bool = False
    mentor_from_partner: bool = False


@dataclass(frozen=True)
class MentorCandidate:
    id: int  # MentorProfile pk
    name: str
    kind: str
    form_codes: frozenset[str] = frozenset()
    competency_ids: frozenset[int] = frozenset()
    specialty: str = ""
    course: int | None = None
    age: int = 30
    experience_years: int | None = None
    organisation_id: int | None = None
    capacity_left: int = 1
    approved: bool = True
    consent_ok: bool = True
    person_id: int | None = None


@dataclass(frozen=True)
class MenteeNeed:
    id: int  # MenteeProfile pk
    name: str
    kind: str
    desired_form: str | None = None
    requests: tuple[Topic, ...] = ()
    specialty: str = ""
    course: int | None = None
    age: int = 16
    experience_years: int | None = None
    study_group: str = ""
    consent_ok: bool = True
    busy_forms: frozenset[str] = frozenset()  # forms the mentee is already in a current pair of
    person_id: int | None = None

    @cached_property
    def requested_ids(self) -> frozenset[int]:
        return frozenset(topic.id for topic in self.requests)


@dataclass(frozen=True)
class Reason:
    text: str
    points: int


@dataclass(frozen=True)
class Match:
    mentee: MenteeNeed
    mentor: MentorCandidate
    form: FormSpec
    total: int = 0
    reasons: tuple[Reason, ...] = ()
    blocked_by: tuple[str, ...] = ()  # hard rules broken: then it is no candidate at all

    @property
    def is_candidate(self) -> bool:
        return not self.blocked_by

    def sort_key(self):
        return (-self.total, -self.mentor.capacity_left, self.mentor.name, self.mentor.id)


@dataclass(frozen=True)
class Unmatched:
    mentee: MenteeNeed
    reason: str


@dataclass(frozen=True)
class Proposal:
    matches: tuple[Match, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()
