"""manage.py region_upload FILE… [--commit]: the screen's service and messages."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from mentorship.package import format as package_format
from mentorship.region.models import Package, PackageUpload
from tests.region.upload_data import package_data, tampered_file

pytestmark = pytest.mark.django_db


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(package_format.json_bytes(data))
    return path


def test_without_commit_it_prints_the_preview_and_writes_nothing(tmp_path, capsys):
    path = _write(tmp_path, "kolledzh.json", package_data(inn="4345000001"))
    call_command("region_upload", str(path))
    out = capsys.readouterr().out
    assert "НОВЫЙ" in out and "kolledzh.json" in out and "ИНН 4345000001" in out
    assert "ничего не записано" in out
    assert not Package.objects.exists()


def test_with_commit_it_writes_and_a_newer_file_lists_the_change(tmp_path, capsys):
    first = _write(tmp_path, "a.json", package_data())
    call_command("region_upload", str(first), "--commit", "--user", "rnc")
    assert "Загружено пакетов: 1 (новых — 1, заменено — 0)" in capsys.readouterr().out
    newer = package_data(created_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), pairs=11)
    second = _write(tmp_path, "b.json", newer)
    call_command("region_upload", str(second), "--commit", "--user", "rnc")
    out = capsys.readouterr().out
    assert "ЗАМЕНИТ" in out and "Пары: 8 → 11" in out
    assert "заменено — 1" in out
    assert Package.objects.get().data["pairs"][0]["pairs"] == 11
    assert list(PackageUpload.objects.values_list("username", flat=True)) == ["rnc", "rnc"]


def test_a_refused_file_fails_the_command_and_nothing_is_written(tmp_path, capsys):
    good = _write(tmp_path, "good.json", package_data(inn="4345000001"))
    name, content = tampered_file(
        package_data(inn="4345000002"), lambda d: d["kpis"][0].update(value="99.0")
    )
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(CommandError, match="Отклонено файлов: 1 из 2. Ничего не записано"):
        call_command("region_upload", str(good), str(bad), "--commit")
    assert "Контрольная сумма пакета не совпадает" in capsys.readouterr().out
    assert not Package.objects.exists() and not PackageUpload.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="не найден"):
        call_command("region_upload", str(tmp_path / "net.json"))
