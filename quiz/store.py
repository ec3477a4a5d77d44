"""Progress in SQLite: every answer, review card, bookmark and exam.

The database is opened when a ``Store`` is created, never at import time.
WAL mode and a busy timeout let two instances work at once; every write is
committed at once so a killed app loses nothing. Schema changes are the
``MIGRATIONS`` list: the database's ``user_version`` says how many have run.

Every SQLite error leaves as a ``StoreError``: ``StoreWriteError`` when a write may work
later (the disk is full; nothing of it was stored), ``StoreReadOnlyError`` when quiz may not
write the file, plain ``StoreError`` when the file is damaged (back it up, start fresh).
"""

from __future__ import annotations

import functools
import json
import math
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from quiz import paths

BUSY_TIMEOUT_SECONDS = 10.0
_FLAG_TABLES = ("bookmarks", "suspended")
DECAY_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)  # julianday 2460310.5, used by migration 3
DECAY_HALF_LIFE_DAYS = 30.0

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
    # 2: mock exams (settings as JSON, the deadline, and one row per drawn question).
    """
    CREATE TABLE exams (
        id INTEGER PRIMARY KEY,
        settings TEXT NOT NULL,
        started_at TEXT NOT NULL,
        deadline TEXT NOT NULL,
        paused_at TEXT,
        position INTEGER NOT NULL DEFAULT 0,
        finished_at TEXT,
        end_reason TEXT,
        correct INTEGER,
        total INTEGER,
        recorded INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE exam_items (
        exam_id INTEGER NOT NULL REFERENCES exams (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question_key TEXT NOT NULL,
        chosen TEXT NOT NULL DEFAULT '',
        flagged INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (exam_id, position)
    );
    """,
    # 3: per-question and per-hour (UTC) answer totals kept by triggers, so weak tags and
    # stats stay fast with 100,000 answers. ``decay``/``decay_correct`` sum
    # 2 ** (days since 2024-01-01 / 30); multiplied by 2 ** -(days until now / 30) they give
    # recency weights with a 30-day half-life (see ``Store.answer_totals``).
    """
    CREATE TABLE question_totals (
        question_key TEXT PRIMARY KEY,
        attempts INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        decay REAL NOT NULL,
        decay_correct REAL NOT NULL,
        last_answered TEXT NOT NULL,
        last_correct INTEGER NOT NULL
    );
    INSERT INTO question_totals
        SELECT question_key, count(*), sum(correct),
               sum(power(2.0, (julianday(answered_at) - 2460310.5) / 30.0)),
               sum(correct * power(2.0, (julianday(answered_at) - 2460310.5) / 30.0)),
               max(answered_at), substr(max(answered_at || correct), -1)
        FROM answers GROUP BY question_key;
    CREATE TRIGGER answers_count AFTER INSERT ON answers BEGIN
        INSERT INTO question_totals VALUES (
            new.question_key, 1, new.correct,
            power(2.0, (julianday(new.answered_at) - 2460310.5) / 30.0),
            new.correct * power(2.0, (julianday(new.answered_at) - 2460310.5) / 30.0),
            new.answered_at, new.correct)
        ON CONFLICT (question_key) DO UPDATE SET
            attempts = attempts + 1,
            correct = correct + new.correct,
            decay = decay + excluded.decay,
            decay_correct = decay_correct + excluded.decay_correct,
            last_correct = CASE WHEN new.answered_at >= last_answered
                THEN new.correct ELSE last_correct END,
            last_answered = max(last_answered, new.answered_at);
    END;
    CREATE TRIGGER answers_uncount AFTER DELETE ON answers BEGIN
        UPDATE question_totals SET
            attempts = attempts - 1,
            correct = correct - old.correct,
            decay = decay - power(2.0, (julianday(old.answered_at) - 2460310.5) / 30.0),
            decay_correct = decay_correct
                - old.correct * power(2.0, (julianday(old.answered_at) - 2460310.5) / 30.0),
            last_answered = coalesce((SELECT max(answered_at) FROM answers
                WHERE question_key = old.question_key), ''),
            last_correct = coalesce((SELECT correct FROM answers
                WHERE question_key = old.question_key
                ORDER BY answered_at DESC, id DESC LIMIT 1), 0)
        WHERE question_key = old.question_key;
        DELETE FROM question_totals WHERE question_key = old.question_key AND attempts = 0;
        UPDATE answer_hours SET answers = answers - 1, correct = correct - old.correct
        WHERE hour = substr(old.answered_at, 1, 13);
    END;
    CREATE TABLE answer_hours (
        hour TEXT PRIMARY KEY,
        answers INTEGER NOT NULL,
        correct INTEGER NOT NULL
    );
    INSERT INTO answer_hours
        SELECT substr(answered_at, 1, 13), count(*), sum(correct) FROM answers
        GROUP BY substr(answered_at, 1, 13);
    CREATE TRIGGER answers_hour AFTER INSERT ON answers BEGIN
        INSERT INTO answer_hours VALUES (substr(new.answered_at, 1, 13), 1, new.correct)
        ON CONFLICT (hour) DO UPDATE SET
            answers = answers + 1, correct = correct + new.correct;
    END;
    """,
    # 4: which window has an unfinished exam open (see ``Store.claim_exam``).
    """
    CREATE TABLE exam_leases (
        exam_id INTEGER PRIMARY KEY REFERENCES exams (id) ON DELETE CASCADE,
        holder TEXT NOT NULL,
        heartbeat TEXT NOT NULL
    );
    """,
    # 5: a personal note per question, stored as typed (see ``Store.set_note``).
    """
    CREATE TABLE notes (
        question_key TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    """,
    # 6: the readiness forecast made just before each mock exam (see ``quiz.forecast``).
    """
    CREATE TABLE exam_forecasts (
        exam_id INTEGER PRIMARY KEY REFERENCES exams (id) ON DELETE CASCADE,
        blueprint TEXT NOT NULL,
        expected REAL NOT NULL,
        low REAL NOT NULL,
        high REAL NOT NULL,
        pass_chance REAL NOT NULL,
        made_at TEXT NOT NULL
    );
    """,
    # 7: "I'm guessing": whether an answer was a guess, and per question how many guesses
    # and right guesses (``decay_guessed_correct`` weighted as in migration 3), so tag scores
    # can weigh a right guess as half right (see ``quiz.learning``).
    """
    ALTER TABLE answers ADD COLUMN guessed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE question_totals ADD COLUMN guesses INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE question_totals ADD COLUMN guessed_correct INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE question_totals ADD COLUMN decay_guessed_correct REAL NOT NULL DEFAULT 0;
    DROP TRIGGER answers_count;
    CREATE TRIGGER answers_count AFTER INSERT ON answers BEGIN
        INSERT INTO question_totals (question_key, attempts, correct, decay, decay_correct,
            last_answered, last_correct, guesses, guessed_correct, decay_guessed_correct)
        VALUES (
            new.question_key, 1, new.correct,
            power(2.0, (julianday(new.answered_at) - 2460310.5) / 30.0),
            new.correct * power(2.0, (julianday(new.answered_at) - 2460310.5) / 30.0),
            new.answered_at, new.correct, new.guessed, new.guessed * new.correct,
            new.guessed * new.correct
                * power(2.0, (julianday(new.answered_at) - 2460310.5) / 30.0))
        ON CONFLICT (question_key) DO UPDATE SET
            attempts = attempts + 1,
            correct = correct + new.correct,
            decay = decay + excluded.decay,
            decay_correct = decay_correct + excluded.decay_correct,
            guesses = guesses + excluded.guesses,
            guessed_correct = guessed_correct + excluded.guessed_correct,
            decay_guessed_correct = decay_guessed_correct + excluded.decay_guessed_correct,
            last_correct = CASE WHEN new.answered_at >= last_answered
                THEN new.correct ELSE last_correct END,
            last_answered = max(last_answered, new.answered_at);
    END;
    DROP TRIGGER answers_uncount;
    CREATE TRIGGER answers_uncount AFTER DELETE ON answers BEGIN
        UPDATE question_totals SET
            attempts = attempts - 1,
            correct = correct - old.correct,
            decay = decay - power(2.0, (julianday(old.answered_at) - 2460310.5) / 30.0),
            decay_correct = decay_correct
                - old.correct * power(2.0, (julianday(old.answered_at) - 2460310.5) / 30.0),
            guesses = guesses - old.guessed,
            guessed_correct = guessed_correct - old.guessed * old.correct,
            decay_guessed_correct = decay_guessed_correct - old.guessed * old.correct
                * power(2.0, (julianday(old.answered_at) - 2460310.5) / 30.0),
            last_answered = coalesce((SELECT max(answered_at) FROM answers
                WHERE question_key = old.question_key), ''),
            last_correct = coalesce((SELECT correct FROM answers
                WHERE question_key = old.question_key
                ORDER BY answered_at DESC, id DESC LIMIT 1), 0)
        WHERE question_key = old.question_key;
        DELETE FROM question_totals WHERE question_key = old.question_key AND attempts = 0;
        UPDATE answer_hours SET answers = answers - 1, correct = correct - old.correct
        WHERE hour = substr(old.answered_at, 1, 13);
    END;
    """,
    # 8: "I'm guessing" in a mock exam, kept per exam question until the exam is recorded;
    # and the answers in the order the forecast reads first answers (``first_answers``).
    """
    ALTER TABLE exam_items ADD COLUMN guessed INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX answers_first ON answers (question_key, answered_at, correct, guessed);
    """,
]


UNCHECKED_TABLES = ("answers",)
"""Left out of the check on opening: the answer history is most of the file (at 10^6
answers ``PRAGMA quick_check`` takes 0.2 s, the other tables a few ms; see
``benchmarks/bench_store_check.py``). Damage there shows when it is written or read."""

StoredCard = tuple[str, datetime]
"""A review card as stored: FSRS JSON and when it is due."""
Review = tuple["AnswerRecord", str, datetime]
"""An answer to store with the question's new card and its due time."""

_P = ParamSpec("_P")
_T = TypeVar("_T")


class StoreError(Exception):
    """The progress database cannot be used as it is (damaged, or from a newer quiz)."""

    can_reset = True
    """Whether backing the file up and starting fresh is a way out."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class StoreReadOnlyError(StoreError):
    """quiz may not write the progress database (its permissions, or a read-only disk)."""

    can_reset = False


class StoreWriteError(StoreError):
    """A write failed but may work later (the disk is full): nothing of it was stored."""

    can_reset = False


class StoreClosedError(StoreError):
    """A call on a store already closed (a worker thread that was still reading when the
    app quit): nothing to show, nothing was stored."""

    can_reset = False


class ExamLeaseError(Exception):
    """A change to an exam by a window that does not hold it (any more): nothing was stored.
    The message says why, in words for the person."""


class _Undecodable(ValueError):
    """A stored value that cannot be read back: the database was damaged or tampered with."""


def _store_error(path: Path, error: sqlite3.Error | _Undecodable) -> StoreError:
    """The ``StoreError`` that says what an SQLite error (or a stored value that cannot be
    read back) means for the person."""
    if isinstance(error, _Undecodable):
        return StoreError(path, f"the progress database is damaged ({error} is unreadable)")
    code = getattr(error, "sqlite_errorcode", None) or 0
    text = str(error)
    if code & 0xFF == sqlite3.SQLITE_FULL or "disk is full" in text:
        return StoreWriteError(path, "the disk is full: free some space and try again")
    if code & 0xFF == sqlite3.SQLITE_IOERR or "disk I/O error" in text:
        return StoreWriteError(path, f"the disk could not be written ({text})")
    if code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "is locked" in text:
        return StoreWriteError(path, "another program holds the database: try again")
    if code & 0xFF == sqlite3.SQLITE_READONLY or "readonly" in text:
        return StoreReadOnlyError(path, "the progress database is read-only")
    return StoreError(path, f"the progress database is damaged ({text})")


def _guarded(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """Turn the SQLite errors of a ``Store`` method into ``StoreError``."""

    @functools.wraps(method)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        store = args[0]
        assert isinstance(store, Store)
        with store.lock:
            if store.closed:
                raise StoreClosedError(store.path, "the progress database is closed")
            try:
                return method(*args, **kwargs)
            except (sqlite3.DatabaseError, _Undecodable) as error:
                if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
                    raise
                raise _store_error(store.path, error) from error

    return run


@dataclass(frozen=True)
class AnswerRecord:
    """One recorded answer."""

    question_key: str
    chosen: str
    correct: bool
    seconds: float
    mode: str
    answered_at: datetime
    guessed: bool = False
    """The person marked the answer "I'm guessing" before submitting it."""


@dataclass(frozen=True)
class AnswerTotals:
    """One question's answers summed up; ``recent*`` weigh each answer by its age."""

    attempts: int
    correct: int
    recent: float
    recent_correct: float
    last_answered: datetime
    last_correct: bool
    guesses: int = 0
    guessed_correct: int = 0
    recent_guessed_correct: float = 0.0


@dataclass(frozen=True)
class DayTotal:
    """How many answers were given on one day, and how many were right."""

    day: date
    answers: int
    correct: int


@dataclass(frozen=True)
class Note:
    """A person's note on a question, as typed, and when it was last changed."""

    question_key: str
    text: str
    updated: datetime


@dataclass(frozen=True)
class StoredExamItem:
    """One question of a stored exam: its key and what the person did with it."""

    question_key: str
    chosen: str = ""
    flagged: bool = False
    seconds: float = 0.0
    guessed: bool = False


@dataclass(frozen=True)
class StoredExam:
    """A mock exam as stored: settings, clock, position, outcome and its questions."""

    id: int
    settings: dict[str, Any]
    started_at: datetime
    deadline: datetime
    paused_at: datetime | None
    position: int
    finished_at: datetime | None
    end_reason: str | None
    recorded: bool
    items: tuple[StoredExamItem, ...]


@dataclass(frozen=True)
class StoredForecast:
    """A readiness forecast as stored with the exam it was made for (scores 0..1)."""

    blueprint: str
    expected: float
    low: float
    high: float
    pass_chance: float
    made_at: datetime


@dataclass(frozen=True)
class ForecastOutcome:
    """A finished exam's forecast and its actual score."""

    exam_id: int
    forecast: StoredForecast
    finished_at: datetime
    correct: int
    total: int


@dataclass(frozen=True)
class CardMemory:
    """What the forecast reads of a review card: FSRS stability (days), last review, due."""

    stability: float | None
    last_review: datetime | None
    due: datetime


@dataclass(frozen=True)
class ExamLease:
    """Which window (``holder``) has an exam open, and when it last said so."""

    holder: str
    heartbeat: datetime


@dataclass(frozen=True)
class ExamSummary:
    """A finished mock exam's outcome, for the trend."""

    id: int
    settings: dict[str, Any]
    started_at: datetime
    finished_at: datetime
    correct: int
    total: int


def utc_now() -> datetime:
    """The current time, timezone-aware UTC (the default clock)."""
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """A timestamp as stored: ISO 8601 in UTC, sortable as text."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """The inverse of ``to_text``."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError) as error:
        raise _Undecodable(f"the time {text!r}") from error


def _settings(text: str) -> dict[str, Any]:
    """An exam's stored settings (a JSON object)."""
    try:
        settings = json.loads(text)
    except (TypeError, ValueError) as error:
        raise _Undecodable("an exam's settings") from error
    if not isinstance(settings, dict):
        raise _Undecodable("an exam's settings")
    return settings


class Store:
    """The progress database of one user."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.progress_db()
        self.lock = threading.RLock()
        """Held by every call: a worker thread's read and closing the store never overlap
        (SQLite would crash the process on a connection closed mid-query)."""
        self.closed = False
        paths.ensure_dir(self.path.parent)
        _check_file(self.path)
        try:
            # Not tied to one thread: the app's screens read it in a worker thread
            # (``QuizScreen.store_work``); every write stays on the app's thread.
            self.connection: sqlite3.Connection = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.execute("PRAGMA foreign_keys=ON")
            # The running-total triggers use power(); not every SQLite build has it.
            self.connection.create_function("power", 2, math.pow, deterministic=True)
            self._check_version()
            self._check_pages()
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.close()
            raise _store_error(self.path, error) from error
        except StoreError:
            self.close()
            raise

    def close(self) -> None:
        """Close the connection (safe to call twice; a closed store refuses every call)."""
        with self.lock:
            connection = getattr(self, "connection", None)
            if connection is not None:
                connection.close()
            self.closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_version(self) -> None:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                self.path,
                f"the progress database is from a newer quiz (schema {version}, "
                f"this quiz knows {len(MIGRATIONS)})",
            )

    def _check_pages(self) -> None:
        """``PRAGMA quick_check`` of every table but the answer history (see
        ``UNCHECKED_TABLES``): damaged pages are found here, not on the first answer."""
        tables = [
            name
            for (name,) in self.connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
            if name not in UNCHECKED_TABLES
        ]
        for table in tables:
            found = self.connection.execute(f'PRAGMA quick_check("{table}")').fetchall()
            if found != [("ok",)]:
                raise StoreError(
                    self.path, f"the progress database is damaged ({table}: {found[0][0]})"
                )

    def _migrate(self) -> None:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once so concurrent writers queue instead of failing.
        Whatever goes wrong (even the commit, on a full disk), nothing of it stays."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except BaseException:
            if self.connection.in_transaction:
                with suppress(sqlite3.Error):
                    self.connection.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ answers

    @_guarded
    def record_answer(
        self,
        question_key: str,
        chosen: str,
        correct: bool,
        seconds: float,
        mode: str,
        answered_at: datetime,
        guessed: bool = False,
    ) -> int:
        """Store one answer at once (no review card); returns its id."""
        answer = AnswerRecord(question_key, chosen, correct, seconds, mode, answered_at, guessed)
        with self.transaction() as connection:
            return _insert_answer(connection, answer)

    @_guarded
    def answers(self, question_key: str | None = None) -> list[AnswerRecord]:
        """Recorded answers, oldest first (all, or one question's)."""
        sql = (
            "SELECT question_key, chosen, correct, seconds, mode, answered_at, guessed FROM answers"
        )
        params: tuple[str, ...] = ()
        if question_key is not None:
            sql += " WHERE question_key = ?"
            params = (question_key,)
        rows = self.connection.execute(sql + " ORDER BY answered_at, id", params)
        return [
            AnswerRecord(key, chosen, bool(correct), seconds, mode, from_text(at), bool(guessed))
            for key, chosen, correct, seconds, mode, at, guessed in rows
        ]

    @_guarded
    def record_review(
        self, question_key: str, review: Callable[[StoredCard | None], Review]
    ) -> tuple[int, StoredCard | None]:
        """Read a question's card, let ``review`` make the answer and the new card from it,
        and store both, all in one transaction: answers given at once by several processes
        are applied one after the other, none is lost. Returns the answer's id and the card
        it replaced."""
        with self.transaction() as connection:
            previous = _read_card(connection, question_key)
            return _insert_review(connection, *review(previous)), previous

    @_guarded
    def record_exam_reviews(
        self, exam_id: int, reviews: Iterable[tuple[str, Callable[[StoredCard | None], Review]]]
    ) -> bool:
        """Store a finished exam's answers with their new review cards (each made by its
        ``review`` from the card read in the transaction, as in ``record_review``) and mark
        the exam recorded, all in one transaction; False (and nothing stored) when it
        already was, by this process or another."""
        with self.transaction() as connection:
            claimed = connection.execute(
                "UPDATE exams SET recorded = 1 WHERE id = ? AND recorded = 0", (exam_id,)
            ).rowcount
            if not claimed:
                return False
            for question_key, review in reviews:
                _insert_review(connection, *review(_read_card(connection, question_key)))
        return True

    @_guarded
    def undo_review(
        self, answer_id: int, question_key: str, card: str | None, due: datetime | None
    ) -> None:
        """Delete an answer and put back the card it replaced (``None``: there was none),
        unless a later answer to the question (from another process) has replaced it since."""
        with self.transaction() as connection:
            (latest,) = connection.execute(
                "SELECT max(id) FROM answers WHERE question_key = ?", (question_key,)
            ).fetchone()
            connection.execute("DELETE FROM answers WHERE id = ?", (answer_id,))
            if latest != answer_id:
                return
            if card is None or due is None:
                connection.execute("DELETE FROM cards WHERE question_key = ?", (question_key,))
            else:
                connection.execute(
                    "INSERT OR REPLACE INTO cards (question_key, card, due) VALUES (?, ?, ?)",
                    (question_key, card, to_text(due)),
                )

    @_guarded
    def card(self, question_key: str) -> StoredCard | None:
        """A question's review card (FSRS JSON) and when it is due, if it has one."""
        return _read_card(self.connection, question_key)

    @_guarded
    def due_dates(self) -> dict[str, datetime]:
        """When every question with a review card is due."""
        rows = self.connection.execute("SELECT question_key, due FROM cards")
        return {key: from_text(due) for key, due in rows}

    @_guarded
    def card_memory(self) -> dict[str, CardMemory]:
        """Every review card's FSRS stability, last review and due time."""
        rows = self.connection.execute(
            "SELECT question_key, json_extract(card, '$.stability'),"
            " json_extract(card, '$.last_review'), due FROM cards"
        )
        return {
            key: CardMemory(
                float(stability) if isinstance(stability, int | float) else None,
                from_text(last) if last else None,
                from_text(due),
            )
            for key, stability, last, due in rows
        }

    @_guarded
    def first_answers(self) -> dict[str, tuple[bool, bool]]:
        """Per question, whether the first answer ever given to it was right, and whether it
        was a guess."""
        rows = self.connection.execute(
            "SELECT question_key, correct, guessed, min(answered_at) FROM answers"
            " GROUP BY question_key"
        )
        return {key: (bool(correct), bool(guessed)) for key, correct, guessed, _ in rows}

    @_guarded
    def answer_seconds(self, question_key: str) -> list[float]:
        """How long each answer to one question took, in seconds, oldest first."""
        rows = self.connection.execute(
            "SELECT seconds FROM answers WHERE question_key = ? ORDER BY answered_at, id",
            (question_key,),
        )
        return [float(seconds) for (seconds,) in rows]

    @_guarded
    def recent_seconds(self, limit: int) -> list[float]:
        """How long the last ``limit`` answers took, in seconds."""
        rows = self.connection.execute(
            "SELECT seconds FROM answers ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [float(seconds) for (seconds,) in rows]

    @_guarded
    def answer_totals(
        self, now: datetime, half_life_days: float = DECAY_HALF_LIFE_DAYS
    ) -> dict[str, AnswerTotals]:
        """Per question: attempts, correct, and both weighted by ``0.5 ** (age / 30 days)``.

        The weights are kept by migration 3's triggers, so only the 30-day half-life exists.
        """
        if half_life_days != DECAY_HALF_LIFE_DAYS:
            raise ValueError(f"answer totals use a {DECAY_HALF_LIFE_DAYS}-day half-life")
        age = (now - DECAY_EPOCH).total_seconds() / 86400
        scale = 0.5 ** (age / DECAY_HALF_LIFE_DAYS)
        rows = self.connection.execute(
            "SELECT question_key, attempts, correct, decay, decay_correct, last_answered,"
            " last_correct, guesses, guessed_correct, decay_guessed_correct FROM question_totals"
        )
        return {
            key: AnswerTotals(
                attempts,
                right,
                decay * scale,
                decay_right * scale,
                from_text(last),
                bool(ok),
                guesses,
                lucky,
                d_lucky * scale,
            )
            for key, attempts, right, decay, decay_right, last, ok, guesses, lucky, d_lucky in rows
        }

    @_guarded
    def day_totals(self, utc_offset: timedelta, since: datetime) -> list[DayTotal]:
        """Answers and correct answers per day since a moment, oldest first.

        Days are counted in the given UTC offset from hourly totals (an offset that is not a
        whole hour shifts the day boundary by its extra minutes).
        """
        rows = self.connection.execute(
            "SELECT hour, answers, correct FROM answer_hours WHERE hour >= ? AND answers > 0"
            " ORDER BY hour",
            (to_text(since)[:13],),
        )
        days: dict[date, list[int]] = {}
        for hour, answers, correct in rows:
            day = (datetime.fromisoformat(hour + ":00+00:00") + utc_offset).date()
            entry = days.setdefault(day, [0, 0])
            entry[0] += answers
            entry[1] += correct
        return [DayTotal(day, answers, correct) for day, (answers, correct) in days.items()]

    @_guarded
    def flagged(self, table: str) -> set[str]:
        """The question keys in ``bookmarks`` or ``suspended``."""
        if table not in _FLAG_TABLES:
            raise ValueError(f"not a flag table: {table}")
        return {key for (key,) in self.connection.execute(f"SELECT question_key FROM {table}")}

    @_guarded
    def set_flag(self, table: str, question_key: str, on: bool, now: datetime) -> None:
        """Add a question to (or remove it from) ``bookmarks`` or ``suspended``."""
        if table not in _FLAG_TABLES:
            raise ValueError(f"not a flag table: {table}")
        with self.transaction() as connection:
            if on:
                connection.execute(
                    f"INSERT OR IGNORE INTO {table} (question_key, created_at) VALUES (?, ?)",
                    (question_key, to_text(now)),
                )
            else:
                connection.execute(f"DELETE FROM {table} WHERE question_key = ?", (question_key,))

    # ------------------------------------------------------------ notes

    @_guarded
    def note(self, question_key: str) -> str:
        """The person's note on a question ("" when there is none)."""
        row = self.connection.execute(
            "SELECT text FROM notes WHERE question_key = ?", (question_key,)
        ).fetchone()
        return str(row[0]) if row else ""

    @_guarded
    def set_note(self, question_key: str, text: str, now: datetime) -> None:
        """Keep a note on a question as typed; an empty (or blank) note deletes it."""
        with self.transaction() as connection:
            if text.strip():
                connection.execute(
                    "INSERT OR REPLACE INTO notes (question_key, text, updated) VALUES (?, ?, ?)",
                    (question_key, text, to_text(now)),
                )
            else:
                connection.execute("DELETE FROM notes WHERE question_key = ?", (question_key,))

    @_guarded
    def notes(self) -> list[Note]:
        """Every note, by question key."""
        rows = self.connection.execute(
            "SELECT question_key, text, updated FROM notes ORDER BY question_key"
        )
        return [Note(key, text, from_text(updated)) for key, text, updated in rows]

    # ------------------------------------------------------------ exams

    @_guarded
    def create_exam(
        self,
        settings: dict[str, Any],
        question_keys: Sequence[str],
        started_at: datetime,
        deadline: datetime,
        holder: str,
        forecast: StoredForecast | None = None,
    ) -> int:
        """Store a new exam with its questions in order, open in ``holder``'s window, with
        the forecast made for it; returns its id."""
        with self.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO exams (settings, started_at, deadline) VALUES (?, ?, ?)",
                (json.dumps(settings), to_text(started_at), to_text(deadline)),
            )
            exam_id = int(cursor.lastrowid or 0)
            connection.executemany(
                "INSERT INTO exam_items (exam_id, position, question_key) VALUES (?, ?, ?)",
                [(exam_id, position, key) for position, key in enumerate(question_keys)],
            )
            connection.execute(
                "INSERT INTO exam_leases (exam_id, holder, heartbeat) VALUES (?, ?, ?)",
                (exam_id, holder, to_text(started_at)),
            )
            if forecast is not None:
                connection.execute(
                    "INSERT INTO exam_forecasts VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        exam_id,
                        forecast.blueprint,
                        forecast.expected,
                        forecast.low,
                        forecast.high,
                        forecast.pass_chance,
                        to_text(forecast.made_at),
                    ),
                )
        return exam_id

    @_guarded
    def forecast_outcomes(self) -> list[ForecastOutcome]:
        """Every finished exam that has a forecast, with its score, oldest first."""
        rows = self.connection.execute(
            "SELECT e.id, f.blueprint, f.expected, f.low, f.high, f.pass_chance, f.made_at,"
            " e.finished_at, e.correct, e.total FROM exam_forecasts f JOIN exams e"
            " ON e.id = f.exam_id WHERE e.finished_at IS NOT NULL AND e.total > 0"
            " ORDER BY e.finished_at, e.id"
        )
        return [
            ForecastOutcome(
                exam_id,
                StoredForecast(name, expected, low, high, chance, from_text(made)),
                from_text(finished),
                correct,
                total,
            )
            for exam_id, name, expected, low, high, chance, made, finished, correct, total in rows
        ]

    @_guarded
    def exam(self, exam_id: int) -> StoredExam | None:
        """One exam with its questions, or None."""
        row = self.connection.execute(
            "SELECT id, settings, started_at, deadline, paused_at, position, finished_at,"
            " end_reason, recorded FROM exams WHERE id = ?",
            (exam_id,),
        ).fetchone()
        if row is None:
            return None
        items = self.connection.execute(
            "SELECT question_key, chosen, flagged, seconds, guessed FROM exam_items"
            " WHERE exam_id = ? ORDER BY position",
            (exam_id,),
        )
        return StoredExam(
            id=row[0],
            settings=_settings(row[1]),
            started_at=from_text(row[2]),
            deadline=from_text(row[3]),
            paused_at=from_text(row[4]) if row[4] else None,
            position=row[5],
            finished_at=from_text(row[6]) if row[6] else None,
            end_reason=row[7],
            recorded=bool(row[8]),
            items=tuple(
                StoredExamItem(key, chosen, bool(flagged), seconds, bool(guessed))
                for key, chosen, flagged, seconds, guessed in items
            ),
        )

    @_guarded
    def unfinished_exam_ids(self) -> list[int]:
        """Exams not yet submitted, oldest first."""
        rows = self.connection.execute("SELECT id FROM exams WHERE finished_at IS NULL ORDER BY id")
        return [exam_id for (exam_id,) in rows]

    @_guarded
    def finished_exams(self) -> list[ExamSummary]:
        """Every submitted exam's outcome, oldest first."""
        rows = self.connection.execute(
            "SELECT id, settings, started_at, finished_at, correct, total FROM exams"
            " WHERE finished_at IS NOT NULL ORDER BY started_at, id"
        )
        return [
            ExamSummary(
                exam_id, _settings(settings), from_text(start), from_text(end), right, total
            )
            for exam_id, settings, start, end, right, total in rows
        ]

    # ------------------------------------------------------------ exam leases
    # An unfinished exam is open in one window at a time: the one holding its lease row.
    # Every change to the exam checks, in its own transaction, that the caller holds it.

    @_guarded
    def exam_lease(self, exam_id: int) -> ExamLease | None:
        """Who has the exam open, if anyone."""
        row = self.connection.execute(
            "SELECT holder, heartbeat FROM exam_leases WHERE exam_id = ?", (exam_id,)
        ).fetchone()
        return ExamLease(row[0], from_text(row[1])) if row else None

    @_guarded
    def claim_exam(
        self, exam_id: int, holder: str, now: datetime, stale_before: datetime, take_over: bool
    ) -> ExamLease | None:
        """Open an unfinished exam in ``holder``'s window, unless another window holds it with
        a heartbeat after ``stale_before`` and ``take_over`` is False: then that window's lease
        is returned and nothing changes. ``ExamLeaseError`` when the exam is gone or done."""
        with self.transaction() as connection:
            _check_exam_open(connection, exam_id)
            current = connection.execute(
                "SELECT holder, heartbeat FROM exam_leases WHERE exam_id = ?", (exam_id,)
            ).fetchone()
            if current and current[0] != holder and not take_over:
                lease = ExamLease(current[0], from_text(current[1]))
                if lease.heartbeat > stale_before:
                    return lease
            connection.execute(
                "INSERT OR REPLACE INTO exam_leases (exam_id, holder, heartbeat) VALUES (?, ?, ?)",
                (exam_id, holder, to_text(now)),
            )
        return None

    @_guarded
    def renew_exam_lease(self, exam_id: int, holder: str, now: datetime) -> None:
        """The holder's heartbeat: it still has the exam open (``ExamLeaseError`` if not)."""
        with self.transaction() as connection:
            _check_holder(connection, exam_id, holder)
            connection.execute(
                "UPDATE exam_leases SET heartbeat = ? WHERE exam_id = ?", (to_text(now), exam_id)
            )

    @_guarded
    def release_exam_lease(self, exam_id: int, holder: str) -> None:
        """The holder closed the exam: any window may open it now."""
        with self.transaction() as connection:
            connection.execute(
                "DELETE FROM exam_leases WHERE exam_id = ? AND holder = ?", (exam_id, holder)
            )

    # ------------------------------------------------------------ exam changes

    @_guarded
    def save_exam_item(
        self, exam_id: int, position: int, item: StoredExamItem, shown: int, holder: str
    ) -> None:
        """Store the answer, flag, time and guess mark of one exam question, and the
        question shown."""
        with self.transaction() as connection:
            _check_holder(connection, exam_id, holder)
            connection.execute(
                "UPDATE exam_items SET chosen = ?, flagged = ?, seconds = ?, guessed = ?"
                " WHERE exam_id = ? AND position = ?",
                (
                    item.chosen,
                    int(item.flagged),
                    item.seconds,
                    int(item.guessed),
                    exam_id,
                    position,
                ),
            )
            connection.execute("UPDATE exams SET position = ? WHERE id = ?", (shown, exam_id))

    @_guarded
    def save_exam_clock(
        self, exam_id: int, deadline: datetime, paused_at: datetime | None, holder: str
    ) -> None:
        """Store the deadline and the pause (None when running)."""
        with self.transaction() as connection:
            _check_holder(connection, exam_id, holder)
            connection.execute(
                "UPDATE exams SET deadline = ?, paused_at = ? WHERE id = ?",
                (to_text(deadline), to_text(paused_at) if paused_at else None, exam_id),
            )

    @_guarded
    def finish_exam(
        self,
        exam_id: int,
        finished_at: datetime,
        reason: str,
        score: Callable[[Sequence[StoredExamItem]], int],
        holder: str | None,
    ) -> bool:
        """Mark an exam submitted with the score ``score`` gives its stored answers, read in
        the same transaction, so the score is recorded once and is the answers' score. Only
        the holder may (``holder`` None: anyone, for an exam whose time ran out). False
        when it was already finished (the first submission stands)."""
        with self.transaction() as connection:
            if holder is not None:
                _check_holder(connection, exam_id, holder)
            row = connection.execute(
                "SELECT finished_at FROM exams WHERE id = ?", (exam_id,)
            ).fetchone()
            if row is None or row[0] is not None:
                return False
            items = [
                StoredExamItem(key, chosen, bool(flagged), seconds, bool(guessed))
                for key, chosen, flagged, seconds, guessed in connection.execute(
                    "SELECT question_key, chosen, flagged, seconds, guessed FROM exam_items"
                    " WHERE exam_id = ? ORDER BY position",
                    (exam_id,),
                )
            ]
            connection.execute(
                "UPDATE exams SET finished_at = ?, end_reason = ?, correct = ?, total = ?,"
                " paused_at = NULL WHERE id = ?",
                (to_text(finished_at), reason, score(items), len(items), exam_id),
            )
            connection.execute("DELETE FROM exam_leases WHERE exam_id = ?", (exam_id,))
        return True

    @_guarded
    def delete_exam(self, exam_id: int, holder: str) -> None:
        """Remove an unfinished exam and its questions (only its holder may)."""
        with self.transaction() as connection:
            _check_holder(connection, exam_id, holder)
            connection.execute("DELETE FROM exams WHERE id = ?", (exam_id,))


def _check_exam_open(connection: sqlite3.Connection, exam_id: int) -> None:
    """Raise ``ExamLeaseError`` unless the exam exists and is unfinished."""
    row = connection.execute("SELECT finished_at FROM exams WHERE id = ?", (exam_id,)).fetchone()
    if row is None:
        raise ExamLeaseError("the exam was discarded in another window")
    if row[0] is not None:
        raise ExamLeaseError("the exam was submitted in another window")


def _check_holder(connection: sqlite3.Connection, exam_id: int, holder: str) -> None:
    """Raise ``ExamLeaseError`` unless the exam is unfinished and ``holder`` has it open."""
    _check_exam_open(connection, exam_id)
    row = connection.execute(
        "SELECT holder FROM exam_leases WHERE exam_id = ?", (exam_id,)
    ).fetchone()
    if row is None or row[0] != holder:
        raise ExamLeaseError("the exam was taken over by another window")


def _read_card(connection: sqlite3.Connection, question_key: str) -> StoredCard | None:
    row = connection.execute(
        "SELECT card, due FROM cards WHERE question_key = ?", (question_key,)
    ).fetchone()
    return (row[0], from_text(row[1])) if row else None


def _check_file(path: Path) -> None:
    """Refuse, before SQLite sees it, a database path that is a directory, a dangling
    symbolic link or a file quiz may not write."""
    if path.is_dir():
        raise StoreError(path, "this is a directory, not a progress database")
    if path.is_symlink() and not path.exists():
        raise StoreError(path, f"a symbolic link to {os.readlink(path)}, which does not exist")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreReadOnlyError(
            path, "the progress database is read-only: quiz needs to write to it"
        )


def _insert_review(
    connection: sqlite3.Connection, answer: AnswerRecord, card: str, due: datetime
) -> int:
    """Insert an answer and replace the question's review card (inside a transaction)."""
    answer_id = _insert_answer(connection, answer)
    connection.execute(
        "INSERT OR REPLACE INTO cards (question_key, card, due) VALUES (?, ?, ?)",
        (answer.question_key, card, to_text(due)),
    )
    return answer_id


def _insert_answer(connection: sqlite3.Connection, answer: AnswerRecord) -> int:
    """Insert an answer (inside a transaction); returns its id."""
    cursor = connection.execute(
        "INSERT INTO answers (question_key, chosen, correct, seconds, mode, answered_at, guessed)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            answer.question_key,
            answer.chosen,
            int(answer.correct),
            answer.seconds,
            answer.mode,
            to_text(answer.answered_at),
            int(answer.guessed),
        ),
    )
    return int(cursor.lastrowid or 0)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (a trigger's ``BEGIN … END`` stays whole)."""
    statements, buffer = [], ""
    for part in script.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                statements.append(buffer.strip())
            buffer = ""
    return statements


def back_up_and_reset(path: Path, now: datetime | None = None) -> Path:
    """Move a damaged database (and its WAL files) aside; returns the backup path.
    Raises ``OSError`` when it cannot be moved (nothing is deleted either way)."""
    stamp = (now or utc_now()).strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while backup.exists() or backup.is_symlink():
        number += 1
        backup = path.with_name(f"{path.name}.broken-{stamp}-{number}")
    shutil.move(path, backup)
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            shutil.move(sidecar, backup.with_name(backup.name + suffix))
    return backup
