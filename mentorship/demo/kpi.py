"""The demo programme's indicator targets: the tables of the programme documents the demo
follows (2022–2024), moved to the demo's years — the current calendar year and the two before
it — and, for the dashboard's academic years, the two academic years that end in the last two
of them (the later calendar year's targets: «2024/2025» takes 2025's).

The region's figures the four regional shares divide by (roadmap.kpi: children 10–19 and
15–19, young teachers, enterprises of the Kemerovo region, the demo college's own) are
entered for the periods that have ended, as a curator enters them from the regional
statistics; the running periods have none yet, so the report shows «нет регионального
знаменателя» there and the curator's «Требует внимания» asks for them."""

import datetime as dt

from django.contrib.auth import get_user_model

from mentorship.lib.periods import ReportPeriod
from mentorship.people.selectors import academic_year_start_month
from roadmap.models import Indicator, IndicatorTarget, IndicatorYearData, ReportApproval
from roadmap.services import report_approve

# computation code → targets for (year − 2, year − 1, year) and the academic years ending in
# year − 1 and year.
TARGETS = {
    "mentees_students": (20, 40, 50),
    "mentees_disability": (100, 100, 100),
    "mentors_teachers": (20, 40, 50),
    "mentee_satisfaction": (50, 60, 65),
    "mentor_satisfaction": (50, 60, 65),
    # The programme's own reading of satisfaction: «не менее 85 % удовлетворены».
    "mentees_satisfied": (85, 85, 85),
    "mentors_satisfied": (85, 85, 85),
    "mentees_aged_10_19": (20, 40, 60),
    "mentors_aged_15_19": (3, 5, 8),
    "young_teachers_mentees": (5, 8, 10),
    "enterprises_gave_mentors": (3, 8, 15),
    "consents_on_file": (100, 100, 100),
    "consents_whole_base": (100, 100, 100),
    "plans_done": (90, 90, 90),
    "plans_done_90": (90, 90, 90),
    "roadmap_on_time": (100, 100, 100),
}


# computation code → the region's figure for (year − 2, year − 1, year), and its source.
# Kuzbass: about 2.5 million people, the 10–19 cohort growing slowly, the number of
# organisations in the statistical register slowly falling.
REGIONAL_FIGURES = {
    "mentees_aged_10_19": (
        (289_600, 292_300, 294_100),
        "Кемеровостат: численность населения по возрасту на 1 января",
    ),
    "mentors_aged_15_19": (
        (128_900, 131_500, 134_200),
        "Кемеровостат: численность населения по возрасту на 1 января",
    ),
    "young_teachers_mentees": (
        (3_420, 3_510, 3_580),
        "Министерство образования Кузбасса: педагоги со стажем до 3 лет",
    ),
    "enterprises_gave_mentors": (
        (41_350, 40_980, 40_620),
        "Кемеровостат: число организаций по данным статистического регистра",
    ),
}


def load_regional_denominators(result, today: dt.date) -> None:
    """The region's figures for the periods that have ended: the two calendar years before
    this one, and the academic years that end in them or in this one, once over (an
    academic year takes the figure of the calendar year it ends in). A row already there
    for the indicator and period (the curator's) stays."""
    year = today.year
    start_month = academic_year_start_month()
    by_figure = [
        [ReportPeriod.calendar(year - 2)],
        [ReportPeriod.calendar(year - 1), ReportPeriod.academic_year(year - 2, start_month)],
        [ReportPeriod.academic_year(year - 1, start_month)],
    ]
    indicators = {
        i.computation: i for i in Indicator.objects.filter(computation__in=REGIONAL_FIGURES)
    }
    existing = set(
        IndicatorYearData.objects.filter(indicator__in=indicators.values()).values_list(
            "indicator_id", "period"
        )
    )
    new = [
        IndicatorYearData(
            indicator=indicator, period=period.key, denominator=figure, source=source
        )
        for code, indicator in indicators.items()
        for periods, figure in zip(by_figure, REGIONAL_FIGURES[code][0], strict=True)
        for period in periods
        if period.end < today and (indicator.pk, period.key) not in existing
        for source in [REGIONAL_FIGURES[code][1]]
    ]
    IndicatorYearData.objects.bulk_create(new)
    result.created[IndicatorYearData._meta.verbose_name_plural] += len(new)


def load_targets(result, year: int) -> None:
    """Targets for the shipped indicators; a target already there (the curator's) stays."""
    indicators = {i.computation: i for i in Indicator.objects.filter(computation__in=TARGETS)}
    existing = set(
        IndicatorTarget.objects.filter(indicator__in=indicators.values()).values_list(
            "indicator_id", "period"
        )
    )
    # Each of TARGETS' three values holds for its calendar year and, for the last two, for
    # the academic year that ends in it.
    periods = [
        [ReportPeriod.calendar(year - 2)],
        [ReportPeriod.calendar(year - 1), ReportPeriod.academic_year(year - 2)],
        [ReportPeriod.calendar(year), ReportPeriod.academic_year(year - 1)],
    ]
    new = [
        IndicatorTarget(indicator=indicator, period=period.key, value=value)
        for code, indicator in indicators.items()
        for of_value, value in zip(periods, TARGETS[code], strict=True)
        for period in of_value
        if (indicator.pk, period.key) not in existing
    ]
    IndicatorTarget.objects.bulk_create(new)
    result.created[IndicatorTarget._meta.verbose_name_plural] += len(new)


def approve_last_year(result, today: dt.date, director_username: str) -> None:
    """The director has approved the report of the academic year that ended: the stored PDF
    and figures, through the director's own action (roadmap.services.report_approve). An
    approval already there stays (a second load writes nothing)."""
    period = ReportPeriod.of_day(
        today, academic=True, start_month=academic_year_start_month()
    ).previous
    if ReportApproval.objects.filter(period=period.key).exists():
        return
    director = get_user_model().objects.filter(username=director_username).first()
    if director is None:
        return
    approval = report_approve(period=period, by=director, today=today)
    result.created[ReportApproval._meta.verbose_name_plural] += 1
    result.notes.append(
        f"  Отчёт за {approval.period_text} утверждён директором (версия {approval.version})."
    )
