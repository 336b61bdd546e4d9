# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""Order drafts of finished pairs (rewards, the default selections, the journal), on
finished_pairs built once for the module (test_orders.finished_world).

Apart from tests/mentorship/pairs/test_orders.py, whose two pairs at work are built once for
the whole module: those pairs would be in these orders' default selections (and their people
are named as finished_pairs names its own). The page an empty selection gets, which needs no
pairs at all, is in test_orders_empty.py."""

import datetime as dt
from urllib.parse import unquote

import pytest
from django.utils import timezone

from mentorship.documents.models import ReportDownload
from mentorship.pairs import documents
from mentorship.pairs.models import Pair
from mentorship.people.models import Person
from mentorship.people.models.persons import SPECIAL_CATEGORY_FIELDS
from tests.factories import pair_create
from tests.lib.pdf_files import pdf_text
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    ORDER_URLS,
    download,
    finished_world,
    fixed_today,
    rename,
)


@pytest.fixture
def finished_pairs(finished_world, db):
    """test_orders.finished_pairs, of this module's world."""
    return finished_world


@pytest.mark.parametrize("url_name", ORDER_URLS)
def test_order_pdfs_say_nothing_of_health_or_social_status(
    finished_pairs, client_for, curator, url_name
):
    """RELIABILITY 32: an order names people and their roles; ОВЗ, orphanhood, low income
    and hard life circumstances of its participants never appear in it."""
    Person.objects.update(**dict.fromkeys(SPECIAL_CATEGORY_FIELDS, True))
    text = pdf_text(download(client_for(curator), url_name).content).lower()
    for word in ("овз", "инвалид", "сирот", "малоимущ", "тжс", "трудной жизненной", "здоров"):
        assert word not in text, word


def test_order_rewards_pdf_lists_mentors_and_mentees_with_their_reward(finished_pairs):
    winner_pair, plain_pair, _, _ = finished_pairs
    data = documents.order_rewards_data(
        Pair.objects.filter(pk__in=[winner_pair.pk, plain_pair.pk]), date=dt.date(2025, 6, 20)
    )
    text = pdf_text(documents.order_pdf_render(data))

    assert "О поощрении участников наставнической деятельности" in text
    assert "по итогам реализации программы наставничества в 2025 году" in text
    # Mentors first, then mentees, each alphabetically (Ё with Е, not before А).
    assert "Наставники 1 Ёлкин Максим Олегович" in text
    assert text.index("Ёлкин Максим Олегович") < text.index("Соколова Анна Викторовна")
    assert "Наставляемые 3 Белов Илья Андреевич" in text
    assert (
        "победитель: Региональный чемпионат «Профессионалы» (региональный уровень, 12.03.2025)"
        in text
    )
    assert "Олимпиада 2024 года" not in text  # another year's result
    assert "Педагог – студент, 17.03.2025 – 30.05.2025" in text
    rows = {row.name: row.reward for row in data.rows}
    assert rows == {
        "Соколова Анна Викторовна": "наградить грамотой",
        "Ёлкин Максим Олегович": "объявить благодарность",
        "Белов Илья Андреевич": "наградить грамотой",
        "Щукина Вера Павловна": "объявить благодарность",
    }
    assert text.count("наградить грамотой") == 2 and text.count("объявить благодарность") == 2


def test_order_rewards_by_default_takes_the_pairs_finished_this_year(
    finished_pairs, client_for, curator
):
    response = download(client_for(curator), "pairs:order-rewards")
    text = pdf_text(response.content)

    assert "Соколова Анна Викторовна" in text and "Ёлкин Максим Олегович" in text
    assert "Прошлогодний" not in text and "Действующий" not in text


def test_order_rewards_of_another_year_takes_that_years_finished_pairs(
    finished_pairs, client_for, curator
):
    response = download(client_for(curator), "pairs:order-rewards", "?year=2024")
    text = pdf_text(response.content)

    assert "Прошлогодний Иван Иванович" in text and "Соколова" not in text
    assert "в 2024 году" in text


@pytest.mark.parametrize(
    ("url_name", "filename"),
    [
        ("pairs:order-pairs", "Приказ о закреплении наставнических пар (групп).pdf"),
        ("pairs:order-mentors", "Приказ о назначении наставников.pdf"),
        ("pairs:order-rewards", "Приказ о поощрении участников наставнической деятельности.pdf"),
    ],
)
def test_order_views_give_the_curator_an_uncached_pdf_attachment(
    finished_pairs, client_for, curator, url_name, filename
):
    response = download(client_for(curator), url_name)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition
    assert unquote(disposition.split("''", 1)[1]) == filename
    assert "ПРИКАЗ" in pdf_text(response.content)


def test_order_pairs_view_by_default_takes_the_pairs_being_formed_or_at_work(
    finished_pairs, client_for, curator
):
    forming = pair_create("teacher-student", start=dt.date(2025, 6, 1), activate=False)
    rename(forming.mentor.person, "Формирующая", "Нина", "Петровна")
    text = pdf_text(download(client_for(curator), "pairs:order-pairs").content)

    assert "Формирующая Нина Петровна" in text and "Действующий Павел Павлович" in text
    assert "Соколова" not in text and "Прошлогодний" not in text  # finished pairs


@pytest.mark.parametrize(
    ("url_name", "kind", "year"),
    [
        ("pairs:order-pairs", ReportDownload.Kind.ORDER_PAIRS, None),
        ("pairs:order-mentors", ReportDownload.Kind.ORDER_MENTORS, None),
        ("pairs:order-rewards", ReportDownload.Kind.ORDER_REWARDS, 2025),
    ],
)
def test_order_download_is_written_to_the_journal(
    finished_pairs, client_for, curator, url_name, kind, year
):
    """RELIABILITY 41: orders name students, so each download says who took it, when."""
    response = download(client_for(curator), url_name)

    assert response.status_code == 200
    entry = ReportDownload.objects.get()
    assert (entry.user, entry.username, entry.kind, entry.year) == (curator, "curator", kind, year)
    assert entry.rows and entry.rows > 0
    assert (timezone.now() - entry.at).total_seconds() < 60
