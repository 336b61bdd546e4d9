"""Reads of the people bases for pages that are not admin lists."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from mentorship.lib.periods import DEFAULT_START_MONTH, ReportPeriod

from .models import College, MenteeProfile, MentorProfile, PartnerOrganisation, Person


@dataclass(frozen=True)
class BasesSummary:
    people_total: int
    people_by_kind: list[tuple[str, str, int]] = field(default_factory=list)
    mentors_by_status: list[tuple[str, str, int]] = field(default_factory=list)
    mentees_by_status: list[tuple[str, str, int]] = field(default_factory=list)
    participants_without_consent: int = 0
    disabled_without_consent: int = 0
    organisations_total: int = 0
    organisations_with_agreement: int = 0


def _counts_by(queryset, field_name: str, choices) -> list[tuple[str, str, int]]:
    counts = dict(queryset.values_list(field_name).annotate(n=Count("pk")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in choices]


def bases_summary() -> BasesSummary:
    """Counts for the office start pages: a fixed number of aggregate queries."""
    people = Person.objects.all()
    participants_without_consent = (
        people.filter(Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False))
        .without_valid_consent()
        .count()
    )
    disabled_without_consent = people.filter(has_disability=True).without_valid_consent().count()
    organisations = PartnerOrganisation.objects.aggregate(
        total=Count("pk"), with_agreement=Count("pk", filter=~Q(agreement_number=""))
    )
    by_kind = _counts_by(people, "kind", Person.Kind.choices)
    return BasesSummary(
        people_total=sum(n for _, _, n in by_kind),
        people_by_kind=by_kind,
        mentors_by_status=_counts_by(
            MentorProfile.objects.all(), "status", MentorProfile.Status.choices
        ),
        mentees_by_status=_counts_by(
            MenteeProfile.objects.all(), "status", MenteeProfile.Status.choices
        ),
        participants_without_consent=participants_without_consent,
        disabled_without_consent=disabled_without_consent,
        organisations_total=organisations["total"],
        organisations_with_agreement=organisations["with_agreement"],
    )


def person_for_user(user) -> Person | None:
    """The person record linked to a login, with what the participant's page shows."""
    return (
        Person.objects.filter(user=user)
        .select_related("mentor_profile", "mentee_profile__desired_form", "organisation")
        .prefetch_related(
            "mentor_profile__forms",
            "mentor_profile__competencies",
            "mentee_profile__requests__topic",
        )
        .with_consent_state()
        .first()
    )


# --- report periods ----------------------------------------------------------------------------


def academic_year_start_month() -> int:
    """The month the college's academic year opens in (people.College; 9, September, when
    the college card has not been saved yet). One query, nothing written."""
    found = College.objects.filter(pk=1).values_list("academic_year_start_month", flat=True)
    return next(iter(found), DEFAULT_START_MONTH)


def report_period_parse(text: object, *, start_month: int | None = None) -> ReportPeriod:
    """«2025» or «2025/2026» as a ReportPeriod with the college's start month (one query
    unless start_month is given); ValueError with a Russian message for anything else."""
    if start_month is None:
        start_month = academic_year_start_month()
    return ReportPeriod.parse(text, start_month)

