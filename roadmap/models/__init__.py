from .approvals import ReportApproval
from .indicators import Indicator, IndicatorTarget, IndicatorYearData
from .roadmaps import Activity, ActivityYearDone, Roadmap, Section

__all__ = [
    "Activity",
    "ActivityYearDone",
    "Indicator",
    "IndicatorTarget",
    "IndicatorYearData",
    "ReportApproval",
    "Roadmap",
    "Section",
]
