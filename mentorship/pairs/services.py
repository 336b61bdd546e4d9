"""Writes of pairs and their work. Every change of a pair goes through here, so the rules
(rules.py) and the status history cannot be skipped by a screen."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from mentorship.imports.bulk import update_rows
from mentorship.people.models import MenteeProfile, MentoringForm, MentorProfile, RoleModel

from . import rules
from .models import IndividualPlan, Meeting, Pair, PairMembership, PairStatusChange, PlanTask


class PairRuleError(ValidationError):
    """A pair refused by the rules; messages are Russian and name the rule and the person."""


def _check(violations: list[str]) -> None:
    if violations:
        raise PairRuleError(violations)


def _record_status(pair: Pair, *, old: str, on: dt.date, by, reason: str = "") -> None:
    PairStatusChange.objects.create(
        pair=pair,
        from_status=old,
        to_status=pair.status,
        changed_on=on,
        changed_by=by,
        reason=reason,
    )


# A mentee's memberships, latest first: the current one, then the pair that ended last.
# nulls_last spelled out: without it PostgreSQL puts a pair with no end date first and
# SQLite last, and the two databases would give a mentee different statuses.
LATEST_MEMBERSHIP_FIRST = ("-is_current", F("pair__end_date").desc(nulls_last=True), "pk")


def _mentee_status(latest: PairMembership | None) -> str:
    """A mentee's status from their latest membership (current first, then the pair that
    ended last)."""
    if latest is None or latest.pair.status == Pair.Status.ENDED_EARLY:
        # Never paired, or the pair broke up: the target model wants the search to go on.
        return MenteeProfile.Status.WAITING
    if latest.is_current:
        return MenteeProfile.Status.IN_PAIR
    return MenteeProfile.Status.FINISHED


def _latest_memberships(mentee_ids) -> dict[int, PairMembership]:
    """Each mentee's latest membership (LATEST_MEMBERSHIP_FIRST) with its pair, in one query
    for all of them; a mentee never paired is missing."""
    memberships = (
        PairMembership.objects.filter(mentee_id__in=mentee_ids)
        .select_related("pair")
        .order_by("mentee_id", *LATEST_MEMBERSHIP_FIRST)
    )
    latest = {}
    for membership in memberships:
        latest.setdefault(membership.mentee_id, membership)
    return latest


def _refresh_profiles(*, mentees, mentor: MentorProfile, mentor_has_active: bool = False) -> None:
    """Mentee and mentor statuses follow their current pairs. A fixed number of statements
    whatever the number of mentees: one read of their memberships, one update (with its
    history rows) of those whose status changes. mentor_has_active: the caller knows the
    mentor leads an active pair (the one it has just activated)."""
    latest = _latest_memberships([mentee.pk for mentee in mentees])
    changed = []
    for mentee in mentees:
        status = _mentee_status(latest.get(mentee.pk))
        if mentee.status != status:
            mentee.status = status
            changed.append(mentee)
    # History user as save() leaves it: simple-history's default (the request's user).
    update_rows(MenteeProfile, changed, ["status"])
    if mentor.status == MentorProfile.Status.ACTIVE:
        return
    if mentor_has_active or mentor.pairs.filter(status=Pair.Status.ACTIVE).exists():
        mentor.status = MentorProfile.Status.ACTIVE
        mentor.save(update_fields=["status"])


@transaction.atomic
def pair_create(
    *,
    mentor: MentorProfile,
    mentees: list[MenteeProfile],
    form: MentoringForm,
    start_date: dt.date,
    planned_end_date: dt.date,
    role_model: RoleModel | None = None,
    order_number: str = "",
    order_date: dt.date | None = None,
    by=None,
) -> Pair:
    """Form a pair (one mentee) or a group (several). It starts as «формируется»."""
    mentees = list(dict.fromkeys(mentees))  # the same person twice is one member
    if role_model is not None and role_model.form_id != form.pk:
        raise PairRuleError(f"Вариант «{role_model.name}» относится к другой форме наставничества.")
    _check(rules.pair_violations(mentor=mentor, mentees=mentees, form=form, on=start_date))
    pair = Pair(
        mentor=mentor,
        form=form,
        role_model=role_model,
        start_date=start_date,
        planned_end_date=planned_end_date,
        order_number=order_number,
        order_date=order_date,
    )
    pair.full_clean()
    pair.save()
    try:
        with transaction.atomic():
            PairMembership.objects.bulk_create(
                PairMembership(pair=pair, mentee=m, form=form, joined_on=start_date)
                for m in mentees
            )
    except IntegrityError:
        # Another curator put one of them into a pair of this form a moment ago.
        _check(rules.one_current_pair_per_form(mentees=mentees, form=form, exclude_pair_id=pair.pk))
        raise
    _record_status(pair, old="", on=start_date, by=by)
    _refresh_profiles(mentees=mentees, mentor=mentor)
    return pair


@transaction.atomic
def pair_add_mentee(*, pair: Pair, mentee: MenteeProfile, on: dt.date, by=None) -> PairMembership:
    """Add a mentee to a current pair, which makes it a group."""
    if not pair.is_current:
        raise PairRuleError("В завершённую пару нельзя добавить наставляемого.")
    _check(
        rules.pair_violations(
            mentor=pair.mentor, mentees=[mentee], form=pair.form, on=on, exclude_pair_id=None
        )
    )
    membership = PairMembership.objects.create(
        pair=pair, mentee=mentee, form=pair.form, joined_on=on
    )
    _refresh_profiles(mentees=[mentee], mentor=pair.mentor)
    return membership


# A saved pair's references, which a change of its status never touches: the row was just
# read (locked) with them and the database's foreign keys vouch for them, so full_clean
# need not look each one up again. No check constraint of a pair names them.
_UNCHANGED_REFERENCES = ["mentor", "form", "role_model"]


def _locked(pair: Pair) -> Pair:
    return Pair.objects.select_for_update().select_related("mentor__person", "form").get(pk=pair.pk)


@transaction.atomic
def pair_activate(
    *, pair: Pair, on: dt.date, order_number: str = "", order_date: dt.date | None = None, by=None
) -> Pair:
    """«Формируется» → «активна», usually when the order is signed. Rules are checked again:
    a consent may have been withdrawn since the pair was formed."""
    pair = _locked(pair)
    if pair.status != Pair.Status.FORMING:
        raise PairRuleError(f"Пара уже «{pair.get_status_display()}».")
    mentees = list(pair.mentees.select_related("person"))
    _check(rules.consents_on_file(people=[pair.mentor.person, *(m.person for m in mentees)], on=on))
    _check(rules.mentor_is_approved(mentor=pair.mentor))
    old = pair.status
    pair.status = Pair.Status.ACTIVE
    pair.order_number = order_number or pair.order_number
    pair.order_date = order_date or pair.order_date
    pair.full_clean(exclude=_UNCHANGED_REFERENCES)
    pair.save()
    _record_status(pair, old=old, on=on, by=by)
    _refresh_profiles(mentees=mentees, mentor=pair.mentor, mentor_has_active=True)
    return pair


def _ends_before_start(pair: Pair, on: dt.date) -> list[str]:
    """A pair cannot end before it began (the database refuses it too, in English)."""
    if on >= pair.start_date:
        return []
    return [
        f"Пара № {pair.pk}: дата окончания {on:%d.%m.%Y} раньше начала работы пары "
        f"{pair.start_date:%d.%m.%Y}."
    ]


def _close(pair: Pair, *, status: str, on: dt.date, by, reason: str = "") -> Pair:
    old = pair.status
    pair.status = status
    pair.end_date = on
    pair.full_clean(exclude=_UNCHANGED_REFERENCES)
    pair.save()
    pair.memberships.update(is_current=False)
    _record_status(pair, old=old, on=on, by=by, reason=reason)
    _refresh_profiles(mentees=list(pair.mentees.all()), mentor=pair.mentor)
    return pair


@transaction.atomic
def pair_finish(*, pair: Pair, on: dt.date, result_summary: str, by=None) -> Pair:
    """Close a pair that did its work: it needs its final meeting and a summary."""
    pair = _locked(pair)
    if pair.status != Pair.Status.ACTIVE:
        raise PairRuleError(
            f"Завершить можно только активную пару, а эта — «{pair.get_status_display()}»."
        )
    if not pair.meetings.filter(kind=Meeting.Kind.FINAL).exists():
        raise PairRuleError("Перед завершением проведите и запишите итоговую встречу.")
    if not result_summary.strip():
        raise PairRuleError("Опишите итоги работы пары.")
    _check(_ends_before_start(pair, on))
    pair.result_summary = result_summary.strip()
    return _close(pair, status=Pair.Status.FINISHED, on=on, by=by)


def pair_end_early(*, pair: Pair, on: dt.date, reason: str, by=None) -> Pair:
    """Stop a pair before its time. Its mentees wait for a new mentor again. The same path
    as the roll-over's ends of many pairs, so the checks and the statuses are one rule."""
    return pairs_end_early_many(ends=[(pair, on, reason)], by=by)[0]


@transaction.atomic
def pairs_end_early_many(
    *,
    ends: list[tuple[Pair, dt.date, str]],
    by=None,
    change_reason: str = "",
    leaving: frozenset[int] = frozenset(),
    history_date: dt.datetime | None = None,
) -> list[Pair]:
    """pair_end_early for many pairs at once — (pair, day, reason) each — in a fixed number of
    statements whatever their number: the same checks, the same status history, the same
    mentee and mentor statuses. Mentees whose ids are in `leaving` leave the programme with
    their pair (a graduation): they are «завершил», not waiting for a new mentor again.
    Every history row carries change_reason, and is dated history_date (aware; by default
    now): when the changes take effect for reports read as of a date (lib.history) — the
    roll-over run ahead of a new academic year dates them at that year's first day."""
    if not ends:
        return []
    locked = {
        pair.pk: pair
        for pair in Pair.objects.select_for_update().filter(pk__in=[p.pk for p, _on, _r in ends])
    }
    problems = []
    pairs = []
    for given, on, reason in ends:
        pair = locked.get(given.pk)
        if pair is None or not pair.is_current:
            shown = pair.get_status_display() if pair else "удалена"
            problems.append(f"Пара № {given.pk} уже «{shown}».")
            continue
        if not reason.strip():
            problems.append(f"Пара № {pair.pk}: укажите причину досрочного прекращения.")
            continue
        if late := _ends_before_start(pair, on):
            problems += late
            continue
        pair._old_status = pair.status
        pair.status = Pair.Status.ENDED_EARLY
        pair.end_date = on
        pair.end_reason = reason.strip()
        pair._change_reason = change_reason or None
        _date_history(pair, history_date)
        pairs.append(pair)
    _check(problems)
    update_rows(Pair, pairs, ["status", "end_date", "end_reason"], history_user=by)
    ids = [pair.pk for pair in pairs]
    PairMembership.objects.filter(pair_id__in=ids).update(is_current=False)
    PairStatusChange.objects.bulk_create(
        PairStatusChange(
            pair=pair,
            from_status=pair._old_status,
            to_status=pair.status,
            changed_on=pair.end_date,
            changed_by=by,
            reason=pair.end_reason,
        )
        for pair in pairs
    )
    # Every membership of the pairs' mentees, latest first as _refresh_profiles reads them.
    mentee_ids = PairMembership.objects.filter(pair_id__in=ids).values("mentee_id")
    memberships = (
        PairMembership.objects.filter(mentee_id__in=mentee_ids)
        .select_related("pair", "mentee")
        .order_by("mentee_id", *LATEST_MEMBERSHIP_FIRST)
    )
    changed = []
    seen = set()
    for membership in memberships:
        mentee = membership.mentee
        if mentee.pk in seen:
            continue
        seen.add(mentee.pk)
        status = _mentee_status(membership)
        if mentee.pk in leaving and status == MenteeProfile.Status.WAITING:
            status = MenteeProfile.Status.FINISHED
        if mentee.status != status:
            mentee.status = status
            mentee._change_reason = change_reason or None
            _date_history(mentee, history_date)
            changed.append(mentee)
    update_rows(MenteeProfile, changed, ["status"], history_user=by)
    idle = MentorProfile.objects.filter(
        pk__in=[pair.mentor_id for pair in pairs], pairs__status=Pair.Status.ACTIVE
    ).exclude(status=MentorProfile.Status.ACTIVE)
    for mentor in idle.distinct():
        mentor.status = MentorProfile.Status.ACTIVE
        mentor._change_reason = change_reason or None
        _date_history(mentor, history_date)
        mentor.save(update_fields=["status"])
    return pairs


def _date_history(instance, history_date: dt.datetime | None) -> None:
    """simple-history (and imports.bulk) date the row they write by _history_date."""
    if history_date is not None:
        instance._history_date = history_date


@transaction.atomic
def plan_save(*, pair: Pair, goals: str) -> IndividualPlan:
    plan, _ = IndividualPlan.objects.update_or_create(pair=pair, defaults={"goals": goals})
    return plan


@transaction.atomic
def plan_task_mark(*, task: PlanTask, done: bool, on: dt.date) -> PlanTask:
    task.done = done
    task.done_on = on if done else None
    task.save(update_fields=["done", "done_on"])
    return task


def meeting_problems(*, pair: Pair, kind: str, date: dt.date, attendees) -> list[str]:
    """Why a meeting cannot be logged for this pair (empty: it can)."""
    problems = []
    if not pair.is_current:
        problems.append("Пара уже завершена: встречи в неё больше не записываются.")
    if date < pair.start_date:
        problems.append(
            f"Встреча не может быть раньше начала работы пары ({pair.start_date:%d.%m.%Y})."
        )
    members = set(pair.memberships.values_list("mentee_id", flat=True))
    if any(attendee.pk not in members for attendee in attendees):
        problems.append("В списке присутствовавших есть люди не из этой пары.")
    return problems


@transaction.atomic
def meeting_record(
    *,
    pair: Pair,
    kind: str,
    date: dt.date,
    topic: str,
    format: str = Meeting.Format.IN_PERSON,
    notes: str = "",
    attendees: list[MenteeProfile] | None = None,
    by=None,
) -> Meeting:
    """Log a meeting of a pair. Attendees must be the pair's own mentees."""
    pair = _locked(pair)  # the status as it is now, not as the caller last saw it
    attendees = attendees or []
    _check(meeting_problems(pair=pair, kind=kind, date=date, attendees=attendees))
    meeting = Meeting(
        pair=pair, kind=kind, date=date, topic=topic, format=format, notes=notes, created_by=by
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting
