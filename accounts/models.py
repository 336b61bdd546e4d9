from functools import cached_property

from django.contrib.auth.models import AbstractUser

from .roles import OFFICE_ROLES, Role


class User(AbstractUser):
    """A login. The person it belongs to (if any) is Person.user in the people base."""

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
    def main_role(self) -> Role | None:
        """The role whose start page the user sees first."""
        for role in Role:
            if role in self.roles:
                return role
        return Role.ADMINISTRATOR if self.is_superuser else None
