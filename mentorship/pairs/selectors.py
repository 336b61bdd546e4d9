"""Reads of pairs for the participants' cabinet.

Everything starts from pairs_visible_to(user): a mentor or mentee reaches a pair, its plan
and meetings only through it, so another pair's object is simply not found (404).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from accounts.roles import Role
from mentorship.lib.numbers import percent

from .models import IndividualPlan, Meeting, Pair, PairMembership, PlanTask


def pairs_visible_to(user) -> QuerySet[Pair]:
    """Pairs the user works in: as their mentor (Наставник role) or a member (Наставляемый)."""
    conditions = []
    if user.has_role(Role.MENTOR):
        conditions.append(Q(mentor__person__user=user))
    if user.has_role(Role.MENTEE):
        member_of = PairMembership.objects.filter(mentee__person__user=user).values("pair_id")
        conditions.append(Q(pk__in=member_of))
    if not user.is_authenticated or not conditions:
        return Pair.objects.none()
    visible = conditions[0]
    for condition in conditions[1:]:
        visible |= condition
    return Pair.objects.filter(visible)


def _percent(done: int, total: int) -> int | None:
    value = percent(done, total, places=0)
    return None if value is None else int(value)


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=PairMembership.objects.select_related("mentee__person").order_by(
            "mentee__person__last_name", "mentee__person__first_name", "pk"
        ),
    )


@dataclass(frozen=True)
class CabinetPair:
    """A pair as one of its people sees it in the list."""

    pair: Pair
    as_mentor: bool
    mentee_names: list[str]
    last_meeting: dt.date | None
    task_total: int
    task_done: int

    @property
    def percent(self) -> int | None:
        return _percent(self.task_done, self.task_total)

    @property
    def is_closed(self) -> bool:
        return self.pair.status in Pair.CLOSED_STATUSES


def cabinet_pair_list(user, *, current_only: bool = False) -> list[CabinetPair]:
    """The user's pairs, current first: a fixed number of queries however many there are."""
    pairs = (
        pairs_visible_to(user)
        .select_related("mentor__person", "form")
        .prefetch_related(_members_prefetch())
        .with_activity()
        .annotate(
            closed_last=Case(
                When(status__in=Pair.CLOSED_STATUSES, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("closed_last", "-start_date", "pk")
    )
    if current_only:
        pairs = pairs.filter(status__in=Pair.CURRENT_STATUSES)
    as_mentor_allowed = user.has_role(Role.MENTOR)
    return [
        CabinetPair(
            pair=pair,
            as_mentor=as_mentor_allowed and pair.mentor.person.user_id == user.pk,
            mentee_names=[m.mentee.person.full_name for m in pair.memberships.all()],
            last_meeting=pair.last_meeting,
            task_total=pair.task_total,
            task_done=pair.task_done,
        )
        for pair in pairs
    ]


@dataclass(frozen=True)
class PairAccess:
    """What the user may do in one of their pairs. Closed pairs are read-only for all."""

    pair: Pair
    is_mentor: bool
    mentee_id: int | None  # the user's own MenteeProfile in this pair, if a member

    @property
    def read_only(self) -> bool:
        return self.pair.status in Pair.CLOSED_STATUSES

    @property
    def can_record_meetings(self) -> bool:
        return self.is_mentor and not self.read_only

    def may_mark(self, task: PlanTask) -> bool:
        """The mentor marks any task of the pair; a mentee only their own."""
        return self.is_mentor or (self.mentee_id is not None and task.mentee_id == self.mentee_id)


def pair_access_get(*, user, pk: int) -> PairAccess | None:
    """The pair with this pk if the user works in it, else None."""
    pair = (
        pairs_visible_to(user).select_related("mentor__person", "form", "role_model").filter(pk=pk)
    ).first()
    if pair is None:
        return None
    mentee_id = None
    if user.has_role(Role.MENTEE):
        mentee_id = (
            pair.memberships.filter(mentee__person__user=user)
            .values_list("mentee_id", flat=True)
            .first()
        )
    return PairAccess(
        pair=pair,
        is_mentor=user.has_role(Role.MENTOR) and pair.mentor.person.user_id == user.pk,
        mentee_id=mentee_id,
    )


@dataclass(frozen=True)
class TaskRow:
    task: PlanTask
    can_mark: bool
    is_mine: bool
    overdue: bool


@dataclass(frozen=True)
class PairWork:
    plan: IndividualPlan | None
    tasks: list[TaskRow]
    meetings: list[Meeting]
    mentees: list = field(default_factory=list)  # MenteeProfile, with person

    @property
    def task_done(self) -> int:
        return sum(1 for row in self.tasks if row.task.done)

    @property
    def percent(self) -> int | None:
        return _percent(self.task_done, len(self.tasks))


def pair_work_get(access: PairAccess) -> PairWork:
    """The plan, its tasks and the meetings of a pair the user may open."""
    pair = access.pair
    today = timezone.localdate()
    plan = IndividualPlan.objects.filter(pair=pair).first()
    tasks = []
    if plan is not None:
        for task in plan.tasks.select_related("mentee__person"):
            tasks.append(
                TaskRow(
                    task=task,
                    can_mark=not access.read_only and access.may_mark(task),
                    is_mine=access.mentee_id is not None and task.mentee_id == access.mentee_id,
                    overdue=not task.done and task.due_date < today,
                )
            )
    meetings = list(
        pair.meetings.select_related("created_by").prefetch_related("attendees__person")
    )
    mentees = [
        m.mentee
        for m in pair.memberships.select_related("mentee__person").order_by(
            "mentee__person__last_name", "mentee__person__first_name", "pk"
        )
    ]
    return PairWork(plan=plan, tasks=tasks, meetings=meetings, mentees=mentees)


def pair_task_get(access: PairAccess, task_pk: int) -> PlanTask | None:
    """A task of this pair that the user may mark; None for anything else."""
    task = PlanTask.objects.filter(pk=task_pk, plan__pair=access.pair).first()
    if task is None or not access.may_mark(task):
        return None
    return task


def pair_meeting_get(access: PairAccess, meeting_pk: int) -> Meeting | None:
    return (
        access.pair.meetings.filter(pk=meeting_pk)
        .select_related("created_by")
        .prefetch_related("attendees__person")
        .first()
    )
