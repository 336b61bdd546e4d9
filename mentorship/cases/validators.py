"""A case's or a material's file: the rule of every file in private storage (people)."""

from mentorship.lib.scans import check_scan


def validate_case_file(upload) -> None:
    check_scan(upload, what="Файл", fix="сохраните файл")
