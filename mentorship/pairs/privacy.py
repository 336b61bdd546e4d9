"""The pairs' personal data for the privacy registry (mentorship.privacy).

A pair's texts (meeting notes and topics, plan goals and tasks, end reasons, results,
status comments) belong to both members: when one is destroyed the texts stay and only
their name goes. An achievement is the person's own: what the event was goes, the level,
the result and the date stay for the year's counts.
"""

from django.db.models import Q

from mentorship.privacy import How, ModelPrivacy, destroyed, free, kept, register

from .models import (
    Achievement,
    IndividualPlan,
    Meeting,
    Pair,
    PairMembership,
    PairStatusChange,
    PlanTask,
)

PAIR_TEXTS = "имя в заметках, планах и итогах пар"
WRITTEN = "when the row was written"
CHOICE = "a choice from a fixed list; names nobody"
DATE = "a date of the pair's work, counted by year; names nobody"


def _pairs(person):
    """The pairs the person is or was the mentor or a mentee of."""
    return Pair.objects.filter(
        Q(mentor__person=person) | Q(memberships__mentee__person=person)
    ).values("pk")


register(
    ModelPrivacy(
        Pair,
        fields=(
            free("status", CHOICE),
            free("start_date", DATE),
            free("planned_end_date", DATE),
            free("end_date", DATE),
            free("order_number", "the number of the college's order"),
            free("order_date", "the date of the college's order"),
            destroyed("end_reason", How.SCRUB_NAME),
            destroyed("result_summary", How.SCRUB_NAME),
            free("created_at", WRITTEN),
        ),
        # `id`, not `pk`: the filter also runs on the history table, whose pk is history_id.
        rows=lambda person: Q(id__in=_pairs(person)),
        item=PAIR_TEXTS,
    ),
    ModelPrivacy(
        PairMembership,
        fields=(free("joined_on", DATE),),
    ),
    ModelPrivacy(
        Meeting,
        fields=(
            free("kind", CHOICE),
            free("date", DATE),
            free("format", CHOICE),
            destroyed("topic", How.SCRUB_NAME),
            destroyed("notes", How.SCRUB_NAME),
            free("created_at", WRITTEN),
        ),
        rows=lambda person: Q(pair__in=_pairs(person)),
        item=PAIR_TEXTS,
    ),
    ModelPrivacy(
        IndividualPlan,
        fields=(destroyed("goals", How.SCRUB_NAME), free("updated_at", WRITTEN)),
        rows=lambda person: Q(pair__in=_pairs(person)),
        item=PAIR_TEXTS,
    ),
    ModelPrivacy(
        PlanTask,
        fields=(
            destroyed("title", How.SCRUB_NAME),
            free("due_date", DATE),
            free("done_on", DATE),
        ),
        rows=lambda person: Q(plan__pair__in=_pairs(person)),
        item=PAIR_TEXTS,
    ),
    ModelPrivacy(
        PairStatusChange,
        fields=(
            free("from_status", CHOICE),
            free("to_status", CHOICE),
            free("changed_on", DATE),
            free("changed_at", WRITTEN),
            destroyed("reason", How.SCRUB_NAME),
        ),
        rows=lambda person: Q(pair__in=_pairs(person)),
        item=PAIR_TEXTS,
    ),
    ModelPrivacy(
        Achievement,
        fields=(
            # Which olympiad or contest, with the result and the date, can be looked up
            # in the organisers' public lists of winners.
            destroyed("event", How.REPLACE),
            kept("level", "the year's achievements by level"),
            kept("result", "the year's achievements by result"),
            kept("document", "a choice from a fixed list"),
            kept("date", "the year's achievements; without the event it points at nobody"),
        ),
        rows=lambda person: Q(person=person),
        item="названия мероприятий в достижениях (уровень, результат и дата сохранены)",
    ),
)
