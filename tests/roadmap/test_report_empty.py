"""The yearly KPI report of a college with nothing in it: the JSON of an empty year says there
is no data and names no signatory. Apart from tests/roadmap/test_report.py, whose year of
data (and its college's director) is built once for the whole module and would be in the
base here."""

import json

import pytest

from mentorship.people.models import College
from roadmap.kpi import COMPUTATIONS
from roadmap.report import report_data_build, report_json_render

from .report_data import TODAY

pytestmark = pytest.mark.django_db

REGIONAL = {code for code, c in COMPUTATIONS.items() if c.regional_denominator}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def test_report_json_of_an_empty_year_says_no_data(db):
    College.get()
    report = json.loads(report_json_render(report_data_build(2019, today=TODAY)))
    assert report["has_data"] is False and report["participants"]["has_data"] is False
    assert report["indicators"]
    assert all(line["value"] is None for line in report["indicators"])
    for line in report["indicators"]:
        expected = "no_regional_denominator" if line["code"] in REGIONAL else "no_data"
        assert line["status"]["code"] == expected, line["code"]
    assert report["signatories"][0] == {"position": "Директор", "name": None}
