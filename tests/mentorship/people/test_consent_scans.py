import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mentorship.people.models import Consent
from tests.factories import ConsentFactory, PersonFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def scanned(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    consent = ConsentFactory(person=PersonFactory(adult=True), signer=Consent.Signer.SELF)
    consent.scan = SimpleUploadedFile("../../Согласие Иванова.pdf", PDF)
    consent.save()
    return consent


def test_scan_is_stored_under_a_generated_name(scanned, tmp_path):
    name = scanned.scan.name
    assert ".." not in name and "Иванова" not in name
    assert name.endswith(".pdf")
    stored = list((tmp_path / "consents").rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == PDF


def test_scan_downloads_as_attachment_for_curator(scanned, client_for, curator):
    response = client_for(curator).get(scanned.scan.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", ["director", "mentor", "mentee", "outsider"])
def test_scan_is_refused_to_other_roles(scanned, client_for, request, role):
    response = client_for(request.getfixturevalue(role)).get(scanned.scan.url)
    assert response.status_code == 403


def test_scan_of_unknown_name_is_not_found(scanned, client_for, curator):
    response = client_for(curator).get(scanned.scan.url.replace(".pdf", "0.pdf"))
    assert response.status_code == 404
    traversal = client_for(curator).get("/people/consent-scans/../../etc/passwd")
    assert traversal.status_code == 404
