# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""Thank-you letters to partner organisations and participants' certificates: the .docx read
back with python-docx (names in the case the sentence needs, the year, one a page), the PDF
twins by their text, `manage.py document`, who may make them, the admin actions, and their
cost in queries."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from docx import Document

from mentorship.documents import orders
from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import DOCX, PDF, OrderParams
from mentorship.lib.docx import CONTENT_TYPE
from mentorship.pairs import admin as pairs_admin
from mentorship.pairs import awards
from mentorship.pairs.models import Pair
from mentorship.people import admin as people_admin
from mentorship.people.models import Consent, PartnerOrganisation
from tests.factories import PartnerOrganisationFactory, pair_create
from tests.lib.pdf_files import pdf_pages, pdf_text
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    FakeModelAdmin,
    college,
    finished_pair,
    finished_pairs,
    fixed_today,
    mentee_people,
    rename,
)
from tests.mentorship.pairs.test_orders_docx import docx_text


def page_breaks(content: bytes) -> int:
    """How many page breaks the .docx holds (one between two letters or certificates)."""
    body = Document(io.BytesIO(content)).element.body
    return len(body.xpath('.//w:br[@w:type="page"]'))


def get(client, url_name, query=""):
    return client.get(f"{reverse(url_name)}{query}")


# --- thank-you letters to partner organisations ------------------------------------------


@pytest.fixture
def partners(college):
    """Two organisations whose employees led pairs in 2025 — «Шахта Северная» two mentors,
    one of them with two pairs —, one whose only pair finished in 2024, one with none."""
    first = pair_create("employer-student", start=dt.date(2025, 3, 20))
    north = first.mentor.person.organisation
    north.name = "АО «Шахта Северная»"
    north.save()
    rename(first.mentor.person, "Горбунов", "Сергей", "Петрович")
    second = pair_create("employer-student", mentees=2, start=dt.date(2025, 4, 1))
    second.mentor.person.organisation = north
    rename(second.mentor.person, "Лаптева", "Ольга", "Игоревна")
    third = pair_create("employer-student", start=dt.date(2025, 4, 2))
    third.mentor.person.organisation = north
    third.mentor.person.save()
    third.mentor = second.mentor  # Лаптева leads a second pair
    third.save()
    other = pair_create("employer-student", start=dt.date(2025, 3, 25))
    south = other.mentor.person.organisation
    south.name = "ООО «Кузбассэнерго-Сервис»"
    south.save()
    rename(other.mentor.person, "Ёлкин", "Максим", "Олегович")
    old = finished_pair("teacher-teacher", start=dt.date(2024, 1, 15), end=dt.date(2024, 12, 20))
    last_year = PartnerOrganisationFactory(name="АО «Прошлогодний завод»")
    old.mentor.person.organisation = last_year
    rename(old.mentor.person, "Прошлогодний", "Иван", "Иванович")
    idle = PartnerOrganisationFactory(name="ПАО «Без наставников»")
    return north, south, last_year, idle


def test_letters_docx_thank_each_organisation_on_its_page_naming_its_mentors(
    partners, client_for, curator
):
    response = get(
        client_for(curator), "pairs:thanks-partners", "?format=docx&year=2025&date=20.12.2025"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert text.count("БЛАГОДАРСТВЕННОЕ ПИСЬМО") == 2
    assert page_breaks(response.content) == 1  # between the two letters, none after the last
    assert "Кузбасский горнотехнический колледж» БЛАГОДАРСТВЕННОЕ ПИСЬМО" in text
    assert (
        "Администрация ГПОУ КГТК выражает искреннюю благодарность организации АО «Шахта "
        "Северная» за сотрудничество и участие в реализации программы наставничества в 2025 "
        "году." in text
    )
    # Three pairs and groups of two mentors; four mentees (a group of two and two pairs).
    assert "наставников — 2, наставнических пар и групп — 3, наставляемых — 4." in text
    # «выражаем благодарность кому»: the mentors in the dative.
    assert "Горбунову Сергею Петровичу (пар и групп — 1, наставляемых — 1)" in text
    assert "Лаптевой Ольге Игоревне (пар и групп — 2, наставляемых — 3)" in text
    assert "ООО «Кузбассэнерго-Сервис»" in text and "Ёлкину Максиму Олеговичу" in text
    assert "Директор ____________ А.В. Громов" in text
    assert "г. Кемерово, 20.12.2025" in text
    # Not at work in 2025: no letter.
    assert "Прошлогодний" not in text and "Без наставников" not in text

    pdf = get(client_for(curator), "pairs:thanks-partners", "?year=2025").content
    pdf_words = pdf_text(pdf)
    assert pdf_pages(pdf) == 2
    for words in (
        "Благодарственное письмо АО «Шахта Северная»",
        "Лаптевой Ольге Игоревне (пар и групп — 2, наставляемых — 3)",
        "ООО «Кузбассэнерго-Сервис»",
        "в 2025 году",
    ):
        assert words in pdf_words
    assert "Прошлогодний" not in pdf_words
    assert ReportDownload.objects.filter(kind="thanks_partners", year=2025).count() == 2


def test_letters_of_another_year_go_to_that_years_partners(partners, client_for, curator):
    text = docx_text(
        get(client_for(curator), "pairs:thanks-partners", "?format=docx&year=2024").content
    )

    assert "АО «Прошлогодний завод»" in text and "в 2024 году" in text
    assert "Прошлогоднему Ивану Ивановичу" in text
    assert "Шахта Северная" not in text


def test_a_partner_chosen_by_hand_without_pairs_is_thanked_for_the_cooperation(
    partners, client_for, curator
):
    idle = partners[3]
    text = docx_text(
        get(client_for(curator), "pairs:thanks-partners", f"?format=docx&ids={idle.pk}").content
    )

    assert "организации ПАО «Без наставников» за сотрудничество" in text
    assert "наставников —" not in text and "Особую благодарность" not in text
    assert "«___» ____________ 20___ г." in text  # no date asked: a blank to fill in


def test_letters_for_nobody_say_why_on_a_page_of_their_own(college, client_for, curator):
    response = get(client_for(curator), "pairs:thanks-partners", "?year=2025")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Письма не сформированы" in page and "Приказ не сформирован" not in page
    assert "чьи сотрудники вели наставнические пары в 2025 году, — таких нет" in page
    assert not ReportDownload.objects.exists()


def test_letters_leave_out_a_mentor_who_withdrew_consent(partners, client_for, curator):
    north = partners[0]
    withdrawn = north.people.get(last_name="Горбунов")
    Consent.objects.filter(person=withdrawn).update(withdrawn_on=dt.date(2025, 6, 1))

    text = docx_text(get(client_for(curator), "pairs:thanks-partners", "?format=docx").content)

    assert "Горбунов" not in text
    assert "наставников — 1, наставнических пар и групп — 2, наставляемых — 3." in text


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


def test_a_mentor_of_two_pairs_gets_one_certificate_naming_both(college, client_for, curator):
    first = finished_pair(start=dt.date(2025, 3, 17), end=dt.date(2025, 5, 30))
    rename(first.mentor.person, "Соколова", "Анна", "Викторовна")
    rename(mentee_people(first)[0], "Белов", "Илья", "Андреевич")
    second = finished_pair(start=dt.date(2025, 3, 18), end=dt.date(2025, 6, 2))
    second.mentor = first.mentor
    second.save()
    rename(mentee_people(second)[0], "Юсупова", "Дина", "Ринатовна")

    text = docx_text(
        get(client_for(curator), "pairs:certificates", "?format=docx&date=25.12.2025").content
    )

    assert text.count("выдан Соколовой Анне Викторовне") == 1
    assert (
        "в роли наставника Белова Ильи Андреевича (форма наставничества «Педагог – студент», "
        "17.03.2025 – 30.05.2025); в роли наставника Юсуповой Дины Ринатовны" in text
    )
    assert "г. Кемерово, 25.12.2025" in text  # the date asked, in place of the year


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


def test_document_command_makes_the_letters_of_a_year_in_both_forms(partners, tmp_path, capsys):
    docx_file, pdf_file = tmp_path / "letters.docx", tmp_path / "letters.pdf"
    call_command("document", "thanks_partners", "--year", "2025", "--output", str(docx_file))
    call_command("document", "thanks_partners", "--year", "2025", "--output", str(pdf_file))

    out = capsys.readouterr().out
    assert "Благодарственные письма организациям-партнёрам" in out and "(писем: 2)" in out
    text = docx_text(docx_file.read_bytes())
    assert "Лаптевой Ольге Игоревне" in text and "в 2025 году" in text
    assert "Горбунову Сергею Петровичу" in pdf_text(pdf_file.read_bytes())


def test_document_command_makes_the_certificates_in_both_forms(finished_pairs, tmp_path, capsys):
    docx_file, pdf_file = tmp_path / "c.docx", tmp_path / "c.pdf"
    call_command("document", "certificates", "--year", "2025", "--output", str(docx_file))
    call_command("document", "certificates", "--output", str(pdf_file))  # this year: 2025

    assert "(сертификатов: 4)" in capsys.readouterr().out
    assert "выдан Белову Илье Андреевичу" in docx_text(docx_file.read_bytes())
    assert "Щукиной Вере Павловне" in pdf_text(pdf_file.read_bytes())


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("thanks_partners", "Без выбора письма получают организации"),
        ("certificates", "пар, завершивших работу в 2024 году, — таких нет"),
    ],
)
def test_document_command_says_when_there_is_nobody_to_thank(college, tmp_path, kind, message):
    out = tmp_path / "x.docx"
    with pytest.raises(CommandError, match=message):
        call_command("document", kind, "--year", "2024", "--output", str(out))
    assert not out.exists()


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


def test_organisation_list_action_opens_the_letters_of_the_selected(partners):
    north, south, _, _ = partners
    response = people_admin.thanks_partners_pdf(
        FakeModelAdmin(),
        _admin_request(AnonymousUser()),
        PartnerOrganisation.objects.filter(pk__in=[north.pk, south.pk]),
    )

    low, high = sorted([north.pk, south.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('pairs:thanks-partners')}?ids={low},{high}"


def test_organisation_list_docx_action_serves_the_letters_past_the_pdf_cap(
    partners, curator, monkeypatch
):
    monkeypatch.setattr(orders, "MAX_IDS", 1)
    north, south, _, _ = partners
    response = people_admin.thanks_partners_docx(
        FakeModelAdmin(),
        _admin_request(curator),
        PartnerOrganisation.objects.filter(pk__in=[north.pk, south.pk]),
    )

    assert response["Content-Type"] == CONTENT_TYPE
    text = docx_text(response.content)
    assert "АО «Шахта Северная»" in text and "ООО «Кузбассэнерго-Сервис»" in text
    assert ReportDownload.objects.filter(kind="thanks_partners").count() == 1


def test_organisation_list_action_refuses_a_selection_too_long_for_one_file(partners, monkeypatch):
    monkeypatch.setattr(orders, "MAX_IDS", 1)
    modeladmin = FakeModelAdmin()
    response = people_admin.thanks_partners_pdf(
        modeladmin, _admin_request(AnonymousUser()), PartnerOrganisation.objects.all()
    )

    assert response is None
    assert modeladmin.messages == [
        "В один файл писем — не больше 1 организаций. Сузьте выбор фильтром и сформируйте "
        "письма частями (или возьмите их в формате .docx)."
    ]


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


@pytest.mark.parametrize("count", [2, 6])
def test_certificates_cost_the_same_queries_for_few_and_many_pairs(
    college, django_assert_num_queries, count
):
    for _ in range(count):
        finished_pair(mentees=2, start=dt.date(2025, 3, 17), end=dt.date(2025, 5, 30))
    params = OrderParams(ids=None, number="", date=None, year=2025, format=DOCX)

    # The College card, the pairs with their people, their mentees.
    with django_assert_num_queries(3):
        paper = awards.certificates_data(awards.certificates_default(2025), params)
    assert len(paper.rows) == 3 * count
    with django_assert_num_queries(0):
        awards.certificates_docx_context(paper)
