from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from mentorship.admin_site import TitledListMixin

from .models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(TitledListMixin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ["username", "last_name", "first_name", "role_names", "is_active", "last_login"]
    list_filter = ["groups", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Личные данные", {"fields": [("last_name", "first_name"), "email"]}),
        ("Роли", {"fields": ["groups", "is_active"]}),
        ("Даты", {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="роли")
    def role_names(self, obj):
        return ", ".join(group.name for group in obj.groups.all()) or "—"
