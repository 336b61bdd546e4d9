"""The bench runner (`make bench`) on a tiny generated college, in-process: every page it
measures answers 200, a page that does not becomes an error (never a figure), and the
records have the shape bench-results.json promises. No timing is asserted."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from mentorship.bench.generate import Sizes, generate
from mentorship.bench.run import config, report
from mentorship.bench.run.documents import KPI_PAST_NAME, measure_kpi, measure_kpi_past
from mentorship.bench.run.measure import RECORD_KEYS, StepError, measure
from mentorship.bench.run.pages import (
    AFTER_ANSWER,
    COLD,
    DASHBOARD,
    KEPT_PAGES,
    get_after_an_answer,
    get_ok,
    measure_pages,
    office_user,
)
from mentorship.bench.run.rollover import COMMIT_NAME, PREVIEW_NAME, measure_rollover
from mentorship.bench.run.xlsx import import_people
from mentorship.lib.dates import academic_year_label, academic_year_of
from mentorship.pairs.models import Pair
from mentorship.people.models import Person
from mentorship.surveys.models import Response
from roadmap.models import AcademicYearRollOver, Roadmap
from tests.worlds import built_once

TINY = Sizes(students=20, teachers=4, organisations=2, years=2)


@pytest.fixture(scope="module")
def college_world(django_db_setup, django_db_blocker):
    """The tiny college, generated once for the module inside a transaction rolled back at
    its end; each test's own transaction is a savepoint within it (a roll-over a test
    records is gone before the next one). The import test, which counts every student,
    runs on an empty base in test_bench_runner_empty.py."""
    with built_once(django_db_blocker, lambda: generate(TINY, seed="bench-runner")) as world:
        yield world


@pytest.fixture
def college(college_world, db):
    return college_world


@pytest.mark.parametrize("url", ["reports:dashboard", "surveys:entry-exit"])
def test_a_first_visit_after_a_change_makes_the_kept_page_again(college, url):
    """get_ok(cold=True) empties the cache before each request: after a warm-up, a kept page
    asks more than a later visit does."""
    client = Client()
    client.force_login(office_user(Role.DIRECTOR))
    address = reverse(url)
    warm = measure("later", 24, get_ok(client, address), repeat=1, warmup=1)
    cold = measure("first", 24, get_ok(client, address, cold=True), repeat=1, warmup=1)
    assert cold.queries > warm.queries


def test_a_visit_after_an_answer_makes_only_the_survey_figures_again(college):
    """get_after_an_answer writes a response before each request and takes it back after:
    the dashboard asks more than a later visit, less than a first one after any change, and
    the data is as it was."""
    client = Client()
    client.force_login(office_user(Role.DIRECTOR))
    address = reverse("reports:dashboard")
    responses = Response.objects.count()
    warm = measure("later", 24, get_ok(client, address), repeat=1, warmup=1)
    answered = measure("after", 24, get_after_an_answer(client, address), repeat=2, warmup=1)
    cold = measure("first", 24, get_ok(client, address, cold=True), repeat=1, warmup=1)
    assert answered.error is None
    assert warm.queries < answered.queries < cold.queries
    assert Response.objects.count() == responses


def test_every_page_answers_200_and_records_have_the_promised_shape(college, tmp_path, settings):
    settings.ROOT_URLCONF = "mentorship.bench.urls"  # the floors' URLs, as in make bench
    measured = [r.as_dict() for r in measure_pages(24, repeat=1, warmup=0)]
    measured.append(measure_kpi(24, repeat=1, warmup=0).as_dict())

    # measure() turns anything but 200 into the record's error.
    failed = [(r["name"], r["extra"].get("url"), r["error"]) for r in measured if r["error"]]
    assert failed == []
    names = {r["name"] for r in measured}
    # The pages the issue names are all there, for both roles where both read them.
    for name in [
        "куратор: admin: люди — список",
        "куратор: admin: люди — список с фильтром",
        "куратор: admin: люди — карточка",
        "куратор: панель показателей (дашборд)",
        "куратор: дорожная карта",
        "куратор: опросы: результаты волны",
        "директор: панель показателей (дашборд)",
        "директор: дорожная карта",
        "директор: опросы: результаты волны",
        "директор: admin: люди — список",
        "KPI за год (kpi_values_for_year)",
    ]:
        assert name in names
    assert len(names) == len(measured)  # no page twice
    # The pages kept under the data's fingerprint also as the first visit after a change.
    by_name = {r["name"]: r for r in measured}
    for who in ("куратор", "директор"):
        for page in KEPT_PAGES:
            assert by_name[f"{who}: {page} — {COLD}"]["extra"]["cold"]
            assert "cold" not in by_name[f"{who}: {page}"]["extra"]
        assert by_name[f"{who}: {DASHBOARD} — {AFTER_ANSWER}"]["extra"]["after_answer"]

    for record in measured:
        assert set(RECORD_KEYS) <= set(record)
        assert record["db"] in {"sqlite", "postgresql"}
        assert record["size"] == 24
        assert record["median_ms"] > 0 and record["p95_ms"] >= record["median_ms"]
        assert isinstance(record["queries"], int) and record["queries"] > 0
        assert record["peak_mb"] is None  # memory is measured for xlsx steps only
    path = tmp_path / "bench-results.json"
    report.write_json(measured, path)
    written = json.loads(path.read_text())
    assert [list(item)[: len(RECORD_KEYS)] for item in written] == [
        list(RECORD_KEYS) for _ in written
    ]
    kpi = next(item for item in written if item["name"].startswith("KPI"))
    assert kpi["target"] and kpi["target_met"] in {True, False}
    table = report.table(measured)
    assert "куратор: admin: люди — список" in table

    # An import the app refuses is an error with the app's reason, not a time.
    refused = import_people(b"PK\x03\x04 not a workbook", 24)
    assert refused.median_ms is None and refused.error


def test_a_page_that_is_not_200_is_an_error_not_a_figure(db, client):
    record = measure("нет такой страницы", 24, get_ok(client, "/no-such-page/"), repeat=1)
    assert record.median_ms is None and record.queries is None
    assert "ответил 404" in record.error or "ответил 302" in record.error


def test_a_step_error_keeps_its_message(db):
    def broken():
        raise StepError("в документ нечего включить")

    record = measure("PDF", 1, broken, repeat=1)
    assert record.error == "в документ нечего включить"


def test_the_roll_over_and_past_kpi_are_measured_and_leave_the_college_as_it_was(college):
    people = list(Person.objects.order_by("pk").values_list("pk", "kind", "course"))
    pairs = list(Pair.objects.order_by("pk").values_list("pk", "status"))
    roadmaps = Roadmap.objects.count()
    records = [r.as_dict() for r in measure_rollover(24, repeat=2, warmup=0)]
    records.append(measure_kpi_past(24, repeat=1, warmup=0).as_dict())
    assert [r["name"] for r in records] == [PREVIEW_NAME, COMMIT_NAME, KPI_PAST_NAME]
    for record in records:
        assert record["error"] is None, record
        assert record["median_ms"] > 0 and record["queries"] > 0
    # The tiny college's students do move: the commit measured real work, then undid it.
    assert records[1]["extra"]["promoted"] > 0
    assert list(Person.objects.order_by("pk").values_list("pk", "kind", "course")) == people
    assert list(Pair.objects.order_by("pk").values_list("pk", "status")) == pairs
    assert Roadmap.objects.count() == roadmaps
    assert not AcademicYearRollOver.objects.exists()
    # Targets: ≤ 10 s for the roll-over, ≤ 200 ms for last year's KPI, in the table and JSON.
    for record in records:
        text, met = report.target_check(record, records)
        assert text == config.TARGETS[record["name"]].text
        assert isinstance(met, bool)
    assert config.TARGETS[COMMIT_NAME].max_median_ms == 10_000
    assert config.TARGETS[KPI_PAST_NAME].max_median_ms == 200
    table = report.table(records)
    assert COMMIT_NAME in table and KPI_PAST_NAME in table


def test_a_roll_over_already_done_is_an_error_not_a_figure(college):
    today = timezone.localdate()
    AcademicYearRollOver.objects.create(
        academic_year=academic_year_label(academic_year_of(today) + 1)
    )
    preview, commit = measure_rollover(24, repeat=1, warmup=0)
    assert preview.median_ms is None and "уже выполнен" in preview.error
    assert commit.median_ms is None and "уже выполнен" in commit.error


def test_the_regional_centre_step_uploads_and_measures_every_page(db):
    """The bench's region (mentorship/bench/run/region.py) on a tiny region: the uploads are
    accepted, every page answers 200 (no record has an error), and the dashboard's query
    count is the same on the small and on the whole region."""
    from mentorship.bench.run.region import DASHBOARD_NAME, UPLOAD_NAME, measure_region
    from mentorship.region.models import Package

    records = [r.as_dict() for r in measure_region(5, 3, 2, repeat=1)]
    assert [(r["name"], r["error"]) for r in records if r["error"]] == []
    assert Package.objects.count() == 5 * 3
    uploads = [r for r in records if r["name"] == UPLOAD_NAME]
    assert [(r["size"], r["extra"]["packages"]) for r in uploads] == [(4, 4), (15, 11)]
    dashboards = [r for r in records if r["name"] == DASHBOARD_NAME]
    assert [r["size"] for r in dashboards] == [4, 15]
    assert dashboards[0]["queries"] == dashboards[1]["queries"]
    names = {r["name"] for r in records}
    assert {"РНЦ: отчёт региона PDF", "РНЦ: отчёт региона xlsx"} <= names
    # The region's own table, sized in packages, beside the college's (in people).
    college = measure_kpi(24, repeat=1, warmup=0).as_dict()
    table = report.table([college, *records])
    assert "4 пакетов: медиана, мс" in table and "15 пакетов: медиана, мс" in table
    assert "24 чел.: медиана, мс" in table
    assert table.index("KPI за год") < table.index("4 пакетов")


def test_the_order_drafts_are_measured_as_docx_too(college):
    """The bench's documents step makes each order as .docx the way the screen does without
    a selection; every record comes out without an error."""
    from mentorship.bench.run.documents import measure_documents

    records = [r.as_dict() for r in measure_documents(24, repeat=1, warmup=0)]
    drafts = [r for r in records if r["name"].startswith("docx: ")]
    assert len(drafts) == 3
    assert [(r["name"], r["error"]) for r in records if r["error"]] == []
    assert all(r["median_ms"] is not None for r in drafts)


def test_the_code_line_names_the_code_at_the_start_and_a_change_during_the_run():
    from mentorship.bench.run.main import _code_text

    assert _code_text("ab12cd3", "ab12cd3") == "ab12cd3"
    mixed = _code_text("ab12cd3", "ef45ab6")
    assert mixed.startswith("ab12cd3;") and "ef45ab6" in mixed and "изменился" in mixed
