import re
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# What a scanned consent may be, recognised by its first bytes, never by its name.
_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
}
# The name must say what the content is: a PNG named .pdf is refused, not renamed.
_SUFFIXES = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
# A browser that sniffs decides «HTML» from markup near the start of a file (the WHATWG
# MIME sniffing standard reads the first 1445 bytes). A real scan has none there; a
# polyglot («PNG header + <script>») does. Long tags only: short ones (<b>, <p>) turn up in
# binary image data by chance.
_SNIFF_BYTES = 1445
_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|iframe|object|embed|svg|style|title|meta|link|form"
    rb"|table|div|img)[\s>/]",
    re.IGNORECASE,
)


def validate_scan(upload) -> None:
    """A consent scan is a PDF, JPEG or PNG of a sane size, judged by its content; the
    content must match the name's extension and hold no HTML a browser could sniff."""
    check_private_file(upload, what="Скан согласия", fix="сохраните скан")


def check_private_file(upload, *, what: str, fix: str) -> None:
    """The rule of every file kept in private storage (a consent scan, a case's file):
    PDF, JPEG or PNG, of CONSENT_SCAN_MAX_BYTES at most, judged by its content, its name's
    extension matching. what — how the message names the file («Скан согласия»); fix —
    the start of the advice on a wrong extension («сохраните скан»)."""
    limit = settings.CONSENT_SCAN_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Файл слишком большой ({filesizeformat(upload.size)}); "
            f"допускается не больше {filesizeformat(limit)}."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(position)
    kind = next((kind for sig, kind in _SIGNATURES.items() if head.startswith(sig)), None)
    if kind is None or _MARKUP.search(head):
        raise ValidationError(f"{what} должен быть файлом PDF, JPEG или PNG.")
    named = _SUFFIXES.get(PurePosixPath(upload.name or "").suffix.lower())
    if named is not None and named != kind:
        raise ValidationError(
            f"Файл назван как {named}, а по содержимому это {kind}: "
            f"{fix} с правильным расширением."
        )
