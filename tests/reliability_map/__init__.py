"""Which test proves each line of the reliability catalogue (RELIABILITY.md, items 1–60).

Each part of the catalogue has its own module with two dicts:

* ``COVERED``: item number → list of pytest node ids ("tests/path.py::test_name" or
  "tests/path.py::TestClass::test_name") that fail if the behaviour breaks;
* ``NOT_APPLICABLE``: item number → the reason in one sentence.

``tests/test_reliability_map.py`` checks that every item 1–60 is in exactly one of them and
that every node id names a test that exists.
"""

from importlib import import_module

PARTS = ("imports", "others")
ITEMS = range(1, 61)


def load():
    covered, not_applicable = {}, {}
    for part in PARTS:
        module = import_module(f"tests.reliability_map.{part}")
        for number, node_ids in module.COVERED.items():
            covered.setdefault(number, []).extend(node_ids)
        for number, reason in module.NOT_APPLICABLE.items():
            not_applicable[number] = reason
    return covered, not_applicable
