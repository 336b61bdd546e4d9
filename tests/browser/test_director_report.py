"""The director, in headless Chromium, opens the dashboard, picks a year and downloads the
yearly KPI report."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from tests.factories import UserFactory
from tests.lib.pdf_files import pdf_text
from tests.roadmap.report_data import COLLEGE, year_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_director_downloads_the_yearly_report(page, live_server, log_in):
    year_make()  # the year 2025, finished whatever today is
    UserFactory(username="direktor", role=Role.DIRECTOR)

    log_in("direktor")
    page.goto(f"{live_server.url}{reverse('reports:dashboard')}")
    this_year = timezone.localdate().year
    expect(
        page.get_by_role("heading", name=f"Показатели программы наставничества за {this_year} год")
    ).to_be_visible()

    page.get_by_label("Период", exact=True).select_option("2025")
    page.get_by_role("button", name="Показать").click()
    expect(
        page.get_by_role("heading", name="Показатели программы наставничества за 2025 год")
    ).to_be_visible()
    expect(page.locator("#kpi-table")).to_contain_text("не выполнен")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Скачать отчёт (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "Отчёт по наставничеству за 2025 год.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert " ".join(COLLEGE["full_name"].split()) in text
    assert "Показатели эффективности" in text
    assert "ОТЧЁТ о реализации программы наставничества за 2025 год" in text

    # An academic year from the same selector: its own heading and file.
    page.get_by_label("Период", exact=True).select_option("2024/2025")
    page.get_by_role("button", name="Показать").click()
    expect(
        page.get_by_role(
            "heading", name="Показатели программы наставничества за 2024/2025 учебный год"
        )
    ).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Скачать отчёт (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == (
        "Отчёт по наставничеству за 2024-2025 учебный год.pdf"
    )
    text = pdf_text(Path(download.path()).read_bytes())
    assert "за 2024/2025 учебный год" in text
