"""A bad data dir, for every command: one line and exit status 2 where the command needs it,
no trace of it where the command does not (``list``, ``validate``, ``repair``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main

NEEDS_DATA_DIR = [[], ["drill", "--tag", "Delta-Lake"], ["stats"], ["exam"], ["import", "x.md"]]
WITHOUT_DATA_DIR = [["list"], ["validate", "BANK"], ["repair", "TEXT"]]


def bad_dirs(tmp_path: Path) -> list[tuple[Path, str]]:
    blocker = tmp_path / "data-file"
    blocker.write_text("not a directory")
    return [
        (blocker, "is a file, not a directory"),
        (Path("/proc/quiz-test/x"), "cannot be created"),
        (blocker / "data", "cannot be created: a file is in the way"),
    ]


@pytest.mark.parametrize("command", NEEDS_DATA_DIR, ids=lambda c: " ".join(c) or "app")
def test_a_command_that_needs_the_data_dir_says_one_line(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for data, reason in bad_dirs(tmp_path):
        assert main(["--data-dir", str(data), *command]) == 2
        captured = capsys.readouterr()
        assert captured.err.startswith(f"quiz: data dir {data}: {reason}"), captured.err
        assert captured.err.count("\n") == 1 and not captured.out


@pytest.mark.parametrize("command", WITHOUT_DATA_DIR, ids=" ".join)
def test_a_command_that_does_not_need_it_still_works(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = Path(__file__).resolve().parent.parent / "questions"
    text = tmp_path / "plain.txt"
    text.write_text("nothing damaged here\n", encoding="utf-8")
    argv = [str(bank) if a == "BANK" else str(text) if a == "TEXT" else a for a in command]
    for data, _ in bad_dirs(tmp_path):
        assert main(["--data-dir", str(data), *argv]) in (0, 1)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "data dir" not in captured.err
