from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """The import_xlsx and purge_import_uploads commands, and the mappings of columns
    curators confirmed (RememberedMapping)."""

    name = "mentorship.imports"
    label = "imports"
    verbose_name = "Импорт и выгрузка xlsx"
