# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""Order drafts as editable .docx: read back with python-docx, their PDF twins by their
text, the template library in the admin, `manage.py document`, the admin actions; on two
pairs at work built once for the module. The orders of finished pairs (whose people are named
as two_pairs names its own) and of no pairs at all are in test_orders_docx_fresh.py."""

import datetime as dt
import io
import time
from pathlib import Path

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from docx import Document

from mentorship.documents import orders
from mentorship.documents.models import DocumentTemplate, ReportDownload
from mentorship.documents.papers import get_paper, papers
from mentorship.documents.templates_docx import fill
from mentorship.lib.docx import CONTENT_TYPE
from mentorship.pairs import admin as pairs_admin
from mentorship.pairs import documents
from mentorship.pairs.models import Pair
from mentorship.people.admin import order_mentors_docx
from mentorship.people.models import MentorProfile
from tests.lib.pdf_files import pdf_text
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    FakeModelAdmin,
    college,
    fixed_today,
    two_pairs_world,
)

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "docx" / "order_pairs.docx"


@pytest.fixture
def two_pairs(two_pairs_world, db):
    """test_orders.two_pairs, of this module's world (test_orders.two_pairs_world): built
    once for the module."""
    return two_pairs_world


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a .docx, one line, as Word shows it."""
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def table_rows(content: bytes) -> list[list[str]]:
    """The appendix's table (the last one), row by row."""
    table = Document(io.BytesIO(content)).tables[-1]
    return [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]


def get(client, url_name, query):
    return client.get(f"{reverse(url_name)}{query}")


# --- the three orders as .docx, and their PDF twins ------------------------------------------


def test_order_pairs_docx_names_the_people_in_the_case_the_sentence_needs(
    two_pairs, client_for, curator
):
    group, pair = two_pairs
    response = get(
        client_for(curator), "pairs:order-pairs", "?format=docx&number=45-о&date=01.09.2025"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Кузбасский горнотехнический колледж» ПРИКАЗ" in text
    assert "01.09.2025 № 45-о" in text and "г. Кемерово" in text
    assert "О закреплении наставнических пар (групп)" in text
    assert "ПРИКАЗЫВАЮ:" in text
    # Accusative for the mentor, genitive for the mentees, as the sentence needs.
    assert (
        "назначить Соколову Анну Викторовну наставником Белова Ильи Андреевича (группа "
        "ГЭ-24-1), Юсуповой Дины Ринатовны (группа ГЭ-24-1) (форма наставничества «Педагог – "
        "студент», срок 17.03.2025 – 12.12.2025)." in text
    )
    assert "назначить Ёлкина Максима Олеговича наставником Щукиной Веры Павловны" in text
    assert "на куратора программы наставничества Е.Н. Петрову." in text
    assert "Директор ____________ А.В. Громов" in text
    assert "Приложение к приказу от 01.09.2025 № 45-о" in text
    rows = table_rows(response.content)
    assert rows[0][:3] == ["№ п/п", "Наставник", "Наставляемый (наставляемые)"]
    assert rows[1][0] == "1" and rows[1][1].startswith("Ёлкин Максим Олегович")
    assert rows[2][1].startswith("Соколова Анна Викторовна")
    assert rows[2][2] == (
        "Белов Илья Андреевич (группа ГЭ-24-1) Юсупова Дина Ринатовна (группа ГЭ-24-1)"
    )
    assert rows[2][5] == "17.03.2025 – 12.12.2025"
    assert len(rows) == 3  # the header and the two pairs: the loop's rows are gone

    pdf = pdf_text(get(client_for(curator), "pairs:order-pairs", "?number=45-о").content)
    for name in ("Соколова Анна Викторовна", "Белов Илья Андреевич", "Щукина Вера Павловна"):
        assert name in pdf and name in text
    assert "№ 45-о" in pdf
    # Both downloads are in the journal.
    assert ReportDownload.objects.filter(kind="order_pairs").count() == 2


def test_order_docx_leaves_blanks_for_the_number_and_date_to_come(two_pairs, client_for, curator):
    text = docx_text(get(client_for(curator), "pairs:order-pairs", "?format=docx").content)

    assert "«___» ____________ 20___ г. № ________" in text


def test_order_mentors_docx_and_its_pdf_twin(two_pairs, client_for, curator):
    group, pair = two_pairs
    docx = get(client_for(curator), "pairs:order-mentors", "?format=docx&number=7").content
    text = docx_text(docx)

    assert "О назначении наставников" in text
    assert "назначить Соколову Анну Викторовну наставником (Педагог – студент" in text
    assert "назначить Ёлкина Максима Олеговича наставником" in text
    names = [row[1] for row in table_rows(docx)[1:]]
    assert names == ["Ёлкин Максим Олегович", "Соколова Анна Викторовна"]
    pdf = pdf_text(get(client_for(curator), "pairs:order-mentors", "?number=7").content)
    assert "Ёлкин Максим Олегович" in pdf and "Соколова Анна Викторовна" in pdf


def test_docx_has_no_400_cap_while_the_pdf_keeps_it(two_pairs, client_for, curator, monkeypatch):
    monkeypatch.setattr(orders, "MAX_IDS", 1)
    client = client_for(curator)
    group, pair = two_pairs

    assert get(client, "pairs:order-pairs", "").status_code == 400
    assert get(client, "pairs:order-pairs", f"?ids={group.pk},{pair.pk}").status_code == 400
    for query in ("?format=docx", f"?format=docx&ids={group.pk},{pair.pk}"):
        response = get(client, "pairs:order-pairs", query)
        assert response.status_code == 200
        assert len(table_rows(response.content)) == 3


def test_a_wrong_format_is_refused_in_russian(two_pairs, client_for, curator):
    response = get(client_for(curator), "pairs:order-pairs", "?format=odt")

    assert response.status_code == 400
    assert "Формат приказа — pdf или docx." in response.content.decode()


@pytest.mark.parametrize("persona", ["director", "mentor", "administrator"])
def test_docx_drafts_are_the_curators_alone(two_pairs, client_for, request, persona):
    response = get(
        client_for(request.getfixturevalue(persona)), "pairs:order-pairs", "?format=docx"
    )

    assert response.status_code == 403


def test_a_600_pair_order_fills_its_docx_in_under_2_seconds(college):
    header = documents.order_header(number="1", date=dt.date(2025, 9, 1))
    rows = tuple(
        documents.PairRow(
            mentor="Иванов Иван Иванович",
            mentor_position="преподаватель",
            mentees=(f"Петрова Анна Сергеевна (группа ИС-{n})",),
            form="Педагог – студент",
            role_model="",
            start_date=dt.date(2025, 9, 1),
            end_date=dt.date(2026, 6, 1),
        )
        for n in range(600)
    )
    data = documents.OrderData(
        kind=documents.OrderKind.PAIRS, header=header, rows=rows, selected=600
    )
    started = time.process_time()  # this process's CPU: a busy machine's others do not count
    content = fill(get_paper("order_pairs"), documents.order_docx_context(data))
    elapsed = time.process_time() - started

    assert elapsed < 2, elapsed
    assert len(table_rows(content)) == 601
    text = docx_text(content)
    assert text.count("назначить Иванова Ивана Ивановича наставником Петровой Анны") == 600
    assert "(группа ИС-599)" in text


# --- admin actions ---------------------------------------------------------------------------


def _action_request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_pair_admin_docx_action_serves_every_selected_pair_past_the_pdf_cap(
    two_pairs, curator, monkeypatch
):
    monkeypatch.setattr(orders, "MAX_IDS", 1)
    response = pairs_admin.order_pairs_docx(
        FakeModelAdmin(), _action_request(curator), Pair.objects.all()
    )

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert len(table_rows(response.content)) == 3
    assert ReportDownload.objects.get().kind == "order_pairs"


def test_mentor_admin_docx_action_lists_the_selected_mentors(two_pairs, curator):
    group, _ = two_pairs
    response = order_mentors_docx(
        FakeModelAdmin(), _action_request(curator), MentorProfile.objects.filter(pk=group.mentor_id)
    )

    assert [row[1] for row in table_rows(response.content)[1:]] == ["Соколова Анна Викторовна"]


def test_admin_docx_action_tells_why_nothing_was_made(two_pairs, curator):
    modeladmin = FakeModelAdmin()
    response = pairs_admin.order_pairs_docx(
        modeladmin, _action_request(curator), Pair.objects.none()
    )

    assert response is None
    assert modeladmin.messages[0].startswith("Не выбрано ни одной пары")


def test_docx_actions_are_offered_to_those_who_may_change_the_list():
    for action in (
        pairs_admin.order_pairs_docx,
        pairs_admin.order_rewards_docx,
        order_mentors_docx,
    ):
        assert list(action.allowed_permissions) == ["change"]
        assert action.short_description.endswith("(Word, .docx)")


# --- the template library --------------------------------------------------------------------


def _template_with(text_fields: list[str]) -> bytes:
    document = Document()
    for field in text_fields:
        document.add_paragraph(field)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


LETTERHEAD = [
    "БЛАНК КОЛЛЕДЖА",
    "Приказ № {{ number }} от {{ date }}",
    "{%p for row in rows %}",
    "{{ row.mentor }}",
    "{%p endfor %}",
]


def _upload(client, kind, content, name="бланк.docx"):
    return client.post(
        reverse("admin:documents_documenttemplate_add"),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_a_college_template_replaces_the_default_and_deleting_it_returns_it(
    two_pairs, client_for, curator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(curator)

    response = _upload(client, "order_pairs", _template_with(LETTERHEAD))
    assert response.status_code == 302
    own = DocumentTemplate.objects.get()
    assert own.uploaded_by == curator
    assert Path(own.file.path).is_relative_to(tmp_path / "document_templates")

    text = docx_text(get(client, "pairs:order-pairs", "?format=docx&number=9").content)
    assert text.startswith("БЛАНК КОЛЛЕДЖА Приказ № 9 от «___»")
    assert "Соколова Анна Викторовна" in text and "ПРИКАЗЫВАЮ" not in text

    response = client.post(
        reverse("admin:documents_documenttemplate_delete", args=[own.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    text = docx_text(get(client, "pairs:order-pairs", "?format=docx").content)
    assert "ПРИКАЗЫВАЮ:" in text and "БЛАНК КОЛЛЕДЖА" not in text


def test_a_template_missing_a_placeholder_is_refused_naming_it(
    two_pairs, client_for, administrator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    without_number = [line for line in LETTERHEAD if "number" not in line]
    response = _upload(client_for(administrator), "order_pairs", _template_with(without_number))

    assert response.status_code == 200
    assert "В шаблоне нет поля {{ number }}: без него документ не заполнить." in (
        response.content.decode()
    )
    assert not DocumentTemplate.objects.exists()
    assert not (tmp_path / "document_templates").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("бланк.docx", b"just text", "Этот файл не является документом Word."),
        ("бланк.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "старый формат .doc"),
        ("бланк.docx", b"", "Отправленный файл пуст."),
    ],
)
def test_an_upload_that_is_no_docx_is_refused_in_russian(
    db, client_for, curator, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    response = _upload(client_for(curator), "order_mentors", content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_an_xlsx_upload_is_refused_as_no_word_document(db, client_for, curator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    xlsx = Path(__file__).resolve().parents[3] / "fixtures" / "seeds" / "000-kpi.xlsx"
    response = _upload(client_for(curator), "order_mentors", xlsx.read_bytes(), "kpi.docx")

    assert "Этот файл — книга Excel." in response.content.decode()


def test_a_second_template_of_one_kind_is_refused(db, client_for, curator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(curator)
    assert _upload(client, "order_pairs", DEFAULT_TEMPLATE.read_bytes()).status_code == 302

    response = _upload(client, "order_pairs", DEFAULT_TEMPLATE.read_bytes())

    assert "Шаблон этого документа уже загружен" in response.content.decode()
    assert DocumentTemplate.objects.count() == 1


def test_the_director_reads_the_library_but_uploads_nothing(
    db, client_for, director, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    DocumentTemplate.objects.create(
        kind="order_pairs", file=ContentFile(DEFAULT_TEMPLATE.read_bytes(), name="t.docx")
    )
    client = client_for(director)

    page = client.get(reverse("admin:documents_documenttemplate_changelist"))
    assert page.status_code == 200
    assert "Приказ о закреплении наставнических пар (групп)" in page.content.decode()
    assert _upload(client, "order_mentors", DEFAULT_TEMPLATE.read_bytes()).status_code == 403
    assert DocumentTemplate.objects.count() == 1


def test_every_default_template_holds_its_required_fields():
    from mentorship.lib.docx import template_fields

    for paper in papers().values():
        fields = template_fields(paper.default_template.read_bytes())
        assert set(paper.required_fields) <= fields, paper.kind


# --- manage.py document ----------------------------------------------------------------------


def test_document_list_names_the_kinds_in_russian(db, capsys):
    call_command("document", "--list")
    out = capsys.readouterr().out

    assert "order_pairs\tПриказ о закреплении наставнических пар (групп)" in out
    assert "order_mentors\tПриказ о назначении наставников" in out
    assert "order_rewards\tПриказ о поощрении участников наставнической деятельности" in out


def test_document_command_takes_the_screens_default_selection(two_pairs, tmp_path, monkeypatch):
    """Over the PDF's cap: refused as on the screen, nothing written; the .docx is made."""
    monkeypatch.setattr(orders, "MAX_IDS", 1)
    pdf_file, docx_file = tmp_path / "o.pdf", tmp_path / "o.docx"

    with pytest.raises(CommandError, match="Без выбора в приказ попадает записей: 2"):
        call_command("document", "order_pairs", "--output", str(pdf_file))
    assert not pdf_file.exists()
    call_command("document", "order_pairs", "--output", str(docx_file))
    assert len(table_rows(docx_file.read_bytes())) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["order_pairs", "--output", "x.odt"], "Файл документа — .docx или .pdf"),
        (["order_pairs"], "Укажите файл: --output ИМЯ.docx"),
        (["nope", "--output", "x.docx"], "Нет такого документа: «nope»"),
        ([], "Укажите документ"),
        (["order_pairs", "--output", "x.docx", "--date", "31.02.2025"], "Дата приказа"),
    ],
)
def test_document_command_explains_a_mistake_in_russian(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("document", *args)


def test_the_curator_replaces_the_file_of_a_template_on_its_page(
    two_pairs, client_for, curator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    own = DocumentTemplate.objects.create(
        kind="order_pairs", file=ContentFile(DEFAULT_TEMPLATE.read_bytes(), name="t.docx")
    )
    client = client_for(curator)
    url = reverse("admin:documents_documenttemplate_change", args=[own.pk])

    page = client.get(url).content.decode()
    assert "Приказ о закреплении наставнических пар (групп)" in page
    refused = client.post(url, {"file": SimpleUploadedFile("x.docx", _template_with(["{{ x }}"]))})
    assert "В шаблоне нет поля {{ number }}" in refused.content.decode()
    replaced = client.post(url, {"file": SimpleUploadedFile("x.docx", _template_with(LETTERHEAD))})
    assert replaced.status_code == 302

    text = docx_text(get(client, "pairs:order-pairs", "?format=docx").content)
    assert text.startswith("БЛАНК КОЛЛЕДЖА")


def test_the_template_in_use_is_downloaded_to_start_a_letterhead_from(
    db, client_for, director, curator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("admin:documents_documenttemplate_download", args=["order_pairs"])

    default = client_for(director).get(url)
    assert default.status_code == 200
    assert default["Content-Type"] == CONTENT_TYPE
    assert default.content == DEFAULT_TEMPLATE.read_bytes()
    client = client_for(curator)
    form = client.get(reverse("admin:documents_documenttemplate_add")).content.decode()
    assert url in form  # the upload form links every template in use
    assert _upload(client, "order_pairs", _template_with(LETTERHEAD)).status_code == 302
    assert docx_text(client.get(url).content).startswith("БЛАНК КОЛЛЕДЖА")
    missing = reverse("admin:documents_documenttemplate_download", args=["nope"])
    assert client.get(missing).status_code == 404
