"""xlsx import/export of KPI targets: «Показатель», then one column per year — the seeds'
indicator tables as they are."""

import datetime as dt
import io
import os
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.imports.xlsx_templates import xlsx_template
from roadmap.kpi import COMPUTATIONS, kpi_values_for_year
from roadmap.models import Indicator, IndicatorTarget, Roadmap
from roadmap.resources import KpiTargetResource, TargetWidget, header_year, indicator_key
from tests.lib.xlsx_files import xlsx_bytes

pytestmark = pytest.mark.django_db

YEARS = [2020, 2021, 2022, 2023, 2024]
HEADERS = ["Показатель", *YEARS]  # year headers as number cells, as Excel keeps them

# Seed 000's table, names as the seed writes them (with «, % (опросный)» and «ё» as «е»).
SEED_000 = [
    [
        "Удельный вес численности наставляемых из числа обучающихся, % от общего числа "
        "обучающихся очной формы обучения",
        20, 40, 50, 60, 70,
    ],
    [
        "Удельный вес численности наставляемых из числа обучающихся инвалидов и лиц с "
        "ограниченными возможностями здоровья, % от общего числа обучающихся инвалидов и лиц "
        "с ограниченными возможностями здоровья",
        100, 100, 100, 100, 100,
    ],
    [
        "Удельный вес численности наставников из числа преподавателей, % от общего числа "
        "преподавателей",
        20, 40, 50, 60, 70,
    ],
    [
        "Уровень удовлетворенности наставляемых участием в программах наставничества, % "
        "(опросный)",
        50, 60, 70, 80, 85,
    ],
    [
        "Уровень удовлетворённости наставников участием в программах наставничества, % "
        "(опросный)",
        50, 60, 70, 80, 85,
    ],
]  # fmt: skip


def base():
    return xlsx_bases()["kpi-targets"]


def run(rows, *, headers=HEADERS, commit=False):
    return xlsx_import(base=base(), data=xlsx_bytes(headers, rows), commit=commit)


def by_period(indicator):
    """period → target; a calendar year's key as an int (2024), an academic one as text."""
    return {
        int(period) if period.isdigit() else period: value
        for period, value in indicator.targets.values_list("period", "value")
    }


def targets(code):
    return by_period(Indicator.objects.get(computation=code))


def test_kpi_targets_preview_matches_seed_names_and_writes_nothing(db):
    report = run(SEED_000)
    assert not report.has_errors, report.issues
    # All five are the shipped indicators (spelling and «, % (опросный)» aside): changed.
    assert (report.new, report.changed, report.unchanged) == (0, 5, 0)
    # Where the file words it otherwise, the preview says which indicator it is.
    assert report.notices == [
        f"Строка {row}: «{SEED_000[row - 2][0]}» — это показатель «{COMPUTATIONS[code].name}»; "
        "формулировка файла сохранится как название в программе колледжа."
        for row, code in ((5, "mentee_satisfaction"), (6, "mentor_satisfaction"))
    ]
    assert not IndicatorTarget.objects.exists()


def test_kpi_targets_commit_sets_targets_by_year(db):
    report = run(SEED_000, commit=True)
    assert report.committed
    assert targets("mentees_students") == {
        year: Decimal(value) for year, value in zip(YEARS, [20, 40, 50, 60, 70], strict=True)
    }
    assert targets("mentor_satisfaction")[2024] == Decimal(85)
    # The indicators keep their own names.
    assert Indicator.objects.filter(name=COMPUTATIONS["mentee_satisfaction"].name).exists()
    again = run(SEED_000, commit=True)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 5)


def test_kpi_targets_dashboard_shows_imported_targets(db):
    run(SEED_000, commit=True)
    rows = {row.computation: row for row in kpi_values_for_year(2023, today=dt.date(2024, 1, 1))}
    assert rows["mentees_students"].target == Decimal(60)
    assert rows["mentors_teachers"].target == Decimal(60)


def test_kpi_targets_unknown_name_becomes_a_new_manual_indicator(db):
    name = "Доля выпускников, вернувшихся в колледж наставниками"
    report = run([[name, None, None, 5, 8, 10]], commit=True)
    assert report.new == 1
    assert report.notices == [
        f"Строка 2: показателя «{name}» в системе нет — он будет добавлен как новый "
        "(«вводится вручную»); связать его с расчётом можно в карточке показателя."
    ]
    indicator = Indicator.objects.get(name=name)
    assert (indicator.computation, indicator.unit) == ("manual", "%")
    assert indicator.order > max(
        Indicator.objects.exclude(pk=indicator.pk).values_list("order", flat=True)
    )
    assert by_period(indicator) == {
        2022: Decimal(5),
        2023: Decimal(8),
        2024: Decimal(10),
    }
    row = next(r for r in kpi_values_for_year(2024) if r.indicator_id == indicator.pk)
    assert (row.target, row.formula) == (Decimal(10), "вводится вручную")


def test_kpi_targets_empty_cell_keeps_the_target_and_a_number_changes_it(db):
    run(SEED_000[:1], commit=True)
    name = SEED_000[0][0]
    report = run([[name, None, None, None, 65, None]], commit=True)
    assert (report.changed, report.unchanged) == (1, 0)
    assert targets("mentees_students")[2023] == Decimal(65)
    assert targets("mentees_students")[2024] == Decimal(70)
    assert run([[name, None, None, None, None, None]]).unchanged == 1


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (70, "70"),
        (72.5, "72.5"),
        ("72,5", "72.5"),
        ("70 %", "70"),
        ("не менее 70%", "70"),
        ("≥ 90", "90"),
        (" 1 000 ", "1000"),
    ],
)
def test_kpi_target_cells_as_curators_write_them(cell, expected):
    assert TargetWidget().clean(cell) == Decimal(expected)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("семьдесят", "«семьдесят» — ожидается число (например, 70 или 72,5)"),
        (-5, "«-5» — ожидается число от 0 до 9 999 999"),
        ("12,345", "«12,345» — не больше двух знаков после запятой"),
        (True, "«True» — ожидается число (например, 70 или 72,5)"),
    ],
)
def test_kpi_target_bad_cells_say_why(cell, message):
    with pytest.raises(ValueError) as error:
        TargetWidget().clean(cell)
    assert str(error.value) == message


def test_kpi_targets_errors_name_row_and_year_and_write_nothing(db):
    rows = [
        *SEED_000,
        [SEED_000[0][0].upper(), 1, 2, 3, 4, 5],  # the first indicator again
        ["Новый показатель", "много", None, None, None, None],
        [None, 1, 2, 3, 4, 5],
    ]
    report = run(rows, commit=True)
    assert [str(issue) for issue in report.issues] == [
        "Строка 7, «Показатель»: этот показатель уже есть в файле в строке 2; оставьте одну строку",
        "Строка 8, «2020»: «много» — ожидается число (например, 70 или 72,5)",
        "Строка 9, «Показатель»: это поле не может быть пустым",
    ]
    assert not IndicatorTarget.objects.exists()
    assert not Indicator.objects.filter(name="Новый показатель").exists()


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (["Показатель"], "нет ни одной колонки года (от 2000 до 2100)"),
        (["Итог", 2022], "нет колонки «Показатель»"),
        (["Показатель", 2022, "2022 г."], "Колонка года 2022 встречается в файле дважды."),
        (["Показатель", 2022, "Примечание"], "лишние или написанные иначе колонки «Примечание»"),
    ],
)
def test_kpi_targets_headers_must_be_indicator_and_years(db, headers, message):
    report = run([["x", *[1] * (len(headers) - 1)]], headers=headers)
    assert len(report.issues) == 1 and message in str(report.issues[0])
    assert not IndicatorTarget.objects.exists()


@pytest.mark.parametrize(
    ("header", "year"),
    [(2022, 2022), (2022.0, 2022), ("2022", 2022), ("2022 г.", 2022), ("2022 год", 2022),
     ("1999", None), ("Итог", None), (True, None)],
)  # fmt: skip
def test_kpi_target_year_headers(header, year):
    assert header_year(header) == year


def test_indicator_key_ignores_unit_and_remark():
    assert indicator_key("Уровень удовлетворённости наставников, % (опросный)") == indicator_key(
        "уровень  удовлетворенности наставников"
    )
    # Inside the name a «%» is part of it.
    assert "%" in indicator_key("Удельный вес, % от общего числа преподавателей")


def test_kpi_targets_export_reimports_unchanged(db):
    run(SEED_000, commit=True)
    dataset = KpiTargetResource().export(Indicator.objects.all())
    assert dataset.headers == [
        "Показатель",
        "Ед. изм.",
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
        "Результат на выходе из программы",
    ]
    exported = {r[0]: r[2:-1] for r in dataset}
    assert exported[COMPUTATIONS["mentees_students"].name] == ("20", "40", "50", "60", "70")
    assert exported[COMPUTATIONS["plans_done"].name] == ("", "", "", "", "")
    rows = [list(values) for values in dataset]
    report = xlsx_import(base=base(), data=xlsx_bytes(dataset.headers, rows), commit=False)
    assert (report.new, report.changed, report.unchanged) == (0, 0, Indicator.objects.count())


def test_kpi_targets_template_has_the_current_roadmaps_years(db):
    today = timezone.localdate()
    Roadmap.objects.create(
        title="ДК",
        start_date=dt.date(today.year - 1, 1, 1),
        end_date=dt.date(today.year + 1, 12, 31),
    )
    workbook = load_workbook(io.BytesIO(xlsx_template(base())))
    header = [cell.value for cell in next(workbook.worksheets[0].iter_rows())]
    assert header == [
        "Показатель",
        "Ед. изм.",
        *(str(y) for y in range(today.year - 1, today.year + 2)),
        "Результат на выходе из программы",
    ]
    help_text = " ".join(
        str(cell.value) for line in workbook["Справка"].iter_rows() for cell in line if cell.value
    )
    assert COMPUTATIONS["plans_done"].name in help_text
    assert "вводится вручную" in help_text


def test_import_command_kpi_targets(tmp_path):
    path = tmp_path / "показатели.xlsx"
    path.write_bytes(xlsx_bytes(HEADERS, [*SEED_000, ["Новый", 1, 2, 3, 4, 5]]))
    out = io.StringIO()
    call_command("import_xlsx", "kpi-targets", str(path), stdout=out, stderr=io.StringIO())
    assert "новых — 1, изменённых — 5" in out.getvalue()
    assert "показателя «Новый» в системе нет" in out.getvalue()
    assert not IndicatorTarget.objects.exists()
    call_command(
        "import_xlsx", "kpi-targets", str(path), "--commit", stdout=out, stderr=io.StringIO()
    )
    assert IndicatorTarget.objects.count() == 30


def test_import_command_kpi_targets_fails_on_errors(tmp_path):
    path = tmp_path / "показатели.xlsx"
    path.write_bytes(xlsx_bytes(HEADERS, [[SEED_000[0][0], "x", 2, 3, 4, 5]]))
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_xlsx", "kpi-targets", str(path), "--commit", stdout=io.StringIO(), stderr=err
        )
    assert failure.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "Строка 2, «2020»: «x» — ожидается число (например, 70 или 72,5)"
    ]


# --- the admin pages -----------------------------------------------------------------------


def test_kpi_target_admin_has_the_import_pages():
    assert xlsx_bases()["kpi-targets"].has_admin_pages


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def test_admin_kpi_targets_preview_names_new_indicators_then_confirm(
    client_for, curator, upload_dir
):
    client = client_for(curator)
    data = xlsx_bytes(HEADERS, [*SEED_000, ["Новый показатель", 1, 2, 3, 4, 5]])
    preview = client.post(
        base().import_url,
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("п.xlsx", data)},
    )
    page = preview.content.decode()
    assert "Предпросмотр загрузки: целевые значения показателей" in page
    assert "показателя «Новый показатель» в системе нет" in page
    assert not IndicatorTarget.objects.exists()
    form = preview.context["confirm_form"]
    done = client.post(
        reverse("admin:roadmap_indicator_process_import"),
        {name: form.initial.get(name, "") for name in form.fields},
        follow=True,
    ).content.decode()
    assert "Импорт выполнен: новых — 1, изменённых — 5" in done
    assert IndicatorTarget.objects.count() == 30
    assert os.listdir(upload_dir) == []


def test_admin_indicators_list_and_card(client_for, curator, director):
    run(SEED_000, commit=True)
    page = client_for(curator).get(reverse("admin:roadmap_indicator_changelist")).content.decode()
    assert "2020: 20 · 2021: 40 · 2022: 50 · 2023: 60 · 2024: 70" in page
    assert "Наставляемые среди обучающихся" in page
    indicator = Indicator.objects.get(computation="plans_done")
    url = reverse("admin:roadmap_indicator_change", args=[indicator.pk])
    card = client_for(curator).get(url).content.decode()
    assert "вводится вручную" in card and "Выполнение индивидуальных планов" in card
    assert "выполненные задачи индивидуальных планов со сроком в периоде" in card.lower()


def test_admin_indicators_director_reads_only(client_for, director):
    indicator = Indicator.objects.get(computation="plans_done")
    client = client_for(director)
    url = reverse("admin:roadmap_indicator_change", args=[indicator.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "x"}).status_code == 403
    assert client.get(base().import_url).status_code == 403


def test_admin_indicator_computation_is_chosen_from_the_registry(client_for, curator):
    client = client_for(curator)
    response = client.post(
        reverse("admin:roadmap_indicator_add"),
        {
            "name": "Доля пар, завершивших программу",
            "unit": "%",
            "computation": "plans_done",
            "order": 300,
            "description": "",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-period": "2024",
            "targets-0-value": "90",
            "year_data-TOTAL_FORMS": "0",
            "year_data-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Indicator.objects.get(name="Доля пар, завершивших программу")
    assert made.computation == "plans_done"
    assert made.targets.get().value == Decimal(90)
    refused = client.post(
        reverse("admin:roadmap_indicator_add"),
        {"name": "Другой", "unit": "%", "computation": "no_such_code", "order": 1},
    )
    assert "Выберите корректный вариант" in refused.content.decode()
