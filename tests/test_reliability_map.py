"""Every line of the reliability catalogue is proven by a named test, or said not to apply."""

import ast
from pathlib import Path

import pytest

from tests.reliability_map import ITEMS, load

BASE_DIR = Path(__file__).resolve().parent.parent


def test_names(path):
    """'test_x' and 'TestY::test_z' names defined in a test file (parsed, not imported)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(f"{node.name}::{member.name}")
    return names


test_names.__test__ = False  # a helper, not a test


def test_every_item_is_covered_or_said_not_to_apply():
    covered, not_applicable = load()
    both = sorted(set(covered) & set(not_applicable))
    assert not both, f"items both covered and 'not applicable': {both}"
    missing = [n for n in ITEMS if n not in covered and n not in not_applicable]
    assert not missing, f"items with neither a test nor a reason: {missing}"
    unknown = sorted((set(covered) | set(not_applicable)) - set(ITEMS))
    assert not unknown, f"no such items in the catalogue: {unknown}"
    assert all(covered[n] for n in covered), "an item is 'covered' by an empty list"
    assert all(reason.strip() for reason in not_applicable.values())


@pytest.mark.parametrize("number", list(ITEMS))
def test_named_tests_exist(number):
    covered, _ = load()
    for node_id in covered.get(number, []):
        file_part, _, name = node_id.partition("::")
        path = BASE_DIR / file_part
        assert path.is_file(), f"item {number}: no file {file_part}"
        name = name.split("[", 1)[0]  # a parametrised case names its function
        assert name in test_names(path), f"item {number}: no test {node_id}"
