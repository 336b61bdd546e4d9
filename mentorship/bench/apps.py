from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Tools to build a big generated college and measure the product on it (`make bench`)."""

    name = "mentorship.bench"
    label = "bench"
    verbose_name = "Замеры производительности"
