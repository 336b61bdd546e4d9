from .indicators import Indicator, IndicatorTarget, IndicatorYearData
from .roadmaps import Activity, ActivityYearDone, Roadmap, Section

__all__ = [
    "Activity",
    "ActivityYearDone",
    "Indicator",
    "IndicatorTarget",
    "IndicatorYearData",
    "Roadmap",
    "Section",
]
