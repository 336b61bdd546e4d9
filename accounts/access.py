"""The one place views check roles."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .roles import Role


def check_role(user, *roles: Role) -> None:
    """Raise PermissionDenied unless the (authenticated) user holds one of roles."""
    if not user.is_authenticated or not user.has_role(*roles):
        raise PermissionDenied


def role_required(*roles: Role):
    """View decorator: anonymous users are sent to login by LoginRequiredMiddleware."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            check_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RoleRequiredMixin:
    roles: tuple[Role, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        check_role(request.user, *self.roles)
        return super().dispatch(request, *args, **kwargs)
