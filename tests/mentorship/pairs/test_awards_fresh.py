# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""Participants' certificates of the pairs each test builds for itself (apart from
test_awards.py, whose finished pairs are built once for the module and would be in these
certificates' default selections): a mentor of two pairs, nobody to thank, and the
certificates' cost in queries."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from mentorship.documents.orders import DOCX, OrderParams
from mentorship.pairs import awards
from tests.mentorship.pairs.test_awards import get
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    college,
    finished_pair,
    fixed_today,
    mentee_people,
    rename,
)
from tests.mentorship.pairs.test_orders_docx import docx_text


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
