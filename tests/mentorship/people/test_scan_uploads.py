"""Uploads through the curator's consent screen (RELIABILITY 44–48): too big, not what it
claims to be, hostile names, direct /media/ URLs, too many files — each refused with
nothing left on disk, or stored under a generated name."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mentorship.people.models import Consent
from mentorship.people.models.consents import consent_scan_name
from tests.factories import PersonFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def adult():
    return PersonFactory(adult=True, last_name="Загрузкина")


def files_on_disk(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()]


def add_consent(client, person, **extra):
    data = {
        "person": person.pk,
        "signer": Consent.Signer.SELF,
        "signed_on": "01.09.2025",
        "representative_name": "",
        "representative_relation": "",
        "withdrawn_on": "",
        "withdrawal_reason": "",
        **extra,
    }
    return client.post(reverse("admin:people_consent_add"), data)


def test_a_plain_scan_is_stored(client_for, curator, media, adult):
    response = add_consent(client_for(curator), adult, scan=SimpleUploadedFile("скан.pdf", PDF))
    assert response.status_code == 302
    assert [path.read_bytes() for path in files_on_disk(media)] == [PDF]


def test_scan_over_the_limit_is_a_form_error_and_nothing_is_on_disk(
    client_for, curator, media, adult, settings
):
    settings.CONSENT_SCAN_MAX_BYTES = 1024
    big = SimpleUploadedFile("скан.pdf", PDF + b"0" * 2048)
    response = add_consent(client_for(curator), adult, scan=big)
    assert response.status_code == 200
    assert "Файл слишком большой" in response.content.decode()
    assert not Consent.objects.exists()
    assert files_on_disk(media) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("скан.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("скан.pdf", b"<html><body onload=alert(1)>"),
        ("скан.png", PNG + b"\x00\x00<script>alert(document.cookie)</script>"),
        ("скан.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00<html><iframe src=//evil>"),
        ("скан.pdf", PNG + b"\x00" * 64),  # a real PNG named .pdf
    ],
    ids=["html-as-jpg", "html-as-pdf", "png-html-polyglot", "jpeg-html-polyglot", "png-as-pdf"],
)
def test_html_and_polyglots_are_refused_by_content(
    client_for, curator, media, adult, name, content
):
    response = add_consent(client_for(curator), adult, scan=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    page = response.content.decode()
    assert "PDF, JPEG или PNG" in page or "с правильным расширением" in page
    assert not Consent.objects.exists()
    assert files_on_disk(media) == []


def test_downloads_are_attachments_with_nosniff(client_for, curator, media, adult):
    add_consent(client_for(curator), adult, scan=SimpleUploadedFile("скан.pdf", PDF))
    scan = Consent.objects.get().scan
    response = client_for(curator).get(scan.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "name",
    [
        "../../x.pdf",
        "..\\..\\evil.pdf",
        "/etc/passwd.pdf",
        "я" * 300 + ".pdf",
        "Согласие Иванова.PDF",
    ],
    ids=["dot-dot", "backslashes", "absolute", "300-chars", "cyrillic"],
)
def test_hostile_names_are_stored_under_a_generated_name(client_for, curator, media, adult, name):
    response = add_consent(client_for(curator), adult, scan=SimpleUploadedFile(name, PDF))
    assert response.status_code == 302
    stored = Consent.objects.get().scan.name
    assert stored.endswith(".pdf") and ".." not in stored and "\\" not in stored
    assert "Иванова" not in stored and "я" not in stored and len(stored) < 60
    (path,) = files_on_disk(media)
    assert path.is_relative_to(media / "consents")


def test_nul_in_a_name_never_reaches_the_path():
    generated = consent_scan_name(None, "scan\x00.sh.pdf")
    assert "\x00" not in generated and generated.endswith(".pdf")
    assert "\x00" not in consent_scan_name(None, "scan.pdf\x00.sh")


def test_media_urls_are_not_served(client_for, curator, media, adult):
    add_consent(client_for(curator), adult, scan=SimpleUploadedFile("скан.pdf", PDF))
    name = Consent.objects.get().scan.name
    for client in (Client(), client_for(curator)):
        for url in (f"/media/consents/{name}", f"/{settings.MEDIA_URL}consents/{name}"):
            assert client.get(url).status_code == 404


def test_scan_view_sends_the_anonymous_to_login(client_for, curator, media, adult):
    add_consent(client_for(curator), adult, scan=SimpleUploadedFile("скан.pdf", PDF))
    url = Consent.objects.get().scan.url
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_too_many_files_in_one_request_is_a_400(client_for, curator, media, adult):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    files = [SimpleUploadedFile(f"скан{n}.pdf", PDF) for n in range(21)]
    response = add_consent(client_for(curator), adult, scan=files)
    assert response.status_code == 400
    assert not Consent.objects.exists()
    assert files_on_disk(media) == []
    # Twenty is still a request (the form then takes the last file).
    files = [SimpleUploadedFile(f"скан{n}.pdf", PDF) for n in range(20)]
    response = add_consent(client_for(curator), adult, scan=files)
    assert response.status_code == 302
