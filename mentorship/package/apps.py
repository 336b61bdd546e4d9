from django.apps import AppConfig


class PackageConfig(AppConfig):
    """The college's package to the regional centre (РНЦ): the period's aggregates — no
    person's data — as .json or .xlsx, sealed with a checksum (format.py, SCHEMA.md). It reads
    the apps below it and none of them imports it."""

    name = "mentorship.package"
    label = "package"
    verbose_name = "Пакет для РНЦ"
