"""The template library: which .docx template a paper is filled into, and the check an
uploaded one must pass (a real .docx holding every field the paper needs)."""

from mentorship.lib.docx import DocxTemplateError, check_template, render_docx

from .models import DocumentTemplate
from .papers import Paper, get_paper


def template_bytes(paper: Paper) -> bytes:
    """The college's own template of the paper if uploaded, else the default one."""
    own = DocumentTemplate.objects.filter(kind=paper.kind).first()
    if own is not None:
        with own.file.open("rb") as stored:
            return stored.read()
    return paper.default_template.read_bytes()


def check_uploaded_template(kind: str, data: bytes) -> None:
    """DocxTemplateError with a Russian message if data cannot be this paper's template."""
    check_template(data, get_paper(kind).required_fields)


def fill(paper: Paper, context: dict) -> bytes:
    """The paper's .docx: its template filled with context."""
    return render_docx(template_bytes(paper), context)


__all__ = ["DocxTemplateError", "check_uploaded_template", "fill", "template_bytes"]
