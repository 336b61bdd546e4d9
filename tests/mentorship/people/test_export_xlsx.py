"""Exports from the admin lists and the downloadable templates."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.people.models import Competency, MenteeRequest, MentoringForm, Person
from tests.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    PartnerOrganisationFactory,
    PersonFactory,
    UserFactory,
)
from tests.lib.xlsx_files import (
    MENTEE_HEADERS,
    MENTOR_HEADERS,
    ORGANISATION_HEADERS,
    PEOPLE_HEADERS,
)

PERSON_EXPORT_URL = reverse("admin:people_person_export")
pytestmark = pytest.mark.django_db


def export(client, url=PERSON_EXPORT_URL, query=""):
    response = client.post(f"{url}{query}", {"format": "0", "resource": "0"})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response


def sheet_of(response):
    return load_workbook(io.BytesIO(response.content)).active


def rows_of(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_person_export_has_template_columns_and_text_stays_text(client_for, curator):
    PersonFactory(
        last_name="Формулов",
        study_group="=1+1",
        specialty='=HYPERLINK("http://x","y")',
        phone="+7 900 123-45-67",
        birth_date=dt.date(2007, 3, 15),
        has_disability=True,
    )
    response = export(client_for(curator))
    assert "attachment" in response["Content-Disposition"]
    assert "people-" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]  # personal data: never cached
    sheet = sheet_of(response)
    header, row = rows_of(sheet)
    assert header == PEOPLE_HEADERS
    values = dict(zip(header, row, strict=True))
    assert values["Группа"] == "=1+1"
    assert sheet["F2"].data_type == "s"  # «Группа»: text, never a formula
    assert sheet["I2"].data_type == "s"  # «Специальность»
    assert values["Телефон"] == "+7 900 123-45-67"
    assert values["Дата рождения"] == dt.datetime(2007, 3, 15)
    assert (values["Категория"], values["Курс"], values["ОВЗ"]) == ("обучающийся", 1, "да")
    assert values["Форма обучения"] == "очная"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"


def test_person_export_writes_the_form_of_study_as_the_import_reads_it(client_for, curator):
    PersonFactory(last_name="Заочникова", study_form=Person.StudyForm.EXTRAMURAL)
    PersonFactory(last_name="Вечерников", study_form=Person.StudyForm.PART_TIME)
    PersonFactory(last_name="Педагогов", teacher=True)
    rows = rows_of(sheet_of(export(client_for(curator))))
    column = rows[0].index("Форма обучения")
    assert {row[0]: row[column] for row in rows[1:]} == {
        "Вечерников": "очно-заочная",
        "Заочникова": "заочная",
        "Педагогов": None,  # an empty cell
    }


def test_person_export_respects_changelist_filters(client_for, curator):
    PersonFactory(last_name="Студентов")
    PersonFactory(last_name="Педагогов", teacher=True)
    sheet = sheet_of(export(client_for(curator), query="?kind__exact=teacher"))
    assert [row[0] for row in rows_of(sheet)[1:]] == ["Педагогов"]


def test_person_export_leaves_out_special_categories_without_permission(client_for):
    PersonFactory(last_name="Особенный", has_disability=True, orphan=True)
    # An office user allowed to export people but not to see health and social status.
    clerk = UserFactory(username="clerk", role="director")
    clerk.user_permissions.add(Permission.objects.get(codename="export_person"))
    assert not clerk.has_perm("people.view_special_categories")
    header = rows_of(sheet_of(export(client_for(clerk))))[0]
    for column in ("ОВЗ", "ТЖС", "Малоимущая семья", "Сирота"):
        assert column not in header
    assert "Одарённый" in header and "Сельская местность" in header


def test_director_cannot_export(client_for, director):
    PersonFactory()
    client = client_for(director)
    assert client.get(PERSON_EXPORT_URL).status_code == 403
    assert client.post(PERSON_EXPORT_URL, {"format": "0", "resource": "0"}).status_code == 403


def test_every_base_imports_and_exports_xlsx_only_never_csv():
    """Item 9's CSV rule («'» before = + - @) has nothing to apply to: no base offers CSV
    (or any other text format); every export is SafeXLSX, which writes text cells."""
    from django.contrib import admin as django_admin

    from mentorship.lib.xlsx import SafeXLSX

    for base in xlsx_bases().values():
        model_admin = django_admin.site._registry.get(base.model)
        if model_admin is None or not hasattr(model_admin, "get_export_formats"):
            continue
        assert model_admin.get_export_formats() == [SafeXLSX], base.code
        assert model_admin.get_import_formats() == [SafeXLSX], base.code


def test_mentor_export_round_trips_unchanged(client_for, curator):
    profile = MentorProfileFactory(useful_for="Помогу с практикой")
    profile.forms.set(MentoringForm.objects.filter(code__in=["teacher-student", "student-student"]))
    profile.competencies.set(Competency.objects.filter(name="Проектная деятельность"))
    response = export(client_for(curator), reverse("admin:people_mentorprofile_export"))
    header, row = rows_of(sheet_of(response))
    assert header == MENTOR_HEADERS
    values = dict(zip(header, row, strict=True))
    assert values["Статус"] == "утверждён"
    assert values["Компетенции"] == "Проектная деятельность"
    assert "; " in values["Формы наставничества"]
    report = xlsx_import(base=xlsx_bases()["mentors"], data=response.content, commit=False)
    assert (report.issues, report.unchanged) == ([], 1)


def test_mentee_and_organisation_exports_round_trip_unchanged(client_for, curator):
    mentee = MenteeProfileFactory()
    MenteeRequest.objects.create(
        mentee=mentee,
        topic=Competency.objects.get(name="Проектная деятельность"),
        raised_by=MenteeRequest.RaisedBy.SELF,
    )
    PartnerOrganisationFactory(agreement_date=dt.date(2024, 9, 1), phone="+7 3843 00-00-00")
    client = client_for(curator)
    for base, headers in (("mentees", MENTEE_HEADERS), ("organisations", ORGANISATION_HEADERS)):
        response = export(client, xlsx_bases()[base].export_url)
        assert rows_of(sheet_of(response))[0] == headers
        report = xlsx_import(base=xlsx_bases()[base], data=response.content, commit=False)
        assert (report.issues, report.new, report.changed, report.unchanged) == ([], 0, 0, 1)


def test_person_export_round_trips_unchanged(client_for, curator):
    PersonFactory.create_batch(3)
    response = export(client_for(curator))
    report = xlsx_import(base=xlsx_bases()["people"], data=response.content, commit=False)
    assert (report.issues, report.unchanged, report.new) == ([], 3, 0)
    assert Person.objects.count() == 3


@pytest.mark.parametrize(
    ("base", "headers"),
    [
        ("people", PEOPLE_HEADERS),
        ("mentors", MENTOR_HEADERS),
        ("mentees", MENTEE_HEADERS),
        ("organisations", ORGANISATION_HEADERS),
    ],
)
def test_template_download_has_exact_header_and_a_help_sheet(client_for, curator, base, headers):
    response = client_for(curator).get(reverse("people:template-download", args=[base]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1] == "Справка"
    data = rows_of(workbook.worksheets[0])
    assert data == [headers]  # headers only, no example row
    help_text = " ".join(str(v) for row in rows_of(workbook["Справка"]) for v in row if v)
    for column in headers:
        assert column in help_text


def test_people_template_help_lists_allowed_values(client_for, curator):
    response = client_for(curator).get(reverse("people:template-download", args=["people"]))
    help_rows = rows_of(load_workbook(io.BytesIO(response.content))["Справка"])
    flat = [str(v) for row in help_rows for v in row if v]
    assert "сотрудник предприятия" in flat
    assert any("да, нет, +, -, 1, 0" in text for text in flat)
    # The forms of study: their own list, the column's line and the rule of the default.
    forms = flat.index("Формы обучения")
    assert flat[forms + 1 : forms + 4] == ["очная", "очно-заочная", "заочная"]
    column = flat.index("Форма обучения")
    assert flat[column + 1].startswith("одно из: очная, очно-заочная, заочная")
    assert "пустая ячейка — «очная»" in flat[column + 1]
    assert any(
        text.startswith("Форма обучения — очная, очно-заочная или заочная")
        and "Обучающийся с пустой ячейкой — очный" in text
        for text in flat
    )


def test_template_download_unknown_base_is_404(client_for, curator):
    url = reverse("people:template-download", args=["secrets"])
    assert client_for(curator).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["director", "mentor", "mentee"])
def test_templates_pages_are_for_the_curator_only(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("people:templates")).status_code == 403
    url = reverse("people:template-download", args=["people"])
    assert client.get(url).status_code == 403


def test_templates_anonymous_goes_to_login(client):
    response = client.get(reverse("people:templates"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_templates_index_links_every_base(client_for, curator):
    page = client_for(curator).get(reverse("people:templates")).content.decode()
    for base in xlsx_bases().values():
        assert base.title in page
        assert base.template_url in page
        # Other apps' bases get their links once their admin offers the pages.
        if base.has_admin_pages or base.app_label == "people":
            assert base.import_url in page
            assert base.export_url in page
    assert "Скачать шаблон" in page and "Загрузить из Excel" in page
    assert "Выгрузить в Excel" in page


def test_changelist_offers_import_and_export_only_to_those_allowed(client_for, curator, director):
    changelist = reverse("admin:people_person_changelist")
    import_url = reverse("admin:people_person_import")
    curator_page = client_for(curator).get(changelist).content.decode()
    assert import_url in curator_page and PERSON_EXPORT_URL in curator_page
    director_page = client_for(director).get(changelist).content.decode()
    assert import_url not in director_page and PERSON_EXPORT_URL not in director_page
