"""The coordinator («Координатор РНЦ»): the upload screen, the start page, the menu, the
admin lists of the region — and never a college screen or a person."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorship.package import format as package_format
from mentorship.region.models import Package, PackageUpload, RegionalDenominator
from tests.factories import PersonFactory
from tests.region.upload_data import kpi, package_data, tampered_file

pytestmark = pytest.mark.django_db

UPLOAD = "/region/upload/"


def _file(data, name="paket.json"):
    return SimpleUploadedFile(name, package_format.json_bytes(data), "application/json")


def test_upload_screen_is_the_coordinators_alone(
    client_for, coordinator, curator, director, mentor, administrator
):
    assert reverse("region:upload") == UPLOAD
    assert client_for(coordinator).get(UPLOAD).status_code == 200
    for user in (curator, director, mentor, administrator):
        assert client_for(user).get(UPLOAD).status_code == 403, user
        assert client_for(user).post(UPLOAD, {"files": _file(package_data())}).status_code == 403
    assert not Package.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_the_coordinators_home_is_the_regions_dashboard(client_for, coordinator):
    response = client_for(coordinator).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("region:dashboard")


def test_the_coordinators_menu_has_the_region_and_nothing_of_the_college(client_for, coordinator):
    page = client_for(coordinator).get(UPLOAD).content.decode()
    for label, url in (
        ("Показатели региона", reverse("region:dashboard")),
        ("Загрузка пакетов", UPLOAD),
        ("Колледжи", reverse("admin:region_regioncollege_changelist")),
        ("Региональные знаменатели", reverse("admin:region_regionaldenominator_changelist")),
        ("Журнал загрузок", reverse("admin:region_packageupload_changelist")),
        ("Региональный центр", reverse("admin:region_regionalcentre_changelist")),
    ):
        assert label in page and f'href="{url}"' in page, label
    for college_item in ("Базы", "Люди", "Пары", "Опросы", "Дорожная карта", "Показатели и отчёт"):
        assert f">{college_item}<" not in page, college_item


def test_the_coordinator_never_opens_a_college_screen_or_a_person(client_for, coordinator):
    person = PersonFactory(last_name="Неприкосновенный")
    client = client_for(coordinator)
    for url in (
        reverse("admin:people_person_changelist"),
        reverse("admin:people_person_change", args=[person.pk]),
        reverse("admin:people_college_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("reports:dashboard"),
        reverse("surveys:wave-list"),
        reverse("pairs:matching"),
        reverse("cabinet:pairs"),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Неприкосновенный" not in response.content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert "Колледжи региона" in index and "Люди" not in index and "Пары" not in index


def test_the_screen_previews_then_the_confirmation_writes(
    client_for, coordinator, settings, tmp_path
):
    settings.IMPORT_TMP_DIR = tmp_path
    client = client_for(coordinator)
    client.post(UPLOAD, {"files": _file(package_data(kpis=[kpi(value="45.0")]))})
    page = client.post(UPLOAD, {"files": _file(package_data(kpis=[kpi(value="45.0")]))})
    html = page.content.decode()
    assert "новый пакет" in html and "Подтвердить загрузку" in html
    assert not Package.objects.exists()
    token = page.context["token"]
    fingerprint = page.context["preview"].fingerprint
    done = client.post(UPLOAD, {"step": "confirm", "token": token, "fingerprint": fingerprint})
    assert done.status_code == 302
    assert Package.objects.count() == 1
    assert PackageUpload.objects.get().username == "coordinator"
    assert not list(tmp_path.iterdir()), "the kept files are removed after the upload"
    message = client.get(UPLOAD).content.decode()
    assert "Загружено пакетов: 1 (новых — 1, заменено — 0)." in message

    newer = package_data(
        kpis=[kpi(value="52.5")], created_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    )
    html = client.post(UPLOAD, {"files": _file(newer, "novyi.json")}).content.decode()
    assert "заменит пакет от" in html and "значение 45 → 52,5" in html


def test_a_refused_file_is_shown_and_nothing_is_offered(
    client_for, coordinator, settings, tmp_path
):
    settings.IMPORT_TMP_DIR = tmp_path
    name, content = tampered_file(package_data(), lambda d: d["kpis"][0].update(numerator=1))
    response = client_for(coordinator).post(
        UPLOAD,
        {
            "files": [
                _file(package_data(inn="4345000002"), "good.json"),
                SimpleUploadedFile(name, content),
            ]
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Загрузка не выполнена" in html and "Контрольная сумма пакета не совпадает" in html
    assert "Подтвердить загрузку" not in html
    assert not Package.objects.exists()
    assert not list(tmp_path.iterdir())


def test_a_confirmation_without_this_sessions_files_writes_nothing(client_for, coordinator):
    response = client_for(coordinator).post(
        UPLOAD, {"step": "confirm", "token": "0" * 32, "fingerprint": "x"}, follow=True
    )
    assert "больше не доступны" in response.content.decode()
    assert not Package.objects.exists()


def test_no_file_chosen_keeps_the_form_with_a_russian_message(client_for, coordinator):
    html = client_for(coordinator).post(UPLOAD, {}).content.decode()
    assert "Выберите один или несколько файлов пакетов." in html


def test_the_coordinator_keeps_the_denominators_in_the_admin(client_for, coordinator):
    client = client_for(coordinator)
    url = reverse("admin:region_regionaldenominator_add")
    bad = client.post(url, {"period": "2025-2027", "kind": "children_10_19", "value": "0"})
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "не учебный год" in html and "больше нуля" in html
    good = client.post(url, {"period": "2025", "kind": "children_10_19", "value": "51000"})
    assert good.status_code == 302
    assert RegionalDenominator.objects.get().value == 51000
    listing = client.get(reverse("admin:region_regionaldenominator_changelist"))
    assert listing.status_code == 200 and "51000" in listing.content.decode()


def test_packages_are_read_only_in_the_admin(client_for, coordinator, curator):
    client = client_for(coordinator)
    assert client.get(reverse("admin:region_package_changelist")).status_code == 200
    assert client.get(reverse("admin:region_package_add")).status_code == 403
    assert client.get(reverse("admin:region_packageupload_add")).status_code == 403
    assert client_for(curator).get(reverse("admin:region_package_changelist")).status_code == 403

    from mentorship.region.upload import commit_packages, preview_packages
    from tests.region.upload_data import json_file

    commit_packages(preview_packages([json_file(package_data())]), username="coordinator")
    client = client_for(coordinator)  # client_for(curator) logged the same client in
    package, upload = Package.objects.get(), PackageUpload.objects.get()
    # An action posted to a list is refused, not answered «nothing selected».
    for name, pk in (("package", package.pk), ("packageupload", upload.pk)):
        action = {"action": "delete_selected", "_selected_action": [pk]}
        url = reverse(f"admin:region_{name}_changelist")
        assert client.post(url, action).status_code == 403, name
    assert Package.objects.filter(pk=package.pk).exists()
    # The package's page lists its indicators, nothing to edit among them.
    page = client.get(reverse("admin:region_package_change", args=[package.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and package.kpis.first().name in html
    for editable in ("kpis-0-name", "kpis-0-value", "kpis-0-DELETE", "kpis-__prefix__"):
        assert f'name="{editable}' not in html, editable


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["regioncollege", "package", "packageupload"])
def test_the_regions_lists_take_the_same_queries_for_2_and_12_colleges(
    client_for, coordinator, name
):
    from mentorship.region.upload import commit_packages, preview_packages
    from tests.region.upload_data import json_file

    def add(numbers):
        files = [json_file(package_data(inn=f"43450000{n:02d}"), f"{n}.json") for n in numbers]
        commit_packages(preview_packages(files), username="coordinator")

    client = client_for(coordinator)
    url = reverse(f"admin:region_{name}_changelist")
    add(range(10, 12))
    few = _queries(client, url)
    add(range(12, 22))
    assert _queries(client, url) == few
