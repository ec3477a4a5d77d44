"""Tests of the shared file helpers: only regular files are read, writes are atomic."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from quiz.files import NotARegularFile, read_regular_file, write_text_atomically


def test_a_regular_file_is_read_as_bytes(tmp_path: Path) -> None:
    path = tmp_path / "q.md"
    path.write_bytes(b"a\r\nb\xff")
    assert read_regular_file(path) == b"a\r\nb\xff"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_and_a_directory_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.md")
    for path in (tmp_path / "fifo.md", tmp_path):
        with pytest.raises(NotARegularFile, match="not a regular file"):
            read_regular_file(path)


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "missing.md")


def test_a_failed_write_keeps_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keep.md"
    path.write_text("old\n", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        write_text_atomically(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [path]


def test_the_text_is_written_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    write_text_atomically(path, "a\r\nb\n考點")
    assert path.read_bytes() == "a\r\nb\n考點".encode()
