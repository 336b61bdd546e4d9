"""The admin's mapping step: upload → «колонка файла → поле базы» → preview → confirm."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mentorship.imports.models import RememberedMapping
from mentorship.imports.uploads import ImportTempStorage, upload_kind
from mentorship.people.models import Person
from tests.lib.xlsx_files import PEOPLE_HEADERS, people_rows, people_xlsx, person_row, xlsx_bytes

IMPORT_URL = reverse("admin:people_person_import")
CONFIRM_URL = reverse("admin:people_person_process_import")
HEADERS = ["ФИО", "Дата рожд.", "Группа", "Телефон сотовый"]
ROWS = [
    ["Иванов Пётр Сергеевич", "15.03.2007", "ГЭ-24-1", "+7 900 111-22-33"],
    ["Петрова Анна", "01.09.2006", "ГЭ-23-2", "+7 900 444-55-66"],
]
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")


def upload(client, data: bytes, name: str = "список.xlsx"):
    return client.post(
        IMPORT_URL, {"format": "0", "resource": "0", "import_file": SimpleUploadedFile(name, data)}
    )


def step_data(response, **changes) -> dict:
    """What the mapping step posts as shown, with some fields changed by label."""
    form = response.context["mapping_form"]
    data = {name: form[name].value() or "" for name in form.fields}
    for label, value in changes.items():
        [name] = [n for n, f in form.fields.items() if f.label == label.replace("_", " ")]
        data[name] = value
    return data


def confirm_data(response) -> dict:
    form = response.context["confirm_form"]
    return {name: form.initial.get(name, "") for name in form.fields}


def field_of(form, label):
    [name] = [n for n, f in form.fields.items() if f.label == label]
    return name


def test_the_step_shows_every_column_with_samples_and_how_it_was_matched(client_for, curator):
    response = upload(client_for(curator), xlsx_bytes(HEADERS, ROWS))
    page = response.content.decode()
    assert "Сопоставление колонок: люди" in page
    assert "Ещё ничего не записано" in page
    form = response.context["mapping_form"]
    rows = [(r["header"], r["samples"], r["field"].value(), r["how"]) for r in form.column_rows()]
    assert rows == [
        ("ФИО", ["Иванов Пётр Сергеевич", "Петрова Анна"], "ФИО", "по синониму"),
        ("Дата рожд.", ["15.03.2007", "01.09.2006"], "Дата рождения", "по синониму"),
        ("Группа", ["ГЭ-24-1", "ГЭ-23-2"], "Группа", "по заголовку шаблона"),
        ("Телефон сотовый", ["+7 900 111-22-33", "+7 900 444-55-66"], "", "не загружается"),
    ]
    assert "ФИО (фамилия, имя, отчество)" in page
    assert "— не загружать —" in page
    # The template's columns the file lacks, each with «значение для всех строк».
    missing = [row["name"] for row in form.constant_rows()]
    assert "Категория" in missing and "Курс" in missing and "Фамилия" not in missing
    assert "Значение для всех строк: Категория" in page
    assert "Подтвердить импорт" not in page
    assert Person.objects.count() == 0


def test_change_a_column_preview_confirm_and_it_is_remembered(client_for, curator):
    client = client_for(curator)
    step = upload(client, xlsx_bytes(HEADERS, ROWS))
    preview = client.post(
        IMPORT_URL,
        step_data(step, Телефон_сотовый="Телефон", Категория="обучающийся"),
    )
    page = preview.content.decode()
    assert "Предпросмотр загрузки: люди" in page
    assert "Телефон сотовый → Телефон (выбрано вручную)" in page
    assert "ФИО → Фамилия, Имя, Отчество (по синониму)" in page
    assert "Категория = «обучающийся» во всех строках" in page
    assert "Добавлено: <strong>2</strong>" in page
    assert Person.objects.count() == 0
    stored = RememberedMapping.objects.get()
    assert stored.targets == ["ФИО", "Дата рождения", "Группа", "Телефон"]
    assert stored.constants == {"Категория": "обучающийся"}
    assert stored.saved_by == curator

    done = client.post(CONFIRM_URL, confirm_data(preview), follow=True)
    assert "Импорт выполнен: новых — 2" in done.content.decode()
    ivanov = Person.objects.get(last_name="Иванов")
    assert (ivanov.first_name, ivanov.middle_name) == ("Пётр", "Сергеевич")
    assert (ivanov.phone, ivanov.kind) == ("+7 900 111-22-33", Person.Kind.STUDENT)

    # The next file with the same headers starts from the confirmed mapping.
    again = upload(client, xlsx_bytes(HEADERS, [["Сидоров Иван", "02.02.2007", "ГЭ-24-2", ""]]))
    form = again.context["mapping_form"]
    rows = {r["header"]: (r["field"].value(), r["how"]) for r in form.column_rows()}
    assert rows["Телефон сотовый"] == ("Телефон", "запомнено")
    assert rows["ФИО"] == ("ФИО", "запомнено")
    assert form[field_of(form, "Категория")].value() == "обучающийся"
    assert "запомнено" in again.content.decode()


def test_two_columns_on_one_field_keep_the_choices_and_say_why(client_for, curator):
    client = client_for(curator)
    step = upload(client, xlsx_bytes(HEADERS, ROWS))
    response = client.post(
        IMPORT_URL, step_data(step, Телефон_сотовый="Группа", Категория="обучающийся")
    )
    page = response.content.decode()
    assert "Колонки файла «Группа» и «Телефон сотовый» обе указаны для поля «Группа»" in page
    form = response.context["mapping_form"]
    assert form[field_of(form, "Телефон сотовый")].value() == "Группа"
    assert form[field_of(form, "Категория")].value() == "обучающийся"
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not RememberedMapping.objects.exists()
    assert Person.objects.count() == 0


def test_a_required_field_left_out_is_named_on_the_step(client_for, curator):
    client = client_for(curator)
    step = upload(client, xlsx_bytes(HEADERS, ROWS))
    page = client.post(IMPORT_URL, step_data(step)).content.decode()
    assert "Файл не принят: нет колонок «Категория»" in page
    assert "Сопоставление колонок: люди" in page  # still on the step, upload kept


def test_a_template_file_goes_straight_to_the_preview_and_says_so(client_for, curator):
    client = client_for(curator)
    preview = upload(client, people_xlsx(people_rows(2)))
    page = preview.content.decode()
    assert "Колонки совпали с шаблоном." in page
    assert "Добавлено: <strong>2</strong>" in page
    client.post(CONFIRM_URL, confirm_data(preview))
    assert Person.objects.count() == 2
    assert not RememberedMapping.objects.exists()


def test_a_template_column_given_twice_goes_to_the_step_not_past_it(client_for, curator):
    client = client_for(curator)
    headers = [*PEOPLE_HEADERS, "фамилия"]
    rows = [[*[person_row().get(h) for h in PEOPLE_HEADERS], "Сидоров"]]
    step = upload(client, xlsx_bytes(headers, rows))
    assert "Сопоставление колонок: люди" in step.content.decode()
    response = client.post(IMPORT_URL, step_data(step))
    assert "Колонки файла «Фамилия» и «фамилия» обе указаны для поля «Фамилия»" in (
        response.content.decode()
    )
    # The curator leaves the second one out: the file goes on to the preview.
    preview = client.post(IMPORT_URL, step_data(step, фамилия=""))
    assert "Добавлено: <strong>1</strong>" in preview.content.decode()
    client.post(CONFIRM_URL, confirm_data(preview))
    assert Person.objects.get().last_name == person_row()["Фамилия"]


def test_the_step_works_only_for_the_session_and_upload_it_was_shown_to(client_for, curator):
    step = upload(client_for(curator), xlsx_bytes(HEADERS, ROWS))
    data = step_data(step, Категория="обучающийся")
    other = Client()
    other.force_login(curator)
    for client, posted in [
        (other, data),
        (client_for(curator), {**data, "import_file_name": "0" * 32 + ".xlsx"}),
    ]:
        response = client.post(IMPORT_URL, posted, follow=True)
        assert "Файл для импорта не найден" in response.content.decode()
    assert not RememberedMapping.objects.exists()
    assert Person.objects.count() == 0


def test_the_confirm_uses_the_mapping_the_preview_showed(client_for, curator):
    client = client_for(curator)
    step = upload(client, xlsx_bytes(HEADERS, ROWS))
    first = client.post(IMPORT_URL, step_data(step, Категория="обучающийся"))
    # The same upload mapped again in another tab: the first preview is stale now.
    client.post(IMPORT_URL, step_data(step, Телефон_сотовый="Телефон", Категория="обучающийся"))
    response = client.post(CONFIRM_URL, confirm_data(first), follow=True)
    assert "Сопоставление колонок изменилось после этого предпросмотра" in (
        response.content.decode()
    )
    assert Person.objects.count() == 0


def test_director_cannot_post_the_mapping_step(client_for, curator, director):
    step = upload(client_for(curator), xlsx_bytes(HEADERS, ROWS))
    data = step_data(step, Категория="обучающийся")
    response = client_for(director).post(IMPORT_URL, data)
    assert response.status_code == 403
    assert not RememberedMapping.objects.exists()
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "kind"),
    [("список.xls", "xls"), ("СПИСОК.CSV", "csv"), ("список.xlsx", "xlsx"), ("список", "xlsx")],
)
def test_an_upload_keeps_its_kind_under_an_unguessable_name(name, kind):
    storage = ImportTempStorage(kind=upload_kind(name))
    storage.save(b"data")
    assert re.fullmatch(rf"[0-9a-f]{{32}}\.{kind}", storage.name)
    assert ImportTempStorage(name=storage.name).read() == b"data"
    storage.remove()
    for forged in ("../x.csv", f"{storage.name[: -len(kind)]}txt", "x" * 32 + ".csv"):
        with pytest.raises(FileNotFoundError):
            ImportTempStorage(name=forged).read()
