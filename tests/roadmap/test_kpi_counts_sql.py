"""The families of counts keep their SQL per report period (lib.prepared.PreparedCounts):
the statement a period compiles to holds the period and nothing read from the rows, so
the kept statement run on changed data answers what a fresh build answers."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorship.lib.history import end_of_day
from mentorship.lib.periods import ReportPeriod
from mentorship.pairs.models import IndividualPlan, Pair, PlanTask
from mentorship.people.models import Consent, PartnerOrganisation
from roadmap.kpi import counts
from roadmap.kpi.counts import organisation_counts, people_counts, plan_counts
from tests.factories import PartnerOrganisationFactory, consented, pair_create

from .report_data import YEAR, person, year_make

pytestmark = pytest.mark.django_db

PERIODS = (ReportPeriod.calendar(YEAR), ReportPeriod.academic_year(YEAR))
# family → (its public function, the build it keeps, the key the function gives it)
FAMILIES = {
    "people": (
        people_counts,
        counts._people_counts_query,
        lambda p: (p.start, p.end, end_of_day(p.end)),
    ),
    "organisations": (
        organisation_counts,
        counts._organisation_counts_query,
        lambda p: (p.start, p.end, end_of_day(p.end)),
    ),
    "plans": (plan_counts, counts._plan_counts_query, lambda p: (p.start, p.end)),
}


def built_afresh(build, key) -> tuple[dict, tuple[str, tuple]]:
    """The counts and the statement of a fresh build through the ORM."""
    queryset, aggregates = build(key)
    with CaptureQueriesContext(connection) as queries:
        found = queryset.aggregate(**aggregates)
    (sent,) = queries.captured_queries
    return {name: int(value) for name, value in found.items()}, sent["sql"]


def more_of_everything():
    """Rows of every kind the counts read, none of which the first build saw."""
    organisation = PartnerOrganisationFactory(name="ООО «Новый партнёр»")
    pair = pair_create(start=dt.date(YEAR, 9, 15))
    pair_create("employer-student", start=dt.date(YEAR, 10, 1))
    mentor = pair.mentor.person
    mentor.organisation = organisation
    mentor.save()
    plan, _ = IndividualPlan.objects.get_or_create(pair=pair)
    PlanTask.objects.create(
        plan=plan,
        title="Посетить предприятие",
        due_date=dt.date(YEAR, 11, 1),
        done=True,
        done_on=dt.date(YEAR, 10, 20),
    )
    consented(person("Согласная", dt.date(2001, 2, 2)))
    Consent.objects.filter(person=pair.memberships.first().mentee.person).update(
        withdrawn_on=dt.date(YEAR, 12, 1)
    )


@pytest.mark.parametrize("family", FAMILIES)
def test_the_kept_statement_answers_what_a_fresh_build_does(family):
    public, build, key_of = FAMILIES[family]
    year_make()
    before = {period: public(period) for period in PERIODS}  # the statements are kept now
    statements = {period: built_afresh(build, key_of(period))[1] for period in PERIODS}
    more_of_everything()
    for period in PERIODS:
        fresh, statement = built_afresh(build, key_of(period))
        assert statement == statements[period], "the SQL must not depend on the rows"
        assert public(period) == fresh
    assert any(public(period) != before[period] for period in PERIODS), "the data changed"


def test_a_period_compiles_its_counts_once():
    year_make()
    period = ReportPeriod.calendar(YEAR)
    people_counts(period)
    assert Pair.objects.exists() and PartnerOrganisation.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        for public, _, _ in FAMILIES.values():
            public(period)
    # One statement per family, the kept one: nothing the ORM builds is asked again.
    assert len(queries) == len(FAMILIES)
