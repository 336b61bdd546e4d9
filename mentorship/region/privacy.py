"""The regional centre's models for the privacy registry (mentorship.privacy): aggregates
only — a package carries no person (mentorship/package/SCHEMA.md) — and the journal of
uploads names the coordinator's login."""

from mentorship.privacy import ModelPrivacy, free, kept, register

from .models import Package, PackageKpi, PackageUpload, RegionalCentre, RegionCollege

AGGREGATE = "a college's aggregate figures: counts below the disclosure threshold are «< 3»"

register(
    ModelPrivacy(
        RegionalCentre,
        fields=(
            free("name", "the centre's name"),
            free("region", "a region's name"),
        ),
    ),
    ModelPrivacy(
        RegionCollege,
        fields=(
            free("inn", "an organisation's tax number"),
            free("short_name", "an organisation's name"),
            free("full_name", "an organisation's name"),
            free("city", "an organisation's town"),
        ),
    ),
    ModelPrivacy(
        Package,
        fields=(
            free("period", "a report period's key: «2025» or «2025/2026»"),
            free("app_version", "the college's program version"),
            free("checksum", "the package's seal"),
            free("created_at", "when the college wrote the package"),
            free("uploaded_at", "when the centre took the package"),
            free("data", AGGREGATE),
        ),
    ),
    ModelPrivacy(
        PackageKpi,
        fields=(
            free("code", "an indicator's code from a fixed list"),
            free("name", "an indicator's name"),
            free("unit", "an indicator's unit"),
            free("status", "a choice from a fixed list"),
        ),
    ),
    ModelPrivacy(
        PackageUpload,
        fields=(
            free("period", "a report period's key: «2025» or «2025/2026»"),
            free("checksum", "a package's seal"),
            free("replaced_checksum", "a package's seal"),
            free("changes", "changes of a college's aggregate figures"),
            free("warnings", "the reader's warnings about a package's schema"),
            free("uploaded_at", "when the package was uploaded"),
            # The journal says which coordinator took a college's package in.
            kept("username", "the journal of packages uploaded into the regional centre"),
            free("file_name", "the name of a college's package file"),
        ),
    ),
)
