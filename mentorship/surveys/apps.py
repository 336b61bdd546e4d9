from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "mentorship.surveys"
    label = "surveys"
    verbose_name = "Анкеты и мониторинг"
