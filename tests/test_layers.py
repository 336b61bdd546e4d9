"""The house's layers: an app imports only from the layers below it.

Every import in the product's code counts, the ones inside functions too (a function-local
import hides a cycle, it does not remove it). Same-layer imports are allowed only within
one package. Every product module must sit in a layer, so a new package is placed on
purpose, not by accident.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_ROOTS = ("accounts", "mentorship", "roadmap")

# Bottom to top. A module belongs to the longest prefix that names it.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "mentorship.lib",
        "mentorship.formats",
        "mentorship.privacy",
        "mentorship.admin_site",
        "mentorship.apps",
    ),
    ("accounts",),
    ("mentorship.documents",),
    ("mentorship.imports",),
    ("mentorship.people",),
    ("mentorship.pairs",),
    ("mentorship.surveys",),
    ("mentorship.cases",),
    ("roadmap",),
    ("mentorship.package",),
    ("mentorship.region",),
    ("mentorship.office",),
    ("mentorship.demo",),
    ("mentorship.bench",),
)
# The project's wiring (these modules exactly, not packages) sits on top of everything.
PROJECT_MODULES = frozenset(
    {
        "mentorship",
        "mentorship.settings",
        "mentorship.test_settings",
        "mentorship.bench.settings",
        "mentorship.bench.urls",
        "mentorship.urls",
        "mentorship.wsgi",
        "mentorship.asgi",
    }
)
TOP = (len(LAYERS), "mentorship (project)")


def layer_of(module: str) -> tuple[int, str] | None:
    """(layer index, package) of the longest prefix that names module; None if none does."""
    if module in PROJECT_MODULES:
        return TOP
    best = None
    for index, packages in enumerate(LAYERS):
        for package in packages:
            if module == package or module.startswith(package + "."):
                if best is None or len(package) > len(best[1]):
                    best = (index, package)
    return best


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(root: Path, dotted: str) -> bool:
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imported_modules(root: Path, source: str, module: str, is_package: bool):
    """(imported module, line) for every import statement, wherever it stands."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            # `from package import module` imports package.module when it is one.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                yield (candidate if _is_module(root, candidate) else target), node.lineno


def product_files(root: Path):
    for top in PRODUCT_ROOTS:
        yield from sorted((root / top).rglob("*.py"))


def layer_violations(root: Path) -> list[str]:
    problems = []
    for path in product_files(root):
        module = module_name(path, root)
        source_layer = layer_of(module)
        if source_layer is None:
            problems.append(f"{module}: in no layer (add its package to tests/test_layers.py)")
            continue
        seen = set()
        for target, line in imported_modules(
            root, path.read_text(encoding="utf-8"), module, path.name == "__init__.py"
        ):
            target_layer = layer_of(target)
            if target_layer is None or target_layer == TOP and target == "mentorship":
                continue  # outside the product, or the bare namespace package
            if (target_layer[1], line) in seen:
                continue
            upward = target_layer[0] > source_layer[0]
            sideways = target_layer[0] == source_layer[0] and target_layer[1] != source_layer[1]
            if upward or sideways:
                seen.add((target_layer[1], line))
                problems.append(
                    f"{path.relative_to(root)}:{line}: {module} ({source_layer[1]}) imports "
                    f"{target_layer[1]}, which is {'above' if upward else 'beside'} it"
                )
    return problems


def test_no_import_goes_up_or_sideways_a_layer():
    problems = layer_violations(ROOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "path, source, expected",
    [
        # A function-local import counts like a top-level one.
        (
            "mentorship/people/demo.py",
            "def load():\n    from mentorship.pairs import services\n",
            "imports mentorship.pairs, which is above it",
        ),
        # Relative imports are resolved before they are judged.
        (
            "mentorship/people/x.py",
            "from ..pairs import services\n",
            "imports mentorship.pairs, which is above it",
        ),
        (
            "mentorship/lib/x.py",
            "from mentorship import documents\n",
            "imports mentorship.documents, which is above it",
        ),
        # Two packages of one layer do not lean on each other.
        (
            "mentorship/lib/x.py",
            "from mentorship.admin_site import TitledListMixin\n",
            "imports mentorship.admin_site, which is beside it",
        ),
        ("mentorship/people/x.py", "from django.db import models\n", None),
        (
            "mentorship/documents/x.py",
            "import mentorship.imports.registry\n",
            "imports mentorship.imports, which is above it",
        ),
        ("mentorship/pairs/x.py", "from mentorship.people.models import Person\n", None),
        ("mentorship/newthing/x.py", "x = 1\n", None),
    ],
)
def test_layer_check_catches_what_it_must(tmp_path, path, source, expected):
    for top in PRODUCT_ROOTS:
        (tmp_path / top).mkdir()
    for package in ("mentorship/documents", "mentorship/pairs", "mentorship/admin_site.py"):
        target = tmp_path / package
        if target.suffix:
            target.write_text("")
        else:
            target.mkdir()
            (target / "__init__.py").write_text("")
    file = tmp_path / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(source, encoding="utf-8")
    problems = layer_violations(tmp_path)
    if path.startswith("mentorship/newthing"):
        assert problems == [
            "mentorship.newthing.x: in no layer (add its package to tests/test_layers.py)"
        ]
    elif expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems
