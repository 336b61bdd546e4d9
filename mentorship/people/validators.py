from mentorship.lib.scans import check_scan


def validate_scan(upload) -> None:
    """A consent scan: a PDF, JPEG or PNG judged by its content (mentorship.lib.scans)."""
    check_scan(upload, what="Скан согласия")
