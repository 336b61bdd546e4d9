"""The register of the programme's documents: registering one (the admin's form and
`manage.py register_document` both end here or in the model's own checks) and reading a
document's links.

The roadmap activities and the pairs a document serves are declared above this app
(roadmap.Activity.documents, pairs.Pair.documents); this module reaches them through the
reverse relations only, never by importing those apps.
"""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from .models import RegisteredDocument


def activity_model():
    """roadmap.Activity, reached through the relation it declares (no upward import)."""
    return RegisteredDocument._meta.get_field("activities").related_model


def pair_model():
    """pairs.Pair, reached through the relation it declares (no upward import)."""
    return RegisteredDocument._meta.get_field("pairs").related_model


def register_form_url(
    *,
    title: str,
    kind: str = RegisteredDocument.Kind.ORDER,
    number: str = "",
    date: dt.date | str | None = None,
    pair_ids: Iterable[int] = (),
) -> str:
    """The register's add form prefilled with a document made here (a generated order):
    its kind, title, number and date as typed, and the pairs it concerns — so the curator
    only attaches the signed scan and saves. The one place that prefill is built; the admin
    reads it back in RegisteredDocumentAdmin.get_changeform_initial_data."""
    params = {"kind": kind, "title": title}
    if number:
        params["number"] = number
    if isinstance(date, dt.date):
        date = f"{date:%d.%m.%Y}"
    if date:
        params["date"] = date
    ids = ",".join(str(pk) for pk in pair_ids)
    if ids:
        params["pairs"] = ids
    # Digits and commas of the pairs need no escaping; %2C would only make the URL longer.
    query = urlencode(params, safe=",")
    return f"{reverse('admin:documents_registereddocument_add')}?{query}"


def _missing(model, ids: list[int], what: str) -> list[str]:
    found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    absent = sorted(set(ids) - found)
    if not absent:
        return []
    return [f"{what} с номером {', '.join(str(pk) for pk in absent)} нет."]


@transaction.atomic
def document_register(
    *,
    kind: str,
    number: str,
    date: dt.date,
    title: str,
    scan=None,
    note: str = "",
    by=None,
    activity_ids: list[int] = (),
    pair_ids: list[int] = (),
) -> RegisteredDocument:
    """Validate everything first (the model's rules, the scan, the links), then write: a
    refused document leaves nothing behind, no row and no stored file."""
    document = RegisteredDocument(
        kind=kind,
        number=number.strip(),
        date=date,
        title=title.strip(),
        note=note,
        registered_by=by.get_username() if by is not None else "",
    )
    if scan is not None:
        document.scan = scan
    errors: list[str] = []
    try:
        document.full_clean()
    except ValidationError as error:
        errors += [
            f"{_label(field)}: {message}" if field != "__all__" else message
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    errors += _missing(activity_model(), list(activity_ids), "Мероприятия дорожной карты")
    errors += _missing(pair_model(), list(pair_ids), "Пары")
    if errors:
        raise ValidationError(errors)
    document.save()
    if activity_ids:
        document.activities.set(activity_ids)
    if pair_ids:
        document.pairs.set(pair_ids)
    return document


def _label(field: str) -> str:
    name = RegisteredDocument._meta.get_field(field).verbose_name
    return str(name)[:1].upper() + str(name)[1:]
