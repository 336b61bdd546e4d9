"""The PDF helper: WeasyPrint gets our static files and data: URIs, and nothing else."""

import os
import socket

import pytest
from django.conf import settings
from django.test import override_settings
from weasyprint.urls import FatalURLFetchingError

from mentorship.lib.pdf import (
    PDF_BASE_URL,
    PdfRenderError,
    StaticOnlyURLFetcher,
    pdf_from_html,
    render_pdf,
)
from tests.lib.pdf_files import pdf_fonts, pdf_text

STATIC = f"{PDF_BASE_URL}static/"
HOSTILE = '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:1/x.css">'


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to resolve a name or open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


class FetchLog:
    def __init__(self):
        self.urls = []
        self.refused = []


@pytest.fixture
def fetched(monkeypatch):
    """What WeasyPrint asked the fetcher for (urls), and what it was refused (refused)."""
    log = FetchLog()
    original = StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        log.urls.append(url)
        try:
            return original(self, url, headers)
        except FatalURLFetchingError:
            log.refused.append(url)
            raise

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", spy)
    return log


def test_an_unexpected_error_in_the_fetcher_stops_the_rendering_too(monkeypatch):
    def broken(relative):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(StaticOnlyURLFetcher, "_find", staticmethod(broken))
    with pytest.raises(PdfRenderError):
        pdf_from_html('<link rel="stylesheet" href="/static/css/pdf.css"><p>Приказ</p>')


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "file:///dev/urandom",
        "/dev/urandom",
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:1/",
        "https://127.0.0.1:1/static/css/pdf.css",
        "ftp://127.0.0.1/x.css",
        "gopher://127.0.0.1:70/",
        # our static path on someone else's host, and our host outside static
        "https://evil.example/static/css/pdf.css",
        "http://pdf.invalid/static/css/pdf.css",
        f"{PDF_BASE_URL}media/consents/1.pdf",
        f"{PDF_BASE_URL}admin/",
        # climbing out of static, plainly or percent-encoded
        f"{STATIC}../mentorship/settings.py",
        f"{STATIC}css/../../../../../../dev/urandom",
        f"{STATIC}%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{STATIC}css%2f..%2f..%2fmentorship%2fsettings.py",
        f"{STATIC}..%5c..%5cetc%5cpasswd",
        f"{STATIC}/etc/passwd",
        f"{STATIC}css/pdf.css%00.png",
        # inside static, but not a kind of file a document loads, or not there
        f"{STATIC}vendor/bootstrap/bootstrap.bundle.min.js",
        f"{STATIC}css/no-such-file.css",
        f"{STATIC}",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    with pytest.raises(FatalURLFetchingError):
        StaticOnlyURLFetcher().fetch(url)


def test_fetcher_refuses_through_the_urllib_entry_point_too():
    with pytest.raises(FatalURLFetchingError):
        StaticOnlyURLFetcher().open("http://169.254.169.254/")


def test_fetcher_serves_our_stylesheet():
    response = StaticOnlyURLFetcher().fetch(f"{STATIC}css/pdf.css")
    assert response.content_type == "text/css"
    assert b"@font-face" in response.read()


def test_fetcher_serves_our_fonts_with_a_query_or_fragment():
    response = StaticOnlyURLFetcher().fetch(f"{STATIC}fonts/DejaVuSerif.ttf?v=2#x")
    assert response.content_type == "font/ttf"
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType file


def test_fetcher_serves_data_uris():
    response = StaticOnlyURLFetcher().fetch("data:text/plain;base64,0J/RgNC40LrQsNC3")
    assert response.read().decode() == "Приказ"


def test_fetcher_finds_collected_files_in_static_root(tmp_path):
    # With the manifest storage {% static %} names hashed copies that only STATIC_ROOT has.
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "pdf.0123abcd.css").write_text("p { color: red }")
    with override_settings(STATIC_ROOT=tmp_path):
        response = StaticOnlyURLFetcher().fetch(f"{STATIC}css/pdf.0123abcd.css")
        assert response.read() == b"p { color: red }"


def test_fetcher_refuses_a_device_behind_a_static_name(tmp_path):
    os.symlink("/dev/urandom", tmp_path / "random.css")
    with override_settings(STATIC_ROOT=tmp_path), pytest.raises(FatalURLFetchingError):
        StaticOnlyURLFetcher().fetch(f"{STATIC}random.css")


def test_fetcher_follows_an_absolute_static_url_without_going_to_it(settings):
    settings.STATIC_URL = "https://cdn.example.com/static/"
    response = StaticOnlyURLFetcher().fetch("https://cdn.example.com/static/css/pdf.css")
    assert b"@font-face" in response.read()


@pytest.mark.parametrize(
    "html",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://127.0.0.1:1/x.css">',
        '<style>@import url("http://169.254.169.254/latest/meta-data/");</style>',
        '<p style="background: url(file:///dev/urandom)">x</p>',
        '<img src="/static/../../../../etc/passwd">',
    ],
)
def test_rendering_stops_when_a_document_asks_for_anything_else(html):
    # A refused resource is a bug in a template: a normal exception (an HTTP 500 with a
    # traceback), never a PDF with a hole in it, never a BaseException that kills a worker.
    with pytest.raises(PdfRenderError):
        pdf_from_html(f"<html><body><p>Приказ</p>{html}</body></html>")


def test_an_svg_image_cannot_fetch_either(fetched):
    # WeasyPrint draws inline SVG under its own catch-all, so the refusal cannot stop the
    # rendering there; the file is still never read.
    document = pdf_from_html('<p>Приказ</p><svg><image href="file:///etc/passwd"/></svg>')

    assert fetched.refused == ["file:///etc/passwd"]
    assert "root:" not in pdf_text(document)


TEST_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": settings.TEMPLATES[0]["DIRS"],
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "test/doc.html": (
                            '{% extends "pdf/base.html" %}{% block content %}'
                            '<h1 class="serif center">ПРИКАЗ</h1>'
                            '<p class="serif">Наставничество: <b>{{ name }}</b></p>'
                            "<p>{{ name }}</p>{% endblock %}"
                        )
                    },
                ),
                "django.template.loaders.filesystem.Loader",
            ]
        },
    }
]


@override_settings(TEMPLATES=TEST_TEMPLATES)
def test_render_pdf_writes_cyrillic_text_in_our_embedded_fonts(fetched):
    document = render_pdf("test/doc.html", {"name": "Ёлкина Юлия"})

    assert document.startswith(b"%PDF-")
    text = pdf_text(document)
    assert "ПРИКАЗ" in text
    assert "Наставничество: Ёлкина Юлия" in text
    fonts = pdf_fonts(document)
    # The «Doc» families exist only in static/css/pdf.css: these are our files, embedded.
    for name in ("DejaVu-Serif-Doc", "DejaVu-Serif-Doc-Bold", "DejaVu-Sans-Doc"):
        assert fonts[name] == {"emb": True, "sub": True}
    assert all(font["emb"] for font in fonts.values())
    assert f"{STATIC}fonts/DejaVuSerif.ttf" in fetched.urls
    assert fetched.refused == []


@override_settings(TEMPLATES=TEST_TEMPLATES)
def test_render_pdf_prints_markup_in_data_as_text_and_fetches_nothing_for_it(fetched):
    document = render_pdf("test/doc.html", {"name": HOSTILE})

    assert HOSTILE in pdf_text(document)
    assert fetched.urls and all(url.startswith(STATIC) for url in fetched.urls)
    assert fetched.refused == []


# --- RELIABILITY 37: no redirect is ever followed -------------------------------------------


@pytest.fixture
def redirecting_server():
    """A local HTTP server that redirects every request to file:///etc/passwd, and counts
    the requests it got (the fetcher must never reach it)."""
    import http.server
    import threading

    hits = []

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_fetcher_never_goes_to_a_redirecting_address(redirecting_server):
    base, hits = redirecting_server
    for url in (f"{base}/static/css/pdf.css", f"{base}/r?to=file:///etc/passwd"):
        with pytest.raises(FatalURLFetchingError):
            StaticOnlyURLFetcher().fetch(url)
    with pytest.raises(PdfRenderError):
        pdf_from_html(f'<p>Приказ</p><img src="{base}/logo.png">')
    assert hits == []


def test_fetcher_has_no_redirect_handler():
    """Even urllib's machinery it inherits would not follow a redirect."""
    import urllib.request

    fetcher = StaticOnlyURLFetcher()
    assert not any(isinstance(h, urllib.request.HTTPRedirectHandler) for h in fetcher.handlers)


# --- RELIABILITY 38: our fonts draw every letter our documents print -----------------------

# Every character a PDF may print: the Russian alphabet, what our templates hold, and the
# punctuation dates, numbers and names use.
RUSSIAN = "".join(chr(c) for c in range(ord("А"), ord("я") + 1)) + "Ёё"
TYPOGRAPHY = "«»„“”—–‐№§°×·…’ \u00a0\u202f−±%"
# Folders of PDF templates, or single PDF templates among web pages.
PDF_TEMPLATES = [
    "pdf",
    "roadmap/report",
    "pairs/orders",
    "region/report.html",
    "cases/collection.html",
]


def _template_characters() -> set[str]:
    from pathlib import Path

    root = Path(settings.BASE_DIR) / "templates"
    paths = [root / name for name in PDF_TEMPLATES]
    text = "".join(
        found.read_text(encoding="utf-8")
        for path in paths
        for found in ([path] if path.is_file() else path.rglob("*.html"))
    )
    return {char for char in text if ord(char) > 127}


@pytest.mark.parametrize(
    "font", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"]
)
def test_our_fonts_have_a_glyph_for_every_letter_we_print(font):
    """No «tofu» squares: a character without a glyph in our embedded fonts would be drawn
    as an empty box (the server has no other fonts to fall back on)."""
    from pathlib import Path

    from fontTools.ttLib import TTFont

    cmap = TTFont(Path(settings.BASE_DIR) / "static" / "fonts" / font).getBestCmap()
    needed = set(RUSSIAN + TYPOGRAPHY) | _template_characters()
    missing = sorted(char for char in needed if ord(char) not in cmap)
    assert not missing, f"{font} lacks {missing}"


@override_settings(TEMPLATES=TEST_TEMPLATES)
def test_render_pdf_prints_the_whole_alphabet_in_our_fonts_only(fetched):
    # In words of ten letters: one unbreakable word wider than the page would be cut off.
    words = " ".join(RUSSIAN[i : i + 10] for i in range(0, len(RUSSIAN), 10))
    sample = f"Наставничество {words} «ёлка» — № 5"
    document = render_pdf("test/doc.html", {"name": sample})

    assert "Наставничество: Наставничество" in pdf_text(document)
    assert " ".join(sample.split()) in pdf_text(document)
    fonts = pdf_fonts(document)
    # Only our «Doc» families, every one embedded: nothing from the system, no fallback.
    assert fonts and all(name.startswith("DejaVu-") and "-Doc" in name for name in fonts)
    assert all(font["emb"] for font in fonts.values())
