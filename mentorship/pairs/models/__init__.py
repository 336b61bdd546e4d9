from .achievements import Achievement
from .pairs import Pair, PairMembership, PairStatusChange
from .work import IndividualPlan, Meeting, PlanTask

__all__ = [
    "Achievement",
    "IndividualPlan",
    "Meeting",
    "Pair",
    "PairMembership",
    "PairStatusChange",
    "PlanTask",
]
