from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Дорожная карта и показатели"

    def ready(self):
        # The journal of PDF downloads registers its read-only admin page.
        from . import admin_downloads  # noqa: F401
