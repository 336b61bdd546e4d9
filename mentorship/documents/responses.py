"""The one way the product hands a file to a person: as a download, never shown inline,
never kept in a cache (every document it serves names people)."""

import mimetypes
from pathlib import PurePosixPath
from typing import BinaryIO

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
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


def stored_name(name: str) -> PurePosixPath:
    """A stored file's name from a URL (a scan, a case's file): 404 for one that tries to
    leave the storage (absolute, «..»)."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise Http404
    return path


def stored_file_response(file: FieldFile, *, filename: str) -> HttpResponse:
    """A file of private storage as a download under the given name (never the stored one);
    404 if it is gone from the disk."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return download_response(handle, filename=filename, content_type=content_type)
