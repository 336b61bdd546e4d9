"""(g) manage.py region_package: writes either form by the file's extension, the same
package the button gives; refuses another extension and a college without its ИНН, writing
nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from mentorship.package.build import NO_INN
from mentorship.package.format import read_package
from tests.package.package_data import college_with_inn

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(year_world, db):
    return year_world


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_writes_the_package_in_the_form_its_name_says(year, tmp_path, suffix):
    path = tmp_path / f"пакет.{suffix}"
    out = io.StringIO()
    call_command("region_package", "--period", "2025", "--output", str(path), stdout=out)
    read = read_package(path.read_bytes(), path.name)
    assert read.period_key == "2025" and read.inn == "4205001234"
    assert read.data["federal_statistics"]["mentees"] == 3
    printed = out.getvalue()
    assert "Пакет для РНЦ за 2025 год" in printed
    assert "Наставляемых: 3, наставников: < 3, пар: < 3, групп: < 3" in printed
    assert read.checksum in printed
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_an_academic_year_is_read_with_the_colleges_start_month(year, tmp_path):
    path = tmp_path / "пакет.json"
    call_command(
        "region_package", "--period", "2024/2025", "--output", str(path), stdout=io.StringIO()
    )
    period = read_package(path.read_bytes(), path.name).data["period"]
    assert period == {
        "key": "2024/2025",
        "label": "2024/2025 учебный год",
        "start": "2024-09-01",
        "end": "2025-08-31",
        "academic": True,
    }


def test_refuses_another_extension(year, tmp_path):
    path = tmp_path / "пакет.pdf"
    with pytest.raises(CommandError, match="расширение должно быть «.json» или «.xlsx»"):
        call_command("region_package", "--period", "2025", "--output", str(path))
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_bad_period(year, tmp_path):
    with pytest.raises(CommandError, match="не период отчёта"):
        call_command("region_package", "--period", "прошлый", "--output", str(tmp_path / "p.json"))
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_college_without_its_inn(year, tmp_path):
    college_with_inn("")
    path = tmp_path / "пакет.json"
    with pytest.raises(CommandError) as refused:
        call_command("region_package", "--period", "2025", "--output", str(path))
    assert str(refused.value) == NO_INN
    assert list(tmp_path.iterdir()) == []
