"""Roles are auth groups; their permissions are granted by data migrations.

The group name is the Russian label, as administrators see it in the user screens.
"""

from django.db import models


class Role(models.TextChoices):
    # Order matters: a user with several roles starts on the first one's page.
    CURATOR = "curator", "Куратор"
    DIRECTOR = "director", "Директор"
    ADMINISTRATOR = "administrator", "Администратор"
    # The regional centre's role: the same application run by the region (mentorship.region).
    COORDINATOR = "coordinator", "Координатор РНЦ"
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"


# The college's office. The coordinator is not of it: OFFICE_ROLES never opens a college
# screen or a person to the regional centre.
OFFICE_ROLES = (Role.CURATOR, Role.DIRECTOR, Role.ADMINISTRATOR)
# Who enters the admin screens: the office, and the coordinator for the regional centre's
# lists (inside, each screen is its model's permissions, and the coordinator's group holds
# only the region's: every college base answers 403).
ADMIN_ROLES = (*OFFICE_ROLES, Role.COORDINATOR)
PARTICIPANT_ROLES = (Role.MENTOR, Role.MENTEE)
