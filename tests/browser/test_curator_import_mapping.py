"""A curator's own student list in real Chromium: upload a file with «ФИО», «Дата рожд.»,
«Группа» and columns the base does not know, check the mapping step, change one column,
give «Категория» one value for every row, see the preview, import."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.imports.models import RememberedMapping
from mentorship.people.models import Person
from tests.factories import UserFactory
from tests.lib.xlsx_files import xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEADERS = ["ФИО", "Дата рожд.", "Группа", "Телефон сотовый", "Примечание"]
ROWS = [
    ["Зайцев Артём Андреевич", "01.02.2007", "ПР-25-1", "+7 900 111-22-33", "староста"],
    ["Морозова Анна", "03.04.2007", "ПР-25-2", "+7 900 444-55-66", ""],
]


def test_curator_maps_her_own_columns_and_imports(page, live_server, log_in, tmp_path):
    UserFactory(username="kurator", role=Role.CURATOR)
    log_in("kurator")
    path = tmp_path / "список группы.xlsx"
    path.write_bytes(xlsx_bytes(HEADERS, ROWS))

    page.goto(f"{live_server.url}/admin/people/person/import/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Загрузить и проверить").click()

    expect(page.get_by_role("heading", name="Сопоставление колонок: люди")).to_be_visible()
    mapping = page.locator("table.xlsx-mapping tbody tr")
    expect(mapping).to_have_count(5)
    expect(mapping.nth(0)).to_contain_text("Зайцев Артём Андреевич")
    expect(mapping.nth(0)).to_contain_text("по синониму")
    expect(page.get_by_label("Поле базы для колонки «ФИО»")).to_have_value("ФИО")
    expect(page.get_by_label("Поле базы для колонки «Дата рожд.»")).to_have_value("Дата рождения")
    expect(mapping.nth(2)).to_contain_text("по заголовку шаблона")
    expect(mapping.nth(3)).to_contain_text("не загружается")
    expect(mapping.nth(4)).to_contain_text("не загружается")
    assert Person.objects.count() == 0

    page.get_by_label("Поле базы для колонки «Телефон сотовый»").select_option(label="Телефон")
    page.get_by_label("Значение для всех строк: Категория").fill("обучающийся")
    page.get_by_role("button", name="Сохранить сопоставление и проверить").click()

    expect(page.get_by_role("heading", name="Предпросмотр загрузки: люди")).to_be_visible()
    lines = page.locator(".xlsx-mapping-lines")
    expect(lines).to_contain_text("ФИО → Фамилия, Имя, Отчество (по синониму)")
    expect(lines).to_contain_text("Телефон сотовый → Телефон (выбрано вручную)")
    expect(lines).to_contain_text("Примечание — не загружается")
    expect(lines).to_contain_text("Категория = «обучающийся» во всех строках")
    expect(page.locator("body")).to_contain_text("Добавлено: 2")
    assert Person.objects.count() == 0

    page.get_by_role("button", name="Подтвердить импорт").click()
    expect(page.locator(".messagelist")).to_contain_text("новых — 2")
    zaitsev = Person.objects.get(last_name="Зайцев")
    assert (zaitsev.first_name, zaitsev.middle_name) == ("Артём", "Андреевич")
    assert (zaitsev.phone, zaitsev.study_group) == ("+7 900 111-22-33", "ПР-25-1")
    assert Person.objects.get(last_name="Морозова").kind == Person.Kind.STUDENT
    assert RememberedMapping.objects.get().targets[3] == "Телефон"
