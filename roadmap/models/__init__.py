from .approvals import ReportApproval
from .indicators import Indicator, IndicatorTarget, IndicatorYearData
from .roadmaps import Activity, ActivityYearDone, Roadmap, Section
from .rollovers import AcademicYearRollOver

__all__ = [
    "AcademicYearRollOver",
    "Activity",
    "ActivityYearDone",
    "Indicator",
    "IndicatorTarget",
    "IndicatorYearData",
    "ReportApproval",
    "Roadmap",
    "Section",
]
