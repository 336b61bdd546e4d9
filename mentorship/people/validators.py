from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# What a scanned consent may be, recognised by its first bytes, never by its name.
_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
}


def validate_scan(upload) -> None:
    """A consent scan is a PDF, JPEG or PNG of a sane size, judged by its content."""
    limit = settings.CONSENT_SCAN_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Файл слишком большой ({filesizeformat(upload.size)}); "
            f"допускается не больше {filesizeformat(limit)}."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if not any(head.startswith(signature) for signature in _SIGNATURES):
        raise ValidationError("Скан согласия должен быть файлом PDF, JPEG или PNG.")
