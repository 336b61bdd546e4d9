from django.contrib.auth.models import Group
from django.db.models import Count, Q

from .models import User
from .roles import Role


def users_summary() -> dict:
    groups = dict(
        Group.objects.annotate(n=Count("user", filter=Q(user__is_active=True))).values_list(
            "name", "n"
        )
    )
    return {
        "users_total": User.objects.filter(is_active=True).count(),
        "users_by_role": [(role.label, groups.get(role.label, 0)) for role in Role],
    }
