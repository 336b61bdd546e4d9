# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""The orders of the college (introducing the target model, appointing the curator, the final
event) as .docx and PDF, from the papers page «Документы программы» and `manage.py
document`; the page itself: who sees it, what it lists, a mistake kept in the form."""

from urllib.parse import urlencode

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from mentorship.documents.models import ReportDownload
from mentorship.documents.papers import papers
from mentorship.lib.docx import CONTENT_TYPE
from mentorship.people.models import College
from tests.lib.pdf_files import pdf_text
from tests.mentorship.pairs.test_orders import college, fixed_today  # noqa: F401 (fixtures)
from tests.mentorship.pairs.test_orders_docx import docx_text

COLLEGE_KINDS = ("order_target_model", "order_curator", "order_final_event")


def download(client, kind, query=""):
    return client.get(f"{reverse('documents:paper', args=[kind])}{query}")


# --- the three orders, .docx and PDF --------------------------------------------------------


def test_the_target_model_order_names_the_college_the_year_and_the_curator(
    college, client_for, curator
):
    client = client_for(curator)
    query = "?format=docx&number=15-о&date=01.09.2025&year=2025"
    response = download(client, "order_target_model", query)

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "«Кузбасский горнотехнический колледж» ПРИКАЗ г. Кемерово" in text
    assert "01.09.2025 № 15-о" in text
    assert "О внедрении целевой модели наставничества обучающихся" in text
    assert "Внедрить в ГПОУ КГТК целевую модель наставничества обучающихся в 2025/2026 " in text
    assert "Утвердить Положение о наставничестве обучающихся." in text
    assert "дорожную карту (план мероприятий)" in text and "на 2025/2026 учебный год" in text
    assert "Утвердить программу наставничества обучающихся на 2025/2026 учебный год." in text
    # The curator's «И.О. Фамилия» in the case each sentence needs.
    assert "Назначить Е.Н. Петрову куратором внедрения целевой модели" in text
    assert "Куратору (Е.Н. Петровой) обеспечить" in text
    assert "Контроль за исполнением настоящего приказа оставляю за собой." in text
    assert "Директор ____________ А.В. Громов" in text

    pdf = pdf_text(download(client, "order_target_model", query.replace("docx", "pdf")).content)
    assert "О внедрении целевой модели наставничества обучающихся" in pdf
    assert "№ 15-о" in pdf and "01.09.2025" in pdf
    assert "Назначить Е.Н. Петрову куратором внедрения целевой модели" in pdf
    assert "в 2025/2026 учебном году" in pdf


def test_the_curator_order_appoints_her_in_the_accusative_with_her_duties(
    college, client_for, curator
):
    client = client_for(curator)
    response = download(client, "order_curator", "?format=docx&year=2025")

    text = docx_text(response.content)
    assert "О назначении куратора внедрения целевой модели наставничества" in text
    assert (
        "1. Назначить Е.Н. Петрову куратором внедрения целевой модели наставничества "
        "обучающихся в ГПОУ КГТК на 2025/2026 учебный год." in text
    )
    assert "2. Возложить на куратора внедрения целевой модели наставничества:" in text
    assert "2.1. формирование базы наставников и базы наставляемых;" in text
    assert "подготовку итогового мероприятия программы наставничества" in text
    assert "3. Контроль за исполнением настоящего приказа оставляю за собой." in text
    # No number or date typed: blanks to fill in by hand.
    assert "«___» ____________ 20___ г. № ________" in text
    assert "С приказом ознакомлены: Е.Н. Петрова ______________" in text

    pdf = pdf_text(download(client, "order_curator", "?year=2025").content)
    assert "Назначить Е.Н. Петрову куратором внедрения целевой модели" in pdf
    assert "2.1. формирование базы наставников и базы наставляемых;" in pdf
    assert "А.В. Громов" in pdf


def test_the_final_event_order_holds_the_date_the_place_and_who_is_invited(
    college, client_for, curator
):
    client = client_for(curator)
    query = "?format=docx&event_date=20.05.2026&place=Актовый зал&number=7"
    response = download(client, "order_final_event", query)

    text = docx_text(response.content)
    assert "О проведении итогового мероприятия программы наставничества" in text
    # The year is the one the event falls in (May 2026: 2025/2026).
    assert (
        "Провести итоговое мероприятие программы наставничества по итогам 2025/2026 учебного "
        "года: дата проведения — 20.05.2026, место проведения — Актовый зал." in text
    )
    assert "представителей организаций-партнёров" in text and "их родных" in text
    assert "куратора программы наставничества Е.Н. Петрову." in text
    assert "подготовить благодарственные письма организациям-партнёрам;" in text

    pdf = pdf_text(download(client, "order_final_event", query.replace("docx", "pdf")).content)
    assert "дата проведения — 20.05.2026, место проведения — Актовый зал" in pdf
    assert "по итогам 2025/2026 учебного года" in pdf
    assert "Е.Н. Петрову" in pdf


def test_without_a_curator_or_a_place_the_order_leaves_blanks(college, client_for, curator):
    College.objects.filter(pk=college.pk).update(curator_name="")
    text = docx_text(download(client_for(curator), "order_final_event", "?format=docx").content)

    # Today is 16.06.2025: the running academic year is 2024/2025.
    assert "по итогам 2024/2025 учебного года" in text
    assert "дата проведения — «___» ____________ 20___ г., место проведения — ______" in text
    assert "куратора программы наставничества ____________________." in text
    assert "С приказом ознакомлены" not in text


def test_a_curator_written_in_full_is_declined_in_full(college, client_for, curator):
    College.objects.filter(pk=college.pk).update(curator_name="Петрова Елена Николаевна")
    text = docx_text(download(client_for(curator), "order_target_model", "?format=docx").content)

    assert "Назначить Петрову Елену Николаевну куратором" in text
    assert "Куратору (Петровой Елене Николаевне) обеспечить" in text


def test_a_college_template_without_the_items_is_refused_by_the_registry():
    for kind in COLLEGE_KINDS:
        paper = papers()[kind]
        assert paper.of_college and "items" in paper.required_fields


# --- the papers page -------------------------------------------------------------------------


def test_the_page_lists_every_paper_with_what_it_needs(
    college, client_for, curator, django_assert_num_queries
):
    client = client_for(curator)
    # The session, the user, the user's roles: no query per paper.
    with django_assert_num_queries(3):
        response = client.get(reverse("documents:papers"))

    assert response.status_code == 200
    page = response.content.decode()
    for paper in papers().values():
        assert paper.title in page
    for kind in COLLEGE_KINDS:
        assert f'action="{reverse("documents:paper", args=[kind])}"' in page
    assert 'name="event_date"' in page and 'name="place"' in page
    # A list's order is made in its list; every paper can go to the register.
    assert reverse("admin:pairs_pair_changelist") in page
    assert reverse("roadmap:detail") in page
    assert ">к списку пар и групп</a>" in page and ">к дорожной карте</a>" in page
    assert "Внести подписанный документ в реестр" in page
    # A signed order goes to the register as «приказ» under its subject, the roadmap as «иное».
    add = reverse("admin:documents_registereddocument_add")
    order = {"kind": "order", "title": "О назначении наставников"}
    assert escape(f"{add}?{urlencode(order)}") in page
    other = {"kind": "other", "title": "Дорожная карта программы наставничества"}
    assert escape(f"{add}?{urlencode(other)}") in page
    assert reverse("documents:papers") in page  # the menu leads here


def test_the_director_reads_the_page_but_the_drafts_are_the_curators(
    college, client_for, director, mentor
):
    client = client_for(director)
    page = client.get(reverse("documents:papers"))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Приказ о проведении итогового мероприятия программы наставничества" in text
    assert "Сформировать" not in text and "Внести подписанный документ" not in text
    assert download(client, "order_curator", "?format=docx").status_code == 403
    assert client_for(mentor).get(reverse("documents:papers")).status_code == 403
    assert not ReportDownload.objects.exists()


def test_a_list_order_or_an_unknown_kind_is_not_made_here(college, client_for, curator):
    client = client_for(curator)
    assert download(client, "order_pairs", "?format=docx").status_code == 404
    assert download(client, "nope").status_code == 404


@pytest.mark.parametrize(
    ("query", "message", "kept"),
    [
        (
            "?number=12&date=31.02.2026&event_date=20.05.2026&place=Спортзал",
            "Дата приказа:",
            ['value="31.02.2026"', 'value="12"', 'value="20.05.2026"', 'value="Спортзал"'],
        ),
        (
            f"?number={'1' * 60}&place=Спортзал&format=pdf",
            "Номер приказа длиннее 50 символов.",
            [f'value="{"1" * 60}"', 'value="Спортзал"', '<option value="pdf" selected>'],
        ),
        (
            "?event_date=20.13.2026&year=2025",
            "Дата мероприятия:",
            ['value="20.13.2026"', '<option value="2025" selected>'],
        ),
    ],
)
def test_a_mistake_shows_the_page_again_with_the_input_kept(
    college, client_for, curator, query, message, kept
):
    response = download(client_for(curator), "order_final_event", query)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Документы программы" in page
    assert 'id="paper-error-order_final_event"' in page and message in page
    for value in kept:
        assert value in page
    assert not ReportDownload.objects.exists()


def test_a_download_is_journalled(college, client_for, curator):
    response = download(
        client_for(curator), "order_final_event", "?format=docx&event_date=20.05.2026"
    )

    assert response.status_code == 200
    entry = ReportDownload.objects.get()
    assert entry.kind == ReportDownload.Kind.ORDER_FINAL_EVENT
    assert entry.user == curator and entry.year == 2025


# --- manage.py document ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "args", "expected"),
    [
        ("order_target_model", ["--year", "2025"], "Назначить Е.Н. Петрову куратором"),
        ("order_curator", [], "на 2024/2025 учебный год"),
        (
            "order_final_event",
            ["--event-date", "20.05.2026", "--place", "Актовый зал"],
            "дата проведения — 20.05.2026, место проведения — Актовый зал",
        ),
    ],
)
def test_document_command_makes_each_order_of_the_college(
    college, tmp_path, capsys, kind, args, expected
):
    docx_file, pdf_file = tmp_path / "o.docx", tmp_path / "o.pdf"
    call_command("document", kind, *args, "--number", "3-к", "--output", str(docx_file))
    # The order has no appendix: its report line counts the order's items.
    assert "(пунктов приказа: " in capsys.readouterr().out
    call_command("document", kind, *args, "--number", "3-к", "--output", str(pdf_file))

    text = docx_text(docx_file.read_bytes())
    assert expected in text and "№ 3-к" in text
    pdf = pdf_text(pdf_file.read_bytes())
    assert expected in pdf and "№ 3-к" in pdf


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["order_curator", "--place", "Зал"], "не принимает --place"),
        (["order_pairs", "--event-date", "20.05.2026"], "не принимает --event-date"),
        (["order_final_event", "--event-date", "32.05.2026"], "Дата мероприятия"),
        (["order_final_event", "--place", "з" * 201], "Место проведения длиннее 200"),
    ],
)
def test_document_command_refuses_what_a_paper_does_not_take(college, tmp_path, args, message):
    out = tmp_path / "o.docx"
    with pytest.raises(CommandError, match=message):
        call_command("document", *args, "--output", str(out))
    assert not out.exists()
