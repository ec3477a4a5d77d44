"""Damaged progress databases and unusable data dirs on the command line: one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from damaged_stores import DAMAGES, USABLE, damaged, sample_questions, snapshot

from quiz.bank import write_record
from quiz.cli import main
from quiz.store import Store, StoreWriteError


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "bank"
    for question in sample_questions():
        write_record(directory, question)
    return directory


@pytest.mark.parametrize("kind", sorted(DAMAGES))
@pytest.mark.parametrize("command", [["stats"], ["exam", "--report", "LAST"]])
def test_a_damaged_database_is_one_line_and_nothing_is_deleted(
    kind: str,
    command: list[str],
    bank_dir: Path,
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = isolated_data_dir / "progress.sqlite3"
    isolated_data_dir.mkdir()
    damaged(db, kind, monkeypatch)
    before = snapshot(isolated_data_dir)
    status = main(["--bank-dir", str(bank_dir), *command])
    out, err = capsys.readouterr()
    if kind in USABLE:
        assert status == 0 and out, err
        return
    lines = err.strip().splitlines()
    assert status == 2 and not out
    assert len(lines) == 1 and lines[0].startswith(f"quiz: {db}: "), err
    expected = {"read-only": "read-only", "newer-schema": "newer quiz"}.get(kind, "")
    assert expected in lines[0]
    assert snapshot(isolated_data_dir) == before


@pytest.mark.parametrize("command", [["stats"], ["exam", "--report", "LAST"], ["import", "x.md"]])
def test_a_data_dir_that_is_a_file_is_one_line(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data-file"
    data.write_text("not a directory")
    assert main(["--data-dir", str(data), *command]) == 2
    assert capsys.readouterr().err == f"quiz: data dir {data}: is a file, not a directory\n"
    assert data.read_text() == "not a directory"


def test_a_data_dir_that_cannot_be_created_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    for data, reason in [
        (Path("/proc/quiz-test/x"), "cannot be created"),
        (blocker / "data", "cannot be created: a file is in the way"),
    ]:
        assert main(["--data-dir", str(data), "stats"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"quiz: data dir {data}: {reason}") and err.count("\n") == 1


def test_a_data_dir_that_is_not_writable_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o555)
    if __import__("os").access(data, 2):  # root writes anyway: pretend it cannot
        monkeypatch.setattr("quiz.paths.os.access", lambda path, mode: False)
    assert main(["--data-dir", str(data), "exam", "--report", "LAST"]) == 2
    assert capsys.readouterr().err == f"quiz: data dir {data}: is not writable\n"


def test_a_full_disk_stores_nothing_of_the_write_and_keeps_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3
    from datetime import UTC, datetime

    now = datetime(2025, 3, 14, tzinfo=UTC)
    with Store(tmp_path / "p.sqlite3") as store:
        store.record_answer("demo/1", "A", True, 1.0, "practice", now)
        real = store.connection

        class Full:
            def execute(self, sql: str, *args: object) -> object:
                if sql == "COMMIT":
                    raise sqlite3.OperationalError("database or disk is full")
                return real.execute(sql, *args)

            def __getattr__(self, name: str) -> object:
                return getattr(real, name)

        monkeypatch.setattr(store, "connection", Full())
        with pytest.raises(StoreWriteError, match="disk is full"):
            store.record_answer("demo/2", "A", True, 1.0, "practice", now)
        assert not real.in_transaction
        monkeypatch.undo()
        assert [a.question_key for a in store.answers()] == ["demo/1"]
        store.record_answer("demo/2", "A", True, 1.0, "practice", now)
        assert len(store.answers()) == 2


@pytest.mark.parametrize(
    ("column", "value"),
    [("settings", "{not json"), ("settings", "[1, 2]"), ("started_at", "garbage")],
)
def test_a_tampered_exam_row_is_one_line_not_a_traceback(
    column: str,
    value: str,
    bank_dir: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from quiz.exam import ExamConfig, ExamSession
    from quiz.store import utc_now

    with Store() as store:
        session = ExamSession.start(store, sample_questions(), ExamConfig(count=2), utc_now)
        session.submit()
        store.connection.execute(f"UPDATE exams SET {column} = ?", (value,))
        store.connection.commit()
    assert main(["--bank-dir", str(bank_dir), "exam", "--report", "LAST"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err and "unreadable" in err, err
