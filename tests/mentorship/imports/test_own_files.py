"""Issue 13: a curator's own files come in as they are — an .xls student list with a title,
«№», one «ФИО» column and no «Курс»; a Windows-1251 .csv with «;» — through import_xlsx
and through the admin's upload, mapping step, preview and confirm."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from mentorship.lib.dates import academic_year_start
from mentorship.people.models import College, CourseFromGroup, Person

pytestmark = pytest.mark.django_db

STUDENT_LIST = Path(django_settings.BASE_DIR) / "tests" / "fixtures" / "tables" / "student_list.xls"
IMPORT_URL = reverse("admin:people_person_import")
CONFIRM_URL = reverse("admin:people_person_process_import")


@pytest.fixture(autouse=True)
def groups_name_their_intake_year():
    College.objects.update_or_create(
        pk=1, defaults={"course_from_group": CourseFromGroup.ENTRY_YEAR}
    )


def course_of_intake(year: int) -> int:
    """The course today of a group that started in September of `year`."""
    return academic_year_start(timezone.localdate()).year - year + 1


def command(*args) -> str:
    out = io.StringIO()
    call_command("import_xlsx", "people", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_an_xls_student_list_with_a_title_and_one_name_column_imports_by_command():
    printed = command(str(STUDENT_LIST), "--set", "Категория=обучающийся", "--commit")
    # The mapping it used, every column of the file accounted for.
    for line in (
        "№ — не загружается",
        "ФИО → Фамилия, Имя, Отчество (по синониму)",
        "Дата рожд. → Дата рождения (по синониму)",
        "Группа → Группа (по заголовку шаблона)",
        "Примечание — не загружается",
        "Категория = «обучающийся» во всех строках",
    ):
        assert line in printed
    assert "Записано." in printed
    people = {
        (p.last_name, p.first_name, p.middle_name): p
        for p in Person.objects.all()
    }
    assert set(people) == {
        ("Иванов", "Иван", "Иванович"),
        ("Петрова-Водкина", "Анна", "Сергеевна"),
        ("Смирнова", "Ольга", ""),
        ("Мамедов", "Рашид", "Али оглы"),
    }
    ivanov = people[("Иванов", "Иван", "Иванович")]
    assert ivanov.birth_date == dt.date(2009, 3, 14)
    assert ivanov.kind == Person.Kind.STUDENT
    # «ГР-251»: the intake of 2025; «ГР-241»: of 2024 (the college's setting).
    assert ivanov.course == course_of_intake(2025)
    assert people[("Мамедов", "Рашид", "Али оглы")].course == course_of_intake(2024)


def test_a_cp1251_csv_with_semicolons_names_the_files_row_on_error_and_writes_nothing(tmp_path):
    path = tmp_path / "список.csv"
    text = (
        "Список группы ЭЛ-251\r\n"
        "\r\n"
        "ФИО;Дата рождения;Группа;Курс\r\n"
        "Ёлкина Дарья Олеговна;02.02.2009;ЭЛ-251;1\r\n"
        "Зайцев Артём Андреевич;31.02.2009;ЭЛ-251;1\r\n"
    )
    path.write_bytes(text.encode("cp1251"))
    with pytest.raises(CommandError):
        command(str(path), "--set", "Категория=обучающийся", "--commit")
    assert Person.objects.count() == 0
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_xlsx", "people", str(path), "--set", "Категория=обучающийся",
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    # Row 5 of the file (a title, an empty row, the header, then the rows).
    assert "Строка 5, «Дата рождения»" in err.getvalue()

    path.write_bytes(text.replace("31.02.2009", "28.02.2009").encode("cp1251"))
    printed = command(str(path), "--set", "Категория=обучающийся", "--commit")
    assert "Записано." in printed
    elkina = Person.objects.get(last_name="Ёлкина")
    assert (elkina.first_name, elkina.middle_name, elkina.course) == ("Дарья", "Олеговна", 1)


def test_an_error_names_the_column_as_the_file_names_it(tmp_path):
    path = tmp_path / "список.csv"
    path.write_text(
        "ФИО;Дата рожд.;Группа;Курс\nЗайцев Артём Андреевич;31.02.2009;ЭЛ-251;1\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_xlsx", "people", str(path), "--set", "Категория=обучающийся",
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    # The curator's own header, where she will look for the cell.
    assert "Строка 2, «Дата рожд.»: даты «31.02.2009» не существует" in err.getvalue()


def test_the_xls_list_through_the_admins_mapping_step(client_for, curator, settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    client = client_for(curator)
    upload = SimpleUploadedFile(STUDENT_LIST.name, STUDENT_LIST.read_bytes())
    step = client.post(IMPORT_URL, {"format": "0", "resource": "0", "import_file": upload})
    form = step.context["mapping_form"]
    rows = {r["header"]: (r["field"].value(), r["how"]) for r in form.column_rows()}
    assert rows["ФИО"] == ("ФИО", "по синониму")
    assert rows["№"][0] in ("", None) and rows["Примечание"][0] in ("", None)
    assert "Подтвердить импорт" not in step.content.decode()
    data = {name: form[name].value() or "" for name in form.fields}
    [category] = [n for n, f in form.fields.items() if f.label == "Категория"]
    data[category] = "обучающийся"
    preview = client.post(IMPORT_URL, data)
    page = preview.content.decode()
    assert "ФИО → Фамилия, Имя, Отчество (по синониму)" in page
    assert "Добавлено: <strong>4</strong>" in page
    assert Person.objects.count() == 0
    confirm = preview.context["confirm_form"]
    done = client.post(
        CONFIRM_URL, {n: confirm.initial.get(n, "") for n in confirm.fields}, follow=True
    )
    assert "Импорт выполнен: новых — 4" in done.content.decode()
    petrova = Person.objects.get(last_name="Петрова-Водкина")
    assert petrova.course == course_of_intake(2024)
