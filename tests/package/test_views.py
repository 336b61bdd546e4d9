"""(h) The button «Пакет для РНЦ»: the director (and the curator) download the package of the
period chosen on the report page, each download in the journal; other roles are refused;
a bad period or format is a Russian 400; a college without its ИНН is sent back to the
report page with the message."""

import pytest
from django.urls import reverse

from mentorship.documents.models import ReportDownload
from mentorship.package.build import NO_INN
from mentorship.package.format import read_package
from tests.package.package_data import college_with_inn

pytestmark = pytest.mark.django_db
URL = reverse("package:download")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def year(year_world, db):
    return year_world


@pytest.mark.parametrize(("fmt", "content_type"), [("json", "application/json"), ("xlsx", XLSX)])
def test_the_director_downloads_the_package_and_the_journal_says_so(
    year, director, client_for, fmt, content_type
):
    response = client_for(director).get(URL, {"period": "2024/2025", "format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    read = read_package(response.content, f"пакет.{fmt}")
    assert read.period_key == "2024/2025"
    row = ReportDownload.objects.get()
    assert (row.kind, row.username, row.period, row.year) == (
        ReportDownload.Kind.REGION_PACKAGE,
        "director",
        "2024/2025",
        2024,
    )
    assert row.get_kind_display() == "Пакет для РНЦ"


def test_the_curator_reads_it_too(year, curator, client_for):
    response = client_for(curator).get(URL, {"period": "2025", "format": "json"})
    assert response.status_code == 200


def test_a_mentor_is_refused(year, mentor, client_for):
    response = client_for(mentor).get(URL, {"period": "2025", "format": "json"})
    assert response.status_code == 403
    assert not ReportDownload.objects.exists()


def test_only_get(year, director, client_for):
    response = client_for(director).post(URL, {"period": "2025", "format": "json"})
    assert response.status_code == 405
    assert not ReportDownload.objects.exists()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "вчера", "format": "json"}, "не период отчёта"),
        ({"period": "2024/2026", "format": "json"}, "второй год должен следовать"),
        ({"period": "2025", "format": "pdf"}, "Формат пакета «pdf» не поддерживается"),
        ({"format": "json"}, "Укажите отчётный период"),
    ],
)
def test_a_bad_request_is_a_russian_400(year, director, client_for, params, message):
    response = client_for(director).get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportDownload.objects.exists()


def test_without_the_inn_the_director_is_sent_back_with_the_message(year, director, client_for):
    college_with_inn("")
    response = client_for(director).get(URL, {"period": "2025", "format": "xlsx"}, follow=True)
    assert response.redirect_chain == [(f"{reverse('reports:dashboard')}?period=2025", 302)]
    assert NO_INN in response.content.decode()
    assert not ReportDownload.objects.exists()


def test_the_report_page_has_the_button_for_the_chosen_period(year, director, client_for):
    page = client_for(director).get(reverse("reports:dashboard"), {"period": "2025"})
    html = page.content.decode()
    assert f'formaction="{URL}" name="format" value="xlsx"' in html
    assert f'formaction="{URL}" name="format" value="json"' in html
    assert "Пакет для РНЦ (xlsx)" in html
