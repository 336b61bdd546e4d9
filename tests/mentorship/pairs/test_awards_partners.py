# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""Thank-you letters to partner organisations on a year of partners built once for the
module: the .docx read back with python-docx, the PDF twin by its text, `manage.py
document`, and the organisation list's admin actions. The letters for nobody and the
certificates are in test_awards.py."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from mentorship.documents import orders
from mentorship.documents.models import ReportDownload
from mentorship.lib.docx import CONTENT_TYPE
from mentorship.people import admin as people_admin
from mentorship.people.models import Consent, PartnerOrganisation
from tests.factories import PartnerOrganisationFactory, pair_create
from tests.lib.pdf_files import pdf_pages, pdf_text
from tests.mentorship.pairs.test_awards import _admin_request, get, page_breaks
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    TODAY,
    FakeModelAdmin,
    college_make,
    finished_pair,
    fixed_today,
    rename,
)
from tests.mentorship.pairs.test_orders_docx import docx_text
from tests.worlds import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_partners(django_db_setup, django_db_blocker):
    """The college and partners_make, built once for the module on the tests' day inside a
    transaction rolled back at its end; each test's own transaction is a savepoint within
    it, so what a test writes (a consent withdrawn, the journal) is gone before the next."""

    def make():
        college_make()
        return partners_make()

    with built_once(django_db_blocker, make, today=TODAY) as made:
        yield made


@pytest.fixture
def partners(shared_partners, db):
    """The shared organisations fresh from the database, as (north, south, last year's,
    idle)."""
    return tuple(PartnerOrganisation.objects.get(pk=o.pk) for o in shared_partners)


def partners_make():
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


def test_letters_leave_out_a_mentor_who_withdrew_consent(partners, client_for, curator):
    north = partners[0]
    withdrawn = north.people.get(last_name="Горбунов")
    Consent.objects.filter(person=withdrawn).update(withdrawn_on=dt.date(2025, 6, 1))

    text = docx_text(get(client_for(curator), "pairs:thanks-partners", "?format=docx").content)

    assert "Горбунов" not in text
    assert "наставников — 1, наставнических пар и групп — 2, наставляемых — 3." in text


def test_document_command_makes_the_letters_of_a_year_in_both_forms(partners, tmp_path, capsys):
    docx_file, pdf_file = tmp_path / "letters.docx", tmp_path / "letters.pdf"
    call_command("document", "thanks_partners", "--year", "2025", "--output", str(docx_file))
    call_command("document", "thanks_partners", "--year", "2025", "--output", str(pdf_file))

    out = capsys.readouterr().out
    assert "Благодарственные письма организациям-партнёрам" in out and "(писем: 2)" in out
    text = docx_text(docx_file.read_bytes())
    assert "Лаптевой Ольге Игоревне" in text and "в 2025 году" in text
    assert "Горбунову Сергею Петровичу" in pdf_text(pdf_file.read_bytes())


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
