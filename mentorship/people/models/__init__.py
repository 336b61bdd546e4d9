from .college import College, CourseFromGroup, SpecialtyProgramme
from .consents import Consent
from .destruction import DestructionAct, DestructionActRow
from .forms import MentoringForm, RoleModel
from .organisations import PartnerOrganisation
from .persons import Person
from .profiles import Competency, MenteeProfile, MenteeRequest, MentorProfile, MentorTraining

__all__ = [
    "College",
    "Competency",
    "Consent",
    "CourseFromGroup",
    "DestructionAct",
    "DestructionActRow",
    "MenteeProfile",
    "MenteeRequest",
    "MentorProfile",
    "MentorTraining",
    "MentoringForm",
    "PartnerOrganisation",
    "Person",
    "RoleModel",
    "SpecialtyProgramme",
]
