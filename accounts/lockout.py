"""The client address django-axes counts failed logins against.

REMOTE_ADDR is the only address the client cannot choose. X-Forwarded-For is believed only
with BEHIND_PROXY, i.e. when our own nginx stands in front and appends the address it saw
(`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`): then the right-most entry
is the one nginx wrote; everything to its left came from the client and may be made up.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1]
    return request.META.get("REMOTE_ADDR")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The Russian page for a login locked after too many wrong passwords (HTTP 429)."""
    return render(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": settings.AXES_COOLOFF_MINUTES},
        status=429,
    )
