"""The demo programme's indicator targets: the tables of the programme documents the demo
follows (2022–2024), moved to the demo's years — the current calendar year and the two before
it — and, for the dashboard's academic years, the two academic years that end in the last two
of them (the later calendar year's targets: «2024/2025» takes 2025's)."""

from roadmap.models import Indicator, IndicatorTarget

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


def load_targets(result, year: int) -> None:
    """Targets for the shipped indicators; a target already there (the curator's) stays."""
    indicators = {i.computation: i for i in Indicator.objects.filter(computation__in=TARGETS)}
    existing = set(
        IndicatorTarget.objects.filter(indicator__in=indicators.values()).values_list(
            "indicator_id", "period"
        )
    )
    periods = [str(y) for y in (year - 2, year - 1, year)]
    academic = [None, f"{year - 2}/{year - 1}", f"{year - 1}/{year}"]
    new = [
        IndicatorTarget(indicator=indicator, period=period, value=value)
        for code, indicator in indicators.items()
        for keys, value in zip(zip(periods, academic, strict=True), TARGETS[code], strict=True)
        for period in keys
        if period is not None and (indicator.pk, period) not in existing
    ]
    IndicatorTarget.objects.bulk_create(new)
    result.created[IndicatorTarget._meta.verbose_name_plural] += len(new)
