"""lib.docx: a template filled, its fields listed, and what is refused as a template."""

import io
import zipfile

import pytest
from docx import Document

from mentorship.lib.docx import (
    DocxTemplateError,
    check_docx_bytes,
    check_template,
    render_docx,
    template_fields,
)


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_a_template_is_filled_with_its_context_and_escapes_markup(settings):
    template = _docx(
        "Приказ № {{ number }}", "{%p for name in names %}", "{{ name }}", "{%p endfor %}"
    )
    content = render_docx(template, {"number": "5-о", "names": ["Иванов & <Ко>", "Петрова"]})

    assert _text(content) == ["Приказ № 5-о", "Иванов & <Ко>", "Петрова"]


def test_template_fields_lists_the_placeholders(settings):
    template = _docx(
        "{{ number }} от {{ date }}", "{%p for row in rows %}", "{{ row.x }}", "{%p endfor %}"
    )

    assert template_fields(template) == {"number", "date", "rows"}


def test_a_missing_placeholder_is_named_in_russian(settings):
    with pytest.raises(DocxTemplateError) as refused:
        check_template(_docx("{{ number }}"), ["number", "date", "rows"])

    assert str(refused.value).startswith("В шаблоне нет поля {{ date }}: ")
    assert "Не хватает: {{ date }}, {{ rows }}." in str(refused.value)


def test_a_broken_tag_is_refused_in_russian(settings):
    with pytest.raises(DocxTemplateError, match="В шаблоне ошибка в полях"):
        template_fields(_docx("{{ number "))


def _zip(members: dict[str, bytes], **kwargs) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", **kwargs) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Файл пустой."),
        (b"%PDF-1.7 ...", "Этот файл не является документом Word."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "старый формат .doc"),
        (b"PK\x03\x04 broken", "Файл повреждён."),
        (None, "Этот файл — книга Excel."),
    ],
)
def test_what_is_not_a_docx_is_refused_in_russian(settings, data, message):
    if data is None:
        data = _zip({"xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(DocxTemplateError, match=message):
        check_docx_bytes(data)


def test_a_zip_bomb_is_refused_before_it_is_read(settings):
    bomb = _zip(
        {"word/document.xml": b"<w/>", "word/big.xml": b"\0" * (20 * 1024 * 1024)},
        compression=zipfile.ZIP_DEFLATED,
    )
    with pytest.raises(DocxTemplateError, match="слишком велик после распаковки"):
        check_docx_bytes(bomb)


def test_a_file_over_the_upload_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(DocxTemplateError, match="Файл больше"):
        check_docx_bytes(_docx("{{ number }}"))


def test_a_template_cannot_reach_pythons_internals(settings):
    """An uploaded template is filled in Jinja's sandbox: no way out to the server."""
    template = _docx("{{ number.__class__.__mro__[1].__subclasses__() }}")

    with pytest.raises(DocxTemplateError, match="Шаблон не удалось заполнить"):
        render_docx(template, {"number": "1"})
