from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "mentorship.pairs"
    label = "pairs"
    verbose_name = "Пары и группы"
