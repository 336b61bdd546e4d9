"""The director, in headless Chromium, picks a period on the report page and downloads the
package for the regional centre of that period; without the college's ИНН the page says what
to fill in."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.package.build import NO_INN
from mentorship.package.format import read_package
from tests.factories import UserFactory
from tests.package.package_data import college_with_inn
from tests.roadmap.report_data import year_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_director_downloads_the_package_of_the_chosen_period(page, live_server, log_in):
    year_make()
    college_with_inn()
    UserFactory(username="direktor", role=Role.DIRECTOR)

    log_in("direktor")
    page.goto(f"{live_server.url}{reverse('reports:dashboard')}")
    page.get_by_label("Период", exact=True).select_option("2024/2025")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Пакет для РНЦ (xlsx)").click()
    download = download_info.value
    assert download.suggested_filename == "Пакет для РНЦ за 2024-2025 учебный год.xlsx"
    read = read_package(Path(download.path()).read_bytes(), download.suggested_filename)
    assert read.period_key == "2024/2025" and read.inn == "4205001234"

    college_with_inn("")
    page.get_by_label("Период", exact=True).select_option("2025")
    page.get_by_role("button", name="Пакет для РНЦ (json)").click()
    expect(page.get_by_text(NO_INN)).to_be_visible()
    expect(page.get_by_label("Период", exact=True)).to_have_value("2025")
