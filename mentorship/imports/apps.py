from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """No models: an app for its management commands (import_xlsx, purge_import_uploads)."""

    name = "mentorship.imports"
    label = "imports"
    verbose_name = "Импорт и выгрузка xlsx"
