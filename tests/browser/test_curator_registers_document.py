"""A curator, in real headless Chromium, registers a signed order with its scan in the
register of documents, sees it in the register and downloads the scan back (issue 15)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.documents.models import RegisteredDocument
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_curator_registers_a_signed_order_with_its_scan(
    page, live_server, log_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    scan = tmp_path / "Приказ 15-н подписан.pdf"
    scan.write_bytes(PDF)
    UserFactory(username="kurator", role=Role.CURATOR)

    log_in("kurator")
    expect(page.get_by_role("heading", name="Рабочий стол куратора")).to_be_visible()
    page.get_by_role("button", name="Базы").or_(page.get_by_role("link", name="Базы")).click()
    page.get_by_role("link", name="Реестр документов").click()
    expect(page.get_by_role("heading", name="Реестр документов")).to_be_visible()

    page.get_by_role("link", name=re.compile("Добавить")).first.click()
    page.locator("#id_kind").select_option(label="приказ")
    page.locator("#id_number").fill("15-н")
    page.locator("#id_date").fill("01.09.2025")
    page.locator("#id_title").fill("О внедрении целевой модели наставничества")
    page.locator("#id_scan").set_input_files(str(scan))
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist")).to_contain_text("добавлена")
    results = page.locator("#result_list")
    expect(results).to_contain_text("15-н")
    expect(results).to_contain_text("01.09.2025")
    expect(results).to_contain_text("О внедрении целевой модели наставничества")
    expect(results.locator("img[alt='True']")).to_have_count(1)  # «скан»: yes

    document = RegisteredDocument.objects.get()
    assert document.kind == RegisteredDocument.Kind.ORDER
    assert document.registered_by == "kurator"

    # The scan comes back, through the role-checked view, as the same bytes.
    results.get_by_role("link", name="15-н").click()
    with page.expect_download() as download_info:
        page.locator(".file-upload a").click()
    assert open(download_info.value.path(), "rb").read() == PDF
