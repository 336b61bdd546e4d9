from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from .roles import ADMIN_ROLES, OFFICE_ROLES, Role


class User(AbstractUser):
    """A login. The person it belongs to (if any) is Person.user in the people base."""

    # Set when the curator issues a one-time password: the person chooses their own
    # password at first login (accounts.middleware) before anything else opens.
    must_change_password = models.BooleanField(
        "должен сменить пароль при входе",
        default=False,
        help_text="Учётная запись выдана с временным паролем, который ещё не сменён.",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        ordering = ["username"]

    @cached_property
    def roles(self) -> frozenset[Role]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(role for role in Role if role.label in names)

    def has_role(self, *roles: Role) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    @property
    def is_office_staff(self) -> bool:
        """Curator, director or administrator: the people who work in the admin screens."""
        return self.has_role(*OFFICE_ROLES)

    @property
    def works_in_admin(self) -> bool:
        """The office, and the regional centre's coordinator: who may enter the admin site
        (what each may open there is the models' permissions)."""
        return self.has_role(*ADMIN_ROLES)

    @property
    def main_role(self) -> Role | None:
        """The role whose start page the user sees first."""
        for role in Role:
            if role in self.roles:
                return role
        return Role.ADMINISTRATOR if self.is_superuser else None
