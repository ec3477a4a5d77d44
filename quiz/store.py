"""Progress in SQLite: every answer, review card, bookmark and exam.

The database is opened when a ``Store`` is created, never at import time.
WAL mode and a busy timeout let two instances work at once; every write is
committed at once so a killed app loses nothing. Schema changes are the
``MIGRATIONS`` list: the database's ``user_version`` says how many have run.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quiz import paths

BUSY_TIMEOUT_SECONDS = 10.0

MIGRATIONS: list[str] = [
    # 1: answers, review cards, bookmarks, suspended questions.
    """
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        question_key TEXT NOT NULL,
        chosen TEXT NOT NULL,
        correct INTEGER NOT NULL,
        seconds REAL NOT NULL,
        mode TEXT NOT NULL,
        answered_at TEXT NOT NULL
    );
    CREATE INDEX answers_by_question ON answers (question_key, answered_at);
    CREATE INDEX answers_by_time ON answers (answered_at);
    CREATE TABLE cards (
        question_key TEXT PRIMARY KEY,
        card TEXT NOT NULL,
        due TEXT NOT NULL
    );
    CREATE INDEX cards_by_due ON cards (due);
    CREATE TABLE bookmarks (
        question_key TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    CREATE TABLE suspended (
        question_key TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    """,
]


class StoreError(Exception):
    """The progress database cannot be used as it is (damaged, or from a newer quiz)."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass(frozen=True)
class AnswerRecord:
    """One recorded answer."""

    question_key: str
    chosen: str
    correct: bool
    seconds: float
    mode: str
    answered_at: datetime


def utc_now() -> datetime:
    """The current time, timezone-aware UTC (the default clock)."""
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """A timestamp as stored: ISO 8601 in UTC, sortable as text."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """The inverse of ``to_text``."""
    return datetime.fromisoformat(text)


class Store:
    """The progress database of one user."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.progress_db()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
            )
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.close()
            raise StoreError(self.path, f"the progress database is damaged ({error})") from error

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        connection = getattr(self, "connection", None)
        if connection is not None:
            connection.close()
            self.connection = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            self.close()
            raise StoreError(
                self.path,
                f"the progress database is from a newer quiz (schema {version}, "
                f"this quiz knows {len(MIGRATIONS)})",
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once so concurrent writers queue instead of failing."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # ------------------------------------------------------------ answers

    def record_answer(
        self,
        question_key: str,
        chosen: str,
        correct: bool,
        seconds: float,
        mode: str,
        answered_at: datetime,
    ) -> int:
        """Store one answer at once; returns its id."""
        with self.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO answers (question_key, chosen, correct, seconds, mode, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (question_key, chosen, int(correct), seconds, mode, to_text(answered_at)),
            )
        return int(cursor.lastrowid or 0)

    def answers(self, question_key: str | None = None) -> list[AnswerRecord]:
        """Recorded answers, oldest first (all, or one question's)."""
        sql = "SELECT question_key, chosen, correct, seconds, mode, answered_at FROM answers"
        params: tuple[str, ...] = ()
        if question_key is not None:
            sql += " WHERE question_key = ?"
            params = (question_key,)
        rows = self.connection.execute(sql + " ORDER BY answered_at, id", params)
        return [
            AnswerRecord(key, chosen, bool(correct), seconds, mode, from_text(at))
            for key, chosen, correct, seconds, mode, at in rows
        ]


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def back_up_and_reset(path: Path, now: datetime | None = None) -> Path:
    """Move a damaged database (and its WAL files) aside; returns the backup path."""
    stamp = (now or utc_now()).strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.broken-{stamp}")
    shutil.move(path, backup)
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            shutil.move(sidecar, backup.with_name(backup.name + suffix))
    return backup
