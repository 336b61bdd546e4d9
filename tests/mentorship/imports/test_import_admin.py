"""The admin import pages: upload → preview (nothing written) → «Подтвердить импорт»."""

import io
import os
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from mentorship.imports.uploads import import_tmp_purge
from mentorship.lib.tables import read_table
from mentorship.lib.xlsx import XlsxFileError
from mentorship.people.models import MentorProfile, PartnerOrganisation, Person
from tests.factories import PartnerOrganisationFactory, PersonFactory, UserFactory
from tests.lib.xlsx_files import MENTOR_HEADERS, people_rows, people_xlsx, person_row, xlsx_bytes

IMPORT_URL = reverse("admin:people_person_import")
CONFIRM_URL = reverse("admin:people_person_process_import")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def uploads(upload_dir) -> list[str]:
    return sorted(os.listdir(upload_dir)) if upload_dir.exists() else []


def upload(client, data: bytes, name: str = "люди.xlsx"):
    return client.post(
        IMPORT_URL, {"format": "0", "resource": "0", "import_file": SimpleUploadedFile(name, data)}
    )


def confirm_data(response) -> dict:
    form = response.context["confirm_form"]
    return {name: form.initial.get(name, "") for name in form.fields}


def test_curator_sees_import_page_in_russian(client_for, curator):
    page = client_for(curator).get(IMPORT_URL).content.decode()
    assert "Загрузка из Excel: люди" in page
    assert "Загрузить и проверить" in page
    assert reverse("people:template-download", args=["people"]) in page


def test_import_preview_shows_new_rows_and_writes_nothing(client_for, curator, upload_dir):
    response = upload(client_for(curator), people_xlsx(people_rows(3)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ещё ничего не записано" in page
    assert "Добавлено: <strong>3</strong>" in page
    assert "Подтвердить импорт" in page
    assert "Ивановa" in page or "Иванова" in page
    assert Person.objects.count() == 0
    assert Person.history.count() == 0
    assert len(uploads(upload_dir)) == 1  # waits for the confirmation


def test_import_confirm_writes_all_rows_and_removes_upload(client_for, curator, upload_dir):
    client = client_for(curator)
    preview = upload(client, people_xlsx(people_rows(3)))
    response = client.post(CONFIRM_URL, confirm_data(preview), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:people_person_changelist")
    assert "Импорт выполнен: новых — 3, изменённых — 0, без изменений — 0." in (
        response.content.decode()
    )
    assert Person.objects.count() == 3
    assert {h.history_user for h in Person.history.all()} == {curator}
    assert LogEntry.objects.filter(user=curator).count() == 3
    assert uploads(upload_dir) == []


def test_import_preview_lists_errors_by_excel_row_and_column(client_for, curator, upload_dir):
    rows = people_rows(500)
    rows[3]["Дата рождения"] = "31.02.2008"
    page = upload(client_for(curator), people_xlsx(rows)).content.decode()
    assert "Файл не принят — ничего не записано" in page
    assert "Строка 5, «Дата рождения»: даты «31.02.2008» не существует" in page
    assert "Подтвердить импорт" not in page
    assert Person.objects.count() == 0
    assert uploads(upload_dir) == []  # nothing to confirm: the upload is gone


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("люди.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        ("люди.xlsx", b"MZ" + os.urandom(600)),
        ("люди.xls", b"MZ" + os.urandom(600)),
    ],
)
def test_a_file_that_cannot_be_read_gets_the_readers_reason(
    client_for, curator, upload_dir, name, data
):
    with pytest.raises(XlsxFileError) as refused:
        read_table(data, name)
    page = upload(client_for(curator), data, name).content.decode()
    assert escape(str(refused.value)) in page
    assert "Сопоставление колонок" not in page
    assert Person.objects.count() == 0
    assert uploads(upload_dir) == []


def test_a_file_with_only_headers_is_refused_and_not_kept(client_for, curator, upload_dir):
    page = upload(client_for(curator), people_xlsx([])).content.decode()
    assert "В файле нет строк с данными — только заголовки." in page
    assert "Подтвердить импорт" not in page
    assert uploads(upload_dir) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_kept(
    client_for, curator, upload_dir, settings
):
    data = people_xlsx(people_rows(3))
    settings.IMPORT_MAX_BYTES = len(data) - 1
    page = upload(client_for(curator), data).content.decode()
    assert "Файл больше 0 МБ. Разбейте его на части." in page
    assert Person.objects.count() == 0
    assert uploads(upload_dir) == []


def test_confirm_rolls_back_when_the_file_no_longer_imports_cleanly(
    client_for, curator, upload_dir
):
    PartnerOrganisationFactory(name="АО «Шахта Южная»")
    employee = person_row(
        **{
            "Категория": "сотрудник предприятия",
            "Курс": None,
            "Организация": "АО «Шахта Южная»",
            "Дата рождения": "04.05.1980",
        }
    )
    client = client_for(curator)
    preview = upload(client, people_xlsx([*people_rows(2), employee]))
    assert "Подтвердить импорт" in preview.content.decode()
    PartnerOrganisation.objects.all().delete()  # someone removes it before the confirmation
    response = client.post(CONFIRM_URL, confirm_data(preview))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Импорт отменён, ничего не записано" in page
    assert "Строка 4, «Организация»: организации «АО «Шахта Южная»» нет в базе" in page
    assert Person.objects.count() == 0
    assert uploads(upload_dir) == []


def test_confirm_cannot_point_outside_the_upload_directory(client_for, curator):
    data = {
        "import_file_name": "../../etc/passwd",
        "original_file_name": "x.xlsx",
        "format": "0",
        "resource": "0",
    }
    response = client_for(curator).post(CONFIRM_URL, data, follow=True)
    assert "Файл для импорта не найден" in response.content.decode()
    assert Person.objects.count() == 0


def test_director_gets_403_on_import_and_confirm_and_nothing_is_written(
    client_for, curator, director, upload_dir
):
    preview = upload(client_for(curator), people_xlsx(people_rows(2)))
    data = confirm_data(preview)
    client = client_for(director)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, people_xlsx(people_rows(2))).status_code == 403
    assert client.post(CONFIRM_URL, data).status_code == 403
    assert Person.objects.count() == 0
    assert Person.history.count() == 0


def test_abandoned_uploads_are_purged(client_for, curator, upload_dir):
    upload(client_for(curator), people_xlsx(people_rows(1)))
    [name] = uploads(upload_dir)
    assert oct(os.stat(upload_dir / name).st_mode & 0o777) == "0o600"
    assert import_tmp_purge() == 0  # still fresh
    stale = time.time() - 3 * 60 * 60
    os.utime(upload_dir / name, (stale, stale))
    assert import_tmp_purge() == 1
    assert uploads(upload_dir) == []


def test_confirm_refuses_to_overwrite_an_edit_made_after_the_preview(
    client_for, curator, upload_dir
):
    person = PersonFactory(
        last_name="Правкин", first_name="Пётр", middle_name="Сергеевич", study_group="ГЭ-24-1"
    )
    row = person_row(**{"Фамилия": "Правкин", "Группа": "ГЭ-24-9"})
    client = client_for(curator)
    preview = upload(client, people_xlsx([row, person_row(1)]))
    assert "Обновлено: <strong>1</strong>" in preview.content.decode()
    # Another curator edits the same student before this one confirms.
    person.study_group = "ГЭ-24-5"
    person.save()
    page = client.post(CONFIRM_URL, confirm_data(preview)).content.decode()
    assert "После предпросмотра эти записи изменили в базе" in page
    person.refresh_from_db()
    assert person.study_group == "ГЭ-24-5"
    assert Person.objects.count() == 1
    assert uploads(upload_dir) == []


def test_confirm_refuses_when_a_person_of_the_file_was_added_after_the_preview(
    client_for, curator, upload_dir
):
    client = client_for(curator)
    preview = upload(client, people_xlsx([person_row(0), person_row(1)]))
    assert "Добавлено: <strong>2</strong>" in preview.content.decode()
    # Meanwhile another curator adds one of these people by hand.
    PersonFactory(last_name=person_row(1)["Фамилия"], first_name="Пётр", middle_name="Сергеевич")
    page = client.post(CONFIRM_URL, confirm_data(preview)).content.decode()
    assert "После предпросмотра эти записи изменили в базе" in page
    assert Person.objects.count() == 1  # no duplicate, and not half an import either
    assert uploads(upload_dir) == []


def test_abandoned_preview_leaves_no_personal_data_once_the_cleanup_job_ran(
    client_for, curator, upload_dir
):
    client = client_for(curator)
    surname = person_row(0)["Фамилия"]
    upload(client, people_xlsx([person_row(0)]))
    [name] = uploads(upload_dir)
    # The curator never confirms. The session keeps only the preview's fingerprint.
    assert surname not in str(dict(client.session))
    stale = time.time() - (2 * 60 * 60 + 60)  # IMPORT_TMP_MAX_AGE_HOURS = 2, and a minute
    os.utime(upload_dir / name, (stale, stale))
    call_command("purge_import_uploads", stdout=io.StringIO())
    assert uploads(upload_dir) == []
    leftovers = [path for path in upload_dir.parent.rglob("*") if path.is_file()]
    assert leftovers == []
    assert Person.objects.count() == 0


def test_preview_shows_what_changes_in_an_existing_person(client_for, curator, upload_dir):
    PersonFactory(last_name="Сменова", first_name="Пётр", middle_name="Сергеевич")
    row = person_row(**{"Фамилия": "Сменова", "Группа": "ГЭ-24-8"})
    page = upload(client_for(curator), people_xlsx([row])).content.decode()
    assert "Обновлено: <strong>1</strong>" in page
    # The diff of the changed cell: the old group struck out, the new one inserted.
    assert "<del" in page and "<ins" in page
    assert "8</ins>" in page


def test_confirm_works_only_in_the_session_that_saw_the_preview(client, curator, upload_dir):
    client.force_login(curator)
    preview = upload(client, people_xlsx(people_rows(2)))
    other = Client()
    other.force_login(curator)
    response = other.post(CONFIRM_URL, confirm_data(preview), follow=True)
    assert "Файл для импорта не найден" in response.content.decode()
    assert Person.objects.count() == 0


def test_purge_command_removes_abandoned_uploads(client_for, curator, upload_dir):
    upload(client_for(curator), people_xlsx(people_rows(1)))
    out = io.StringIO()
    call_command("purge_import_uploads", "--hours", "0", stdout=out)
    assert "Удалено файлов: 1." in out.getvalue()
    assert uploads(upload_dir) == []


def test_curator_imports_the_template_filled_with_200_rows(client_for, curator, upload_dir):
    client = client_for(curator)
    template = client.get(reverse("people:template-download", args=["people"])).content
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for row in people_rows(200):
        sheet.append([row.get(header) for header in headers])
    filled = io.BytesIO()
    workbook.save(filled)

    preview = upload(client, filled.getvalue())
    assert "Добавлено: <strong>200</strong>" in preview.content.decode()
    assert Person.objects.count() == 0
    response = client.post(CONFIRM_URL, confirm_data(preview), follow=True)
    assert "Импорт выполнен: новых — 200" in response.content.decode()
    assert Person.objects.count() == 200


def test_mentor_bank_import_through_the_admin(client_for, curator, upload_dir):
    person = PersonFactory(teacher=True, last_name="Наставников")
    row = {
        "Фамилия": person.last_name,
        "Имя": person.first_name,
        "Отчество": person.middle_name,
        "Дата рождения": person.birth_date,
        "Формы наставничества": "Педагог – студент",
        "Компетенции": "Проектная деятельность",
    }
    client = client_for(curator)
    preview = client.post(
        reverse("admin:people_mentorprofile_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("m.xlsx", xlsx_bytes(MENTOR_HEADERS, [row])),
        },
    )
    assert "Добавлено: <strong>1</strong>" in preview.content.decode()
    client.post(reverse("admin:people_mentorprofile_process_import"), confirm_data(preview))
    profile = MentorProfile.objects.get(person=person)
    assert [form.code for form in profile.forms.all()] == ["teacher-student"]
    assert [c.name for c in profile.competencies.all()] == ["Проектная деятельность"]


def test_import_needs_the_special_categories_permission(client_for, upload_dir):
    clerk = UserFactory(username="clerk", role="director")
    clerk.user_permissions.add(Permission.objects.get(codename="import_person"))
    page = upload(client_for(clerk), people_xlsx(people_rows(1))).content.decode()
    assert "загружать её может только роль с доступом к ним" in page
    assert "Подтвердить импорт" not in page
    assert Person.objects.count() == 0
