"""KPI indicators of the programme: the registry of computations, the maths, the values.

The package: maths.py (pure: KpiValue, kpi_value, kpi_status), counts.py (the families,
one aggregate query each), registry.py (COMPUTATIONS: what an indicator's code means),
values.py (every indicator of a report period, or of several). Import from here.

Report periods. Every count is of a report period (mentorship.lib.periods.ReportPeriod): a
calendar year, or an academic year from the first day of the college's start month
(people.College.academic_year_start_month, September by default) to the day before it a
year later. Below, «the year» is the period, «31 December» its last day and «1 January» its
first; targets and entered figures are kept under the period's key («2025», «2025/2026»).

An Indicator (roadmap.models) names a computation of this registry by its code, or is
«вводится вручную». For a calendar year (1 January – 31 December, as in programmes'
indicator tables) each computation gives a Measure — numerator and denominator counted
from the data — and kpi_value() turns it into a percentage compared with the year's target.

Counting. Every family of indicators is one aggregate query (conditional Count over one
table — for people, the history rows in force at the end of the period — sub-selects for
«was a mentee / a mentor in the year»), so that
kpi_values_for_period() runs a fixed number of queries whatever the size of the bases:
indicators (1), their targets and entered figures (2), people (1), organisations (1),
satisfaction (1: mentors and mentees, the surveys' own selector), individual plans (1: their
tasks due in the year grouped by plan), roadmap activities (2: the roadmap's own selector).
A family runs only if an indicator needs it.

Shared definitions (every computation's docstring relies on them):
- a pair «works in the year» when Pair.objects.active_between(period.start, period.end)
  says so: it was activated (not only being formed), started by the period's last day and
  had not ended before its first;
- a mentee «of the year» is the person of a mentee profile that joined such a pair by
  31 December; a mentor «of the year» is the person who mentors such a pair;
- the participants of the year are its mentees and mentors, each person once;
- ages are taken on 31 December of the year: «from 10 to 19 years» means born in the years
  Y−19 … Y−10 (the age a person reaches in the year);
- people and organisations are counted as they stood at the end of the year (the last
  instant of 31 December, Moscow time — settings.TIME_ZONE): kind, form of study, ОВЗ,
  experience, organisation, birth date and the banks of mentors and mentees are read from
  their history (simple-history) as of that moment (mentorship.lib.history.rows_as_of),
  so a graduation, a year more of experience or an ОВЗ mark set later does not change a
  past year; for the running year that is simply the latest state. A person (a profile, an
  organisation) first recorded after that moment is not in the year's base — except a
  participant of the year (a mentee of a pair of the year or its mentor: pairs and
  memberships carry their own dates), entered later, say, by a college that starts using
  the product mid-year: such a person counts by their FIRST recorded state (so does the
  profile that puts them in the bank, and the organisation of such a mentor). Someone
  deleted before the moment is not counted; deleted after it, is.

An entered denominator (IndicatorYearData.denominator for the year) replaces the one
counted from the registry — a figure the office trusts more than the base (the count of
full-time students from the college's statistics form, when the forms of study in the base
are not kept up). Four indicators are the region's shares (registry.REGIONAL_DENOMINATORS:
children 10–19 and 15–19 living in the region, young teachers of the region, the region's
enterprises — «проживающих в субъекте РФ», «предприятий, осуществляющих деятельность в
субъекте»): their denominator is the region's figure, entered for the period, and the
college's own base is no stand-in for it. Without it such an indicator keeps its counted
numerator, has no denominator and no value, and its formula says what is missing
(«знаменатель за 2025 год не внесён; в базе колледжа: 241»);
regional_denominators_missing(periods) lists those with a target for each period, for the
curator's «Требует внимания» (1 query). Satisfaction and the programmes' readings below
divide the data by the data itself and take no entered denominator.

Programmes' readings. Beside four indicators a college's programme reads the same thing its
own way, and both are shipped: satisfaction as the share of respondents whose own score is
8 of 10 or more (beside the mean score), individual plans as the share of plans done at
90 % or more (beside the share of tasks done), consents over everyone in the banks of
mentors and mentees (beside the participants of the year). Each is counted in the same
family query as the indicator it stands beside: no query is added.

Status (kpi_value): «нет регионального знаменателя» for a regional indicator whose
denominator was not entered for the period, whatever its target; otherwise «нет данных»
when there is nothing to divide by (zero or no denominator) and no value was entered;
otherwise «выполнен» when the actual value, rounded to one decimal as it is shown, is at
least the target, «не выполнен» when below; without a target for the year there is no
status (None).
"""

from .counts import (
    FAMILIES,
    Measure,
    born_for_ages,
    organisation_counts,
    people_counts,
    plan_counts,
    roadmap_counts,
    satisfaction_counts,
    year_bounds,
)
from .maths import KpiStatus, KpiValue, Number, kpi_status, kpi_value, percent
from .registry import (
    COMPUTATIONS,
    MANUAL,
    MANUAL_LABEL,
    REGIONAL_DENOMINATORS,
    Computation,
    computation_choices,
    computation_label,
)
from .values import (
    KpiRow,
    KpiSeries,
    MissingDenominator,
    kpi_series,
    kpi_series_and_counts,
    kpi_values_for_period,
    kpi_values_for_year,
    regional_denominators_missing,
)

__all__ = [
    "COMPUTATIONS",
    "FAMILIES",
    "MANUAL",
    "MANUAL_LABEL",
    "REGIONAL_DENOMINATORS",
    "Computation",
    "KpiRow",
    "KpiSeries",
    "KpiStatus",
    "KpiValue",
    "Measure",
    "MissingDenominator",
    "Number",
    "born_for_ages",
    "computation_choices",
    "computation_label",
    "kpi_series",
    "kpi_series_and_counts",
    "kpi_status",
    "kpi_value",
    "kpi_values_for_period",
    "kpi_values_for_year",
    "organisation_counts",
    "people_counts",
    "percent",
    "plan_counts",
    "regional_denominators_missing",
    "roadmap_counts",
    "satisfaction_counts",
    "year_bounds",
]
