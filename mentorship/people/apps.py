from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "mentorship.people"
    label = "people"
    verbose_name = "Базы участников"
