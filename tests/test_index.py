"""The bank index: refreshed by file stamps, never trusted past a change, never a crash."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from quiz import index, paths, records
from quiz.bank import load_banks, write_record
from quiz.index import SCHEMA_VERSION, index_file
from quiz.model import Question

ROOT = Path(__file__).resolve().parent.parent


def question(number: int, level: str = "L1-Basic", bank: str = "b") -> Question:
    return Question(
        id=f"Q-{number}",
        bank=bank,
        stem=f"Which job {number}?\n\n```sql\nSELECT {number}\n```",
        options={"A": "one", "B": "two"},
        answer=("A",),
        level=level,
        topics=("Jobs-API",),
    )


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any YAML parse fail the test."""

    def fail(text: str) -> object:
        raise AssertionError("parsed a record the index holds")

    monkeypatch.setattr(records, "parse_yaml", fail)


def levels(directory: Path) -> dict[str, str]:
    return {info.key: info.level for info in load_banks([directory]).infos}


def test_metadata_comes_from_the_index_and_the_record_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in (1, 2):
        write_record(tmp_path, question(number))
    load_banks([tmp_path])
    with monkeypatch.context() as patch:
        no_parsing(patch)
        patch.setattr(records, "record_to_question", lambda record: pytest.fail("built"))
        bank = load_banks([tmp_path])
        (info,) = [info for info in bank.infos if info.key == "b/Q-2"]
        assert (info.level, info.topics, info.first_words) == (
            "L1-Basic",
            ("Jobs-API",),
            "Which job 2?",
        )
    assert bank.question("b/Q-2") == question(2)
    assert [q.key for q in bank.fetch(["b/Q-2", "none/X", "b/Q-1"])] == ["b/Q-2", "b/Q-1"]


def test_new_changed_removed_and_bad_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = write_record(tmp_path, question(1))
    two = write_record(tmp_path, question(2))
    assert levels(tmp_path) == {"b/Q-1": "L1-Basic", "b/Q-2": "L1-Basic"}
    write_record(tmp_path, question(3))
    two.write_text(two.read_text().replace("L1-Basic", "L3-Advanced"))
    one.unlink()
    bad = tmp_path / "b" / "bad.yaml"
    bad.write_text("id: [\n")
    bank = load_banks([tmp_path])
    assert {i.key: i.level for i in bank.infos} == {"b/Q-2": "L3-Advanced", "b/Q-3": "L1-Basic"}
    assert bank.question("b/Q-2").level == "L3-Advanced"
    (problem,) = bank.problems
    with monkeypatch.context() as patch:
        no_parsing(patch)  # the bad file is remembered as its problem until it changes
        assert load_banks([tmp_path]).problems == [problem]
    bad.write_text(question_text(4))
    assert "b/Q-4" in levels(tmp_path)


def question_text(number: int) -> str:
    from quiz.emitter import emit

    return emit(records.question_to_record(question(number)))


def test_a_change_within_the_same_time_and_size_is_seen(tmp_path: Path) -> None:
    path = write_record(tmp_path, question(1, "L1-Basic"))
    before = path.stat()
    assert levels(tmp_path) == {"b/Q-1": "L1-Basic"}
    with path.open("r+") as file:  # in place: the same inode
        file.write(path.read_text().replace("L1-Basic", "L9-Xxxxx"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_ino == before.st_ino
    assert levels(tmp_path) == {"b/Q-1": "L9-Xxxxx"}  # its ctime changed


def test_coarse_timestamps_are_checked_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system that keeps whole seconds and no ctime: a file changed soon after it
    was read looks the same, so it is checked by content next time."""

    def coarse(status: os.stat_result) -> index.Stamp:
        return (status.st_mtime_ns // 10**9 * 10**9, 0, status.st_size, 0)

    monkeypatch.setattr(index, "_stamp_of", coarse)
    path = write_record(tmp_path, question(1, "L1-Basic"))
    second = 10**9

    def edit(level: str, at: int) -> None:
        """Give the record this level (as long as any other) and change time ``at``."""
        text = path.read_text()
        path.write_text(text.replace("L1-Basic", level).replace("L9-Xxxxx", level))
        os.utime(path, ns=(at, at))

    edit("L1-Basic", 1000 * second)
    index.load_directory(tmp_path, clock=lambda: 1010 * second)  # read 10 s after
    edit("L9-Xxxxx", 1000 * second)
    assert levels(tmp_path) == {"b/Q-1": "L1-Basic"}  # what a coarse stamp cannot tell
    edit("L1-Basic", 2000 * second)
    index.load_directory(tmp_path, clock=lambda: 2000 * second + second // 10)  # 0.1 s after
    edit("L9-Xxxxx", 2000 * second)
    assert levels(tmp_path) == {"b/Q-1": "L9-Xxxxx"}
    assert levels(tmp_path) == {"b/Q-1": "L9-Xxxxx"}  # (checked, then trusted)


def test_a_damaged_index_or_one_of_another_schema_is_rebuilt(tmp_path: Path) -> None:
    write_record(tmp_path, question(1))
    load_banks([tmp_path])
    file = index_file(tmp_path)
    file.write_bytes(b"not a database" * 100)
    assert levels(tmp_path) == {"b/Q-1": "L1-Basic"}
    with closing(sqlite3.connect(file)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        connection.execute("PRAGMA user_version = 999")
        connection.execute("UPDATE files SET level = 'stale'")
        connection.commit()
    assert levels(tmp_path) == {"b/Q-1": "L1-Basic"}
    with closing(sqlite3.connect(file)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_index_that_cannot_be_written_is_kept_in_memory(tmp_path: Path) -> None:
    bank_dir = tmp_path / "bank"
    write_record(bank_dir, question(1))
    paths.cache_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.cache_dir().write_text("a file where the cache folder goes")
    bank = load_banks([bank_dir])
    assert [i.key for i in bank.infos] == ["b/Q-1"] and bank.problems == []
    assert bank.question("b/Q-1") == question(1)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_index_is_kept_in_memory(tmp_path: Path) -> None:
    bank_dir = tmp_path / "bank"
    write_record(bank_dir, question(1))
    load_banks([bank_dir])
    write_record(bank_dir, question(2))
    paths.cache_dir().chmod(0o500)
    try:
        assert sorted(levels(bank_dir)) == ["b/Q-1", "b/Q-2"]
    finally:
        paths.cache_dir().chmod(0o700)


CHILD = """
import sys
from pathlib import Path
from quiz import paths
from quiz.bank import load_banks
paths.use_data_dir(sys.argv[2])
bank = load_banks([Path(sys.argv[1])])
print(len(bank.infos), len(bank.problems), len(bank.questions))
"""


def test_two_processes_build_and_read_one_index_at_once(tmp_path: Path) -> None:
    bank_dir = tmp_path / "bank"
    for number in range(150):
        write_record(bank_dir, question(number))
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", CHILD, str(bank_dir), str(tmp_path / "data")]
    children = [
        subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=environment)
        for _ in range(3)
    ]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0]
    assert outputs == ["150 0 150\n"] * 3


def test_the_users_record_wins_over_a_bundled_one(tmp_path: Path) -> None:
    shipped, mine = tmp_path / "shipped", tmp_path / "mine"
    write_record(shipped, question(1, "L1-Basic"))
    write_record(shipped, question(2, "L1-Basic"))
    own = write_record(mine, question(1, "L3-Advanced"))
    for _ in range(2):  # built, then read from the indexes
        bank = load_banks([shipped, mine], bundled=[shipped])
        assert {i.key: i.level for i in bank.infos} == {"b/Q-2": "L1-Basic", "b/Q-1": "L3-Advanced"}
        assert bank.question("b/Q-1").level == "L3-Advanced"
        assert bank.bundled == {"b/Q-2"} and bank.replaced == {"b/Q-1": str(own)}
        assert bank.files["b/Q-1"] == str(own) and bank.problems == []


def test_a_cold_build_reports_its_progress(tmp_path: Path) -> None:
    for number in range(3):
        write_record(tmp_path, question(number))
    heard: list[tuple[int, int]] = []
    load_banks([tmp_path], progress=lambda done, total: heard.append((done, total)))
    assert heard == [(0, 3), (3, 3)]
    heard.clear()
    load_banks([tmp_path], progress=lambda done, total: heard.append((done, total)))
    assert heard == []


def test_the_progress_line_shows_only_for_many_files(capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.commands._shared import PROGRESS_FROM, progress_line

    progress_line(0, PROGRESS_FROM - 1)
    assert capsys.readouterr().err == ""
    progress_line(100, PROGRESS_FROM)
    progress_line(PROGRESS_FROM, PROGRESS_FROM)
    assert capsys.readouterr().err == (
        f"reading records 100/{PROGRESS_FROM}\r"
        + " " * len(f"reading records 100/{PROGRESS_FROM}")
        + "\r"
    )


def test_a_practice_session_reads_only_the_questions_it_deals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random
    from datetime import UTC, datetime

    from quiz.learning import SESSION_LENGTH
    from quiz.store import Store
    from quiz.study import Study

    for number in range(SESSION_LENGTH + 30):
        write_record(tmp_path / "bank", question(number))
    bank = load_banks([tmp_path / "bank"])
    read: list[str] = []
    fetch = index.IndexedDirectory.fetch

    def counted(self: index.IndexedDirectory, names: list[str]) -> dict[str, Question]:
        read.extend(names)
        return fetch(self, names)

    monkeypatch.setattr(index.IndexedDirectory, "fetch", counted)
    with Store(tmp_path / "progress.sqlite3") as store:
        clock = lambda: datetime(2025, 1, 1, tzinfo=UTC)  # noqa: E731
        plan = Study(bank, store, clock, random.Random(1)).practice()
    assert len(plan.questions) == SESSION_LENGTH == len(read)
    assert plan.questions[0] == question(int(plan.questions[0].id.split("-")[1]))


def test_the_json_cache_the_index_replaces_is_deleted(tmp_path: Path) -> None:
    write_record(tmp_path, question(1))
    old = index_file(tmp_path).with_suffix(".json")
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"version": 3, "files": {}}')
    load_banks([tmp_path])
    assert not old.exists() and index_file(tmp_path).exists()


def test_a_full_disk_while_indexing_keeps_the_index_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_record(tmp_path / "bank", question(1))
    write_record(tmp_path / "bank", question(2))
    store = index._store

    def full_disk(connection: sqlite3.Connection, *args: object) -> None:
        if connection.execute("PRAGMA database_list").fetchone()[2]:  # a file, not memory
            raise sqlite3.OperationalError("database or disk is full")
        store(connection, *args)  # type: ignore[arg-type]

    (tmp_path / "bank" / "b" / "Q-1.yaml").touch()
    monkeypatch.setattr(index, "_store", full_disk)
    bank = load_banks([tmp_path / "bank"])
    assert [i.key for i in bank.infos] == ["b/Q-1", "b/Q-2"] and bank.problems == []
    assert bank.question("b/Q-2") == question(2)


def test_quiz_list_reads_no_record_but_with_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quiz.cli import main

    write_record(tmp_path / "bank", question(1))
    assert main(["list", "--bank-dir", str(tmp_path / "bank")]) == 0
    capsys.readouterr()
    with monkeypatch.context() as patch:
        patch.setattr(records, "record_to_question", lambda record: pytest.fail("read"))
        assert main(["list", "--bank-dir", str(tmp_path / "bank")]) == 0
    assert "b/Q-1  L1-Basic  Jobs-API  Which job 1?" in capsys.readouterr().out
    assert main(["list", "--bank-dir", str(tmp_path / "bank"), "--json"]) == 0
    assert '"stem": "Which job 1?' in capsys.readouterr().out


def test_a_question_that_can_no_longer_be_read_is_not_in_the_bank_by_key(tmp_path: Path) -> None:
    path = write_record(tmp_path, question(1))
    bank = load_banks([tmp_path])
    with closing(sqlite3.connect(index_file(tmp_path))) as connection, connection:
        connection.execute("DELETE FROM records")  # the index lost it, and the file went bad
    path.write_text("id: [\n")
    assert "b/Q-1" in bank and "b/Q-1" not in bank.by_key()
    assert bank.fetch(["b/Q-1"]) == []
