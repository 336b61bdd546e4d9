"""python manage.py import_xlsx: the same import from the command line."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from mentorship.imports.models import RememberedMapping
from mentorship.people.models import Person
from tests.lib.xlsx_files import people_rows, people_xlsx, xlsx_bytes

pytestmark = pytest.mark.django_db


def write(tmp_path, rows, name="люди.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(people_xlsx(rows))
    return path


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_xlsx", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_command_previews_without_writing(tmp_path):
    out, err = command("people", str(write(tmp_path, people_rows(2))))
    assert "новых — 2, изменённых — 0, без изменений — 0, с ошибками — 0" in out
    assert "Предпросмотр: ничего не записано" in out
    assert err == ""
    assert Person.objects.count() == 0


def test_import_command_refuses_a_file_with_only_headers_as_the_page_does(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_xlsx", "people", str(write(tmp_path, [])), "--commit",
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert failure.value.returncode == 1
    assert "В файле нет строк с данными — только заголовки." in err.getvalue()
    assert "Записано." not in str(failure.value)


def test_import_command_commit_writes_and_second_run_is_unchanged(tmp_path):
    path = write(tmp_path, people_rows(3))
    out, _ = command("people", str(path), "--commit")
    assert "Записано." in out
    assert Person.objects.count() == 3
    out, _ = command("people", str(path), "--commit")
    assert "новых — 0, изменённых — 0, без изменений — 3" in out
    assert Person.objects.count() == 3


def test_import_command_prints_row_errors_and_fails(tmp_path):
    rows = people_rows(3)
    rows[1]["Дата рождения"] = "31.02.2008"
    rows[2]["Сирота"] = "может"
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_xlsx",
            "people",
            str(write(tmp_path, rows)),
            "--commit",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert failure.value.returncode == 1
    assert "Ничего не записано" in str(failure.value)
    assert err.getvalue().splitlines() == [
        "Строка 3, «Дата рождения»: даты «31.02.2008» не существует",
        "Строка 4, «Сирота»: «может» — допустимо: да, нет, +, -, 1, 0 или пустая ячейка",
    ]
    assert Person.objects.count() == 0


def test_import_command_refuses_other_formats(tmp_path):
    path = tmp_path / "люди.xlsx"
    path.write_bytes("Фамилия;Имя\n".encode())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_xlsx", "people", str(path), stdout=io.StringIO(), stderr=err)
    assert "Поддерживаются файлы .xlsx, .xls и .csv." in err.getvalue()


def test_import_command_exit_code_is_1_on_errors(tmp_path, capsys):
    """As run from a shell: manage.py turns the failure into exit status 1."""
    rows = people_rows(1)
    rows[0]["Курс"] = 9
    path = write(tmp_path, rows)
    with pytest.raises(SystemExit) as exit_status:
        execute_from_command_line(["manage.py", "import_xlsx", "people", str(path)])
    assert exit_status.value.code == 1
    assert "Строка 2, «Курс»: «9» — ожидается целое число от 1 до 6" in capsys.readouterr().err


def test_import_command_exit_code_is_0_on_a_clean_preview(tmp_path, capsys):
    path = write(tmp_path, people_rows(1))
    execute_from_command_line(["manage.py", "import_xlsx", "people", str(path)])
    assert "Предпросмотр" in capsys.readouterr().out


def test_import_command_refuses_a_file_over_the_size_limit(tmp_path, settings):
    path = write(tmp_path, people_rows(2))
    settings.IMPORT_MAX_BYTES = path.stat().st_size - 1
    with pytest.raises(CommandError, match="Файл больше 0 МБ. Разбейте его на части.") as failure:
        command("people", str(path), "--commit")
    assert failure.value.returncode == 1
    assert Person.objects.count() == 0


# --- the mapping: automatic, --mapping, --set --------------------------------------------

STUDENT_HEADERS = ["ФИО", "Дата рожд.", "Группа", "Телефон сотовый"]


@pytest.fixture
def student_list(tmp_path):
    path = tmp_path / "список.xlsx"
    path.write_bytes(
        xlsx_bytes(
            STUDENT_HEADERS,
            [
                ["Иванов Пётр Сергеевич", "15.03.2007", "ГЭ-24-1", "+7 900 111-22-33"],
                ["Петрова Анна", "01.09.2006", "ГЭ-23-2", ""],
            ],
        )
    )
    return path


def test_import_command_maps_columns_itself_and_prints_the_mapping(student_list):
    out, err = command("people", str(student_list), "--set", "Категория=обучающийся", "--commit")
    assert "Сопоставление колонок:\n" in out
    assert "  ФИО → Фамилия, Имя, Отчество (по синониму)\n" in out
    assert "  Дата рожд. → Дата рождения (по синониму)\n" in out
    assert "  Группа → Группа (по заголовку шаблона)\n" in out
    assert "  Телефон сотовый — не загружается\n" in out
    assert "  Категория = «обучающийся» во всех строках\n" in out
    assert "Записано." in out and err == ""
    anna = Person.objects.get(last_name="Петрова")
    assert (anna.first_name, anna.kind, anna.study_group) == (
        "Анна",
        Person.Kind.STUDENT,
        "ГЭ-23-2",
    )
    assert Person.objects.get(last_name="Иванов").phone == ""
    # The command does not remember mappings: only a curator's confirmation does.
    assert not RememberedMapping.objects.exists()


def test_import_command_takes_an_explicit_mapping(student_list, tmp_path):
    mapping = tmp_path / "m.json"
    mapping.write_text(
        json.dumps({"Телефон сотовый": "Телефон", "Группа": None}, ensure_ascii=False)
    )
    out, _ = command(
        "people", str(student_list), "--mapping", str(mapping),
        "--set", "Категория=обучающийся", "--commit",
    )  # fmt: skip
    assert "  Телефон сотовый → Телефон (выбрано вручную)\n" in out
    assert "  Группа — не загружается (выбрано вручную)\n" in out
    ivanov = Person.objects.get(last_name="Иванов")
    assert (ivanov.phone, ivanov.study_group) == ("+7 900 111-22-33", "")


def test_import_command_without_a_required_field_names_it_and_writes_nothing(student_list):
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_xlsx", "people", str(student_list), "--commit",
                     stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert failure.value.returncode == 1
    assert "нет колонок «Категория»" in err.getvalue()
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mapping", "{bad"], "Файл сопоставления — не JSON (строка 1, позиция 2)."),
        (["--mapping", '{"Отчество": "Отчество"}'], "В файле нет колонки «Отчество»"),
        (["--mapping", '{"Группа": "Класс"}'], "Поля «Класс» нет в базе"),
        (["--set", "Класс=5"], "--set: поля «Класс» в базе нет."),
        (["--set", "Категория"], "--set Категория: ожидается ПОЛЕ=ЗНАЧЕНИЕ"),
    ],
)
def test_import_command_refuses_a_bad_mapping_in_russian(student_list, tmp_path, args, message):
    if args[0] == "--mapping":
        path = tmp_path / "m.json"
        path.write_text(args[1])
        args = ["--mapping", str(path)]
    with pytest.raises(CommandError) as failure:
        command("people", str(student_list), *args, "--commit")
    assert failure.value.returncode == 1
    assert message in str(failure.value)
    assert Person.objects.count() == 0


def test_import_command_says_when_the_columns_are_the_templates(tmp_path):
    out, _ = command("people", str(write(tmp_path, people_rows(1))))
    assert "Колонки совпали с шаблоном." in out
    assert "Сопоставление колонок" not in out
