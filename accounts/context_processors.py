from django.urls import reverse

from .roles import Role


def _items_for(user):
    items = [("Главная", reverse("home"))]
    if user.has_role(Role.CURATOR, Role.DIRECTOR):
        items += [
            ("Люди", reverse("admin:people_person_changelist")),
            ("Наставники", reverse("admin:people_mentorprofile_changelist")),
            ("Наставляемые", reverse("admin:people_menteeprofile_changelist")),
            ("Организации", reverse("admin:people_partnerorganisation_changelist")),
            ("Согласия", reverse("admin:people_consent_changelist")),
        ]
    if user.has_role(Role.CURATOR):
        items.append(("Шаблоны и импорт", reverse("people:templates")))
    if user.has_role(Role.ADMINISTRATOR):
        items.append(("Пользователи", reverse("admin:accounts_user_changelist")))
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": _items_for(user)}
