"""The import machinery and the shared admin mixins sit below the apps: they import none
of them, not even inside a function (an app brings its bases through the registry)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
APPS = (
    "mentorship.people",
    "mentorship.pairs",
    "mentorship.surveys",
    "mentorship.office",
    "mentorship.demo",
    "mentorship.bench",
    "roadmap",
)
LOW_MODULES = [
    *sorted((ROOT / "mentorship" / "imports").rglob("*.py")),
    ROOT / "mentorship" / "admin_site.py",
]


def package_of(path: Path) -> tuple[str, ...]:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return parts if path.name == "__init__.py" else parts[:-1]


def imported_modules(source: str, package: tuple[str, ...]) -> set[str]:
    """Every module an import statement names, anywhere in the source (functions too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module
            found.add(module)
            # «from mentorship import people» names the app as well.
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def upward(modules: set[str]) -> list[str]:
    return sorted(
        module
        for module in modules
        if any(module == app or module.startswith(f"{app}.") for app in APPS)
    )


@pytest.mark.parametrize("path", LOW_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_low_module_imports_no_app(path):
    assert upward(imported_modules(path.read_text(), package_of(path))) == []


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    from mentorship.people.models import Person\n",
        "from mentorship import people\n",
        "from ...people import imports\n",
        "import roadmap.kpi\n",
    ],
)
def test_layering_check_finds_an_app_import_however_written(source):
    package = ("mentorship", "imports", "resources")
    assert upward(imported_modules(source, package)) != []
