"""The printable roadmap: the .docx read back with python-docx, its PDF twin by its text,
`manage.py document roadmap`, who may download it, the link on the roadmap page and the
college's replacement template.

Today is frozen at 10.03.2026 inside a roadmap of June 2025 – June 2027."""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from accounts.roles import Role
from mentorship.documents.models import DocumentTemplate, ReportDownload
from mentorship.documents.papers import get_paper
from mentorship.people.models import College
from roadmap.models import Roadmap
from tests.factories import UserFactory
from tests.lib.pdf_files import pdf_text

from .roadmap_data import activity_make, roadmap_make

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def roadmap():
    college = College.get()
    college.full_name = "ГБПОУ «Кировский технологический колледж»"
    college.director_name = "А.В. Иванов"
    college.save()
    roadmap = roadmap_make()
    activity_make(
        roadmap,
        "сентябрь – октябрь 2025",
        title="Формирование базы наставников",
        responsible="Куратор, администрация",
        expected_result="База наставников",
        status="in_progress",
    )
    activity_make(
        roadmap,
        "до 15.12.2025",
        section=roadmap.sections.get(order=8),
        title="Публикация новостей о программе на сайте",
        responsible="Пресс-служба",
        expected_result="Новости на сайте",
        status="done",
        completed_on=dt.date(2025, 12, 1),
    )
    return roadmap


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def table_rows(content: bytes) -> list[list[str]]:
    table = Document(io.BytesIO(content)).tables[-1]
    return [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]


def print_url(roadmap=None, fmt="") -> str:
    query = []
    if roadmap is not None:
        query.append(f"ids={roadmap.pk}")
    if fmt:
        query.append(f"format={fmt}")
    return reverse("roadmap:print") + ("?" + "&".join(query) if query else "")


def test_docx_holds_the_approval_the_period_and_every_activity(client, curator, roadmap):
    client.force_login(curator)
    response = client.get(print_url(roadmap, "docx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "УТВЕРЖДАЮ Директор ГБПОУ «Кировский технологический колледж»" in text
    assert "А.В. Иванов" in text
    assert "Дорожная карта 2025–2027" in text
    assert "Период: 01.06.2025 – 30.06.2027" in text
    rows = table_rows(response.content)
    assert rows[0] == [
        "№ п/п",
        "Этап",
        "Мероприятие",
        "Срок",
        "Ответственные",
        "Результат",
        "Статус",
    ]
    assert len(rows) == 3
    first, second = rows[1], rows[2]
    assert first[0] == "1"
    assert first[1] == "1. Подготовка условий для запуска программы наставничества"
    assert first[2] == "Формирование базы наставников"
    assert "2025" in first[3]
    assert first[4] == "Куратор, администрация"
    assert first[5] == "База наставников"
    assert first[6] == "выполняется"
    assert second[1] == "Информационное сопровождение"
    assert second[2] == "Публикация новостей о программе на сайте"
    assert "15.12.2025" in second[3]
    assert second[6] == "выполнено"
    entry = ReportDownload.objects.get()
    assert (entry.kind, entry.rows, entry.username) == ("roadmap", 2, "curator")


def test_pdf_twin_has_the_same_text(client, director, roadmap):
    client.force_login(director)
    response = client.get(print_url(roadmap))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "УТВЕРЖДАЮ" in text
    assert "А.В. Иванов" in text
    assert "Дорожная карта 2025–2027" in text
    assert "Период: 01.06.2025 – 30.06.2027" in text
    assert "Формирование базы наставников" in text
    assert "Публикация новостей о программе на сайте" in text
    assert "Пресс-служба" in text


def test_the_roadmap_own_approver_and_date_win(client, curator, roadmap):
    Roadmap.objects.filter(pk=roadmap.pk).update(
        approved_by="Б.Г. Петрова", approved_on=dt.date(2025, 5, 20)
    )
    client.force_login(curator)
    text = docx_text(client.get(print_url(roadmap, "docx")).content)
    assert "Б.Г. Петрова" in text and "20.05.2025" in text
    assert "А.В. Иванов" not in text


def test_without_ids_the_current_roadmap_is_printed(client, curator, roadmap):
    roadmap_make(dt.date(2022, 9, 1), dt.date(2023, 6, 30), title="Старая дорожная карта")
    client.force_login(curator)
    text = docx_text(client.get(print_url(fmt="docx")).content)
    assert "Дорожная карта 2025–2027" in text
    assert "Старая дорожная карта" not in text


@pytest.mark.parametrize("role", ["mentor", "mentee", "administrator"])
def test_only_the_curator_and_the_director_download(client, roadmap, role):
    user = UserFactory(username=role, role=getattr(Role, role.upper()))
    client.force_login(user)
    assert client.get(print_url(roadmap, "docx")).status_code == 403
    assert not ReportDownload.objects.exists()


def test_post_is_refused(client, curator, roadmap):
    client.force_login(curator)
    assert client.post(print_url(roadmap)).status_code == 405


def test_a_roadmap_without_activities_says_so(client, curator):
    empty = roadmap_make()
    client.force_login(curator)
    response = client.get(print_url(empty, "docx"))
    assert response.status_code == 200
    assert "Печатать нечего" in response.content.decode()
    assert not ReportDownload.objects.exists()


def test_an_unknown_roadmap_is_404(client, curator, roadmap):
    client.force_login(curator)
    assert client.get(reverse("roadmap:print") + "?ids=999999").status_code == 404


def test_the_roadmap_page_links_to_both_printables(client, director, roadmap):
    client.force_login(director)
    html = client.get(reverse("roadmap:detail", args=[roadmap.pk])).content.decode()
    assert f'href="{reverse("roadmap:print")}?ids={roadmap.pk}"' in html
    assert f'href="{reverse("roadmap:print")}?ids={roadmap.pk}&amp;format=docx"' in html


def test_command_writes_docx_and_pdf(roadmap, tmp_path, capsys):
    docx_file, pdf_file = tmp_path / "karta.docx", tmp_path / "karta.pdf"
    call_command("document", "roadmap", "--output", str(docx_file))
    call_command("document", "roadmap", "--output", str(pdf_file))
    assert "Формирование базы наставников" in docx_text(docx_file.read_bytes())
    assert "Публикация новостей о программе на сайте" in pdf_text(pdf_file.read_bytes())
    out = capsys.readouterr().out
    assert "Дорожная карта программы наставничества" in out
    assert "мероприятий: 2" in out


def test_command_without_a_roadmap_writes_nothing(tmp_path):
    target = tmp_path / "karta.docx"
    with pytest.raises(CommandError, match="Печатать нечего"):
        call_command("document", "roadmap", "--output", str(target))
    assert not target.exists()


def test_command_lists_the_roadmap(capsys):
    call_command("document", "--list")
    assert "roadmap\tДорожная карта программы наставничества" in capsys.readouterr().out


def test_the_colleges_own_template_is_used(client, curator, roadmap, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    paper = get_paper("roadmap")
    source = Document(str(paper.default_template))
    source.paragraphs[0].text = "ЛИСТ УТВЕРЖДЕНИЯ КОЛЛЕДЖА"
    buffer = io.BytesIO()
    source.save(buffer)
    DocumentTemplate.objects.create(
        kind="roadmap", file=ContentFile(buffer.getvalue(), name="karta.docx")
    )
    client.force_login(curator)
    text = docx_text(client.get(print_url(roadmap, "docx")).content)
    assert "ЛИСТ УТВЕРЖДЕНИЯ КОЛЛЕДЖА" in text
    assert "Формирование базы наставников" in text
