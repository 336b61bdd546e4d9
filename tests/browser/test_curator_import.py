"""The curator's Excel round trip in real Chromium: download the people template, fill it
with 200 rows, upload, check the preview, confirm, then export the base."""

import datetime as dt

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.people.models import Person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SURNAMES = ["Зайцев", "Морозов", "Волков", "Лебедев", "Соловьёв"]
NAMES = ["Артём", "Никита", "Кирилл", "Егор"]


def fill_template(path, rows: int) -> None:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for i in range(rows):
        row = dict.fromkeys(headers)
        row |= {
            "Фамилия": f"{SURNAMES[i % 5]}\xa0",  # a no-break space pasted from elsewhere
            "Имя": NAMES[i % 4],
            "Отчество": "Андреевич",
            "Дата рождения": (dt.date(2007, 1, 1) + dt.timedelta(days=i)).strftime("%d.%m.%Y"),
            "Категория": "ОБУЧАЮЩИЙСЯ" if i % 2 else "обучающийся",
            "Группа": f"ПР-25-{i % 3 + 1}",
            "Курс": 2,
            "ОВЗ": "да" if i % 40 == 0 else "нет",
            "Сельская местность": "+" if i % 5 == 0 else "",
        }
        sheet.append([row[h] for h in headers])
    book.save(path)


def test_curator_imports_200_people_and_exports_the_base(page, live_server, log_in, tmp_path):
    UserFactory(username="kurator", role=Role.CURATOR)
    log_in("kurator")

    page.goto(f"{live_server.url}/people/xlsx/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать шаблон").first.click()
    template = tmp_path / "people.xlsx"
    download.value.save_as(template)
    fill_template(template, 200)

    page.goto(f"{live_server.url}/admin/people/person/import/")
    page.set_input_files("input[type=file]", str(template))
    page.get_by_role("button", name="Загрузить и проверить").click()
    expect(page.get_by_text("Ещё ничего не записано")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Добавлено: 200")
    assert Person.objects.count() == 0

    page.get_by_role("button", name="Подтвердить импорт").click()
    expect(page.locator(".messagelist")).to_contain_text("новых — 200")
    assert Person.objects.count() == 200
    assert Person.objects.filter(has_disability=True).count() == 5
    assert not Person.objects.filter(last_name__contains="\xa0").exists()

    page.goto(f"{live_server.url}/admin/people/person/export/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Выгрузить в Excel").click()
    exported = tmp_path / "export.xlsx"
    download.value.save_as(exported)
    rows = list(load_workbook(exported).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Фамилия", "Имя", "Отчество", "Дата рождения")
    assert len(rows) == 201
    assert ("Соловьёв", "Артём", "Андреевич") in {row[:3] for row in rows[1:]}
