"""KPI computation, the yearly KPI report and the order drafts, called as the views call them
(data, then PDF), without HTTP: the figure is the work, not the response.

The yearly report's floor is WeasyPrint alone on the report's own HTML: the HTML the
product hands to mentorship.lib.pdf.pdf_from_html, caught on one real run of
report_pdf_render, is laid out again and again; the figure (data, charts, HTML and PDF) is
held against it.
"""

import hashlib
from contextlib import contextmanager

from django.utils import timezone

from mentorship.documents.orders import DOCX, OrderNotMade, OrderParams, make_order
from mentorship.pairs import documents
from mentorship.pairs.models import Pair
from mentorship.pairs.views.orders import mentors_spec, pairs_spec, rewards_spec
from roadmap import kpi, report

from . import config
from .measure import Record, StepError, measure

KPI_NAME = "KPI за год (kpi_values_for_year)"
KPI_PAST_NAME = "KPI за прошлый год (kpi_values_for_year)"
REPORT_PDF_NAME = "PDF: годовой отчёт KPI"
REPORT_PDF_FLOOR_NAME = "основа: WeasyPrint на HTML годового отчёта"


@contextmanager
def _html_given_to_weasyprint():
    """Catch every HTML string mentorship.lib.pdf lays out while inside (render_pdf looks
    pdf_from_html up at each call); the real function still does the work."""
    from mentorship.lib import pdf

    seen: list[str] = []
    original = pdf.pdf_from_html

    def recording(html, **kwargs):
        seen.append(html)
        return original(html, **kwargs)

    pdf.pdf_from_html = recording
    try:
        yield seen
    finally:
        pdf.pdf_from_html = original


def report_html(data) -> str:
    """The yearly report's HTML exactly as the product makes it for WeasyPrint: one run of
    report_pdf_render, its HTML caught on the way in."""
    with _html_given_to_weasyprint() as seen:
        report.report_pdf_render(data)
    if len(seen) != 1:
        raise StepError(f"годовой отчёт отдал WeasyPrint {len(seen)} HTML вместо одного")
    return seen[0]


def html_digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()[:16]


def measure_report_pdf(
    size: int | None, *, repeat: int, year: int, today, warmup: int = 1
) -> list[Record]:
    """The yearly KPI PDF (data, charts, HTML, PDF) and its floor, WeasyPrint alone on the
    same report's HTML, measured after it in the same process."""
    from mentorship.lib.pdf import pdf_from_html

    def build():
        return report.report_data_build(year, today=today)

    figure = measure(
        REPORT_PDF_NAME, size, _pdf(report.report_pdf_render, build), repeat=repeat, warmup=warmup
    )
    try:
        html = report_html(build())
    except Exception as error:  # noqa: BLE001 - the bench reports, it does not stop
        floor = Record(REPORT_PDF_FLOOR_NAME, figure.db, size, error=f"HTML отчёта: {error}")
        return [figure.against(floor), floor]

    def weasyprint_alone():
        content = pdf_from_html(html)
        if not content.startswith(b"%PDF"):
            raise StepError("получился не PDF")
        return content

    floor = measure(REPORT_PDF_FLOOR_NAME, size, weasyprint_alone, repeat=repeat, warmup=warmup)
    digest = html_digest(html)
    floor.extra.update(floor_of=REPORT_PDF_NAME, html_sha256=digest, html_chars=len(html))
    figure.extra.update(html_sha256=digest, year=year)
    return [figure.against(floor), floor]


def _pdf(render, build):
    def call():
        data = build()
        if not getattr(data, "rows", True):
            raise StepError("в документ нечего включить: в базе нет подходящих записей")
        content = render(data)
        if not content.startswith(b"%PDF"):
            raise StepError("получился не PDF")
        return content

    return call


def _rewards_year(this_year: int) -> int:
    """The rewards order covers the pairs finished in a year: the latest year that has any."""
    finished = Pair.objects.filter(status=Pair.Status.FINISHED, end_date__year__lte=this_year)
    latest = finished.order_by("-end_date").values_list("end_date", flat=True).first()
    return latest.year if latest else this_year


def _measure_kpi(name: str, year: int, size, repeat, warmup) -> Record:
    repeat = config.REPEAT if repeat is None else repeat
    today = timezone.localdate()

    def call():
        rows = kpi.kpi_values_for_year(year, today=today)
        if not rows:
            raise StepError("нет ни одного показателя KPI")
        return rows

    record = measure(name, size, call, repeat=repeat, warmup=warmup)
    record.extra["year"] = year
    return record


def measure_kpi(size: int | None, *, repeat: int | None = None, warmup: int = 1) -> Record:
    """kpi_values_for_year for this calendar year."""
    year = timezone.localdate().year
    return _measure_kpi(KPI_NAME, year, size, repeat, warmup)


def measure_kpi_past(size: int | None, *, repeat: int | None = None, warmup: int = 1) -> Record:
    """kpi_values_for_year for last calendar year: a period that is over."""
    year = timezone.localdate().year - 1
    return _measure_kpi(KPI_PAST_NAME, year, size, repeat, warmup)


def measure_documents(
    size: int | None, *, repeat: int | None = None, warmup: int = 1
) -> list[Record]:
    repeat = config.REPEAT if repeat is None else repeat
    slow = min(repeat, config.REPEAT_SLOW)
    today = timezone.localdate()
    year = today.year
    rewards_year = _rewards_year(year)

    orders = {
        "PDF: приказ о закреплении пар": lambda: documents.order_pairs_data(
            documents.order_pairs_default()
        ),
        "PDF: приказ о назначении наставников": lambda: documents.order_mentors_data(
            documents.order_mentors_default()
        ),
        f"PDF: приказ о поощрении ({rewards_year})": lambda: documents.order_rewards_data(
            documents.order_rewards_default(rewards_year), year=rewards_year
        ),
    }
    drafts = {
        "docx: приказ о закреплении пар": pairs_spec,
        "docx: приказ о назначении наставников": mentors_spec,
        f"docx: приказ о поощрении ({rewards_year})": rewards_spec,
    }
    return [
        measure_kpi(size, repeat=repeat, warmup=warmup),
        measure_kpi_past(size, repeat=repeat, warmup=warmup),
        *measure_report_pdf(size, repeat=slow, year=year, today=today, warmup=warmup),
        *(
            measure(name, size, _pdf(documents.order_pdf_render, build), repeat=slow, warmup=warmup)
            for name, build in orders.items()
        ),
        *(
            measure(name, size, _docx(spec(), rewards_year), repeat=repeat, warmup=warmup)
            for name, spec in drafts.items()
        ),
    ]


def _docx(spec, year: int):
    """The order's .docx as the screen makes it without a selection (every record that
    fits: no cap for .docx), through documents.orders.make_order."""
    params = OrderParams(ids=None, number="", date=None, year=year, format=DOCX)

    def call():
        try:
            made = make_order(spec, params)
        except OrderNotMade as error:
            raise StepError(str(error)) from None
        if not made.content.startswith(b"PK"):
            raise StepError("получился не .docx")
        return made

    return call
