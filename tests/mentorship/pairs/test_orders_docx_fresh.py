# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""Order drafts as .docx whose tests build their own data for each test: the orders of
finished pairs (their people are named as two_pairs names its own, and two_pairs is built
once for the whole of test_orders_docx.py), and `manage.py document` on each kind's world
or on none."""

import pytest
from django.core.management import CommandError, call_command

from tests.lib.pdf_files import pdf_text
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    college,
    finished_pairs,
    fixed_today,
    two_pairs,
)
from tests.mentorship.pairs.test_orders_docx import docx_text, get


def test_order_rewards_docx_declines_by_the_reward(finished_pairs, client_for, curator):
    """«наградить грамотой кого» (accusative), «объявить благодарность кому» (dative)."""
    text = docx_text(get(client_for(curator), "pairs:order-rewards", "?format=docx").content)

    assert "наградить грамотой Соколову Анну Викторовну" in text
    assert "наградить грамотой Белова Илью Андреевича" in text
    assert "объявить благодарность Ёлкину Максиму Олеговичу" in text
    assert "объявить благодарность Щукиной Вере Павловне" in text
    assert "Достижения 2025 года" in text
    assert "Прошлогодний" not in text and "Действующий" not in text
    pdf = pdf_text(get(client_for(curator), "pairs:order-rewards", "").content)
    assert "Соколова Анна Викторовна" in pdf and "Щукина Вера Павловна" in pdf


@pytest.mark.parametrize(
    ("kind", "world", "name"),
    [
        ("order_pairs", "two_pairs", "Соколова Анна Викторовна"),
        ("order_mentors", "two_pairs", "Ёлкин Максим Олегович"),
        ("order_rewards", "finished_pairs", "Щукина Вера Павловна"),
    ],
)
def test_document_command_makes_each_kind_in_both_forms(db, request, tmp_path, kind, world, name):
    request.getfixturevalue(world)
    docx_file, pdf_file = tmp_path / "order.docx", tmp_path / "order.pdf"
    call_command("document", kind, "--output", str(docx_file), "--number", "12-к")
    call_command("document", kind, "--output", str(pdf_file), "--number", "12-к")

    text = docx_text(docx_file.read_bytes())
    assert name in text and "№ 12-к" in text
    pdf = pdf_text(pdf_file.read_bytes())
    assert name in pdf and "№ 12-к" in pdf


def test_document_command_says_when_there_is_nothing_to_put_in(college, tmp_path):
    out = tmp_path / "o.docx"
    with pytest.raises(CommandError, match="Не выбрано ни одного наставника"):
        call_command("document", "order_mentors", "--output", str(out))
    assert not out.exists()
