"""PDF documents from Django templates through WeasyPrint, with nothing fetched from outside.

WeasyPrint loads every stylesheet, font and image a document names through a URL fetcher;
its default one opens file://, http(s)://, ftp:// and follows redirects. Our documents carry
names and text typed by users, so the only fetcher we give it is StaticOnlyURLFetcher: it
serves the project's own static files (what `{% static %}` and relative `url()`s in our CSS
point at) and `data:` URIs, reads them from disk, and never opens a socket. Anything else
stops the rendering with FatalURLFetchingError: a document that asks for another resource
is a bug to see, not a warning to scroll past.

Fonts come from static/fonts (DejaVu, @font-face in static/css/pdf.css), so a PDF looks the
same on a server with no fonts installed.

WeasyPrint is imported with the first document, not with this module: the import (Pango
through cffi, fontTools, Pillow) takes about a second, and every process that starts the
project — each management command, each server worker, the admin that imports the
documents' modules — would pay it whether it makes a PDF or not. StaticOnlyURLFetcher, a
subclass of WeasyPrint's URLFetcher, is made then too (the module's __getattr__).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import DataHandler, Request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils._os import safe_join

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

# The base URL documents are rendered against. `.invalid` never resolves (RFC 2606), and
# nothing here resolves it anyway: it only gives `/static/…` in a template an absolute form
# that the fetcher recognises as ours.
PDF_BASE_URL = "https://pdf.invalid/"

# What a document may load from static files, and as what.
STATIC_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}
MAX_STATIC_BYTES = 5 * 1024 * 1024
MAX_DATA_URI_CHARS = 2 * 1024 * 1024


class PdfRenderError(RuntimeError):
    """Rendering stopped because the document asked for a resource it may not have.

    FatalURLFetchingError derives from BaseException, which Django's request handling (and
    gunicorn's worker) would not catch; this one is an ordinary 500 with a logged traceback.
    """


def _refuse(url: str, why: str) -> NoReturn:
    from weasyprint.urls import FatalURLFetchingError

    # Long data: URIs would flood the log; the start is enough to find the template.
    shown = url if len(url) <= 200 else url[:200] + "…"
    raise FatalURLFetchingError(f"PDF: ресурс не разрешён ({why}): {shown}")


def __getattr__(name: str):
    if name == "StaticOnlyURLFetcher":
        return _static_only_fetcher()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _static_only_fetcher() -> type[URLFetcher]:
    """The class StaticOnlyURLFetcher, made once, with WeasyPrint's first import."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """A WeasyPrint URL fetcher that serves our static files and data: URIs, nothing
        else."""

        def __init__(self, base_url: str = PDF_BASE_URL):
            # fail_on_errors: if anything inside fetch() raises an ordinary exception,
            # weasyprint.urls.fetch turns it into FatalURLFetchingError too.
            super().__init__(allow_redirects=False, fail_on_errors=True)
            self.base_url = base_url
            # `{% static %}` gives /static/… (or an absolute STATIC_URL); both land here.
            self.static_prefix = urljoin(base_url, settings.STATIC_URL)

        def fetch(self, url, headers=None):
            if not isinstance(url, str):
                _refuse(repr(url), "не строка")
            if url[:5].lower() == "data:":
                return self._data(url)
            if not url.startswith(self.static_prefix):
                _refuse(url, "не статический файл проекта")
            return self._static(url)

        def open(self, url, data=None, timeout=None):  # the urllib entry point: same rules
            return self.fetch(url.full_url if isinstance(url, Request) else url)

        def _data(self, url: str) -> URLFetcherResponse:
            if len(url) > MAX_DATA_URI_CHARS:
                _refuse(url, "слишком большой data: URI")
            try:
                response = DataHandler().data_open(Request(url))
            except Exception:
                _refuse(url, "неверный data: URI")
            return URLFetcherResponse(url, response.read(), dict(response.headers.items()))

        def _static(self, url: str) -> URLFetcherResponse:
            parts = urlsplit(url)
            prefix_path = urlsplit(self.static_prefix).path
            relative = unquote(parts.path[len(prefix_path) :])
            segments = relative.split("/")
            if (
                not relative
                or "\\" in relative
                or "\x00" in relative
                or any(segment in ("", ".", "..") for segment in segments)
            ):
                _refuse(url, "недопустимый путь")
            content_type = STATIC_TYPES.get(Path(relative).suffix.lower())
            if content_type is None:
                _refuse(url, "такой тип файла документу не нужен")
            path = self._find(relative)
            if path is None:
                _refuse(url, "файла нет среди статических")
            real = os.path.realpath(path)
            # isfile() is False for /dev/… devices, FIFOs and directories, even via a symlink.
            if not os.path.isfile(real) or os.path.getsize(real) > MAX_STATIC_BYTES:
                _refuse(url, "не обычный файл или слишком большой")
            with open(real, "rb") as file:
                body = file.read(MAX_STATIC_BYTES + 1)
            headers = {"Content-Type": content_type}
            if content_type == "text/css":
                headers["Content-Type"] = "text/css; charset=utf-8"
            return URLFetcherResponse(url, body, headers)

        @staticmethod
        def _find(relative: str) -> str | None:
            """The file behind a static path: source dirs first, then collectstatic's output
            (where the manifest storage keeps the hashed names `{% static %}` gives)."""
            try:
                found = finders.find(relative)
            except SuspiciousFileOperation:
                return None
            if found:
                return found
            if settings.STATIC_ROOT:
                try:
                    candidate = safe_join(settings.STATIC_ROOT, relative)
                except SuspiciousFileOperation:
                    return None
                if os.path.exists(candidate):
                    return candidate
            return None

    return StaticOnlyURLFetcher


def pdf_from_html(html: str, *, url_fetcher: URLFetcher | None = None) -> bytes:
    """Lay out an HTML string as PDF with the static-only fetcher."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = url_fetcher or _static_only_fetcher()()
    try:
        document = HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher)
        return document.write_pdf()
    except FatalURLFetchingError as error:
        raise PdfRenderError(str(error)) from error


def render_pdf(template_name: str, context: dict | None = None) -> bytes:
    """Render a Django template (autoescaped, as every template) to PDF bytes."""
    return pdf_from_html(render_to_string(template_name, context or {}))
