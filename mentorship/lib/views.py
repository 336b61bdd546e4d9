"""What the site's own views share."""

from functools import wraps

from django.core.exceptions import BadRequest
from django.shortcuts import render


def reason_on_400(view):
    """A BadRequest raised by the view (a bad period, year, format or version) is the 400
    page with its Russian reason: Django's own 400 handler would drop the message."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as error:
            return render(request, "400.html", {"message": str(error)}, status=400)

    return wrapped
