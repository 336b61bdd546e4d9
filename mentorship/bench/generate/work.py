"""Writes the planned pairs and their work: memberships, the status history the services
would have left, individual plans with tasks, meetings with attendees, achievements. Tasks
and meetings are dated as the demo's (mentorship/demo/pairs.py task_dates, meeting_days)."""

import datetime as dt

from mentorship.demo.pairs import DOCUMENT_FOR, PS, F, K, meeting_days, task_dates, task_specs
from mentorship.lib.dates import college_workday as workday
from mentorship.pairs.models import (
    Achievement,
    IndividualPlan,
    Meeting,
    Pair,
    PairMembership,
    PairStatusChange,
    PlanTask,
)
from mentorship.people.models import MentoringForm, RoleModel

from .state import PairRec, State

ACHIEVEMENT_SHARE = {"mentee": 0.07, "mentor": 0.04}


def write_pairs(s: State) -> None:
    forms = {f.code: f for f in MentoringForm.objects.all()}
    role_models: dict[str, list[RoleModel]] = {}
    for r in RoleModel.objects.all():
        role_models.setdefault(r.form_id, []).append(r)
    rng = s.rng("pairs")
    goals = s.programme["goals"]
    pairs = []
    for rec in s.pairs:
        form = forms[rec.form]
        options = [r for r in role_models.get(form.pk, []) if r.name in goals.get(rec.form, {})]
        role_model = rng.choice(options or role_models.get(form.pk) or [None])
        rec.role_model = role_model.name if role_model else ""
        rec.obj = Pair(
            mentor=s.mentor_profiles[id(rec.mentor.person)],
            form=form,
            role_model=role_model,
            status=rec.status,
            start_date=rec.start,
            planned_end_date=rec.planned_end,
            end_date=rec.end_date,
            order_number=rec.order_number,
            order_date=rec.order_date,
            end_reason=rec.end_reason,
            result_summary=rec.result_summary,
        )
        pairs.append(rec.obj)
    s.bulk(Pair, pairs, recorded_on=lambda pair: min(pair.start_date, s.today))

    memberships, changes = [], []
    for rec in s.pairs:
        for w in rec.mentees:
            memberships.append(
                PairMembership(
                    pair_id=rec.obj.pk,
                    mentee_id=s.mentee_profiles[id(w.person)].pk,
                    form_id=rec.obj.form_id,
                    is_current=rec.status in Pair.CURRENT_STATUSES,
                    joined_on=rec.start,
                )
            )
        # The history pairs/services.py records: formed, activated by the order, closed.
        steps = [("", PS.FORMING, rec.start, "")]
        if rec.order_date:
            steps.append((PS.FORMING, PS.ACTIVE, rec.order_date, ""))
        if rec.status in Pair.CLOSED_STATUSES:
            steps.append((PS.ACTIVE, rec.status, rec.end_date, rec.end_reason))
        for old, new, day, reason in steps:
            changes.append(
                PairStatusChange(
                    pair_id=rec.obj.pk,
                    from_status=old,
                    to_status=new,
                    changed_on=day,
                    changed_by_id=s.curator.pk,
                    reason=reason,
                )
            )
    s.bulk(PairMembership, memberships)
    s.bulk(PairStatusChange, changes)
    _write_work(s)
    _write_achievements(s)


def _fill(s: State, rec: PairRec) -> dict:
    subjects = s.programme["subjects"]
    first = rec.mentees[0].person
    org = rec.mentor.person.organisation
    return {
        "org": org.name if org else s.college["college"]["short_name"],
        "subject": subjects.get(first.position.split(",")[0], subjects["default"]),
    }


def _write_work(s: State) -> None:
    plans, tasks, meetings, attendees = [], [], [], []
    for index, rec in enumerate(s.pairs):
        rng = s.rng("work", index)
        fill = _fill(s, rec)
        if rec.status == PS.FORMING:
            day = workday(rec.start + dt.timedelta(days=rng.randint(1, 4)))
            if rng.random() < 0.5 and day <= s.today:
                meetings.append(_meeting(s, rng, rec, K.ACQUAINTANCE, day))
                attendees.append(rec.mentees)
            continue
        goals = s.programme["goals"][rec.form]
        text = goals.get(rec.role_model) or next(iter(goals.values()))
        plan = IndividualPlan(pair_id=rec.obj.pk, goals=text.format(**fill))
        plans.append(plan)
        tasks += _tasks(s, rng, rec, plan, fill)
        days = meeting_days(rng, rec, s.today, stalled=rec.start if rec.inactive else None)
        for kind, day in days:
            meeting = _meeting(s, rng, rec, kind, day)
            meetings.append(meeting)
            absent = None
            if len(rec.mentees) > 1 and kind not in (K.ACQUAINTANCE, K.FINAL):
                if rng.random() < 0.2:
                    absent = rng.choice(rec.mentees)
            attendees.append([w for w in rec.mentees if w is not absent])
    s.bulk(IndividualPlan, plans)
    s.bulk(PlanTask, tasks)
    s.bulk(Meeting, meetings)
    profiles = s.mentee_profiles
    s.bulk_links(
        Meeting.attendees, meetings, [[profiles[id(w.person)].pk for w in ws] for ws in attendees]
    )


def _tasks(s: State, rng, rec: PairRec, plan, fill) -> list[PlanTask]:
    chosen = task_specs(rng, s.programme["tasks"][rec.form])
    out = []
    for spec, due, done_on, turn in task_dates(rng, chosen, rec, s.today):
        mentee = None
        if turn is not None:
            mentee = s.mentee_profiles[id(rec.mentees[turn % len(rec.mentees)].person)].pk
        out.append(
            PlanTask(
                plan=plan,
                title=spec["title"].format(**fill),
                due_date=due,
                mentee_id=mentee,
                done=done_on is not None,
                done_on=done_on,
            )
        )
    return out


def _meeting(s: State, rng, rec: PairRec, kind: str, day: dt.date) -> Meeting:
    texts = s.programme["meetings"]
    group = len(rec.mentees) > 1
    if kind == K.ACQUAINTANCE:
        topic = texts["acquaintance"]["group" if group else "pair"]
    elif kind == K.TRIAL:
        topic = texts["trial"][rec.form]
    elif kind == K.REGULAR:
        topic = rng.choice(texts["regular"][rec.form])
    else:
        topic = texts["planning" if kind == K.PLANNING else "final"]
    draw = rng.random()
    if kind in (K.ACQUAINTANCE, K.FINAL) or draw >= 0.3:
        format_ = F.IN_PERSON
    else:
        format_ = F.ONLINE if draw < 0.2 else F.MIXED
    return Meeting(
        pair_id=rec.obj.pk,
        kind=kind,
        date=day,
        format=format_,
        topic=topic,
        notes=rng.choice(texts["notes"][kind]),
        created_by_id=s.curator.pk,
    )


def _write_achievements(s: State) -> None:
    rng = s.rng("achievements")
    specs = s.programme["achievements"]
    mentee_specs = [a for a in specs if a["who"] == "mentee"]
    mentor_specs = [a for a in specs if a["who"] == "mentor"]
    rows = []
    for rec in s.pairs:
        if rec.order_date is None:
            continue
        last = min(rec.end_date or s.today, s.today)
        if last <= rec.order_date:
            continue
        people = [("mentee", w) for w in rec.mentees] + [("mentor", rec.mentor)]
        for who, w in people:
            if rng.random() >= ACHIEVEMENT_SHARE[who]:
                continue
            pool = (
                [a for a in mentee_specs if rec.form in a["forms"]]
                if who == "mentee"
                else [a for a in mentor_specs if w.kind in a["kinds"]]
            )
            if not pool:
                continue
            spec = rng.choice(pool)
            result = rng.choice(spec["results"])
            special = result != Achievement.Result.PARTICIPANT and spec.get("document")
            span = (last - rec.order_date).days
            rows.append(
                Achievement(
                    person=w.person,
                    pair=rec.obj if spec.get("link", True) else None,
                    event=spec["event"],
                    level=spec["level"],
                    result=result,
                    document=special or DOCUMENT_FOR[result],
                    date=rec.order_date + dt.timedelta(days=rng.randint(0, span)),
                )
            )
    s.bulk(Achievement, rows)
