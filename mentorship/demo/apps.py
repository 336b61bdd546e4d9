from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo college (`manage.py load_demo`); no models of its own."""

    name = "mentorship.demo"
    label = "demo"
    verbose_name = "Демонстрационные данные"
