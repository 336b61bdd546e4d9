"""The сборник: «Сборник лучших практик наставничества» as PDF or .docx, and a case's
summary for the regional centre — one place for both the admin action and `manage.py
cases_collection`.

The .docx is built with python-docx directly, not from a template of the papers registry:
a сборник is of any length, grouped by form, with a varying number of cases and
attachments per case, so a college's template could only fix its fonts, not its layout,
and a docxtpl loop over sections and cases would give the college a template harder to
edit than the Word file it gets — which it edits freely.
"""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import Truncator

from mentorship.lib.pdf import render_pdf
from mentorship.people.models import College

from .models import Case

TITLE = "Сборник лучших практик наставничества"
NO_CASES = "В сборник нечего включить: нет ни одного кейса."
NO_REGION_CASES = "В сборник нечего включить: нет кейсов, отмеченных «для РНЦ»."
SUMMARY_CHARS = 600
PDF, DOCX = "pdf", "docx"
FORMATS = (PDF, DOCX)
FILENAME = "sbornik-luchshikh-praktik"


def summary(case: Case) -> str:
    """A case condensed for the regional centre: problem, what was done, result — its
    texts, never its author."""
    parts = (
        ("Проблема", case.problem),
        ("Что сделано", case.actions),
        ("Результат", case.result),
    )
    text = " ".join(f"{label}: {' '.join(body.split())}" for label, body in parts if body.strip())
    return Truncator(text).chars(SUMMARY_CHARS)


def region_cases(period) -> list[dict]:
    """The package's cases[] (mentorship.package): the practices marked «для РНЦ» added in
    the period (a lib.periods.ReportPeriod), as {title, summary, form} — no author, no file.
    One query."""
    added = Case.objects.filter(
        for_region=True,
        created_at__date__gte=period.start,
        created_at__date__lte=period.end,
    ).select_related("form")
    return [
        {"title": case.title, "summary": summary(case), "form": case.form.name}
        for case in added.order_by("form__order", "form__name", "title", "pk")
    ]


def collection_cases(*, for_region: bool = False) -> QuerySet[Case]:
    cases = Case.objects.select_related("form").prefetch_related("files")
    if for_region:
        cases = cases.filter(for_region=True)
    return cases.order_by("form__order", "form__name", "title", "pk")


def _sections(cases: list[Case]) -> list[dict]:
    """The cases grouped by form, in the order given."""
    sections: list[dict] = []
    for case in cases:
        if not sections or sections[-1]["form"] != case.form:
            sections.append({"form": case.form, "cases": []})
        sections[-1]["cases"].append(case)
    return sections


def collection_file(cases, fmt: str) -> bytes:
    """The сборник in fmt (PDF or DOCX): the one choice the action and the command make."""
    return collection_docx(cases) if fmt == DOCX else collection_pdf(cases)


def collection_docx(cases) -> bytes:
    """The сборник of these cases as an editable Word file: the PDF's text, in its order."""
    cases = list(cases)
    from docx import Document  # python-docx: with the first сборник (lib.docx says why)

    document = Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(
        f"{College.get().full_name}\n{timezone.localdate():%d.%m.%Y}, практик: {len(cases)}"
    )
    for section in _sections(cases):
        document.add_heading(f"Форма наставничества «{section['form'].name}»", level=1)
        for number, case in enumerate(section["cases"], start=1):
            document.add_heading(f"{number}. {case.title}", level=2)
            if case.author:
                document.add_paragraph(f"Автор: {case.author}")
            if case.tag_list:
                document.add_paragraph(f"Теги: {', '.join(case.tag_list)}")
            for label, body in (
                ("Проблема", case.problem),
                ("Что сделано", case.actions),
                ("Результат", case.result),
            ):
                document.add_paragraph().add_run(label).bold = True
                document.add_paragraph(body)
            files = list(case.files.all())
            if files:
                document.add_paragraph(f"Приложения: {'; '.join(str(f) for f in files)}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def collection_pdf(cases) -> bytes:
    """The сборник of these cases, grouped by form, in the order given."""
    cases = list(cases)
    sections = _sections(cases)
    context = {
        "title": TITLE,
        "college": College.get(),
        "sections": sections,
        "count": len(cases),
        "today": timezone.localdate(),
    }
    return render_pdf("cases/collection.html", context)
