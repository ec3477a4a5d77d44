"""Writing records: a re-import says what is new, changed and unchanged, and leaves the
unchanged files alone; a write is never seen half done."""

from __future__ import annotations

import dataclasses
import errno
import os
from pathlib import Path

import pytest

from quiz import bank, records
from quiz.files import write_text_atomically
from quiz.model import Question


def question(number: int, stem: str = "Which one?") -> Question:
    return Question(
        id=f"Q-{number}", bank="b", stem=stem, options={"A": "a", "B": "b"}, answer=("A",)
    )


def test_a_second_write_of_the_same_records_rewrites_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = [question(1), question(2)]
    first = bank.write_records(tmp_path, questions)
    assert (first.new, first.changed, first.unchanged) == (["b/Q-1", "b/Q-2"], [], [])
    for path in first.paths:
        os.utime(path, ns=(10**9, 10**9))  # a time no write could give it
    again = bank.write_records(tmp_path, questions)
    assert (again.new, again.changed, again.unchanged) == ([], [], ["b/Q-1", "b/Q-2"])
    assert again.paths == first.paths
    assert [path.stat().st_mtime_ns for path in again.paths] == [10**9, 10**9]

    def no_parsing(text: str) -> object:
        raise AssertionError("the cache should still be valid")

    monkeypatch.setattr(records, "parse_yaml", no_parsing)
    assert [q.key for q in bank.load_banks([tmp_path]).questions] == ["b/Q-1", "b/Q-2"]


def test_a_changed_question_and_an_edited_file_are_changed(tmp_path: Path) -> None:
    paths = bank.write_records(tmp_path, [question(1), question(2), question(3)]).paths
    edited = paths[2].read_text(encoding="utf-8").replace("Which", "Whose")  # same size
    paths[2].write_text(edited, encoding="utf-8")
    result = bank.write_records(tmp_path, [question(1), question(2, "Which two?"), question(3)])
    assert (result.new, result.changed, result.unchanged) == ([], ["b/Q-2", "b/Q-3"], ["b/Q-1"])
    assert "Which two?" in paths[1].read_text(encoding="utf-8")
    assert "Which one?" in paths[2].read_text(encoding="utf-8")


def test_a_record_file_that_is_a_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    (path,) = bank.write_records(tmp_path / "out", [question(1)]).paths
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    result = bank.write_records(tmp_path / "out", [question(1)])
    assert result.changed == ["b/Q-1"] and not path.is_symlink()
    assert elsewhere.read_bytes() == path.read_bytes()


def test_a_write_stopped_by_ctrl_c_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "Q-1.yaml"
    path.write_text("old\n", encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomically(path, "new\n")
    assert list(tmp_path.iterdir()) == [path] and path.read_text(encoding="utf-8") == "old\n"


def test_a_record_that_cannot_be_written_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank.write_records(tmp_path, [question(1)])

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    changed = dataclasses.replace(question(2), stem="Which two?")
    with pytest.raises(bank.RecordNotWritten, match="b/Q-2 could not be written") as error:
        bank.write_records(tmp_path, [question(1), changed])
    assert error.value.written == 1  # Q-1, unchanged, is in place
