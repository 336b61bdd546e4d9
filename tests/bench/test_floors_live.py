"""The load's floor through a real server (a transactional test, in a file of its own: the
flush after it empties the database, so it runs after every test that expects the migrated
data — see tests/conftest.py)."""

import pytest

from mentorship.bench.run import report


# serialized_rollback like every transactional test here: the flush after it must not
# recreate the content types under new ids (the next serialized restore would clash).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_load_floor_posts_through_http_and_the_load_is_a_ratio_to_it(bench_urls, live_server):
    """The floor's client against a real server: every POST stores one row; the load's
    record gets the floor's median and the rate ratio; both go into the JSON and the lines."""
    from urllib.parse import urlsplit

    from mentorship.bench.models import FloorPost
    from mentorship.bench.run import config
    from mentorship.bench.run.load import floor_record, run_floor, with_floor
    from mentorship.bench.run.measure import Record

    port = urlsplit(live_server.url).port
    outcomes, wall, not_sent = run_floor(port, 6, clients=2, seconds=60)
    assert not_sent == 0 and [o.kind for o in outcomes] == ["stored"] * 6
    floor = floor_record(outcomes, wall, not_sent, FloorPost.objects.count(), 24)
    assert floor.error is None and floor.extra["rows_in_db"] == 6
    load = Record(config.LOAD_NAME, "postgresql", 24, median_ms=30.0, p95_ms=40.0)
    load.extra.update(rate_per_s=floor.extra["rate_per_s"] / 4, clients=2)
    with_floor(load, floor)
    assert load.floor_ms == floor.median_ms and load.ratio == 4.0
    records = [load.as_dict(), floor.as_dict()]
    lines = report.table(records)
    assert "основа — голый POST одной строки" in lines and "анкета к основе × 4,00" in lines
    assert config.LOAD_FLOOR_NAME not in lines.split("\n")[0]  # not a row of a size table
