from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

MESSAGE = (
    "Задайте собственный пароль: временный пароль из листа куратора действует только "
    "для первого входа."
)


class PasswordChangeRequiredMiddleware:
    """A user with a one-time password from the curator sees nothing but the password
    change page (and may log out) until they set their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not self._allowed(request.path_info)
        ):
            messages.warning(request, MESSAGE)
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        open_paths = {
            reverse("password_change"),
            reverse("password_change_done"),
            reverse("logout"),
        }
        static = "/" + settings.STATIC_URL.lstrip("/")
        return path in open_paths or path.startswith(static)
