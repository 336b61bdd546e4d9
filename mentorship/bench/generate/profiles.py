"""Consents, the mentor and mentee bases (profiles, forms, competencies, trainings,
requests) for the planned programme.

Everyone in a pair signed a consent before the pair's start — a minor's signed by a legal
representative, as people.consent_rules.consent_holds requires; a few people outside the
current pairs withdrew theirs after their last pair; a few learners outside the programme
have not brought one yet.
"""

import datetime as dt

from mentorship.demo.pairs import PS
from mentorship.demo.people import R, S, W
from mentorship.demo.plan import agree
from mentorship.lib.dates import academic_year_first_day, age_on, years_after
from mentorship.pairs.models import Pair
from mentorship.people.destruction import RETENTION_DAYS
from mentorship.people.models import (
    Competency,
    Consent,
    MenteeProfile,
    MenteeRequest,
    MentoringForm,
    MentorProfile,
    MentorTraining,
    Person,
)
from mentorship.people.models.consents import CHILD_AGE
from mentorship.people.models.persons import ADULT_AGE

from .state import State, Who

FormCode = MentoringForm.Code

NO_CONSENT_SHARE = 0.03  # learners outside the programme who have not brought one
WITHDRAWN_SHARE = 0.015
EXTRA_MENTORS = {S.APPROVED: 0.08, S.CANDIDATE: 0.08}  # of the mentors with pairs
NO_PAIR_SHARE = 0.3  # of the waiting mentees: the search has failed so far
LEARNERS = (Person.Kind.STUDENT, Person.Kind.PUPIL)


def _first_start(w: Who) -> dt.date | None:
    starts = [p.start for p in w.pairs_as_mentor + w.pairs_as_mentee]
    return min(starts) if starts else None


def _last_end(w: Who) -> dt.date | None:
    """The day the person's last pair ended; None while one is current."""
    pairs = w.pairs_as_mentor + w.pairs_as_mentee
    if any(p.end_date is None for p in pairs):
        return None
    return max(p.end_date for p in pairs)


def build_consents(s: State) -> None:
    rng = s.rng("consents")
    reasons = s.college["withdrawal_reasons"]
    first_year = s.year_start(s.years[0])
    rows, by_person = [], {}
    pool = {id(w) for w in s.mentor_pool}
    for w in s.people:
        p = w.person
        first = _first_start(w)
        participant = first is not None or w.mentee_form or id(w) in pool
        # ОВЗ is on file only with a consent that covers health data (consent_rules).
        if not participant and not p.has_disability and p.kind in LEARNERS:
            if rng.random() < NO_CONSENT_SHARE:
                continue
        # Signed when the person came (admitted, hired), at the earliest the September
        # before the programme's first year.
        if w.cohort is not None:
            entered = academic_year_first_day(max(w.cohort, first_year.year - 1))
        elif w.experience is not None and p.kind == Person.Kind.TEACHER:
            entered = academic_year_first_day(max(s.year0 - w.experience, first_year.year - 1))
        elif p.kind == Person.Kind.PUPIL:
            entered = academic_year_first_day(max(s.year0 - 2, first_year.year - 1))
        else:
            entered = first_year
        signed = entered + dt.timedelta(days=rng.randint(0, 20))
        if first is not None:
            signed = min(signed, first - dt.timedelta(days=rng.randint(1, 5)))
        consents = [_consent(s, rng, w, s.clamp(signed))]
        # Of age since a representative signed: their own consent, soon after the birthday
        # (those who turned 18 only days ago are still on the curator's «Требует внимания»).
        if consents[0].signer == Consent.Signer.REPRESENTATIVE:
            own = years_after(p.birth_date, ADULT_AGE) + dt.timedelta(days=rng.randint(0, 40))
            if own <= s.today:
                consents.append(_consent(s, rng, w, own))
        # Withdrawn only by those done with the programme (no pair this academic year, not
        # waiting for a mentor, not in the mentor bank), within the last RETENTION_DAYS: an
        # older withdrawal would already have been destroyed by the daily destroy_withdrawn.
        last = _last_end(w) if first is not None else consents[-1].signed_on
        done = last is not None and (first is None or last < s.year_start(s.year0))
        if (
            done
            and not w.mentee_form
            and id(w) not in pool
            and not p.has_disability
            and rng.random() < WITHDRAWN_SHARE
        ):
            after = max(last, consents[-1].signed_on, s.today - dt.timedelta(RETENTION_DAYS - 1))
            withdrawn = after + dt.timedelta(days=rng.randint(0, RETENTION_DAYS))
            if withdrawn < s.today:
                for consent in consents:
                    by = (
                        "representative"
                        if consent.signer == Consent.Signer.REPRESENTATIVE
                        else "self"
                    )
                    consent.withdrawn_on = withdrawn
                    consent.withdrawal_reason = rng.choice(reasons[by])
        rows += consents
        by_person[id(p)] = consents
    s.bulk(Consent, rows)
    s.consents = by_person


def _consent(s: State, rng, w: Who, signed: dt.date) -> Consent:
    """A consent signed on that day: a minor's by a legal representative, and from 14 by the
    minor as well (models.consents: CHILD_AGE)."""
    p = w.person
    consent = Consent(
        person_id=p.pk,
        signer=Consent.Signer.SELF,
        signed_on=signed,
        special_categories=p.has_disability,
    )
    age = age_on(p.birth_date, signed)
    if age < ADULT_AGE:
        consent.signer = Consent.Signer.REPRESENTATIVE
        consent.signed_by_subject = age >= CHILD_AGE
        if p.orphan:
            surname = rng.choice(s.names.names["surnames"])
            consent.representative_name = s.names.adult_name(surname, "f")
            consent.representative_relation = "опекун"
        elif rng.random() < 0.7:
            consent.representative_name = s.names.adult_name(w.surname, "f")
            consent.representative_relation = "мать"
        else:
            consent.representative_name = s.names.adult_name(w.surname, "m", first=w.father)
            consent.representative_relation = "отец"
    return consent


def _competencies(s: State) -> dict[str, Competency]:
    names = set()
    for spec in s.college["forms"].values():
        names.update(spec["mentor_competencies"], spec["mentee_topics"])
    found = {c.name: c for c in Competency.objects.filter(name__in=names)}
    missing = [Competency(name=name) for name in sorted(names - set(found))]
    for c in s.bulk(Competency, missing):
        found[c.name] = c
    return found


def _mentee_status(w: Who) -> str:
    """As pairs/services._refresh_profiles leaves it after the last change of a pair."""
    current = [p for p in w.pairs_as_mentee if p.status in Pair.CURRENT_STATUSES]
    if current:
        return W.IN_PAIR
    if not w.pairs_as_mentee:
        return W.WAITING
    latest = max(w.pairs_as_mentee, key=lambda p: p.end_date)
    return W.WAITING if latest.status == PS.ENDED_EARLY else W.FINISHED


def build_profiles(s: State) -> None:
    rng = s.rng("profiles")
    forms = {f.code: f for f in MentoringForm.objects.all()}
    competencies = _competencies(s)
    ref_forms = s.college["forms"]
    mentors = [w for w in s.people if w.pairs_as_mentor]
    idle = [w for w in s.mentor_pool if not w.pairs_as_mentor and s.consents.get(id(w.person))]
    extra = {}
    for status, share in EXTRA_MENTORS.items():
        chosen = rng.sample(idle, min(len(idle), round(len(mentors) * share)))
        idle = [w for w in idle if w not in chosen]
        extra.update({id(w): status for w in chosen})
    profiles, rows_forms, rows_comp, trainings = [], [], [], []
    for w in mentors + [w for w in s.mentor_pool if id(w) in extra]:
        pairs = w.pairs_as_mentor
        kind_key = {Person.Kind.TEACHER: "teacher", Person.Kind.EMPLOYEE: "employee"}.get(
            w.kind, "student"
        )
        if pairs:
            codes = sorted({p.form for p in pairs})
            if any(p.status == PS.ACTIVE for p in pairs):
                status = S.ACTIVE
            elif any(p.status == PS.FORMING for p in pairs):
                status = S.APPROVED
            else:
                status = S.FINISHED if rng.random() < 0.5 else S.APPROVED
        else:
            codes = {
                Person.Kind.TEACHER: [FormCode.TEACHER_STUDENT],
                Person.Kind.EMPLOYEE: [FormCode.EMPLOYER_STUDENT],
            }.get(w.kind, [FormCode.STUDENT_STUDENT])
            status = extra[id(w)]
        pool = []
        for code in codes:
            pool += [c for c in ref_forms[code]["mentor_competencies"] if c not in pool]
        texts = [t for code in codes for t in ref_forms[code]["useful_for"]]
        profile = MentorProfile(
            person=w.person,
            status=status,
            capacity=max(1, w.mentor_capacity),
            useful_for=" ".join(agree(t, w.gender) for t in rng.sample(texts, min(2, len(texts)))),
        )
        if status != S.CANDIDATE:
            first = _first_start(w) or s.clamp(s.year_start(s.year0) + dt.timedelta(days=40))
            profile.appointment_date = first - dt.timedelta(days=rng.randint(3, 20))
            profile.interview_date = profile.appointment_date - dt.timedelta(
                days=rng.randint(3, 12)
            )
            profile.appointment_order = f"№ {rng.randint(250, 399)}-о"
            course = s.college["trainings"][kind_key][0 if rng.random() < 0.7 else 1]
            trainings.append(
                MentorTraining(
                    mentor=profile,
                    course_title=course["title"],
                    provider=course["provider"],
                    hours=course["hours"],
                    completed_on=profile.interview_date - dt.timedelta(days=rng.randint(5, 40)),
                    certificate=f"сертификат № {rng.randint(100, 999)}/{profile.interview_date:%y}",
                )
            )
        else:
            profile.notes = (
                "Анкета «Чем я могу быть полезен» заполнена, собеседование запланировано."
            )
        profiles.append(profile)
        rows_forms.append([forms[c].pk for c in codes])
        rows_comp.append(
            [competencies[c].pk for c in rng.sample(pool, min(len(pool), rng.randint(2, 4)))]
        )
    s.bulk(MentorProfile, profiles, recorded_on=s.first_day)
    s.bulk(MentorTraining, trainings)
    s.bulk_links(MentorProfile.forms, profiles, rows_forms)
    s.bulk_links(MentorProfile.competencies, profiles, rows_comp)
    s.mentor_profiles = {id(p.person): p for p in profiles}
    _mentees(s, rng, forms, competencies)


def _mentees(s: State, rng, forms, competencies) -> None:
    ref_forms = s.college["forms"]
    descriptions = s.college["request_descriptions"]
    profiles, requests = [], []
    for w in s.people:
        if not (w.pairs_as_mentee or w.mentee_form):
            continue
        if w.mentee_form and not w.pairs_as_mentee and id(w.person) not in s.consents:
            continue  # not in the base without a consent
        latest = max(w.pairs_as_mentee, key=lambda p: p.start) if w.pairs_as_mentee else None
        form = w.mentee_form or latest.form
        status = _mentee_status(w)
        notes = ""
        if w.mentee_form:
            status = W.WAITING
            if rng.random() < NO_PAIR_SHARE:
                status = W.NO_PAIR
                notes = rng.choice(s.college["no_pair_notes"])
        profile = MenteeProfile(
            person=w.person, status=status, desired_form=forms[form], notes=notes
        )
        profiles.append(profile)
        topics = ref_forms[form]["mentee_topics"]
        first = _first_start(w) or s.clamp(s.year_start(s.year0) + dt.timedelta(days=30))
        for topic in rng.sample(topics, min(len(topics), rng.choices([1, 2, 3], [45, 40, 15])[0])):
            texts = descriptions.get(topic, [""])
            if w.kind == Person.Kind.TEACHER:
                raised = R.SELF
            else:
                raised = rng.choice([R.SELF, R.SELF, R.CLASS_TEACHER, R.CLASS_TEACHER, R.PARENT])
                if raised == R.PARENT and age_on(w.person.birth_date, first) >= ADULT_AGE:
                    raised = R.SELF
            requests.append(
                MenteeRequest(
                    mentee=profile,
                    topic=competencies[topic],
                    description=agree(rng.choice(texts), w.gender),
                    raised_by=raised,
                    raised_on=first - dt.timedelta(days=rng.randint(5, 25)),
                )
            )
    s.bulk(MenteeProfile, profiles, recorded_on=s.first_day)
    s.bulk(MenteeRequest, requests)
    s.mentee_profiles = {id(p.person): p for p in profiles}
