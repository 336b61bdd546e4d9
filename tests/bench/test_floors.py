"""The floors `make bench` measures beside its figures (mentorship/bench/floors.py and
run/): each is measured on the same data as its figure, and its median and the figure's
ratio to it reach bench-results.json and the table. No timing is asserted."""

import json

import pytest

from accounts.roles import Role
from mentorship.bench.floors import PLAIN_LIST_ROWS
from mentorship.bench.generate import Sizes, generate
from mentorship.bench.run import report
from mentorship.bench.run.pages import (
    BARE_CHANGELIST_NAME,
    PLAIN_LIST_NAME,
    measure_pages,
    office_user,
)
from mentorship.people.models import Person

TINY = Sizes(students=20, teachers=4, organisations=2, years=2)


@pytest.fixture
def bench_urls(settings):
    """The bench's URLconf, as its measuring processes have it."""
    settings.ROOT_URLCONF = "mentorship.bench.urls"


@pytest.fixture
def college(db):
    return generate(TINY, seed="bench-floors")


def _ok(records):
    return [(r["name"], r["error"]) for r in records if r["error"]] == []


def test_every_page_is_a_ratio_to_the_bare_changelist_of_the_same_table(
    college, bench_urls, client, tmp_path
):
    records = [r.as_dict() for r in measure_pages(24, repeat=1, warmup=0)]
    assert _ok(records)
    bare, plain = records[0], records[1]
    assert [bare["name"], plain["name"]] == [BARE_CHANGELIST_NAME, PLAIN_LIST_NAME]
    assert bare["extra"]["table"] == plain["extra"]["table"] == Person._meta.db_table
    pages = [r for r in records if r["extra"].get("role")]
    assert len(pages) == len(records) - 2 and pages
    for page in pages:
        assert page["floor_ms"] == bare["median_ms"]
        assert page["ratio"] == round(page["median_ms"] / bare["median_ms"], 2)
        assert page["extra"]["floor"] == BARE_CHANGELIST_NAME
    assert bare["floor_ms"] is None and bare["ratio"] is None

    # The same rows: the bare changelist walks the very table the people list does.
    client.force_login(office_user(Role.CURATOR))
    people = next(r for r in pages if r["name"] == "куратор: admin: люди — список")
    figure = client.get(people["extra"]["url"]).context["cl"]
    floor = client.get(bare["extra"]["url"]).context["cl"]
    assert floor.model is figure.model is Person
    assert floor.full_result_count == figure.full_result_count == Person.objects.count()
    plain_page = client.get(plain["extra"]["url"])
    assert plain_page.context["paginator"].count == Person.objects.count()
    assert len(plain_page.context["object_list"]) == min(PLAIN_LIST_ROWS, Person.objects.count())

    path = tmp_path / "bench-results.json"
    report.write_json(records, path)
    written = {item["name"]: item for item in json.loads(path.read_text())}
    for page in pages:
        assert written[page["name"]]["floor_ms"] == bare["median_ms"]
        assert written[page["name"]]["ratio"] == page["ratio"]
    table = report.table(records)
    assert BARE_CHANGELIST_NAME in table and "× " in table


def test_the_yearly_pdf_floor_lays_out_the_very_html_the_report_gives_weasyprint(
    college, monkeypatch
):
    """The floor is WeasyPrint alone on the report's own HTML: the HTML the product hands
    WeasyPrint (caught here independently, at weasyprint.HTML) is the floor's."""
    from django.utils import timezone

    from mentorship.bench.run.documents import (
        REPORT_PDF_FLOOR_NAME,
        REPORT_PDF_NAME,
        html_digest,
        measure_report_pdf,
    )
    from mentorship.lib import pdf
    from roadmap import report as product_report

    today = timezone.localdate()
    figure, floor = (
        r.as_dict() for r in measure_report_pdf(24, repeat=1, year=today.year, today=today)
    )
    assert _ok([figure, floor])
    assert (figure["name"], floor["name"]) == (REPORT_PDF_NAME, REPORT_PDF_FLOOR_NAME)
    assert figure["floor_ms"] == floor["median_ms"] > 0
    assert figure["ratio"] == round(figure["median_ms"] / floor["median_ms"], 2)

    given = []

    class SpyHTML(pdf.HTML):
        def __init__(self, *args, string=None, **kwargs):
            given.append(string)
            super().__init__(*args, string=string, **kwargs)

    monkeypatch.setattr(pdf, "HTML", SpyHTML)
    product_report.report_pdf_render(product_report.report_data_build(today.year, today=today))
    assert len(given) == 1
    assert floor["extra"]["html_sha256"] == figure["extra"]["html_sha256"] == html_digest(given[0])
    assert floor["extra"]["html_chars"] == len(given[0])
    # The capture leaves the product's function as it was.
    assert pdf.pdf_from_html.__name__ == "pdf_from_html"


def test_the_export_floor_writes_the_same_rows_and_columns_as_the_export(college):
    from mentorship.bench.run.xlsx import EXPORT_FLOOR_NAME, EXPORT_NAME, export_people

    figure, floor = (r.as_dict() for r in export_people(24, repeat=1))
    assert _ok([figure, floor])
    assert (figure["name"], floor["name"]) == (EXPORT_NAME, EXPORT_FLOOR_NAME)
    # Counted in the workbook the curator downloads, and in the floor's own loop.
    assert figure["extra"]["rows"] == floor["extra"]["rows"] > 0
    assert figure["extra"]["columns"] == floor["extra"]["columns"] > 10
    assert figure["floor_ms"] == floor["median_ms"]
    assert figure["ratio"] == round(figure["median_ms"] / floor["median_ms"], 2)


def test_the_import_floor_loads_the_same_files_rows_and_leaves_the_data_as_it_was(
    college, settings, tmp_path
):
    from mentorship.bench.run.xlsx import (
        IMPORT_FLOOR_NAME,
        IMPORT_NAME,
        import_with_floor,
        measure_import_floor,
        people_xlsx,
    )

    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    data = people_xlsx(30)
    before = list(Person.objects.order_by("pk").values_list("pk", "natural_key"))
    alone = measure_import_floor(data, 24, repeat=2)
    assert alone.error is None and alone.extra["rows"] == 30
    assert list(Person.objects.order_by("pk").values_list("pk", "natural_key")) == before

    figure, floor = (r.as_dict() for r in import_with_floor(data, 24, repeat=1))
    assert _ok([figure, floor])
    assert (figure["name"], floor["name"]) == (IMPORT_NAME, IMPORT_FLOOR_NAME)
    assert floor["extra"]["rows"] == figure["extra"]["created"] == 30
    assert Person.objects.count() == len(before) + 30
    assert figure["floor_ms"] == floor["median_ms"]
    assert figure["ratio"] == round(figure["median_ms"] / floor["median_ms"], 2)
