"""Ways a progress database is found damaged, for the CLI and app tests (a small sample)."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.exam import ExamConfig, ExamSession
from quiz.model import Question
from quiz.store import Store

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
PAGE = 4096


def sample_questions() -> list[Question]:
    """Three small questions in the bank ``demo``."""
    return [
        Question(
            id=f"D{n}",
            bank="demo",
            stem=f"Which {n}?",
            options={"A": "a", "B": "b"},
            answer=("A",),
            topics=("Jobs-API",),
        )
        for n in range(3)
    ]


def fill(db: Path) -> None:
    """A database with a few answers, cards and one finished exam."""
    with Store(db) as store:
        session = ExamSession.start(
            store, sample_questions(), ExamConfig(count=3, seed=1), lambda: NOW
        )
        session.choose({"A"})
        session.submit()
        for n in range(20):
            store.record_answer("demo/D0", "A", True, 1.0, "practice", NOW - timedelta(days=n))


def _truncated(db: Path) -> None:
    with db.open("r+b") as file:
        file.truncate(2 * PAGE)


def _page_overwritten(db: Path) -> None:
    """A seeded random page of the progress tables (not the answer history) overwritten."""
    connection = sqlite3.connect(db)
    pages = [
        page
        for (page,) in connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name != 'answers'"
            " AND rootpage > 1"
        )
    ]
    connection.close()
    rng = random.Random(7)
    page = rng.choice(pages)
    with db.open("r+b") as file:
        file.seek((page - 1) * PAGE)
        file.write(rng.randbytes(PAGE))


def _header_bytes(db: Path) -> None:
    with db.open("r+b") as file:
        file.write(random.Random(3).randbytes(100))


def _newer(db: Path) -> None:
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version=999")
    connection.close()


def _read_only(db: Path) -> None:
    db.chmod(0o444)


def _directory(db: Path) -> None:
    db.unlink()
    db.mkdir()
    (db / "keep.txt").write_text("mine")


def _dangling(db: Path) -> None:
    db.unlink()
    db.symlink_to(db.parent / "gone" / "progress.sqlite3")


def _garbage_wal(db: Path) -> None:
    db.with_name(db.name + "-wal").write_bytes(random.Random(5).randbytes(3 * PAGE))


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated": _truncated,
    "page-overwritten": _page_overwritten,
    "header-bytes": _header_bytes,
    "newer-schema": _newer,
    "read-only": _read_only,
    "directory": _directory,
    "dangling-symlink": _dangling,
    "garbage-wal": _garbage_wal,
}
USABLE = {"garbage-wal"}
"""Damage SQLite shrugs off: a WAL whose checksums fail is ignored, the database works."""


def damaged(db: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fill a database and damage it; a read-only file stays read-only even for root."""
    fill(db)
    DAMAGES[kind](db)
    if kind == "read-only" and os.access(db, os.W_OK):
        real = os.access
        monkeypatch.setattr(
            "quiz.store.os.access",
            lambda path, mode: False if Path(path) == db and mode & os.W_OK else real(path, mode),
        )


def snapshot(directory: Path) -> dict[str, bytes | str]:
    """The progress database's files (recursively) with their content, to prove nothing
    changed (the bank cache may come and go)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(directory.rglob("progress.sqlite3*")):
        key = str(path.relative_to(directory))
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes()
        else:
            found[key] = "dir"
    return found
