"""Cases and methodical materials (issue 15): validation, the admin screens (the curator
writes, the director reads, filters), the сборник (PDF and .docx) from the actions and the
command, the package's cases[], the destruction of an author's name, the files' downloads."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from mentorship.cases.collection import SUMMARY_CHARS, region_cases, summary
from mentorship.cases.models import Case, CaseFile, Material
from mentorship.lib.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from mentorship.lib.periods import ReportPeriod
from mentorship.people.destruction import PLACEHOLDER, person_destroy
from mentorship.people.models import MentoringForm
from tests.factories import PersonFactory
from tests.lib.pdf_files import pdf_text
from tests.mentorship.surveys.survey_data import at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
CHANGELIST = "admin:cases_case_changelist"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form(code="teacher-student") -> MentoringForm:
    return MentoringForm.objects.get(code=code)


def case_make(title="Наставник для первокурсника", **fields) -> Case:
    values = {
        "form": form(),
        "problem": "Первокурсники теряются в первом семестре.",
        "actions": "Каждому назначен педагог-наставник.",
        "result": "К лету учатся все двенадцать.",
        **fields,
    }
    return Case.objects.create(title=title, **values)


def _case_post(**overrides) -> dict:
    data = {
        "title": "Профориентация через чемпионат",
        "form": form("employer-student").pk,
        "problem": "Студенты не видят себя в профессии.",
        "actions": "Наставники с завода готовили к чемпионату.",
        "result": "Трое призёров регионального этапа.",
        "author": "Сидорова Анна Петровна",
        "tags": "профориентация, чемпионат,  Профориентация ,",
        "for_region": "on",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-title": "",
    }
    data.update(overrides)
    return data


# --- the models ---------------------------------------------------------------------------


def test_tags_are_trimmed_and_repeats_dropped_on_clean():
    case = Case(title="Т", form=form(), problem="п", actions="д", result="р", tags=" а, Б,,а ,б")
    case.full_clean()
    assert case.tags == "а, Б"
    assert case.tag_list == ["а", "Б"]


def test_a_material_needs_a_file_or_a_link():
    with pytest.raises(ValidationError) as refused:
        Material(title="Памятка").full_clean()
    assert refused.value.messages == ["Приложите файл или укажите ссылку на материал."]
    Material(title="Памятка", link="https://example.org/pamyatka").full_clean()


def test_a_case_file_is_checked_like_a_consent_scan(settings):
    case = case_make()
    fake = CaseFile(case=case, file=SimpleUploadedFile("keys.pdf", b"<html><script>"))
    with pytest.raises(ValidationError) as refused:
        fake.full_clean()
    assert refused.value.message_dict["file"] == ["Файл должен быть файлом PDF, JPEG или PNG."]
    misnamed = CaseFile(case=case, file=SimpleUploadedFile("foto.pdf", PNG))
    with pytest.raises(ValidationError) as refused:
        misnamed.full_clean()
    assert refused.value.message_dict["file"] == [
        "Файл назван как PDF, а по содержимому это PNG: сохраните файл с правильным расширением."
    ]
    settings.CONSENT_SCAN_MAX_BYTES = 10
    with pytest.raises(ValidationError) as refused:
        CaseFile(case=case, file=SimpleUploadedFile("keys.pdf", PDF)).full_clean()
    assert refused.value.message_dict["file"][0].startswith("Файл слишком большой")


# --- the admin ----------------------------------------------------------------------------


def test_the_curator_adds_a_case_with_a_file(client, curator):
    client.force_login(curator)
    upload = SimpleUploadedFile("Отчёт о практике наставничества.pdf", PDF)
    response = client.post(reverse("admin:cases_case_add"), _case_post(**{"files-0-file": upload}))
    assert response.status_code == 302, response.context["errors"]
    case = Case.objects.get()
    assert case.tags == "профориентация, чемпионат"
    assert case.for_region
    stored = case.files.get()
    # Kept under a generated name in private storage, served to the office only.
    assert "Отчёт" not in stored.file.name
    assert stored.file.url.startswith("/cases/files/")
    download = client.get(stored.file.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_a_bad_file_keeps_the_input_and_writes_nothing(client, curator):
    client.force_login(curator)
    upload = SimpleUploadedFile("keys.pdf", b"GIF89a not a scan")
    response = client.post(reverse("admin:cases_case_add"), _case_post(**{"files-0-file": upload}))
    assert response.status_code == 200
    assert "Файл должен быть файлом PDF, JPEG или PNG." in response.content.decode()
    assert "Профориентация через чемпионат" in response.content.decode()
    assert not Case.objects.exists() and not CaseFile.objects.exists()


def test_the_director_reads_but_cannot_write(client, director):
    case = case_make()
    client.force_login(director)
    assert client.get(reverse(CHANGELIST)).status_code == 200
    assert client.get(reverse("admin:cases_case_change", args=[case.pk])).status_code == 200
    response = client.post(
        reverse("admin:cases_case_change", args=[case.pk]), _case_post(title="Чужое")
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.title == "Наставник для первокурсника"


def test_the_list_filters_by_form_flag_and_tag_in_constant_queries(
    client, curator, django_assert_num_queries
):
    case_make("Первый", tags="адаптация, профориентация", for_region=True)
    case_make("Второй", tags="Адаптация", form=form("student-student"))
    case_make("Третий", tags="наставничество")
    client.force_login(curator)

    def titles(query: str) -> list[str]:
        response = client.get(reverse(CHANGELIST) + query)
        return sorted(str(case) for case in response.context["cl"].result_list)

    assert titles("?tag=адаптация") == ["Второй", "Первый"]
    assert titles("?tag=профориентация") == ["Первый"]
    assert titles("?for_region__exact=1") == ["Первый"]
    assert titles(f"?form__id__exact={form('student-student').pk}") == ["Второй"]
    assert titles("?q=наставничество") == ["Третий"]
    response = client.get(reverse(CHANGELIST))
    tags = [
        choice["display"]
        for choice in response.context["cl"].filter_specs[2].choices(response.context["cl"])
    ]
    # One entry per tag whatever its case (as the newest case spells it).
    assert tags == ["Все", "Адаптация", "наставничество", "профориентация"]

    client.get(reverse(CHANGELIST))  # warm the session and the content types
    with django_assert_num_queries(10) as few:
        client.get(reverse(CHANGELIST))
    for n in range(10):
        case_make(f"Ещё {n}", tags=f"тег{n}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse(CHANGELIST))


# --- the сборник --------------------------------------------------------------------------


def test_the_action_prints_the_chosen_cases(client, curator):
    chosen = case_make("Наставник для первокурсника", author="Иванова Мария Петровна")
    case_make("Не выбранный кейс")
    CaseFile.objects.create(case=chosen, title="Фотоотчёт", file=SimpleUploadedFile("f.pdf", PDF))
    client.force_login(curator)
    response = client.post(
        reverse(CHANGELIST), {"action": "collection", "_selected_action": [chosen.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Сборник лучших практик наставничества" in text
    assert f"Форма наставничества «{form().name}»" in text
    assert "1. Наставник для первокурсника" in text
    assert "Автор: Иванова Мария Петровна" in text
    assert "Первокурсники теряются в первом семестре." in text
    assert "Приложения: Фотоотчёт" in text
    assert "Не выбранный кейс" not in text


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_the_docx_action_gives_the_chosen_cases_as_an_editable_file(client, curator):
    chosen = case_make("Наставник для первокурсника", author="Иванова Мария Петровна")
    case_make("Не выбранный кейс")
    CaseFile.objects.create(case=chosen, title="Фотоотчёт", file=SimpleUploadedFile("f.pdf", PDF))
    client.force_login(curator)
    response = client.post(
        reverse(CHANGELIST), {"action": "collection_docx", "_selected_action": [chosen.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert "sbornik-luchshikh-praktik.docx" in response["Content-Disposition"]
    text = docx_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert "Сборник лучших практик наставничества" in text
    assert f"Форма наставничества «{form().name}»" in text
    assert "1. Наставник для первокурсника" in text
    assert "Автор: Иванова Мария Петровна" in text
    assert "Первокурсники теряются в первом семестре." in text
    assert "Приложения: Фотоотчёт" in text
    assert "Не выбранный кейс" not in text


def test_the_command_writes_the_docx_with_the_same_cases_as_the_pdf(tmp_path):
    case_make("Для региона", for_region=True)
    case_make("Только для колледжа")
    output = tmp_path / "sbornik.docx"
    call_command("cases_collection", "--output", str(output), "--for-region")
    text = docx_text(output.read_bytes())
    assert "Для региона" in text and "Только для колледжа" not in text
    call_command("cases_collection", "--output", str(output))
    text = docx_text(output.read_bytes())
    assert "Для региона" in text and "Только для колледжа" in text
    pdf = tmp_path / "sbornik.pdf"
    call_command("cases_collection", "--output", str(pdf))
    assert "Только для колледжа" in pdf_text(pdf.read_bytes())


def test_the_command_prints_the_regions_cases(tmp_path):
    case_make("Для региона", for_region=True)
    case_make("Только для колледжа")
    output = tmp_path / "sbornik.pdf"
    call_command("cases_collection", "--output", str(output), "--for-region")
    text = pdf_text(output.read_bytes())
    assert "Для региона" in text and "Только для колледжа" not in text
    call_command("cases_collection", "--output", str(output))
    text = pdf_text(output.read_bytes())
    assert "Для региона" in text and "Только для колледжа" in text


def test_the_command_refuses_in_russian_and_writes_nothing(tmp_path):
    output = tmp_path / "sbornik.pdf"
    with pytest.raises(CommandError, match="нет ни одного кейса"):
        call_command("cases_collection", "--output", str(output))
    case_make()
    with pytest.raises(CommandError, match="нет кейсов, отмеченных «для РНЦ»"):
        call_command("cases_collection", "--output", str(output), "--for-region")
    with pytest.raises(CommandError, match="должно оканчиваться на «.pdf» или «.docx»"):
        call_command("cases_collection", "--output", str(tmp_path / "sbornik.txt"))
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


# --- the package --------------------------------------------------------------------------


def test_the_package_gets_the_periods_region_cases_without_the_author():
    case = case_make("В РНЦ", for_region=True, author="Перепелицына Гликерия Амвросиевна")
    Case.objects.filter(pk=case.pk).update(created_at=at(2025))
    late = case_make("В РНЦ, но в 2026", for_region=True)
    Case.objects.filter(pk=late.pk).update(created_at=at(2026))
    home = case_make("Не для РНЦ")
    Case.objects.filter(pk=home.pk).update(created_at=at(2025))

    found = region_cases(ReportPeriod.calendar(2025))
    assert found == [{"title": "В РНЦ", "summary": summary(case), "form": form().name}]
    assert summary(case) == (
        "Проблема: Первокурсники теряются в первом семестре. "
        "Что сделано: Каждому назначен педагог-наставник. "
        "Результат: К лету учатся все двенадцать."
    )
    assert "Перепелицына" not in str(found)


def test_a_long_summary_is_cut():
    case = case_make(problem="очень " * 300)
    assert len(summary(case)) == SUMMARY_CHARS
    assert summary(case).endswith("…")


# --- privacy ------------------------------------------------------------------------------


def test_a_destroyed_persons_name_leaves_the_cases():
    person = PersonFactory(last_name="Зюзюкина", first_name="Аглая", middle_name="Евлампиевна")
    case = case_make(
        author="Зюзюкина Аглая Евлампиевна",
        result="А. Е. Зюзюкина стала наставником сама.",
    )
    other = case_make("Чужой", author="Петров Пётр Петрович")
    person_destroy(person)
    case.refresh_from_db()
    other.refresh_from_db()
    assert "Зюзюкина" not in case.author and PLACEHOLDER in case.author
    assert "Зюзюкина" not in case.result
    assert case.problem == "Первокурсники теряются в первом семестре."
    assert other.author == "Петров Пётр Петрович"


def test_files_are_not_served_to_participants_or_by_a_made_up_name(client, mentor, curator):
    case = case_make()
    stored = CaseFile.objects.create(case=case, file=SimpleUploadedFile("f.pdf", PDF))
    client.force_login(mentor)
    assert client.get(stored.file.url).status_code == 403
    client.force_login(curator)
    assert client.get(reverse("cases:file", args=["2025/01/nothing.pdf"])).status_code == 404
    assert client.get(reverse("cases:file", args=["../consents/x.pdf"])).status_code == 404


def test_materials_are_listed_and_their_file_served(client, curator, director):
    material = Material.objects.create(
        title="Памятка наставнику", file=SimpleUploadedFile("p.pdf", PDF), tags="адаптация"
    )
    client.force_login(director)
    response = client.get(reverse("admin:cases_material_changelist") + "?tag=адаптация")
    assert [str(m) for m in response.context["cl"].result_list] == ["Памятка наставнику"]
    assert client.get(material.file.url).status_code == 200


def test_a_deleted_cases_files_leave_the_disk(
    client, curator, tmp_path, django_capture_on_commit_callbacks
):
    case = case_make()
    stored = CaseFile.objects.create(case=case, file=SimpleUploadedFile("f.pdf", PDF))
    path = tmp_path / "cases" / stored.file.name
    assert path.exists()
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:cases_case_delete", args=[case.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Case.objects.exists() and not CaseFile.objects.exists()
    assert not path.exists()
