"""write_whole: a command's file is written whole or not at all."""

import os
import stat

import pytest

from mentorship.lib.files import write_whole


def test_the_file_is_written_with_an_ordinary_mode_and_no_temporary_left(tmp_path):
    path = tmp_path / "отчёт.pdf"
    path.write_bytes(b"old")
    write_whole(path, b"new content")
    assert path.read_bytes() == b"new content"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["отчёт.pdf"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "пакет.json"
    path.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_whole(path, object())  # not bytes: the write fails half-way
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["пакет.json"]
