"""The сборник: «Сборник лучших практик наставничества» as PDF, and a case's summary for the
regional centre — one place for both the admin action and `manage.py cases_collection`."""

from __future__ import annotations

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


def collection_pdf(cases) -> bytes:
    """The сборник of these cases, grouped by form, in the order given."""
    cases = list(cases)
    sections: list[dict] = []
    for case in cases:
        if not sections or sections[-1]["form"] != case.form:
            sections.append({"form": case.form, "cases": []})
        sections[-1]["cases"].append(case)
    context = {
        "title": TITLE,
        "college": College.get(),
        "sections": sections,
        "count": len(cases),
        "today": timezone.localdate(),
    }
    return render_pdf("cases/collection.html", context)
