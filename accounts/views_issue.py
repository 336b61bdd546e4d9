"""Issued accounts: the printable sheet of one-time passwords, and the first password change.

The sheet is shown once: the admin action leaves it in the session, this view takes it out
before rendering, and the page may not be cached. Nothing else keeps the passwords.
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables

from .access import role_required
from .roles import Role
from .services import AccountsIssue

ISSUED_SESSION_KEY = "accounts_issued_sheet"


@sensitive_variables("result")
def issued_sheet_keep(request, result: AccountsIssue) -> None:
    """Hold the sheet for the one request that shows it (the redirect after the action)."""
    request.session[ISSUED_SESSION_KEY] = {
        "issued": [
            {"full_name": a.person.full_name, "username": a.username, "password": a.password}
            for a in result.issued
        ],
        "skipped": [{"full_name": s.person.full_name, "reason": s.reason} for s in result.skipped],
    }


@never_cache
@role_required(Role.CURATOR)
@sensitive_variables("sheet", "context")
def accounts_issued(request):
    sheet = request.session.pop(ISSUED_SESSION_KEY, None)
    context = {
        "sheet": sheet,
        "site_url": request.build_absolute_uri(reverse("login")),
    }
    return render(request, "accounts/accounts_issued.html", context)


class OwnPasswordChangeForm(PasswordChangeForm):
    def clean_new_password1(self):
        password = self.cleaned_data.get("new_password1")
        if password and self.user.check_password(password):
            raise ValidationError(
                "Новый пароль совпадает с прежним. Придумайте другой.", code="password_unchanged"
            )
        return password


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view; a successful change also ends the «change your password» redirect."""

    form_class = OwnPasswordChangeForm

    def form_valid(self, form):
        # form.save() saves the whole user: the flag goes out with the new password hash.
        form.user.must_change_password = False
        return super().form_valid(form)
