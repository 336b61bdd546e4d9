"""A case's or a material's file: the rule of every file in private storage (people)."""

from mentorship.people.validators import check_private_file


def validate_case_file(upload) -> None:
    check_private_file(upload, what="Файл", fix="сохраните файл")
