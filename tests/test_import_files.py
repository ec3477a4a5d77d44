"""``quiz import`` against hostile files, paths and machines: names that try to
escape ``--out``, FIFOs, undecodable names, full disks, unreadable folders,
UTF-16 files, and a Python without UTF-8 mode."""

from __future__ import annotations

import errno
import os
import unicodedata
from pathlib import Path

import pytest

from quiz import bank as bank_module
from quiz.bank import RecordNotWritten, record_path
from quiz.model import Question
from quiz.names import MAX_COMPONENT_BYTES, path_text, safe_component


def files_below(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if not path.is_dir()}


# ---------------------------------------------------------------- names as paths


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("bank-1", "bank-1"),
        ("..", "__"),
        (".", "_"),
        ("", "_"),
        (".hidden", "_hidden"),
        ("a/b\\c", "a_b_c"),
        ("a\x00b\x1b[2J\u202e", "a_b_[2J_"),
        ("題庫", "題庫"),
        (unicodedata.normalize("NFD", "café"), "café"),
        ("bad\udcffbyte", "bad_xffbyte"),
    ],
)
def test_safe_component(name: str, safe: str) -> None:
    assert safe_component(name) == safe
    assert safe_component(safe) == safe


def test_long_names_are_cut_in_bytes_and_stay_distinct() -> None:
    first, second = "題" * 200 + "1", "題" * 200 + "2"
    cut = {safe_component(first), safe_component(second)}
    assert len(cut) == 2
    assert all(len(name.encode()) <= MAX_COMPONENT_BYTES for name in cut)
    assert all(safe_component(name) == name for name in cut)


def test_path_text_shows_undecodable_bytes() -> None:
    assert path_text(os.fsdecode(b"bank\xff/Q.md")) == "bank\\xff/Q.md"


def test_record_path_refuses_a_bank_folder_that_leads_outside(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "linked").symlink_to(elsewhere)
    question = Question(id="Q-1", bank="linked", stem="?", options={"A": "a"}, answer=("A",))
    with pytest.raises(RecordNotWritten, match="outside the bank directory"):
        record_path(out, question)


def test_write_record_removes_its_temporary_file_on_any_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(bank_module.os, "replace", fail)
    question = Question(id="Q-1", bank="b", stem="?", options={"A": "a"}, answer=("A",))
    with pytest.raises(RecordNotWritten, match="b/Q-1 could not be written"):
        bank_module.write_record(tmp_path, question)
    assert files_below(tmp_path) == set()
