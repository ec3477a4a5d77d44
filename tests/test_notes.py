"""Notes: kept in the progress database, listed and exported as Markdown by ``quiz notes``."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_records import make_question

from quiz import paths
from quiz.bank import load_banks, write_record
from quiz.cli import main
from quiz.commands.notes import NO_NOTES
from quiz.store import MIGRATIONS, Store, StoreReadOnlyError

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
TYPED = "  Watch the **trap**: [red]x[/red]\n\tsecond line\x1b[2J  "


def test_a_note_is_kept_as_typed_replaced_and_deleted_when_emptied(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with Store(db) as store:
        assert store.note("jobs/Q001") == "" and store.notes() == []
        store.set_note("jobs/Q001", TYPED, NOW)
        store.set_note("delta/Q002", "first", NOW)
        store.set_note("delta/Q002", "second", NOW + timedelta(hours=1))
    with Store(db) as store:  # another process reads what was written
        assert store.note("jobs/Q001") == TYPED
        assert [(n.question_key, n.text, n.updated) for n in store.notes()] == [
            ("delta/Q002", "second", NOW + timedelta(hours=1)),
            ("jobs/Q001", TYPED, NOW),
        ]
        store.set_note("jobs/Q001", " \n\t", NOW)
        assert store.note("jobs/Q001") == ""
        assert [n.question_key for n in store.notes()] == ["delta/Q002"]


def test_a_database_of_the_schema_before_notes_is_upgraded_and_keeps_its_answers(
    tmp_path: Path,
) -> None:
    db = tmp_path / "p.sqlite3"
    connection = sqlite3.connect(db)
    connection.create_function("power", 2, pow)
    for script in MIGRATIONS[:4]:
        connection.executescript(script)
    connection.execute(
        "INSERT INTO answers (question_key, chosen, correct, seconds, mode, answered_at)"
        " VALUES ('demo/1', 'A', 1, 1.0, 'practice', '2025-03-14T09:30:00.000000+00:00')"
    )
    connection.execute("PRAGMA user_version=4")
    connection.commit()
    connection.close()
    with Store(db) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert [a.question_key for a in store.answers()] == ["demo/1"]
        store.set_note("demo/1", "kept", NOW)
        assert store.note("demo/1") == "kept"


def test_a_note_on_a_read_only_database_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    with Store(db) as store:
        store.connection.execute("PRAGMA query_only=ON")  # as if the file became read-only
        with pytest.raises(StoreReadOnlyError):
            store.set_note("demo/1", "x", NOW)


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    write_record(tmp_path / "bank", make_question(id="Q1", stem="Which **endpoint** lists runs?"))
    return tmp_path / "bank"


def keyed(bank_dir: Path) -> str:
    """The key the one question of ``bank_dir`` has once loaded."""
    (info,) = load_banks([bank_dir]).infos
    return info.key


def test_notes_alone_lists_keys_with_first_lines_and_says_when_there_are_none(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notes"]) == 0
    assert capsys.readouterr().out == f"{NO_NOTES}\n"
    with Store(paths.progress_db()) as store:
        store.set_note("demo/Q1", "\n  first line\x1b[2J\nsecond", NOW)
        store.set_note("demo/Q2", "other", NOW)
    assert main(["notes"]) == 0
    assert capsys.readouterr().out == "demo/Q1  first line␛[2J\ndemo/Q2  other\n"


def test_notes_export_writes_markdown_to_stdout_or_a_file(
    bank_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = keyed(bank_dir)
    with Store(paths.progress_db()) as store:
        store.set_note(key, "Remember: `runs/list` pages.\n\n- second point", NOW)
        store.set_note("gone/Q9", "orphan", NOW)
    assert main(["--bank-dir", str(bank_dir), "notes", "--export"]) == 0
    expected = (
        f"# Notes\n\n## {key}\n\n> Which endpoint lists runs?\n\n"
        "Remember: `runs/list` pages.\n\n- second point\n\n"
        "## gone/Q9\n\n> (not in the banks read)\n\norphan\n"
    )
    assert capsys.readouterr().out == expected
    target = tmp_path / "notes.md"
    assert main(["--bank-dir", str(bank_dir), "notes", "--export", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == expected
    assert capsys.readouterr().out == f"2 notes written to {target}\n"


def test_notes_export_to_a_folder_that_does_not_exist_is_one_line(
    bank_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "notes.md"
    assert main(["notes", "--export", str(target)]) == 2
    assert capsys.readouterr().err.startswith(f"quiz: {target}: cannot be written (")
