"""Editable drafts as .docx: a Word template (docxtpl: Jinja tags inside the document) filled
with a context, and the checks a template uploaded by a college must pass.

A template is refused, with a Russian message, when it is not a real .docx (a .docx is a zip
holding word/document.xml; the zip checks are those of mentorship.lib.xlsx: size, members,
encryption, packing ratio) or when it lacks a placeholder the paper needs. An uploaded
template is code a person wrote: it is read and filled in Jinja's sandbox, so a tag cannot
reach Python's internals ({{ ''.__class__ }} and the like fail and are refused).

docxtpl (python-docx, Jinja) is imported with the first template read, not with this module:
every process that starts the project imports the documents' modules (lib.pdf says why).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .xlsx import XlsxFileError, XlsxLimits, check_xlsx_size

if TYPE_CHECKING:
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

ONLY_DOCX = "Поддерживается только формат .docx (документ Word)."
_RESAVE_HINT = "Откройте файл в Word и сохраните как «Документ Word (*.docx)»."
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_MEMBERS = 500
_MAX_RATIO = 150
_RATIO_CHECK_FROM = 1024 * 1024
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _environment() -> SandboxedEnvironment:
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True)


class DocxTemplateError(ValueError):
    """The template is refused; the message is Russian and safe to show."""


def check_docx_bytes(data: bytes) -> None:
    """Refuse anything that is not a plausible, reasonably sized .docx — before parsing."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise DocxTemplateError(f"{ONLY_DOCX} Файл пустой.")
    try:
        check_xlsx_size(len(data))  # the same upload size limit as the xlsx bases
    except XlsxFileError as error:
        raise DocxTemplateError(str(error)) from None
    if data.startswith(_OLE_MAGIC):
        raise DocxTemplateError(
            f"{ONLY_DOCX} Этот файл — старый формат .doc или документ, защищённый паролем. "
            f"{_RESAVE_HINT}"
        )
    if not data.startswith(_ZIP_MAGIC):
        raise DocxTemplateError(
            f"{ONLY_DOCX} Этот файл не является документом Word. {_RESAVE_HINT}"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise DocxTemplateError(f"{ONLY_DOCX} Файл повреждён. {_RESAVE_HINT}") from None
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        kind = "книга Excel" if "xl/workbook.xml" in names else "не документ Word"
        raise DocxTemplateError(f"{ONLY_DOCX} Этот файл — {kind}. {_RESAVE_HINT}")
    too_big = DocxTemplateError(
        "Файл слишком велик после распаковки — это не похоже на шаблон документа."
    )
    unpacked_limit = XlsxLimits.from_settings().max_unpacked_bytes
    if len(members) > _MAX_MEMBERS or sum(m.file_size for m in members) > unpacked_limit:
        raise too_big
    for member in members:
        if member.flag_bits & 0x1:
            raise DocxTemplateError(f"{ONLY_DOCX} Файл зашифрован: снимите пароль.")
        if member.file_size > _RATIO_CHECK_FROM and member.file_size > _MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise too_big


def _template(data: bytes) -> DocxTemplate:
    from docxtpl import DocxTemplate

    check_docx_bytes(data)
    try:
        return DocxTemplate(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a broken package
        raise DocxTemplateError(f"{ONLY_DOCX} Файл повреждён. {_RESAVE_HINT}") from None


def template_fields(data: bytes) -> set[str]:
    """The names a template asks for ({{ number }}, {% for row in rows %} → number, rows)."""
    template = _template(data)
    try:
        return set(template.get_undeclared_template_variables(jinja_env=_environment()))
    except Exception as error:  # a Jinja syntax error typed into the document
        raise DocxTemplateError(
            f"В шаблоне ошибка в полях {{{{ … }}}} или {{% … %}}: {error}."
        ) from None


def check_template(data: bytes, required: Iterable[str]) -> None:
    """Refuse a template missing a placeholder the paper needs, naming the first missing."""
    fields = template_fields(data)
    missing = [name for name in required if name not in fields]
    if missing:
        listed = ", ".join(f"{{{{ {name} }}}}" for name in missing)
        raise DocxTemplateError(
            f"В шаблоне нет поля {{{{ {missing[0]} }}}}: без него документ не заполнить. "
            f"Не хватает: {listed}. Возьмите за основу шаблон по умолчанию."
        )


def render_docx(data: bytes, context: Mapping) -> bytes:
    """The template filled with context, as the bytes of a .docx."""
    template = _template(data)
    try:
        template.render(dict(context), jinja_env=_environment(), autoescape=True)
    except Exception as error:
        raise DocxTemplateError(f"Шаблон не удалось заполнить: {error}.") from None
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
