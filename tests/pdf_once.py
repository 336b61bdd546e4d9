"""A PDF laid out once per test module for each distinct HTML: several tests download the
same report of the same world (the journal, the roles, the command), and WeasyPrint, a pure
function of the HTML it is given, takes a third of a second each time (issue 16: `make test`
on two cores). Every test still builds its data, renders its template and reads a real PDF
of exactly that HTML; only an HTML already laid out in the module is not laid out again."""

from contextlib import contextmanager

import pytest

from mentorship.lib import pdf as pdf_lib


@contextmanager
def pdfs_laid_out_once():
    """Within the block, mentorship.lib.pdf.pdf_from_html gives the bytes it gave before for
    the same HTML. A call with a fetcher of its own (a test spying on what is fetched) and a
    rendering that fails are never kept."""
    real = pdf_lib.pdf_from_html
    made: dict[str, bytes] = {}

    def once(html: str, *, url_fetcher=None) -> bytes:
        if url_fetcher is not None:
            return real(html, url_fetcher=url_fetcher)
        if html not in made:
            made[html] = real(html)
        return made[html]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_lib, "pdf_from_html", once)
        yield made
