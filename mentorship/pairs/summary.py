"""Counts of pairs for the office start pages."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from mentorship.people.models import College

from .models import Pair


@dataclass(frozen=True)
class PairsSummary:
    by_status: list[tuple[str, str, int]]
    groups: int
    inactive: int
    inactivity_days: int


def pairs_summary() -> PairsSummary:
    days = College.get().inactivity_days
    counts = dict(Pair.objects.values_list("status").annotate(n=Count("pk")).order_by())
    groups = (
        Pair.objects.current()
        .annotate(size=Count("memberships"))
        .filter(size__gt=1)
        .count()
    )
    inactive = Pair.objects.inactive_on(timezone.localdate(), days).count()
    return PairsSummary(
        by_status=[(value, label, counts.get(value, 0)) for value, label in Pair.Status.choices],
        groups=groups,
        inactive=inactive,
        inactivity_days=days,
    )
