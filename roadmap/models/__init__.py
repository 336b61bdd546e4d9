from .downloads import ReportDownload
from .indicators import Indicator, IndicatorTarget, IndicatorYearData
from .roadmaps import Activity, ActivityYearDone, Roadmap, Section

__all__ = [
    "Activity",
    "ActivityYearDone",
    "Indicator",
    "IndicatorTarget",
    "IndicatorYearData",
    "ReportDownload",
    "Roadmap",
    "Section",
]
