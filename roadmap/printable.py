"""The printable roadmap: the title, the period, the approval block («УТВЕРЖДАЮ»), and the
table of activities (stage, activity, deadline as worded, responsible, result, status) —
as PDF or as a .docx filled into the template (the college's own one from the admin, or
templates/docx/roadmap.docx). Made through mentorship.documents.orders like the orders: the
URL's `ids` names the roadmap (absent — the current one), `format=docx` asks for the .docx.
The curator and the director read it (the director approves the printed roadmap).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import OrderParams, OrderSpec
from mentorship.lib.pdf import render_pdf
from mentorship.people.models import College

from . import selectors
from .models import Roadmap

BLANK_NAME = "____________________"
BLANK_DATE = "«___» ____________ 20___ г."


@dataclass(frozen=True)
class RoadmapPaper:
    roadmap: Roadmap | None
    rows: tuple[dict, ...]
    selected: int
    organisation: str
    approver_position: str
    approver_name: str
    approved_on: str

    @property
    def title(self) -> str:
        return self.roadmap.title if self.roadmap else ""

    @property
    def period(self) -> str:
        if self.roadmap is None:
            return ""
        return f"{self.roadmap.start_date:%d.%m.%Y} – {self.roadmap.end_date:%d.%m.%Y}"

    @property
    def filename(self) -> str:
        return f"Дорожная карта {self.period}.pdf" if self.roadmap else "Дорожная карта.pdf"


def _default(params: OrderParams) -> QuerySet:
    current = selectors.roadmap_current(timezone.localdate())
    return Roadmap.objects.filter(pk=current.pk) if current else Roadmap.objects.none()


def _deadline(row: selectors.ActivityRow) -> str:
    words = row.words
    return f"{row.deadline} ({words})" if words else row.deadline


def roadmap_paper(objects: QuerySet, params: OrderParams | None = None) -> RoadmapPaper:
    """The roadmap asked for (the first of objects) with its activities in the page's order."""
    found = list(objects.order_by("pk")[:2])
    roadmap = found[0] if found else None
    rows: list[dict] = []
    if roadmap is not None:
        page = selectors.roadmap_page(roadmap, today=timezone.localdate())
        for block in page.sections:
            section = block.section
            stage = f"{section.stage}. {section.title}" if section.stage else section.title
            for row in block.rows:
                activity = row.activity
                rows.append(
                    {
                        "stage": stage,
                        "activity": activity.title,
                        "deadline": _deadline(row),
                        "responsible": activity.responsible,
                        "result": activity.expected_result,
                        "status": activity.get_status_display(),
                    }
                )
    college = College.get()
    approved_on: dt.date | None = roadmap.approved_on if roadmap else None
    return RoadmapPaper(
        roadmap=roadmap,
        rows=tuple(rows),
        selected=len(found),
        organisation=college.full_name,
        approver_position=college.director_position or "Директор",
        approver_name=(roadmap.approved_by if roadmap else "") or college.director_name,
        approved_on=f"{approved_on:%d.%m.%Y}" if approved_on else BLANK_DATE,
    )


def roadmap_pdf(paper: RoadmapPaper) -> bytes:
    return render_pdf("roadmap/print/roadmap.html", {"paper": paper})


def roadmap_docx_context(paper: RoadmapPaper) -> dict:
    """What templates/docx/roadmap.docx is filled with (templates/docx/build.py)."""
    return {
        "organisation": paper.organisation,
        "title": paper.title,
        "period": paper.period,
        "approver_position": paper.approver_position,
        "approver_name": paper.approver_name or BLANK_NAME,
        "approved_on": paper.approved_on,
        "rows": list(paper.rows),
    }


def roadmap_spec() -> OrderSpec:
    return OrderSpec(
        model=Roadmap,
        default=_default,
        build=roadmap_paper,
        render=roadmap_pdf,
        nothing_chosen=(
            "Печатать нечего: нет дорожной карты с мероприятиями. Загрузите дорожную карту "
            "или добавьте в неё мероприятия."
        ),
        back_label="К дорожной карте",
        back_url=reverse("roadmap:detail"),
        kind=ReportDownload.Kind.ROADMAP,
        paper="roadmap",
        docx_context=roadmap_docx_context,
    )
