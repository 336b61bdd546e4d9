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


OFFICE_ROLES = (Role.CURATOR, Role.DIRECTOR, Role.ADMINISTRATOR)
PARTICIPANT_ROLES = (Role.MENTOR, Role.MENTEE)
