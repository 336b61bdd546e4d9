"""The database side of matching: records built from the profiles in a fixed number of
queries, and the waiting list's rows."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from mentorship.lib.dates import age_on
from mentorship.lib.names import full_name
from mentorship.people.consent_rules import consent_holds_q
from mentorship.people.models import (
    Competency,
    MenteeProfile,
    MenteeRequest,
    MentoringForm,
    MentorProfile,
)

from ..rules import READY_MENTOR_STATUSES
from .blocks import NO_CONSENT
from .records import FormSpec, Match, MenteeNeed, MentorCandidate, Topic
from .scoring import MentorPool, ranked_suggestions, why_unmatched


def form_specs() -> dict[str, FormSpec]:
    """Every form of mentoring by code (one query)."""
    return {
        form.code: FormSpec(
            code=form.code,
            name=form.name,
            mentor_kinds=frozenset(form.mentor_kinds),
            mentee_kinds=frozenset(form.mentee_kinds),
            mentor_course_min=form.mentor_course_min,
            mentor_course_max=form.mentor_course_max,
            mentee_course_min=form.mentee_course_min,
            mentee_course_max=form.mentee_course_max,
            mentor_senior_course=form.mentor_senior_course,
            mentor_from_partner=form.mentor_from_partner,
        )
        for form in MentoringForm.objects.all()
    }


def current_load():
    """Subquery: how many mentees a mentor leads now (current memberships), 0 if none."""
    from ..models import PairMembership

    load = (
        PairMembership.objects.filter(pair__mentor=OuterRef("pk"), is_current=True)
        .order_by()
        .values("pair__mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(load, output_field=IntegerField()), 0)


def mentor_queryset(queryset=None, *, on: dt.date):
    """Ready mentors (approved or active) with what matching reads on the day `on`: 3 queries
    to evaluate."""
    queryset = MentorProfile.objects.all() if queryset is None else queryset
    return (
        queryset.filter(status__in=READY_MENTOR_STATUSES)
        .select_related("person")
        .annotate(load=current_load(), consent_ok=consent_holds_q(on, person_path="person__"))
        .prefetch_related(
            Prefetch("forms", queryset=MentoringForm.objects.only("id", "code")),
            Prefetch("competencies", queryset=Competency.objects.only("id")),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _grouped(pairs) -> dict[int, list]:
    """{key: its values, in order} of (key, value) rows: a profile's forms, competencies,
    requests and current forms, read as values."""
    grouped: dict[int, list] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


# What a MentorCandidate is made of: a profile and its person, as one row of values.
_MENTOR_VALUES = (
    "pk",
    "person_id",
    "person__last_name",
    "person__first_name",
    "person__middle_name",
    "person__kind",
    "person__birth_date",
    "person__specialty",
    "person__course",
    "person__experience_years",
    "person__organisation_id",
    "capacity",
    "load",
    "status",
    "consent_ok",
)


def mentor_candidates(*, on: dt.date, queryset=None) -> list[MentorCandidate]:
    """A MentorCandidate of every profile of mentor_queryset(), in its order, read as values
    in 3 queries, without a model instance per mentor, person and prefetched row (that was
    60 % of the matching list on the full college)."""
    ready = mentor_queryset(queryset, on=on).prefetch_related(None).select_related(None)
    rows = list(ready.values_list(*_MENTOR_VALUES))
    ids = ready.order_by().values("pk")
    forms = MentorProfile.forms.through.objects.filter(mentorprofile_id__in=ids)
    form_codes = _grouped(forms.values_list("mentorprofile_id", "mentoringform__code"))
    competencies = MentorProfile.competencies.through.objects.filter(mentorprofile_id__in=ids)
    competency_ids = _grouped(competencies.values_list("mentorprofile_id", "competency_id"))
    empty = frozenset()
    candidates = []
    for (
        pk, person_id, last_name, first_name, middle_name, kind, birth_date, specialty,
        course, experience_years, organisation_id, capacity, load, status, consent_ok,
    ) in rows:  # fmt: skip
        candidates.append(
            MentorCandidate(
                id=pk,
                person_id=person_id,
                name=full_name(last_name, first_name, middle_name),
                kind=kind,
                form_codes=frozenset(form_codes.get(pk, empty)),
                competency_ids=frozenset(competency_ids.get(pk, empty)),
                specialty=specialty,
                course=course,
                age=age_on(birth_date, on),
                experience_years=experience_years,
                organisation_id=organisation_id,
                capacity_left=capacity - load,
                approved=status in READY_MENTOR_STATUSES,
                consent_ok=consent_ok,
            )
        )
    return candidates


def mentee_queryset(queryset=None, *, on: dt.date):
    """Mentees with what matching reads on the day `on`: 3 queries to evaluate (or a page of
    them)."""
    from ..models import PairMembership

    queryset = MenteeProfile.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("person", "desired_form")
        .annotate(consent_ok=consent_holds_q(on, person_path="person__"))
        .prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic")),
            Prefetch(
                "memberships",
                queryset=PairMembership.objects.filter(is_current=True).select_related("form"),
                to_attr="current_memberships",
            ),
        )
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )


def mentee_need(profile: MenteeProfile, *, on: dt.date) -> MenteeNeed:
    person = profile.person
    age = age_on(person.birth_date, on)
    return MenteeNeed(
        id=profile.pk,
        person_id=person.pk,
        name=person.full_name,
        kind=person.kind,
        desired_form=profile.desired_form.code if profile.desired_form else None,
        requests=tuple(Topic(r.topic_id, r.topic.name) for r in profile.requests.all()),
        specialty=person.specialty,
        course=person.course,
        age=age,
        experience_years=person.experience_years,
        study_group=person.study_group,
        consent_ok=profile.consent_ok,
        busy_forms=frozenset(m.form.code for m in profile.current_memberships),
    )


# What mentee_need() reads of a profile and its person, as one row of values.
_MENTEE_VALUES = (
    "pk",
    "person_id",
    "person__last_name",
    "person__first_name",
    "person__middle_name",
    "person__kind",
    "desired_form__code",
    "person__specialty",
    "person__course",
    "person__birth_date",
    "person__experience_years",
    "person__study_group",
    "consent_ok",
)


def mentee_needs(*, on: dt.date, queryset=None) -> list[MenteeNeed]:
    """mentee_need() of every profile of mentee_queryset(), read as values: the same records
    in the same order, in 3 queries, without a model instance per profile, person, request,
    topic, membership and form (62 of the proposal's 130 ms of loading on the full
    college)."""
    from ..models import PairMembership

    ready = mentee_queryset(queryset, on=on).prefetch_related(None).select_related(None)
    rows = list(ready.values_list(*_MENTEE_VALUES))
    ids = ready.order_by().values("pk")
    # A mentee's requests in the prefetch's order (Meta.ordering: the mentee, then the topic's
    # name), the mentee by id: ordered by the profile, it joined the people to sort by name.
    asked = MenteeRequest.objects.filter(mentee_id__in=ids).order_by("mentee_id", "topic__name")
    topics = asked.values_list("mentee_id", "topic_id", "topic__name")
    requests = _grouped((mentee_id, Topic(topic_id, name)) for mentee_id, topic_id, name in topics)
    current = PairMembership.objects.filter(mentee_id__in=ids, is_current=True).order_by()
    busy = _grouped(current.values_list("mentee_id", "form__code"))
    none = ()
    needs = []
    for (
        pk, person_id, last_name, first_name, middle_name, kind, desired_form, specialty,
        course, birth_date, experience_years, study_group, consent_ok,
    ) in rows:  # fmt: skip
        needs.append(
            MenteeNeed(
                id=pk,
                person_id=person_id,
                name=full_name(last_name, first_name, middle_name),
                kind=kind,
                desired_form=desired_form,
                requests=tuple(requests.get(pk, none)),
                specialty=specialty,
                course=course,
                age=age_on(birth_date, on),
                experience_years=experience_years,
                study_group=study_group,
                consent_ok=consent_ok,
                busy_forms=frozenset(busy.get(pk, none)),
            )
        )
    return needs


@dataclass(frozen=True)
class WaitingRow:
    """One mentee of the waiting list with what matching found for them."""

    need: MenteeNeed
    status_label: str  # the profile's status, as the list shows it
    desired_form_name: str  # "" when no form is chosen
    candidates: int = 0
    best: Match | None = None
    unmatched_reason: str = ""
    flags: tuple[str, ...] = field(default=())

    @property
    def without_mentor(self) -> bool:
        return self.candidates == 0


def waiting_rows(
    needs: Iterable[MenteeNeed],
    statuses: Mapping[int, str],
    mentors: list[MentorCandidate],
    forms: Mapping[str, FormSpec],
) -> list[WaitingRow]:
    """Rows of the waiting list for mentee_needs() of a page (no further queries); statuses:
    each profile's status by its id."""
    rows = []
    pool = MentorPool(mentors, forms)
    for need in needs:
        count, best = ranked_suggestions(need, mentors, forms, pool=pool, limit=1)
        form = forms.get(need.desired_form) if need.desired_form else None
        rows.append(
            WaitingRow(
                need=need,
                status_label=MenteeProfile.Status(statuses[need.id]).label,
                desired_form_name=form.name if form else "",
                candidates=count,
                best=best[0] if best else None,
                unmatched_reason="" if best else why_unmatched(need, mentors, forms, pool=pool),
                flags=() if need.consent_ok else (NO_CONSENT,),
            )
        )
    return rows
