"""The one way the product hands a file to a person: as a download, never shown inline,
never kept in a cache (every document it serves names people)."""

from typing import BinaryIO

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def download_response(
    content: bytes | BinaryIO, *, filename: str, content_type: str
) -> HttpResponse:
    """Bytes built in the request (a PDF, an xlsx) or an open stored file (a scan, an
    evidence file: streamed, and closed by Django when sent)."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=filename
        )
    else:
        response = FileResponse(
            content, as_attachment=True, filename=filename, content_type=content_type
        )
    response["Cache-Control"] = "no-store"
    return response
