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
