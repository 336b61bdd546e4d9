"""Issue 13: the seeds' own roadmap and KPI tables, copied into workbooks the way a curator
would (fixtures/seeds/, built by fixtures/seeds/build.py), come in with their wording.

The workbooks are checked against the seeds (headers, rows). Each is then imported the way
the curator's upload and import_xlsx read it: lib.tables finds the header under the title,
the mapping step matches the document's own headers, the resource writes."""

import datetime as dt
from pathlib import Path

import pytest
import tablib
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from mentorship.imports.mapping import Targets, automatic_mapping, header_key
from mentorship.lib.tables import read_table
from mentorship.people.models import College
from roadmap import schedule
from roadmap.kpi import COMPUTATIONS
from roadmap.models import Activity, Indicator, IndicatorTarget, Roadmap
from roadmap.report import report_data_build, report_pdf_render
from roadmap.resources import ActivityResource, KpiTargetResource, indicator_key
from roadmap.selectors import activities_on_time, overdue_count
from tests.lib.pdf_files import pdf_text

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"
HEADER_ROW = 3  # a title row and an empty row above, as in the documents


def sheet(name: str):
    return load_workbook(SEEDS / name).active


def values(name: str, row: int) -> list:
    return [cell.value for cell in sheet(name)[row]]


def mapped(name: str, resource, base_code: str) -> tablib.Dataset:
    """The table as a curator's import reads it: the file read with its header row found by
    itself (lib.tables.read_table: the title and the empty row above, seed 004's years under
    «Сроки реализации»), its columns matched automatically (imports.mapping), every column
    the document has either matched or listed as not loaded."""
    table = read_table((SEEDS / name).read_bytes(), name)
    targets = Targets(resource, table.headers)
    mapping = automatic_mapping(base_code, targets, table.headers)
    for header, target in zip(mapping.headers, mapping.targets, strict=True):
        # Only the row-number column is left out: everything else has a field.
        assert target is not None or header_key(header) in {"", "пп"}, header
    return mapping.apply(table, targets)


def issues(result) -> list[str]:
    found = [str(e.error) for e in result.base_errors]
    for row in result.invalid_rows:
        found.append(f"{row.number}: {row.error_dict}")
    for row in result.rows:
        found.extend(str(e.error) for e in row.errors)
    return found


# --- the workbooks are what the seeds say ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "headers", "rows"),
    [
        (
            "000-roadmap.xlsx",
            "3. Мероприятия по внедрению Программы целевой модели наставничества",
            ["Мероприятие", "Ответственные исполнители*", "Сроки\nреализации",
             "Показатели реализации"],
            22,  # 6 stage headings and 16 activities (1.1 … 6.3)
        ),
        (
            "000-kpi.xlsx",
            "4. Показатели эффективности внедрения целевой модели наставничества",
            ["№\nп/п", "Наименование показателя", 2020, 2021, 2022, 2023, 2024,
             "Результат на выходе из программы"],
            5,
        ),
        (
            "001-roadmap.xlsx",
            "ПЛАН МЕРОПРИЯТИЙ внедрения методологии (Целевой модели) наставничества "
            "обучающихся МБОУ ДО «ЦНО «ЦИТ» на 2023-2024 учебный год",
            ["Содержание", "Сроки", "Ожидаемый результат (вид документа)",
             "Показатели эффективности", "Ответственный"],
            36,  # 5 sections and 31 activities
        ),
        (
            "002-roadmap.xlsx",
            "Дорожная карта (план мероприятий) по реализации Положения о системе "
            "наставничества педагогических работников ГБПОУ ЛО «Мичуринский многопрофильный "
            "техникум»",
            ["№", "Наименование этапа", "Длительность этапа",
             "Содержание деятельности и примерный план мероприятий",
             "Рекомендуемые ЛНА для этапа"],
            7,
        ),
        (
            "003-roadmap.xlsx",
            "ДОРОЖНАЯ КАРТА внедрения целевой модели наставничества в КОГОБУ СШ пгт Кумены на "
            "2020-2024 годы",
            ["№\nп/п", "Мероприятия", "Сроки\nреализации", "Ответственный\nисполнитель",
             "Документы (мероприятия,\nресурсы), закрепляющие\nрезультат"],
            11,
        ),
        (
            "003-kpi.xlsx",
            "Показатели эффективности внедрения целевой модели наставничества в Кировской "
            "области",
            ["Наименование показателя", 2020, 2021, 2022, 2023, 2024],
            4,
        ),
        (
            "004-roadmap.xlsx",
            "«Дорожная карта» реализации Целевой модели наставничества в ГБПОУ КГТТ на 2022- "
            "2024гг.",
            ["Содержание подэтапов", "Мероприятия", "Сроки", "Ответственные"],
            18,  # 7 stage headings and 11 rows of activities
        ),
        (
            "004-kpi.xlsx",
            "Таблица 5. Целевые индикаторы реализации программы",
            ["Показатели", "Ед.изм.", "Сроки реализации", None, None],
            7,  # the years' header row and 6 indicators
        ),
    ],
)  # fmt: skip
def test_seed_workbook_is_the_seeds_table(name, title, headers, rows):
    ws = sheet(name)
    assert ws.cell(1, 1).value == title
    assert values(name, HEADER_ROW) == headers
    assert ws.max_row - HEADER_ROW == rows


def test_seed_004_kpi_has_its_years_under_one_merged_header():
    ws = sheet("004-kpi.xlsx")
    assert values("004-kpi.xlsx", HEADER_ROW + 1)[2:] == [2022, 2023, 2024]
    assert "C3:E3" in {str(r) for r in ws.merged_cells.ranges}


# --- KPI tables ------------------------------------------------------------------------------


def kpi_import(name: str):
    resource = KpiTargetResource()
    result = resource.import_data(mapped(name, resource, "kpi-targets"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors(), issues(result)
    return result


def by_code(code: str) -> Indicator:
    return Indicator.objects.get(computation=code)


def test_seed_000_kpi_lands_on_the_registry_and_keeps_the_result():
    shipped = Indicator.objects.count()
    result = kpi_import("000-kpi.xlsx")
    assert Indicator.objects.count() == shipped  # nothing new: all five are known
    students = by_code("mentees_students")
    targets = dict(students.targets.values_list("period", "value"))
    assert {k: int(v) for k, v in targets.items()} == {
        "2020": 20, "2021": 40, "2022": 50, "2023": 60, "2024": 70,
    }  # fmt: skip
    assert students.result == "Не менее 70 % обучающихся вовлечены в наставническую деятельность"
    assert students.own_name == ""  # the seed words it as the registry does
    satisfied = by_code("mentor_satisfaction")
    assert satisfied.own_name == (
        "Уровень удовлетворенности наставников участием в программах наставничества, % "
        "(опросный)"
    )
    assert (
        f"Строка 8: «{satisfied.own_name}» — это показатель «{satisfied.name}»; формулировка "
        "файла сохранится как название в программе колледжа." in result.notices
    )


def test_seed_003_regional_kpis_land_on_the_registry_with_the_region_kept():
    shipped = Indicator.objects.count()
    kpi_import("003-kpi.xlsx")
    assert Indicator.objects.count() == shipped  # not four new manual indicators
    codes = [
        "mentees_aged_10_19",
        "mentors_aged_15_19",
        "young_teachers_mentees",
        "enterprises_gave_mentors",
    ]
    for code, first_target in zip(codes, (10, 2, 10, 2), strict=True):
        indicator = by_code(code)
        assert "Кировской области" in indicator.own_name
        assert indicator.targets.get(period="2020").value == first_target
    assert by_code("young_teachers_mentees").own_name.startswith(
        "Доля учителей – молодых специалистов"
    )


def test_seed_004_kpi_with_years_under_a_merged_header_and_its_unit():
    shipped = Indicator.objects.count()
    kpi_import("004-kpi.xlsx")
    assert Indicator.objects.count() == shipped
    young = by_code("young_teachers_mentees")
    assert young.unit == "%"
    assert dict(young.targets.values_list("period", "value")) == {
        "2022": 5, "2023": 8, "2024": 10,
    }  # fmt: skip
    # «преподавателей -молодых» is the registry's «преподавателей – молодых»: no own name.
    assert young.own_name.startswith("Доля преподавателей -молодых специалистов")
    assert IndicatorTarget.objects.filter(period="2024").count() == 6


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("Доля учителей – молодых специалистов (с опытом работы от 0 до 3 лет), проживающих в "
         "Пермском крае, вошедших в программы наставничества в роли наставляемого, %",
         "young_teachers_mentees"),
        ("Доля педагогов – молодых специалистов (с опытом работы от 0 до 3 лет), проживающих в "
         "субъекте Российской Федерации, вошедших в программы наставничества в роли "
         "наставляемого", "young_teachers_mentees"),
        ("Доля детей в возрасте от 10 до 19 лет, проживающих в Республике Коми, вошедших в "
         "программы наставничества в роли наставляемого", "mentees_aged_10_19"),
        ("Уровень удовлетворённости наставляемых участием в программах наставничества, % "
         "(опросный)", "mentee_satisfaction"),
    ],
)  # fmt: skip
def test_indicator_key_matches_the_variants_by_meaning(wording, code):
    assert indicator_key(wording) == indicator_key(COMPUTATIONS[code].name)


def test_indicator_key_keeps_different_indicators_apart():
    keys = {indicator_key(c.name) for c in COMPUTATIONS.values()}
    assert len(keys) == len(COMPUTATIONS)


def test_seed_kpi_wording_unit_and_result_are_in_the_yearly_report():
    College.get()
    kpi_import("000-kpi.xlsx")
    kpi_import("003-kpi.xlsx")
    text = " ".join(pdf_text(report_pdf_render(report_data_build(2022))).split())
    assert (
        "Ед. изм.: %. Результат на выходе из программы: Не менее 70 % обучающихся вовлечены "
        "в наставническую деятельность" in text
    )
    assert "В программе колледжа: «Доля учителей – молодых специалистов" in text


# --- roadmap tables --------------------------------------------------------------------------


def roadmap_of(start: dt.date, end: dt.date) -> Roadmap:
    return Roadmap.objects.create(title="Дорожная карта", start_date=start, end_date=end)


def roadmap_import(name: str, roadmap: Roadmap):
    resource = ActivityResource(roadmap=roadmap)
    result = resource.import_data(mapped(name, resource, "roadmap"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors(), issues(result)
    return result


def activity(start: str) -> Activity:
    return Activity.objects.get(title__startswith=start)


def test_seed_000_roadmap_stages_by_title_and_deadlines_kept():
    roadmap = roadmap_of(dt.date(2020, 1, 1), dt.date(2024, 12, 31))
    result = roadmap_import("000-roadmap.xlsx", roadmap)
    assert Activity.objects.count() == 16
    stages = dict(roadmap.sections.values_list("title", "stage"))
    # «4. Формирование наставнических пар/групп» is stage 5, whatever its number says.
    assert stages["Формирование наставнических пар/групп"] == 5
    assert stages["Организация хода программы внедрения целевой модели наставничества "
                  "обучающихся"] == 6  # fmt: skip
    assert stages["Завершение наставничества"] == 7
    assert activity("4.1.").section.stage == 5

    informing = activity("1.4.")
    assert informing.deadline_words == "сентябрь 2020, январь-февраль ежегодно"
    assert schedule.deadline_text(informing) == "сентябрь 2020, далее ежегодно: январь, февраль"
    dues = [due for _year, due in schedule.occurrences(
        schedule.deadline_of(informing), schedule.Period(roadmap.start_date, roadmap.end_date)
    )]  # fmt: skip
    assert dues[:2] == [dt.date(2020, 9, 30), dt.date(2021, 2, 28)]  # September 2020 kept

    training = activity("3.3.")
    assert training.deadline_words == "ноябрь2020, ежегодно по мере необходимости"
    assert (training.deadline_kind, training.deadline_month) == ("month", dt.date(2020, 11, 1))
    assert any(
        n.startswith("Строка 15: срок «ноябрь2020, ежегодно по мере необходимости» прочитан как "
                     "«ноябрь 2020»; «по мере необходимости» — без фиксированного срока")
        for n in result.notices
    )  # fmt: skip
    assert "Строка 7: срок «сентябрь 2020, январь-февраль ежегодно» — по графику: сентябрь " \
        "2020, далее ежегодно: январь, февраль." in result.notices


def test_seed_002_roadmap_unreadable_durations_are_without_fixed_deadline():
    roadmap = roadmap_of(dt.date(2022, 2, 1), dt.date(2023, 6, 30))
    result = roadmap_import("002-roadmap.xlsx", roadmap)
    assert Activity.objects.count() == 7
    by_stage = {a.section.stage: a for a in Activity.objects.select_related("section")}
    # «5 Организация и осуществление работы наставнических пар/групп» is stage 6, «6
    # Завершение …» stage 7; «7 Информационная поддержка …» is the roadmap's own section.
    assert by_stage[6].deadline_words == "В течение первого-второго месяца"
    assert by_stage[7].section.title.startswith("Завершение персонализированных программ")
    own = by_stage[None].section
    assert own.title == "Информационная поддержка системы наставничества"
    # «В течение всех этапов» is the whole period; the others name no date.
    assert by_stage[None].deadline_kind == "period"
    kinds = {a.deadline_kind for a in Activity.objects.exclude(section=own)}
    assert kinds == {"none"}
    assert "Строка 4: срок «В течение первого месяца» не содержит дат — мероприятие без " \
        "фиксированного срока, просроченным не бывает." in result.notices
    # Never overdue, never counted as due — by the dashboard's count and the KPI alike:
    # only the whole-period activity is due (at the roadmap's end).
    assert overdue_count(roadmap, dt.date(2030, 1, 1)) == 1
    assert activities_on_time(2023, today=dt.date(2030, 1, 1), roadmap=roadmap).due == 1


def test_seed_003_roadmap_months_without_a_year_and_постоянно():
    roadmap = roadmap_of(dt.date(2020, 9, 1), dt.date(2024, 12, 31))
    result = roadmap_import("003-roadmap.xlsx", roadmap)
    assert Activity.objects.count() == 10  # «3.» is a heading of its own
    informing = activity("Информирование педагогов")
    assert (informing.deadline_kind, informing.yearly_months) == ("yearly", [9])
    assert informing.deadline_words == "сентябрь"
    group = activity("Формирование рабочей группы")
    assert (group.deadline_kind, group.yearly_months) == ("yearly", [8, 9])
    assert activity("Организация информационного").deadline_kind == "period"
    monitoring = activity("Мониторинг реализации")
    assert (monitoring.deadline_kind, monitoring.yearly_months) == ("yearly", [5])
    assert monitoring.section.title == "Оценка результатов опыта наставничества"
    assert activity("Назначение ответственного").section.title == "Мероприятия без этапа"
    assert activity("Обучение кураторов").responsible == ""
    assert any("«сентябрь» без года прочитан как «ежегодно: сентябрь»" in n for n in result.notices)


def test_seed_004_roadmap_substages_and_stage_tasks():
    roadmap = roadmap_of(dt.date(2022, 6, 1), dt.date(2024, 6, 30))
    roadmap_import("004-roadmap.xlsx", roadmap)
    assert Activity.objects.count() == 11
    assert set(roadmap.sections.values_list("stage", flat=True)) == set(range(1, 8))
    first = roadmap.sections.get(stage=1)
    assert first.title == "Подготовка условий для запуска программы наставничества"
    assert first.task.startswith("создание благоприятных условий для запуска программы")
    study = activity("Изучение Распоряжения")
    assert study.substage == "1) Изучение нормативной базы и тематических методических " \
        "материалов, обучение куратора"
    assert activity("Популяризация программы").substage == ""
    assert activity("Подготовить методические материалы").section.stage == 4


def test_seed_001_plan_keeps_its_own_sections_and_an_empty_deadline():
    roadmap = roadmap_of(dt.date(2023, 9, 1), dt.date(2024, 9, 30))
    roadmap_import("001-roadmap.xlsx", roadmap)
    assert Activity.objects.count() == 31
    assert list(roadmap.sections.values_list("title", "stage")) == [
        ("Организационно-методическое сопровождение деятельности", None),
        ("Программно-методическое сопровождение деятельности", None),
        ("Аналитическое сопровождение Деятельности, мониторинг", None),
        ("Информационное сопровождение деятельности", None),
        ("Управление реализацией Целевой модели наставничества на уровне образовательной "
         "организации", None),
    ]  # fmt: skip
    parents = activity("Доведения до родителей")
    assert (parents.deadline_kind, parents.deadline_words) == ("none", "")
    assert activity("Формирование базы наставляемых").deadline_words == "01.09.2023-01.10.2023"


def test_roadmap_screen_shows_the_wording_beside_the_schedule(client_for, curator):
    roadmap = roadmap_of(dt.date(2020, 1, 1), dt.date(2024, 12, 31))
    roadmap_import("000-roadmap.xlsx", roadmap)
    page = client_for(curator).get(reverse("roadmap:detail", args=[roadmap.pk]))
    html = " ".join(page.content.decode().split())
    assert "Сентябрь 2020, далее ежегодно: январь, февраль" in html
    assert "в дорожной карте: «сентябрь 2020, январь-февраль ежегодно»" in html


# --- the curator's upload: the mapping step, the preview, «Подтвердить импорт» --------------


def _step_then_preview(client, url: str, name: str, **upload_fields):
    """Upload a seed workbook on the admin's import page, accept the mapping step as it
    was matched automatically, and return (the step page, the preview page)."""
    data = {"format": "0", "resource": "0", **upload_fields}
    data["import_file"] = SimpleUploadedFile(name, (SEEDS / name).read_bytes())
    step = client.post(url, data)
    form = step.context["mapping_form"]
    chosen = {field: form[field].value() or "" for field in form.fields}
    return step, client.post(url, chosen)


def _confirm(client, url: str, preview):
    """«Подтвердить импорт» as the browser posts it (a chosen roadmap by its number)."""
    form = preview.context["confirm_form"]
    data = {n: getattr(v, "pk", v) for n, v in form.initial.items() if n in form.fields}
    return client.post(url, data, follow=True)


def test_seed_004_kpi_through_the_mapping_step_on_the_admin_page(
    client_for, curator, settings, tmp_path
):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    client = client_for(curator)
    url = reverse("admin:roadmap_indicator_import")
    step, preview = _step_then_preview(client, url, "004-kpi.xlsx")
    # Every automatic match is shown before any preview: the years under «Сроки
    # реализации» (the lower row of the two-row header) and the document's «Показатели».
    page = step.content.decode()
    assert "Подтвердить импорт" not in page
    form = step.context["mapping_form"]
    rows = [(r["header"], r["field"].value(), r["how"]) for r in form.column_rows()]
    assert ("Показатели", "Показатель", "по синониму") in rows
    assert ("2022", "2022", "по заголовку шаблона") in rows
    assert IndicatorTarget.objects.count() == 0
    text = preview.content.decode()
    assert "Показатели → Показатель (по синониму)" in text
    assert IndicatorTarget.objects.count() == 0  # the preview writes nothing
    done = _confirm(client, reverse("admin:roadmap_indicator_process_import"), preview)
    assert "Импорт выполнен" in done.content.decode()
    assert IndicatorTarget.objects.filter(period="2024").count() == 6


def test_seed_000_roadmap_through_the_mapping_step_on_the_admin_page(
    client_for, curator, settings, tmp_path
):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    roadmap = roadmap_of(dt.date(2020, 1, 1), dt.date(2024, 12, 31))
    client = client_for(curator)
    url = reverse("admin:roadmap_activity_import")
    _step, preview = _step_then_preview(client, url, "000-roadmap.xlsx", roadmap=roadmap.pk)
    text = preview.content.decode()
    assert "Сроки реализации → Срок (по синониму)" in text
    assert "по графику: сентябрь 2020, далее ежегодно: январь, февраль" in text
    assert Activity.objects.count() == 0
    done = _confirm(client, reverse("admin:roadmap_activity_process_import"), preview)
    assert "Импорт выполнен: новых — 16" in done.content.decode()
    assert roadmap.activities.count() == 16
    assert activity("4.1.").section.stage == 5
