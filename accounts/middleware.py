import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
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


IDLE_KEY = "_last_seen"
# The time of the last request is written at most this often (seconds), not on every
# request: a busy page would otherwise rewrite its session row many times a second. The
# idle timeout is therefore exact to within these five minutes.
IDLE_STAMP_EVERY = 5 * 60


def idle_stamp_on_login(sender, request, user, **kwargs):
    """Start the idle clock at login, with the session login already writes."""
    if request is not None and hasattr(request, "session"):
        request.session[IDLE_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Log out a session nobody has used for SESSION_IDLE_TIMEOUT seconds.

    SESSION_COOKIE_AGE bounds the whole session (and the cookie dies with the browser);
    this ends it earlier when the computer is left alone. The next request goes to the
    login page (LoginRequiredMiddleware) with the old session flushed on the server.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(IDLE_KEY)
            timeout = settings.SESSION_IDLE_TIMEOUT
            if last_seen is not None and now - int(last_seen) > timeout:
                logout(request)  # flushes the server-side session, new anonymous key
                messages.info(
                    request,
                    "Сеанс завершён: сайтом долго не пользовались. Войдите снова.",
                )
            elif last_seen is None or now - int(last_seen) >= IDLE_STAMP_EVERY:
                request.session[IDLE_KEY] = now
        return self.get_response(request)
