from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError


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
