"""The registry of papers the product makes (orders today): each app that owns the records
registers its kinds with register() in its own `papers` module (found by papers(), like
admin modules), as mentorship.imports.registry does for the xlsx bases. The template
library in the admin, the order views and `manage.py document` all read it.

A paper is made the way its OrderSpec says (mentorship.documents.orders): as PDF by its
render, as .docx by its docx_context filled into the template — the college's own one from
the admin (DocumentTemplate) or the default templates/docx/KIND.docx.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from .orders import OrderSpec

# What every order template must hold: without them the draft is not an order.
ORDER_FIELDS = ("number", "date", "rows")
# A paper's own parameters (Paper.options), as the papers page and `manage.py document`
# name them: the URL's parameter → its Russian label.
OPTIONS = {
    "year": "Учебный год",
    "event_date": "Дата мероприятия",
    "place": "Место проведения",
}


@dataclass(frozen=True)
class Paper:
    kind: str  # also the default template's file name: templates/docx/KIND.docx
    title: str  # Russian, as `manage.py document --list` and the admin name it
    spec: Callable[[], OrderSpec]
    required_fields: tuple[str, ...] = ORDER_FIELDS
    # A paper of one pair (the individual plan): `manage.py document KIND --pair ID`.
    by_pair: bool = False
    # A paper of the college, not of a selection (the orders on introducing the target
    # model, appointing the curator, the final event): the papers page («Документы
    # программы») makes it from a small form, the way `manage.py document KIND` does.
    of_college: bool = False
    # The parameters it takes beyond number, date and format (OPTIONS); the command refuses
    # them for a paper that does not.
    options: tuple[str, ...] = ()
    # What `manage.py document` counts in its report line: «строк в приложении: 12».
    counted: str = "строк в приложении"
    # A paper of pairs that --pair narrows to one, and that without it takes the default
    # selection (the agreements): --pair is optional.
    pair_optional: bool = False

    @property
    def default_template(self) -> Path:
        return Path(settings.BASE_DIR) / "templates" / "docx" / f"{self.kind}.docx"


_PAPERS: dict[str, Paper] = {}
_discovered = False


def register(*papers: Paper) -> None:
    for paper in papers:
        _PAPERS[paper.kind] = paper


def papers() -> dict[str, Paper]:
    """Every registered paper by kind, in the order they were registered."""
    global _discovered
    if not _discovered:
        autodiscover_modules("papers")
        _discovered = True
    return dict(_PAPERS)


def get_paper(kind: str) -> Paper:
    try:
        return papers()[kind]
    except KeyError:
        known = ", ".join(papers())
        raise ValueError(f"Нет такого документа: «{kind}». Есть: {known}.") from None


def paper_title(kind: str) -> str:
    paper = papers().get(kind)
    return paper.title if paper else kind
