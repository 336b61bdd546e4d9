"""The roll-over of the college to the next academic year (roadmap.rollover), the preview
and the commit, called as the screen calls them. The commit runs inside a transaction that
is rolled back every time: the bench college stays as generated, and every timed run rolls
over the same college."""

from django.db import transaction
from django.utils import timezone

from mentorship.lib.dates import academic_year_label, academic_year_of
from roadmap.models import AcademicYearRollOver
from roadmap.rollover import roll_over_commit, roll_over_plan, roll_over_summary

from . import config
from .measure import StepError, measure

PREVIEW_NAME = "перевод на новый учебный год: просмотр"
COMMIT_NAME = "перевод на новый учебный год: запись (с откатом)"


def _target() -> tuple[str, object]:
    today = timezone.localdate()
    return academic_year_label(academic_year_of(today) + 1), today


def _preview():
    to, today = _target()
    plan = roll_over_plan(to=to, today=today)
    if plan.done is not None:
        raise StepError(f"в базе перевод на {to} уже выполнен: замерять нечего")
    roll_over_summary(plan)  # the lines the screen shows are part of the preview
    return plan


def _commit():
    to, today = _target()
    with transaction.atomic():
        plan = roll_over_commit(to=to, today=today, by_name="make bench")
        transaction.set_rollback(True)
    if plan.written is None:
        raise StepError(f"в базе перевод на {to} уже выполнен: замерять нечего")
    return plan


def measure_rollover(size: int | None, *, repeat: int | None = None, warmup: int = 1):
    """Two records: the preview and the commit (rolled back) on this database."""
    repeat = min(config.REPEAT if repeat is None else repeat, config.REPEAT_SLOW)
    before = AcademicYearRollOver.objects.count()
    preview = measure(PREVIEW_NAME, size, _preview, repeat=repeat, warmup=warmup)
    commit = measure(COMMIT_NAME, size, _commit, repeat=repeat, warmup=warmup)
    if AcademicYearRollOver.objects.count() != before:
        commit.error = "перевод остался в базе: откат не сработал"
    if not commit.error:
        counts = _preview().counts()
        commit.extra.update(counts)
        preview.extra.update(counts)
    return [preview, commit]
