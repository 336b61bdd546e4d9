"""The floors `make bench` measures beside its figures (mentorship/bench/floors.py and
run/): each is measured on the same data as its figure, and its median and the figure's
ratio to it reach bench-results.json and the table. No timing is asserted."""

import json
import time

import pytest

from accounts.roles import Role
from mentorship.bench.floors import PLAIN_LIST_ROWS
from mentorship.bench.generate import Sizes, generate
from mentorship.bench.run import report
from mentorship.bench.run.measure import measure
from mentorship.bench.run.pages import (
    BARE_CHANGELIST_NAME,
    PLAIN_LIST_NAME,
    measure_pages,
    office_user,
)
from mentorship.people.models import Person
from tests.worlds import built_once

TINY = Sizes(students=20, teachers=4, organisations=2, years=2)


@pytest.fixture(scope="module")
def college_world(django_db_setup, django_db_blocker):
    """The tiny college, generated once for the module inside a transaction rolled back at
    its end; each test's own transaction is a savepoint within it (the import floor's rows
    are gone before the next test)."""
    with built_once(django_db_blocker, lambda: generate(TINY, seed="bench-floors")) as world:
        yield world


@pytest.fixture
def college(college_world, db):
    return college_world


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
        # The bare changelist timed again beside each page: its own median, not the first.
        assert page["floor_ms"] > 0
        assert page["ratio"] == round(page["median_ms"] / page["floor_ms"], 2)
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
        assert written[page["name"]]["floor_ms"] == page["floor_ms"]
        assert written[page["name"]]["ratio"] == page["ratio"]
    table = report.table(records)
    assert BARE_CHANGELIST_NAME in table
    row = next(line for line in table.splitlines() if line.startswith(people["name"] + " "))
    assert f"| {report.ratio_text(people['ratio'])} " in row
    assert report.ratio_text(1.234) == "× 1,23" and report.ratio_text(12.4) == "× 12"


def test_the_yearly_pdf_floor_lays_out_the_very_html_the_report_gives_weasyprint(
    college, monkeypatch
):
    """The floor is WeasyPrint alone on the report's own HTML: the HTML the product hands
    WeasyPrint (caught here independently, at weasyprint.HTML) is the floor's."""
    import weasyprint
    from django.utils import timezone

    from mentorship.bench.run.documents import (
        REPORT_PDF_FLOOR_NAME,
        REPORT_PDF_NAME,
        html_digest,
        measure_report_pdf,
    )
    from mentorship.lib import pdf

    given = []

    class SpyHTML(weasyprint.HTML):
        def __init__(self, *args, string=None, **kwargs):
            given.append(string)
            super().__init__(*args, string=string, **kwargs)

    # lib.pdf imports HTML from weasyprint at each rendering: the spy sees every layout of
    # the measurement — the figure's run of the product, the one run whose HTML the floor
    # keeps, and the floor's own run — without a warm-up, three in all.
    monkeypatch.setattr(weasyprint, "HTML", SpyHTML)
    today = timezone.localdate()
    figure, floor = (
        r.as_dict()
        for r in measure_report_pdf(24, repeat=1, year=today.year, today=today, warmup=0)
    )
    assert _ok([figure, floor])
    assert (figure["name"], floor["name"]) == (REPORT_PDF_NAME, REPORT_PDF_FLOOR_NAME)
    assert figure["floor_ms"] == floor["median_ms"] > 0
    assert figure["ratio"] == round(figure["median_ms"] / floor["median_ms"], 2)

    # The first layout is the figure's: report_pdf_render on the product's own data.
    assert len(given) == 3
    product_html = given[0]
    assert product_html == given[1] == given[2]
    assert floor["extra"]["html_sha256"] == figure["extra"]["html_sha256"]
    assert floor["extra"]["html_sha256"] == html_digest(product_html)
    assert floor["extra"]["html_chars"] == len(product_html)
    # The capture leaves the product's function as it was.
    assert pdf.pdf_from_html.__name__ == "pdf_from_html"


def test_the_export_floor_writes_the_same_rows_and_columns_as_the_export(college, tmp_path):
    from mentorship.bench.run.xlsx import EXPORT_FLOOR_NAME, EXPORT_NAME, export_people

    figure, floor = (r.as_dict() for r in export_people(24, repeat=1))
    assert _ok([figure, floor])
    assert (figure["name"], floor["name"]) == (EXPORT_NAME, EXPORT_FLOOR_NAME)
    # Counted in the workbook the curator downloads, and in the floor's own loop.
    assert figure["extra"]["rows"] == floor["extra"]["rows"] > 0
    assert figure["extra"]["columns"] == floor["extra"]["columns"] > 10
    assert figure["floor_ms"] == floor["median_ms"]
    assert figure["ratio"] == round(figure["median_ms"] / floor["median_ms"], 2)
    path = tmp_path / "bench-results.json"
    report.write_json([figure, floor], path)
    written = json.loads(path.read_text())
    assert written[0]["floor_ms"] == floor["median_ms"] and written[0]["ratio"] == figure["ratio"]
    assert written[0]["target"].startswith("≤ 1,5 × openpyxl")
    assert "× " in report.table([figure, floor])


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


def test_the_bare_one_row_post_is_served_under_the_bench_settings_only(db, bench_urls, client):
    from mentorship.bench.models import FloorPost

    response = client.post("/bench-floor/post/", {"text": "строка 1"})
    assert response.status_code == 200
    assert list(FloorPost.objects.values_list("text", flat=True)) == ["строка 1"]
    assert client.get("/bench-floor/post/").status_code == 405


def test_the_product_urlconf_has_no_floor(db, client):
    assert client.post("/bench-floor/post/", {"text": "x"}).status_code == 404
    assert client.get("/bench-floor/people/").status_code == 404


def test_bench_db_chooses_the_database(monkeypatch):
    from mentorship.bench.run import config
    from mentorship.bench.run.databases import main_url

    pg = "postgres://u:p@127.0.0.1:5432/mentorship"
    monkeypatch.delenv("BENCH_DB", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.bench_db() == "postgresql"
    assert main_url() is None  # the bench's own throw-away cluster
    monkeypatch.setenv("DATABASE_URL", pg)
    assert main_url() == pg
    monkeypatch.setenv("BENCH_DB", "sqlite")
    assert config.bench_db() == "sqlite"
    assert main_url() == "sqlite://"
    monkeypatch.setenv("BENCH_DB", "mysql")
    with pytest.raises(SystemExit, match="BENCH_DB: нужно postgresql или sqlite"):
        main_url()


def test_a_floor_is_timed_just_before_each_run_of_its_figure():
    """measure(floor=...): the floor and the figure take turns, the warm-up included, and
    the ratio is to the floor's own median of those turns."""
    turns = []

    def figure():
        turns.append("страница")
        time.sleep(0.002)

    def floor():
        turns.append("основа")
        time.sleep(0.004)

    record = measure("страница", 1, figure, repeat=3, warmup=1, floor=("основа", floor))
    assert turns == ["основа", "страница"] * 4
    assert record.error is None and record.extra["floor"] == "основа"
    assert record.floor_ms >= 4 and record.median_ms >= 2
    assert record.ratio == round(record.median_ms / record.floor_ms, 2)


def test_without_the_bench_urlconf_the_floors_are_errors_and_pages_have_no_ratio(college):
    records = measure_pages(24, repeat=1, warmup=0)
    floors = [r for r in records if r.name in (BARE_CHANGELIST_NAME, PLAIN_LIST_NAME)]
    assert len(floors) == 2 and all("mentorship.bench.urls" in r.error for r in floors)
    pages = [r for r in records if r.extra.get("role")]
    assert pages and all(r.error is None and r.ratio is None for r in pages)
    # A missed ratio target, never a met one, when there is no floor.
    people = next(r.as_dict() for r in pages if r.name == "куратор: admin: люди — список")
    assert report.target_check(people, [people]) == (report.target_of(people).text, False)


def test_the_print_cards_are_held_to_their_own_second_not_to_the_list_ratio():
    """Issue 16: «the print cards of 1,000 links ≤ 1 s» — a document of a thousand QR codes,
    its ratio to the bare changelist printed beside it but not its target."""

    def cards(median_ms, ratio):
        return {
            "name": "куратор: опросы: карточки для печати",
            "db": "postgresql",
            "size": 9515,
            "median_ms": median_ms,
            "ratio": ratio,
            "extra": {"role": "куратор"},
        }

    met = cards(268.0, 3.72)
    assert report.target_check(met, [met]) == ("≤ 1 с на 1 000 ссылок", True)
    slow = cards(1040.0, 14.5)
    assert report.target_check(slow, [slow]) == ("≤ 1 с на 1 000 ссылок", False)
    page = {**met, "name": "куратор: опросы: входная/выходная"}
    assert report.target_check(page, [page]) == ("≤ 1,5 × голого списка admin", False)
