from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "mentorship.cases"
    label = "cases"
    verbose_name = "Кейсы и методические материалы"
