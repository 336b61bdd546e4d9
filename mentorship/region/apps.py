from django.apps import AppConfig


class RegionConfig(AppConfig):
    """The regional mentoring centre (РНЦ): the same application run by the region. The
    coordinator uploads the colleges' packages, keeps the regional denominators and reads the
    region's indicators. It holds no person: only what the packages say."""

    name = "mentorship.region"
    label = "region"
    verbose_name = "Региональный наставнический центр"
