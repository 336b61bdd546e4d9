"""Reading PDFs back in tests with poppler-utils (pdftotext, pdffonts): what a person sees."""

import subprocess


def _poppler(*command: str, pdf: bytes) -> str:
    # "-" is standard input for both tools (and standard output for pdftotext).
    done = subprocess.run(command, input=pdf, capture_output=True, check=True, timeout=30)
    return done.stdout.decode("utf-8")


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as one line, in the order it was written (-raw: a table cell by
    cell, row by row, as in the HTML; the default layout mode merges neighbouring cells).

    Words hyphenated at a line end are joined back (WeasyPrint hyphenates with U+2010; a
    hyphen typed in a name is U+002D and stays); runs of whitespace (line ends in table
    cells, no-break spaces) become one space.
    """
    text = _poppler("/usr/bin/pdftotext", "-raw", "-enc", "UTF-8", "-", "-", pdf=pdf)
    return " ".join(text.replace("\u2010\n", "").split())


def pdf_fonts(pdf: bytes) -> dict[str, dict[str, bool]]:
    """Fonts as pdffonts lists them: {name without the subset tag: {"emb": …, "sub": …}}."""
    fonts = {}
    for line in _poppler("/usr/bin/pdffonts", "-", pdf=pdf).splitlines()[2:]:
        fields = line.split()
        # name, type (may hold spaces), encoding, emb, sub, uni, object number, generation
        fonts[fields[0].split("+", 1)[-1]] = {
            "emb": fields[-5] == "yes",
            "sub": fields[-4] == "yes",
        }
    return fonts


def pdf_pages(pdf: bytes) -> int:
    for line in _poppler("/usr/bin/pdfinfo", "-", pdf=pdf).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")
