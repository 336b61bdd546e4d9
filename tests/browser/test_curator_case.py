"""A curator, in real headless Chromium, adds a case with a file from the menu, then makes
the сборник of it."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.cases.models import Case
from mentorship.people.models import MentoringForm
from tests.factories import UserFactory
from tests.lib.pdf_files import pdf_text

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_curator_adds_a_case_with_a_file(page, live_server, log_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    UserFactory(username="kurator", role=Role.CURATOR)
    form = MentoringForm.objects.get(code="employer-student")
    scan = tmp_path / "Фотоотчёт с чемпионата.pdf"
    scan.write_bytes(PDF)

    log_in("kurator")
    page.get_by_role("button", name="Практики").or_(
        page.get_by_role("link", name="Практики")
    ).click()
    page.get_by_role("link", name="Кейсы и лучшие практики").click()
    page.get_by_role("link", name="Добавить: кейс").click()

    page.get_by_label("Название:").first.fill("Профориентация через чемпионат")
    page.get_by_label("Форма наставничества").select_option(str(form.pk))
    page.get_by_label("Проблема").fill("Студенты не видят себя в профессии.")
    page.get_by_label("Что сделано").fill("Наставники с завода готовили команду к чемпионату.")
    page.get_by_label("Результат").fill("Трое призёров регионального этапа.")
    page.get_by_label("Автор").fill("Сидорова Анна Петровна")
    page.get_by_label("Теги").fill("профориентация, чемпионат")
    page.get_by_label("для РНЦ").check()
    page.locator("#id_files-0-title").fill("Фотоотчёт")
    page.locator("#id_files-0-file").set_input_files(str(scan))
    page.locator("input[name=_save]").click()

    message = page.locator(".messagelist")
    expect(message).to_contain_text("«Профориентация через чемпионат» добавлена")
    case = Case.objects.get()
    assert case.for_region and case.form == form
    stored = case.files.get()
    assert stored.title == "Фотоотчёт"
    assert stored.file.read() == PDF

    results = page.locator("#result_list")
    expect(results).to_contain_text("Профориентация через чемпионат")
    results.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("collection")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Выполнить").click()
    text = pdf_text(open(caught.value.path(), "rb").read())
    assert "Профориентация через чемпионат" in text
    assert "Приложения: Фотоотчёт" in text
