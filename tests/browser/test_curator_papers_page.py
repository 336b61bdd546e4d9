"""A curator, in real headless Chromium, finds «Документы программы» in the menu, makes the
order on the final event as .docx from its form — first with a wrong date, kept in the form
with the Russian message — and gets the draft with the date and place typed (issue 15)."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.documents.models import ReportDownload
from mentorship.people.models import College
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_curator_downloads_the_final_event_order_from_the_papers_page(page, live_server, log_in):
    College.objects.update_or_create(
        pk=1, defaults={"short_name": "ГПОУ КГТК", "curator_name": "Е.Н. Петрова"}
    )
    UserFactory(username="kurator", role=Role.CURATOR)

    log_in("kurator")
    expect(page.get_by_role("heading", name="Рабочий стол куратора")).to_be_visible()
    page.get_by_role("button", name="Базы").or_(page.get_by_role("link", name="Базы")).click()
    page.get_by_role("link", name="Документы программы").click()
    expect(page.get_by_role("heading", name="Документы программы")).to_be_visible()

    card = page.locator("#paper-order_final_event")
    card.get_by_label("Номер приказа").fill("7-о")
    card.get_by_label("Дата мероприятия").fill("31.02.2026")
    card.get_by_label("Место проведения").fill("Актовый зал")
    card.get_by_role("button", name="Сформировать").click()

    card = page.locator("#paper-order_final_event")
    expect(card.get_by_role("alert")).to_contain_text("Дата мероприятия")
    expect(card.get_by_label("Место проведения")).to_have_value("Актовый зал")
    expect(card.get_by_label("Номер приказа")).to_have_value("7-о")
    card.get_by_label("Дата мероприятия").fill("20.05.2026")
    with page.expect_download() as download_info:
        card.get_by_role("button", name="Сформировать").click()

    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as file:
        document = Document(io.BytesIO(file.read()))
    text = " ".join(" ".join(p.text for p in document.paragraphs).split())
    assert "дата проведения — 20.05.2026, место проведения — Актовый зал" in text
    assert "куратора программы наставничества Е.Н. Петрову" in text
    assert ReportDownload.objects.get().kind == ReportDownload.Kind.ORDER_FINAL_EVENT
