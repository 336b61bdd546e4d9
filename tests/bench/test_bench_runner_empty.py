"""The bench runner's import step on an empty base (test_bench_runner.py shares one generated
college between its tests; this one counts every student, so it gets a base of its own)."""

from accounts.roles import Role
from mentorship.bench.run.xlsx import import_people, people_xlsx
from mentorship.lib.tables import read_table
from mentorship.people.models import Person
from tests.factories import UserFactory


def test_the_import_of_a_curators_own_list_goes_through_the_mapping_step(db, settings, tmp_path):
    """The bench's file is a curator's own list (a title row, «№», «ФИО», «Дата рожд.», no
    «Категория»): the figure is upload, mapping step, preview and confirm, and it writes."""
    UserFactory(username="bench-kurator", role=Role.CURATOR)
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    data = people_xlsx(30)
    headers = read_table(data, "люди.xlsx")
    assert headers.title and "ФИО" in headers.headers and "Категория" not in headers.headers
    record = import_people(data, 0)
    assert record.error is None
    assert record.extra["created"] == 30
    assert record.median_ms > 0 and record.extra["preview_ms"] > 0
    assert Person.objects.filter(kind=Person.Kind.STUDENT).count() == 30
