"""The demo programme's indicator targets: seed 004's table (2022–2024) and seed 000's for
students, students with ОВЗ and teachers, moved to the demo's years — the current calendar
year and the two before it — plus seed 001's consents, plans and roadmap targets."""

from roadmap.models import Indicator, IndicatorTarget

# computation code → targets for (year − 2, year − 1, year), as the seeds set them.
TARGETS = {
    "mentees_students": (20, 40, 50),  # seed 000
    "mentees_disability": (100, 100, 100),  # seed 000
    "mentors_teachers": (20, 40, 50),  # seed 000
    "mentee_satisfaction": (50, 60, 65),  # seed 004
    "mentor_satisfaction": (50, 60, 65),  # seed 004
    "mentees_aged_10_19": (20, 40, 60),  # seed 004
    "mentors_aged_15_19": (3, 5, 8),  # seed 004
    "young_teachers_mentees": (5, 8, 10),  # seed 004
    "enterprises_gave_mentors": (3, 8, 15),  # seed 004
    "consents_on_file": (100, 100, 100),  # seed 001
    "plans_done": (90, 90, 90),  # seed 001
    "roadmap_on_time": (100, 100, 100),  # seed 001
}


def load_targets(result, year: int) -> None:
    """Targets for the shipped indicators; a target already there (the curator's) stays."""
    indicators = {i.computation: i for i in Indicator.objects.filter(computation__in=TARGETS)}
    existing = set(
        IndicatorTarget.objects.filter(indicator__in=indicators.values()).values_list(
            "indicator_id", "year"
        )
    )
    years = (year - 2, year - 1, year)
    new = [
        IndicatorTarget(indicator=indicator, year=target_year, value=value)
        for code, indicator in indicators.items()
        for target_year, value in zip(years, TARGETS[code], strict=True)
        if (indicator.pk, target_year) not in existing
    ]
    IndicatorTarget.objects.bulk_create(new)
    result.created[IndicatorTarget._meta.verbose_name_plural] += len(new)
