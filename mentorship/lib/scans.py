"""Signed scans kept in private storage (a consent, a registered document): what a scan may
be and how it is stored. The one rule for every scan the product keeps; each app names its
scan in its messages («Скан согласия», «Скан документа»)."""

import re
import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

# What a scan may be, recognised by its first bytes, never by its name.
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


def check_scan(upload, *, what: str, fix: str = "сохраните скан") -> None:
    """A scan (or any file kept in private storage: a case's attachment) is a PDF, JPEG or
    PNG of a sane size, judged by its content; the content must match the name's extension
    and hold no HTML a browser could sniff. `what` names the file at the start of a message
    («Скан согласия», «Файл»); `fix` starts the advice on a wrong extension."""
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


def scan_name(instance, filename: str) -> str:
    """Store scans under a generated name: the uploaded name is never used as a path."""
    suffix = Path(filename).suffix.lower()
    if suffix not in _SUFFIXES:
        suffix = ""
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class GeneratedNameFileField(models.FileField):
    """A FileField whose stored name is generated (upload_to), so the uploaded name's
    length is nobody's business: a scan called «Согласие на обработку персональных данных
    Иванова Ивана Ивановича, законный представитель — мать (подписано 01.09.2025).pdf» is
    accepted. max_length still bounds the generated name in the database."""

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.max_length = None
        return field

    def deconstruct(self):
        # Migrations see a plain FileField: nothing about the database differs.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs
