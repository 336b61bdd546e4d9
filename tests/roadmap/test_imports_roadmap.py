"""xlsx import/export of roadmap activities: the bases' rules (exact headers, Excel rows,
preview writes nothing, all or nothing) with the seeds' stages and deadlines."""

import datetime as dt
import io
import os

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
from roadmap.models import Activity, Roadmap, Section
from roadmap.resources import ActivityResource
from tests.factories import UserFactory
from tests.lib.xlsx_files import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADERS = [
    "Этап",
    "Мероприятие",
    "Начало",
    "Срок",
    "Ответственные",
    "Результат (документ)",
    "Показатель",
    "Статус",
    "Дата выполнения",
]
# The template also offers «Содержание подэтапов» (seed 004); files may leave it out.
TEMPLATE_HEADERS = [HEADERS[0], "Содержание подэтапов", *HEADERS[1:]]
TODAY = timezone.localdate()


def base():
    return xlsx_bases()["roadmap"]


@pytest.fixture
def roadmap():
    """The current roadmap: its period holds today and spans three calendar years."""
    return Roadmap.objects.create(
        title="Дорожная карта 2022–2026",
        start_date=dt.date(TODAY.year - 1, 9, 1),
        end_date=dt.date(TODAY.year + 1, 6, 30),
    )


@pytest.fixture
def old_roadmap():
    return Roadmap.objects.create(
        title="Дорожная карта 2020–2021",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2021, 12, 31),
    )


def row(**overrides):
    data = {
        "Этап": 1,
        "Мероприятие": "Издание приказа «О внедрении целевой модели наставничества»",
        "Срок": "15.10.2022",
        "Ответственные": "Директор, куратор",
        "Результат (документ)": "Приказ",
    }
    data.update(overrides)
    return data


SEED_ROWS = [
    row(),
    row(
        **{
            "Этап": "Этап 2. Формирование базы наставляемых",
            "Мероприятие": "Формирование базы наставляемых из числа обучающихся",
            "Срок": "Сентябрь – октябрь 2022года",
            "Ответственные": "Куратор, классные руководители",
            "Показатель": "не менее 10% от общего количества обучающихся",
        }
    ),
    row(
        **{
            "Этап": "2",
            "Мероприятие": "Популяризация программы наставничества среди наставляемых",
            "Срок": "Весь период",
            "Ответственные": "Куратор",
        }
    ),
    row(
        **{
            "Этап": "Формирование базы наставников",
            "Мероприятие": "Анкетирование «Чем я могу быть полезен»",
            "Срок": "ежегодно: май, сентябрь",
            "Ответственные": "Куратор",
            "Статус": "выполняется",
        }
    ),
    row(
        **{
            "Этап": "Информационное сопровождение",
            "Мероприятие": "Создание рубрики на сайте",
            "Начало": "01.09.2022",
            "Срок": "до 01.12.2023",
            "Ответственные": "Куратор",
            "Статус": "выполнено",
            "Дата выполнения": "20.11.2023",
        }
    ),
]


def run(rows, *, commit=False, headers=HEADERS, **options):
    return xlsx_import(base=base(), data=xlsx_bytes(headers, rows), commit=commit, options=options)


def test_roadmap_import_preview_writes_nothing(roadmap):
    report = run(SEED_ROWS)
    assert not report.has_errors, report.issues
    assert (report.new, report.changed, report.unchanged) == (5, 0, 0)
    assert not report.committed
    assert Activity.objects.count() == 0
    assert Section.objects.count() == 0
    assert "В дорожную карту будет добавлен раздел «Информационное сопровождение»." in (
        report.notices
    )


def test_roadmap_import_commit_reads_stages_and_deadlines(roadmap):
    report = run(SEED_ROWS, commit=True)
    assert report.committed and report.new == 5
    by_title = {a.title: a for a in Activity.objects.select_related("section")}

    order = by_title["Издание приказа «О внедрении целевой модели наставничества»"]
    assert order.roadmap == roadmap
    assert (order.section.stage, order.deadline_kind) == (1, "date")
    assert order.deadline_date == dt.date(2022, 10, 15)
    assert order.status == Activity.Status.PLANNED and order.completed_on is None

    base_forming = by_title["Формирование базы наставляемых из числа обучающихся"]
    assert base_forming.section.stage == 2
    assert (base_forming.deadline_kind, base_forming.deadline_month) == (
        "month",
        dt.date(2022, 10, 1),
    )
    assert base_forming.start_date == dt.date(2022, 9, 1)
    assert base_forming.indicator == "не менее 10% от общего количества обучающихся"

    whole = by_title["Популяризация программы наставничества среди наставляемых"]
    assert whole.section == base_forming.section
    assert whole.deadline_kind == "period"

    survey = by_title["Анкетирование «Чем я могу быть полезен»"]
    assert survey.section.stage == 3
    assert (survey.deadline_kind, survey.yearly_months) == ("yearly", [5, 9])
    assert survey.status == Activity.Status.IN_PROGRESS

    site = by_title["Создание рубрики на сайте"]
    assert (site.section.stage, site.section.title) == (None, "Информационное сопровождение")
    assert site.start_date == dt.date(2022, 9, 1)
    assert (site.status, site.completed_on) == (Activity.Status.DONE, dt.date(2023, 11, 20))

    stages = dict(roadmap.sections.filter(stage__isnull=False).values_list("stage", "title"))
    assert stages == {
        1: "Подготовка условий для запуска программы наставничества",
        2: "Формирование базы наставляемых",
        3: "Формирование базы наставников",
    }


def test_roadmap_import_twice_changes_nothing_and_then_updates(roadmap):
    run(SEED_ROWS, commit=True)
    again = run(SEED_ROWS, commit=True)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 5)
    assert Activity.objects.count() == 5 and Section.objects.count() == 4

    changed = [dict(r) for r in SEED_ROWS]
    changed[0]["Срок"] = "ноябрь 2022"
    changed[2]["Ответственные"] = "Куратор, педагог-организатор"
    report = run(changed, commit=True)
    assert (report.new, report.changed, report.unchanged) == (0, 2, 3)
    first = Activity.objects.get(title=SEED_ROWS[0]["Мероприятие"])
    assert (first.deadline_kind, first.deadline_month, first.deadline_date) == (
        "month",
        dt.date(2022, 11, 1),
        None,
    )


def test_roadmap_import_matches_spelling_aside_and_keeps_files_order(roadmap):
    run(SEED_ROWS, commit=True)
    respelled = [dict(r) for r in SEED_ROWS]
    respelled[0]["Мероприятие"] = "издание  приказа «о внедрении целевой модели наставничества»"
    respelled[0]["Этап"] = "Этап 1"
    assert run(respelled).new == 0
    orders = list(Activity.objects.order_by("pk").values_list("order", flat=True))
    assert orders == [2, 3, 4, 5, 6]  # Excel rows


def test_roadmap_import_errors_name_row_and_column_and_write_nothing(roadmap):
    rows = [
        *SEED_ROWS,
        row(**{"Мероприятие": "Плохой срок", "Срок": "каждый квартал"}),
        row(**{"Этап": 9, "Мероприятие": "Девятый этап"}),
        row(**{"Мероприятие": "Без ответственных", "Ответственные": None}),
        row(**{"Мероприятие": "Статус", "Статус": "почти готово"}),
        row(
            **{
                "Мероприятие": "Дата без статуса",
                "Статус": "запланировано",
                "Дата выполнения": "01.02.2023",
            }
        ),
        row(
            **{"Мероприятие": "Из будущего", "Статус": "выполнено", "Дата выполнения": "01.01.2099"}
        ),
        row(),  # the first row again
        row(**{"Мероприятие": "Начало после срока", "Начало": "01.11.2022"}),
    ]
    report = run(rows, commit=True)
    assert not report.committed
    assert [str(issue) for issue in report.issues] == [
        "Строка 7, «Срок»: не удалось разобрать срок «каждый квартал»: пишите дату (15.10.2022), "
        "месяц (октябрь 2022), «ежегодно: май, сентябрь», «весь период» или «без "
        "фиксированного срока»",
        "Строка 8, «Этап»: «9» — этапов семь: номер от 1 до 7 или название раздела",
        # row 9 names no one responsible: seed 002's roadmap names no one either
        "Строка 10, «Статус»: «почти готово» — нет такого значения; допустимо: "
        "запланировано, выполняется, выполнено, отменено",
        "Строка 11, «Дата выполнения»: дата выполнения указана, а статус — «запланировано»: "
        "укажите статус «выполнено» или уберите дату",
        "Строка 12, «Дата выполнения»: дата выполнения 01.01.2099 ещё не наступила",
        "Строка 13, «Этап и мероприятие»: это мероприятие этого этапа уже есть в файле в "
        "строке 2; оставьте одну строку",
        "Строка 14, «Срок»: начало 01.11.2022 позже срока «15.10.2022»",
    ]
    assert Activity.objects.count() == 0 and Section.objects.count() == 0


def test_roadmap_import_done_without_date_is_done_today_and_date_alone_means_done(roadmap):
    rows = [
        row(**{"Мероприятие": "Сделано", "Статус": "выполнено"}),
        row(**{"Мероприятие": "Дата есть", "Дата выполнения": "01.03.2023"}),
        row(**{"Мероприятие": "Ежегодное", "Срок": "ежегодно: май", "Статус": "выполнено"}),
    ]
    assert not run(rows, commit=True).has_errors
    done = dict(Activity.objects.values_list("title", "completed_on"))
    assert done == {"Сделано": TODAY, "Дата есть": dt.date(2023, 3, 1), "Ежегодное": None}
    assert set(Activity.objects.values_list("status", flat=True)) == {Activity.Status.DONE}


def test_roadmap_import_without_done_date_column_keeps_dates(roadmap):
    run([row(**{"Статус": "выполнено", "Дата выполнения": "01.03.2023"})], commit=True)
    headers = HEADERS[:-1]
    report = run(
        [row(**{"Статус": "выполнено", "Ответственные": "Куратор"})], headers=headers, commit=True
    )
    assert (report.changed, report.has_errors) == (1, False)
    assert Activity.objects.get().completed_on == dt.date(2023, 3, 1)


def test_roadmap_import_month_without_year_takes_the_periods_year(roadmap):
    # The period runs from September of last year to June of next year: «май» is twice in
    # it, «июль» and «август» (of this year) are each there once.
    ok = run(
        [row(**{"Срок": "июль"}), row(**{"Мероприятие": "Август", "Срок": "август"})], commit=True
    )
    assert not ok.has_errors, ok.issues
    months = sorted(Activity.objects.values_list("deadline_month", flat=True))
    assert months == [dt.date(TODAY.year, 7, 1), dt.date(TODAY.year, 8, 1)]
    # «май» is in two years of the period: every year's May, and the preview says so.
    yearly = run([row(**{"Мероприятие": "Май", "Срок": "май"})], commit=True)
    assert not yearly.has_errors, yearly.issues
    may = Activity.objects.get(title="Май")
    assert (may.deadline_kind, may.yearly_months, may.deadline_words) == ("yearly", [5], "май")
    assert (
        "Строка 2: срок «май» без года прочитан как «ежегодно: май» — в каждом году дорожной "
        "карты." in yearly.notices
    )


def test_roadmap_import_goes_to_the_chosen_roadmap(roadmap, old_roadmap):
    run([row()], commit=True, roadmap=old_roadmap)
    assert Activity.objects.get().roadmap == old_roadmap
    assert old_roadmap.sections.get().stage == 1
    assert not roadmap.sections.exists()


def test_roadmap_import_without_any_roadmap_is_refused(db):
    report = run([row()])
    assert [str(i) for i in report.issues] == [
        "В системе нет дорожной карты: сначала создайте её (название и период), потом "
        "загружайте мероприятия."
    ]


def test_roadmap_import_refuses_other_headers(roadmap):
    headers = [h for h in HEADERS if h != "Срок"] + ["Примечание"]
    report = run([{"Этап": 1}], headers=headers)
    assert len(report.issues) == 1
    message = str(report.issues[0])
    assert "нет колонок «Срок»" in message
    assert "лишние или написанные иначе колонки «Примечание»" in message


def test_roadmap_export_reimports_unchanged(roadmap):
    run(SEED_ROWS, commit=True)
    dataset = ActivityResource().export(Activity.objects.all())
    assert dataset.headers == TEMPLATE_HEADERS
    exported = {r[2]: r for r in dataset}
    survey = exported["Анкетирование «Чем я могу быть полезен»"]
    assert survey[0] == "3" and survey[4] == "ежегодно: май, сентябрь"
    assert exported["Создание рубрики на сайте"][0] == "Информационное сопровождение"
    # The deadline goes out as the roadmap wrote it.
    assert exported["Формирование базы наставляемых из числа обучающихся"][4] == (
        "Сентябрь – октябрь 2022года"
    )
    report = run(
        [dict(zip(TEMPLATE_HEADERS, values, strict=True)) for values in dataset],
        headers=TEMPLATE_HEADERS,
    )
    assert (report.new, report.changed, report.unchanged) == (0, 0, 5), report.issues


def test_roadmap_template_has_the_russian_headers_and_help():
    workbook = load_workbook(io.BytesIO(xlsx_template(base())))
    header = [cell.value for cell in next(workbook["Мероприятия дорожной карты"].iter_rows())]
    assert header == TEMPLATE_HEADERS
    help_text = " ".join(
        str(cell.value) for line in workbook["Справка"].iter_rows() for cell in line if cell.value
    )
    assert "ежегодно: май, сентябрь" in help_text
    assert "1. Подготовка условий для запуска программы наставничества" in help_text


# --- the command ---------------------------------------------------------------------------


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_xlsx", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, rows, name="дорожная карта.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(HEADERS, rows))
    return str(path)


def test_import_command_roadmap_previews_then_commits(tmp_path, roadmap):
    path = write(tmp_path, SEED_ROWS)
    out, _ = command("roadmap", path)
    assert "новых — 5" in out and "Предпросмотр: ничего не записано" in out
    assert "В дорожную карту будет добавлен раздел «Информационное сопровождение»." in out
    assert Activity.objects.count() == 0
    out, _ = command("roadmap", path, "--commit")
    assert "Записано." in out
    assert Activity.objects.filter(roadmap=roadmap).count() == 5


def test_import_command_roadmap_by_title_or_number(tmp_path, roadmap, old_roadmap):
    path = write(tmp_path, [row()])
    command("roadmap", path, "--commit", "--roadmap", "дорожная карта 2020–2021")
    assert Activity.objects.get().roadmap == old_roadmap
    command("roadmap", path, "--commit", "--roadmap", str(roadmap.pk))
    assert Activity.objects.filter(roadmap=roadmap).count() == 1


def test_import_command_roadmap_option_errors(tmp_path, roadmap):
    path = write(tmp_path, [row()])
    with pytest.raises(CommandError, match="нет такой дорожной карты «нет такой»"):
        command("roadmap", path, "--roadmap", "нет такой")
    with pytest.raises(CommandError, match="не относится к базе «people»"):
        command("people", path, "--roadmap", str(roadmap.pk))


# --- the admin pages -----------------------------------------------------------------------


def test_activity_admin_has_the_import_pages():
    assert xlsx_bases()["roadmap"].has_admin_pages


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def test_admin_roadmap_import_preview_then_confirm_into_chosen_roadmap(
    client_for, curator, roadmap, old_roadmap, upload_dir
):
    client = client_for(curator)
    page = client.get(base().import_url).content.decode()
    assert "Загрузка из Excel: мероприятия дорожной карты" in page
    assert "Дорожная карта" in page and "текущая" in page
    upload = SimpleUploadedFile("дк.xlsx", xlsx_bytes(HEADERS, SEED_ROWS))
    preview = client.post(
        base().import_url,
        {"format": "0", "resource": "0", "import_file": upload, "roadmap": old_roadmap.pk},
    )
    text = preview.content.decode()
    assert "Ещё ничего не записано" in text
    assert "будет добавлен раздел «Информационное сопровождение»" in text
    assert Activity.objects.count() == 0
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    assert data["roadmap"] == old_roadmap
    data["roadmap"] = old_roadmap.pk
    done = client.post(
        reverse("admin:roadmap_activity_process_import"), data, follow=True
    ).content.decode()
    assert "Импорт выполнен: новых — 5" in done
    assert Activity.objects.filter(roadmap=old_roadmap).count() == 5
    assert os.listdir(upload_dir) == []


def test_admin_roadmap_import_and_export_by_role(client_for, curator, director, roadmap):
    assert client_for(director).get(base().import_url).status_code == 403
    exported = client_for(director).post(base().export_url, {"format": "0", "resource": "0"})
    assert exported.status_code == 200
    outsider = UserFactory(username="stranger")
    assert client_for(outsider).get(base().import_url).status_code == 403


# --- stages by title (issue 13) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "stage", "title"),
    [
        ("4. Формирование пар", 5, "Формирование пар"),
        ("4. Формирование наставнических пар/групп", 5, "Формирование наставнических пар/групп"),
        ("5. Организация хода программы внедрения целевой модели наставничества обучающихся", 6,
         "Организация хода программы внедрения целевой модели наставничества обучающихся"),
        ("6.Завершение наставничества", 7, "Завершение наставничества"),
        ("Формирование Банка наставляемых", 2, "Формирование Банка наставляемых"),
        ("Этап 4. Обучение наставников Задача – подготовить к работе с наставляемым", 4,
         "Обучение наставников"),
        ("4", 4, "Отбор и обучение наставников"),
        ("Этап 4", 4, "Отбор и обучение наставников"),
        ("7 Информационная поддержка системы наставничества", None,
         "Информационная поддержка системы наставничества"),
        ("Организационно-методическое сопровождение деятельности", None,
         "Организационно-методическое сопровождение деятельности"),
    ],
)  # fmt: skip
def test_section_cell_is_read_by_its_title_the_number_only_without_one(cell, stage, title):
    from roadmap.resources import SectionWidget

    ref = SectionWidget().clean(cell)
    assert (ref.stage, ref.title) == (stage, title)


def test_roadmap_import_keeps_substage_and_the_stage_task(roadmap, tmp_path):
    headers = ["Содержание подэтапов", "Мероприятия", "Сроки", "Ответственные"]
    rows = [
        ["ЭТАП 1. Подготовка условий для запуска программы наставничества Задача этапа – "
         "создание благоприятных условий", "", "", ""],
        ["1) Изучение нормативной базы", "Изучение распоряжения", "июнь 2022года", "Куратор"],
    ]  # fmt: skip
    path = tmp_path / "дорожная карта.xlsx"
    path.write_bytes(xlsx_bytes(headers, rows))
    out = io.StringIO()
    # The document's own headers, matched by the command's automatic mapping.
    call_command("import_xlsx", "roadmap", str(path), "--commit", stdout=out)
    assert "Мероприятия → Мероприятие (по синониму)" in out.getvalue()
    study = Activity.objects.get()
    assert study.substage == "1) Изучение нормативной базы"
    assert study.deadline_words == "июнь 2022года"
    assert study.section.stage == 1
    assert study.section.task == "создание благоприятных условий"
