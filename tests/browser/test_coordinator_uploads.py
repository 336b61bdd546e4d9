"""From the college to the region, in headless Chromium: the director downloads the package
for the regional centre, the coordinator uploads that very file (preview, then confirm) and
opens the region's dashboard with the college in it; a changed copy of the file is refused
with the Russian reason and nothing is written."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.region.models import Package, PackageUpload
from tests.factories import UserFactory
from tests.package.package_data import INN, college_with_inn
from tests.roadmap.report_data import COLLEGE, year_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_coordinator_uploads_the_colleges_package_and_opens_the_dashboard(
    page, live_server, log_in, tmp_path
):
    year_make()  # the year 2025, finished whatever today is
    college_with_inn()
    UserFactory(username="direktor", role=Role.DIRECTOR)
    UserFactory(username="koordinator", role=Role.COORDINATOR)

    # The college: the director takes the package of 2025 from the report page.
    log_in("direktor")
    page.goto(f"{live_server.url}{reverse('reports:dashboard')}")
    page.get_by_label("Период", exact=True).select_option("2025")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Пакет для РНЦ (json)").click()
    package = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(package)
    page.get_by_role("button", name="Выйти").click()

    # The region: the coordinator starts on the region's page and uploads the file.
    log_in("koordinator")
    expect(page.locator("h1")).to_contain_text("Показатели региона за")
    page.goto(f"{live_server.url}{reverse('region:upload')}")
    page.get_by_label("Файлы пакетов").set_input_files(str(package))
    page.get_by_role("button", name="Показать, что изменится").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text(f"ИНН {INN}")
    expect(preview).to_contain_text("2025 год")
    expect(preview).to_contain_text("новый пакет")
    assert not Package.objects.exists()  # the preview writes nothing
    page.get_by_role("button", name="Подтвердить загрузку").click()
    expect(page.get_by_text("Загружено пакетов: 1")).to_be_visible()
    assert Package.objects.filter(period="2025", college__inn=INN).count() == 1

    page.goto(f"{live_server.url}{reverse('region:dashboard')}?period=2025")
    expect(page.get_by_role("heading", name="Показатели региона за 2025 год")).to_be_visible()
    short_name = COLLEGE["short_name"]
    expect(page.get_by_role("cell", name=short_name, exact=False).first).to_be_visible()

    # A copy with one number changed: the checksum no longer matches.
    data = json.loads(package.read_text(encoding="utf-8"))
    data["kpis"][0]["target"] = "99.00"
    changed = tmp_path / "изменённый.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page.goto(f"{live_server.url}{reverse('region:upload')}")
    page.get_by_label("Файлы пакетов").set_input_files(str(changed))
    page.get_by_role("button", name="Показать, что изменится").click()
    expect(page.locator("#refused")).to_contain_text("Контрольная сумма пакета не совпадает")
    expect(page.get_by_role("button", name="Подтвердить загрузку")).to_have_count(0)
    assert PackageUpload.objects.count() == 1
    assert Path(package).exists()
