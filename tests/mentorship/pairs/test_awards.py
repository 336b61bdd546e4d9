# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""Thank-you letters to partner organisations and participants' certificates: the .docx read
back with python-docx (names in the case the sentence needs, the year, one a page), the PDF
twins by their text, `manage.py document`, who may make them, the admin actions, and their
cost in queries, on finished_pairs built once for the module (test_orders.finished_world).
The tests that need no pairs but their own are in test_awards_fresh.py."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from docx import Document

from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import PDF, OrderParams
from mentorship.pairs import admin as pairs_admin
from mentorship.pairs import awards
from mentorship.pairs.models import Pair
from mentorship.people import admin as people_admin
from mentorship.people.models import Consent, PartnerOrganisation
from tests.factories import pair_create
from tests.lib.pdf_files import pdf_pages, pdf_text
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    FakeModelAdmin,
    college,
    finished_pair,
    finished_world,
    fixed_today,
    mentee_people,
    rename,
)
from tests.mentorship.pairs.test_orders_docx import docx_text


@pytest.fixture
def finished_pairs(finished_world, db):
    """test_orders.finished_pairs, of this module's world."""
    return finished_world


def page_breaks(content: bytes) -> int:
    """How many page breaks the .docx holds (one between two letters or certificates)."""
    body = Document(io.BytesIO(content)).element.body
    return len(body.xpath('.//w:br[@w:type="page"]'))


def get(client, url_name, query=""):
    return client.get(f"{reverse(url_name)}{query}")


# --- thank-you letters to partner organisations ------------------------------------------


def test_letters_for_nobody_say_why_on_a_page_of_their_own(college, client_for, curator):
    response = get(client_for(curator), "pairs:thanks-partners", "?year=2025")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Письма не сформированы" in page and "Приказ не сформирован" not in page
    assert "чьи сотрудники вели наставнические пары в 2025 году, — таких нет" in page
    assert not ReportDownload.objects.exists()


# --- participants' certificates ----------------------------------------------------------


def test_certificates_docx_give_each_participant_a_page_with_names_in_their_case(
    finished_pairs, client_for, curator
):
    response = get(client_for(curator), "pairs:certificates", "?format=docx&year=2025")

    assert response.status_code == 200
    text = docx_text(response.content)
    # Two pairs finished in 2025: two mentors and two mentees, one a page.
    assert text.count("СЕРТИФИКАТ участника программы наставничества") == 4
    assert page_breaks(response.content) == 3
    # «выдан кому» (dative); a mentor of whom, a mentee under whom (genitive).
    assert (
        "Настоящий сертификат выдан Соколовой Анне Викторовне за участие в программе "
        "наставничества в роли наставника Белова Ильи Андреевича (форма наставничества "
        "«Педагог – студент», 17.03.2025 – 30.05.2025)." in text
    )
    assert (
        "Настоящий сертификат выдан Белову Илье Андреевичу за участие в программе "
        "наставничества в роли наставляемого под руководством наставника Соколовой Анны "
        "Викторовны" in text
    )
    assert (
        "выдан Щукиной Вере Павловне за участие в программе наставничества в роли "
        "наставляемой под руководством наставника Ёлкина Максима Олеговича (форма "
        "наставничества «Студент – студент», 20.03.2025 – 02.06.2025)." in text
    )
    assert "выдан Ёлкину Максиму Олеговичу" in text
    assert "г. Кемерово, 2025 г." in text
    assert "Директор ____________ А.В. Громов" in text
    # Finished in 2024, or still at work: no certificate for 2025.
    assert "Прошлогодн" not in text and "Действующ" not in text

    pdf = get(client_for(curator), "pairs:certificates", "?year=2025").content
    pdf_words = pdf_text(pdf)
    assert pdf_pages(pdf) == 4
    for name in (
        "Соколовой Анне Викторовне",
        "Белову Илье Андреевичу",
        "Щукиной Вере Павловне",
        "Ёлкину Максиму Олеговичу",
    ):
        assert name in pdf_words
    assert "в роли наставника Белова Ильи Андреевича" in pdf_words
    assert "г. Кемерово, 2025 г." in pdf_words


def test_certificates_leave_out_a_mentee_who_withdrew_consent(finished_pairs, client_for, curator):
    winner_pair = finished_pairs[0]
    Consent.objects.filter(person__in=mentee_people(winner_pair)).update(
        withdrawn_on=dt.date(2025, 6, 10)
    )

    text = docx_text(get(client_for(curator), "pairs:certificates", "?format=docx").content)

    assert "Белов" not in text
    assert "Соколовой" not in text  # nobody left she led in the pair
    assert "Щукиной Вере Павловне" in text


def test_certificates_of_a_year_without_finished_pairs_are_not_made(
    finished_pairs, client_for, curator
):
    page = get(client_for(curator), "pairs:certificates", "?year=2023").content.decode()

    assert "Сертификаты не сформированы" in page
    assert "пар, завершивших работу в 2023 году, — таких нет" in page


def test_a_pdf_of_more_pages_than_a_worker_lays_out_is_refused_the_docx_is_not(
    finished_pairs, client_for, curator, monkeypatch, tmp_path
):
    monkeypatch.setattr(awards, "MAX_PDF_PAGES", 3)
    client = client_for(curator)

    response = get(client, "pairs:certificates", "?year=2025")
    assert response.status_code == 400
    assert (
        "В один файл PDF — не больше 3 сертификатов, а выходит 4. Отметьте меньше записей"
        in response.content.decode()
    )
    assert (
        docx_text(get(client, "pairs:certificates", "?format=docx").content).count("СЕРТИФИКАТ")
        == 4
    )
    out = tmp_path / "certificates.pdf"
    with pytest.raises(CommandError, match="не больше 3 сертификатов, а выходит 4"):
        call_command("document", "certificates", "--output", str(out))
    assert not out.exists()
    assert ReportDownload.objects.filter(kind="certificates").count() == 1


# --- who makes them ----------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["pairs:thanks-partners", "pairs:certificates"])
@pytest.mark.parametrize("persona", ["director", "administrator", "mentor", "mentee", "outsider"])
def test_letters_and_certificates_are_the_curators_drafts(
    finished_pairs, client_for, request, url_name, persona
):
    user = request.getfixturevalue(persona)
    for query in ("", "?format=docx"):
        assert get(client_for(user), url_name, query).status_code == 403
    assert not ReportDownload.objects.exists()


@pytest.mark.parametrize("url_name", ["pairs:thanks-partners", "pairs:certificates"])
def test_letters_and_certificates_send_anonymous_users_to_login(db, client, url_name):
    response = get(client, url_name)

    assert response.status_code == 302
    assert "login" in response["Location"]


# --- manage.py document ------------------------------------------------------------------


def test_document_command_makes_the_certificates_in_both_forms(finished_pairs, tmp_path, capsys):
    docx_file, pdf_file = tmp_path / "c.docx", tmp_path / "c.pdf"
    call_command("document", "certificates", "--year", "2025", "--output", str(docx_file))
    call_command("document", "certificates", "--output", str(pdf_file))  # this year: 2025

    assert "(сертификатов: 4)" in capsys.readouterr().out
    assert "выдан Белову Илье Андреевичу" in docx_text(docx_file.read_bytes())
    assert "Щукиной Вере Павловне" in pdf_text(pdf_file.read_bytes())


def test_document_list_names_the_two_papers(db, capsys):
    call_command("document", "--list")
    out = capsys.readouterr().out

    assert "thanks_partners\tБлагодарственные письма организациям-партнёрам" in out
    assert "certificates\tСертификаты участников программы наставничества" in out


# --- admin actions -----------------------------------------------------------------------


def _admin_request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_pair_list_actions_give_certificates_of_the_selected_pairs(finished_pairs, curator):
    winner_pair, plain_pair, _, _ = finished_pairs
    chosen = Pair.objects.filter(pk=plain_pair.pk)

    redirect = pairs_admin.certificates_pdf(
        FakeModelAdmin(), _admin_request(AnonymousUser()), chosen
    )
    assert redirect["Location"] == f"{reverse('pairs:certificates')}?ids={plain_pair.pk}"
    docx = pairs_admin.certificates_docx(FakeModelAdmin(), _admin_request(curator), chosen)
    text = docx_text(docx.content)
    assert "Ёлкину Максиму Олеговичу" in text and "Щукиной Вере Павловне" in text
    assert "Соколов" not in text


def test_the_actions_are_offered_to_those_who_may_change_the_lists():
    for action in (
        people_admin.thanks_partners_pdf,
        people_admin.thanks_partners_docx,
        pairs_admin.certificates_pdf,
        pairs_admin.certificates_docx,
    ):
        assert list(action.allowed_permissions) == ["change"]
    assert people_admin.thanks_partners_pdf in people_admin.PartnerOrganisationAdmin.actions
    assert pairs_admin.certificates_docx in pairs_admin.PairAdmin.actions


# --- cost --------------------------------------------------------------------------------


def _partners(count: int) -> list[PartnerOrganisation]:
    pairs = [pair_create("employer-student", start=dt.date(2025, 4, 1)) for _ in range(count)]
    return [pair.mentor.person.organisation for pair in pairs]


@pytest.mark.parametrize("count", [2, 6])
def test_letters_cost_the_same_queries_for_few_and_many_organisations(
    college, django_assert_num_queries, count
):
    _partners(count)
    params = OrderParams(ids=None, number="", date=None, year=2025, format=PDF)
    organisations = awards.thanks_default(2025)

    # The organisations, their mentors' pairs with the mentees counted, the College card.
    with django_assert_num_queries(3):
        paper = awards.letters_data(organisations, params)
    assert len(paper.rows) == count
    with django_assert_num_queries(0):
        awards.letters_pdf(paper)
