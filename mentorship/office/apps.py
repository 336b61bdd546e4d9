from django.apps import AppConfig


class OfficeConfig(AppConfig):
    """The office shell over the apps: the start page of each role, «Требует внимания», the
    menu, and giving participants their logins. It gathers the apps below it and none of them
    imports it."""

    name = "mentorship.office"
    label = "office"
    verbose_name = "Кабинет куратора"
