"""The compiled index of a bank directory: what lists and pools need, without the records.

One SQLite file per directory in ``paths.cache_dir()`` holds, per record file, its stamp
(``mtime_ns``, ``ctime_ns``, size, inode), the question's metadata (a ``QuestionInfo``) or
the ``Problem`` that stopped it, the whole record as JSON, read only by ``fetch``, and
its searchable text with a trigram index over it, read by ``matching`` (``quiz.search``).
``load_directory`` walks the directory, stats every file and parses only the new and
changed ones, in one transaction. A file that changed within ``RECENT_NS`` of being read
could change again without its stamp changing (timestamps are coarse): it is checked by
its content's hash on the next refresh. An index that is damaged, of another schema, or
cannot be written is rebuilt, else replaced by one in memory: a slower start, never a
crash nor a stale answer. The index can always be deleted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz import paths
from quiz.files import NOT_A_REGULAR_FILE, NotARegularFile, read_regular_file
from quiz.model import ExamDomain, Question, QuestionInfo
from quiz.search import search_text
from quiz.text import has_controls, visible_controls

if TYPE_CHECKING:
    from typing import TypeAlias

    from quiz.records import Problem

SCHEMA_VERSION = 5
RECENT_NS = 2_000_000_000
"""A file changed this close to when it was read is checked by content next time."""
BUSY_MS = 10_000
Progress: TypeAlias = "Callable[[int, int], None]"
"""Called as ``progress(parsed, to_parse)`` while a refresh parses files."""

_SCHEMA = """
CREATE TABLE files (
    name BLOB PRIMARY KEY,
    mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    inode INTEGER NOT NULL, sha256 TEXT NOT NULL, read_ns INTEGER NOT NULL,
    problem_line INTEGER, problem TEXT,
    id TEXT, bank TEXT, level TEXT, domain TEXT, exam_domain TEXT, exam_weight INTEGER,
    topics TEXT, traps TEXT, first_words TEXT, answers INTEGER, disputed INTEGER,
    doubtful INTEGER
);
CREATE TABLE records (name BLOB PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE texts (name BLOB PRIMARY KEY, body TEXT NOT NULL);
"""
_SEARCH_SCHEMA = (
    "CREATE VIRTUAL TABLE search USING fts5("
    "body, content='texts', tokenize='trigram', detail='none')",
    "INSERT INTO search(search) VALUES ('rebuild')",
    "CREATE TRIGGER texts_added AFTER INSERT ON texts BEGIN"
    " INSERT INTO search(rowid, body) VALUES (new.rowid, new.body); END",
    "CREATE TRIGGER texts_removed AFTER DELETE ON texts BEGIN"
    " INSERT INTO search(search, rowid, body) VALUES ('delete', old.rowid, old.body); END",
)
"""The trigram index of ``texts`` (each record's ``quiz.search.search_text``), built by
the first search that needs it (building it with the index would make a cold start 2.5
times as long) and then kept in step by triggers; none where SQLite lacks FTS5 or
trigrams (searches then scan). It tells which texts hold every trigram of a word, not
where (``detail='none'``: a third of the size), so a search checks the texts it finds."""
SEPARATOR = "\x1f"
_ALL_TEXT = (
    "coalesce(id, '') || coalesce(bank, '') || coalesce(level, '') || coalesce(domain, '')"
    " || coalesce(exam_domain, '') || coalesce(first_words, '')"
    f" || replace(coalesce(topics, '') || coalesce(traps, ''), '{SEPARATOR}', '')"
)
"""The text of an entry's metadata in one, to look for control characters at once."""
_INFO_COLUMNS = (
    "id, bank, level, domain, exam_domain, exam_weight, topics, traps, first_words, answers,"
    " disputed, doubtful"
)


@dataclass(frozen=True)
class Parsed:
    """A record file read, parsed and checked."""

    text: str
    record: object
    question: Question


def problem(path: str, line: int, message: str) -> Problem:
    """A ``quiz.records.Problem`` (imported only when there is one: it brings in YAML)."""
    from quiz.records import Problem

    return Problem(path, line, message)


def parse_record_file(path: Path, data: bytes | None = None) -> Parsed | Problem:
    """Read (unless ``data`` holds its bytes), parse and check a record file, or say what
    stopped it."""
    import yaml

    from quiz.records import (
        RecordError,
        key_lines,
        parse_yaml,
        record_to_question,
        yaml_error_line,
        yaml_error_message,
    )

    name = str(path)
    try:
        text = (read_regular_file(path) if data is None else data).decode("utf-8-sig")
    except NotARegularFile:
        return problem(name, 0, NOT_A_REGULAR_FILE)
    except (OSError, UnicodeDecodeError) as error:
        return problem(name, 0, f"cannot read: {error}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        record = parse_yaml(text)
    except yaml.YAMLError as error:
        return problem(name, yaml_error_line(error), yaml_error_message(error))
    try:
        return Parsed(text, record, record_to_question(record))
    except RecordError as error:
        return problem(name, key_lines(text).get(error.key or "", 1), str(error))


def relative_record_names(directory: Path, unreadable: list[Problem] | None = None) -> list[str]:
    """The records below a directory as sorted POSIX paths relative to it; each folder
    that cannot be read is a problem in ``unreadable``."""

    def cannot_read(error: OSError) -> None:
        if unreadable is not None:
            where = str(error.filename or directory)
            unreadable.append(problem(where, 0, f"cannot read the folder ({error.strerror})"))

    names: list[str] = []
    for folder, subfolders, files in os.walk(directory, onerror=cannot_read):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        prefix = Path(folder).relative_to(directory).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        names.extend(prefix + name for name in files if name.endswith((".yaml", ".yml")))
    return sorted(names)


def index_file(directory: Path) -> Path:
    """Where the index of a bank directory is kept."""
    digest = hashlib.sha256(os.fsencode(directory.resolve())).hexdigest()[:16]
    return paths.cache_dir() / f"bank-{digest}.sqlite3"


# ---------------------------------------------------------------- opening


def _open(file: Path | None) -> sqlite3.Connection:
    """The index at ``file`` (None: in memory), created if new; ``sqlite3.Error`` or
    ``OSError`` when it is damaged, of another schema or cannot be opened."""
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(
        ":memory:" if file is None else file,
        timeout=BUSY_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            connection.execute("BEGIN IMMEDIATE")
            if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
                _create(connection)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
            version = SCHEMA_VERSION
        if version != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"index schema {version}, not {SCHEMA_VERSION}")
        if file is not None:  # (a power cut may lose the last refresh: it is redone)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("SELECT name FROM files LIMIT 1").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def _create(connection: sqlite3.Connection) -> None:
    """Create the tables of a new index (the search table waits for a search)."""
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


def _has_search(connection: sqlite3.Connection) -> bool:
    """Whether the index has its trigram table."""
    query = "SELECT 1 FROM sqlite_master WHERE name = 'search'"
    return connection.execute(query).fetchone() is not None


def _remove(file: Path) -> None:
    """Delete an index file and its WAL companions (what cannot be deleted stays)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{file}{suffix}")


# ---------------------------------------------------------------- the directory


@dataclass(frozen=True)
class Found:
    """A record file of the directory: its name (the full path, as problems name it)
    and its question's metadata or the problem that stopped it."""

    name: str
    relative: str
    loaded: QuestionInfo | Problem


class IndexedDirectory:
    """A bank directory's record files as its index knows them (``found``, in file
    order), and the whole questions on demand (``fetch``)."""

    def __init__(self, directory: Path, connection: sqlite3.Connection, found: list[Found]):
        self.directory = directory
        self.found = found
        self._connection = connection
        self._lock = threading.Lock()
        self._fts: bool | None = None
        """Whether the trigram table is there (None: not asked yet)."""

    def matching(self, words: list[str]) -> set[str]:
        """The record files (relative names) whose ``quiz.search.search_text`` holds every
        one of these folded words: through the trigram table when a word has three
        characters or more, else (or without the table) by a scan of the texts; an index
        that fails is not used again and the records are scanned."""
        for fts in (True, False):
            if fts and not (any(len(word) >= 3 for word in words) and self.prepare_search()):
                continue
            try:
                return self._matching(words, fts)
            except sqlite3.Error:
                self._fts = False
        named = [entry.relative for entry in self.found if entry.relative]
        return {
            relative
            for relative, question in self.fetch(named).items()
            if all(word in search_text(question) for word in words)
        }

    def prepare_search(self) -> bool:
        """Build the trigram table if the index has none (a second or two on a big bank:
        a screen may call this ahead of the first search); whether it is there."""
        if self._fts is None:
            try:
                with self._lock, _transaction(self._connection, "BEGIN IMMEDIATE"):
                    if not _has_search(self._connection):
                        for statement in _SEARCH_SCHEMA:
                            self._connection.execute(statement)
                self._fts = True
            except sqlite3.Error:  # no FTS5 or no trigrams, or an index that cannot change
                self._fts = False
        return self._fts

    def _matching(self, words: list[str], fts: bool) -> set[str]:
        """``matching`` in the index: the texts that hold every word, among those that
        hold all their trigrams when ``fts``."""
        trigrams = {word[at : at + 3] for word in words for at in range(len(word) - 2)}
        query = "SELECT name FROM texts"
        clauses = ["instr(body, ?) > 0" for _ in words]
        if fts and trigrams:  # each a quoted phrase, its quotes doubled: FTS syntax is text
            clauses.insert(0, "rowid IN (SELECT rowid FROM search WHERE search MATCH ?)")
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        match = " ".join('"' + trigram.replace('"', '""') + '"' for trigram in sorted(trigrams))
        values = ([match] if fts and trigrams else []) + words
        with self._lock:
            rows = self._connection.execute(query, values).fetchall()
        return {os.fsdecode(name) for (name,) in rows}

    def fetch(self, relatives: Iterable[str]) -> dict[str, Question]:
        """The questions of these record files, by relative name (a record the index
        lost is parsed from its file)."""
        from quiz.records import RecordError, record_to_question

        wanted = list(dict.fromkeys(relatives))
        rows: dict[str, str] = {}
        with contextlib.suppress(sqlite3.Error), self._lock:
            for start in range(0, len(wanted), 500):
                chunk = [os.fsencode(name) for name in wanted[start : start + 500]]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT name, record FROM records WHERE name IN ({marks})"
                for name, record in self._connection.execute(query, chunk):
                    rows[os.fsdecode(name)] = record
        questions: dict[str, Question] = {}
        for name in wanted:
            question: Question | None = None
            if name in rows:
                with contextlib.suppress(RecordError, ValueError):
                    question = record_to_question(json.loads(rows[name]))
            if question is None:
                parsed = parse_record_file(self.directory / name)
                if not isinstance(parsed, Parsed):
                    continue
                question = parsed.question
            questions[name] = question
        return questions


def load_directory(
    directory: Path,
    *,
    progress: Progress | None = None,
    use_index: bool = True,
    clock: Callable[[], int] = time.time_ns,
) -> IndexedDirectory:
    """Refresh the directory's index (or build one in memory) and read what it holds."""
    if use_index:
        file = index_file(directory)
        with contextlib.suppress(OSError):  # the JSON cache the index replaces
            file.with_suffix(".json").unlink()
        for attempt in range(2):
            try:
                connection = _open(file)
            except (sqlite3.Error, OSError):
                if attempt == 0:
                    _remove(file)
                continue
            try:
                return _refreshed(directory, connection, progress, clock)
            except (sqlite3.Error, OSError):
                connection.close()
                if attempt == 0:
                    _remove(file)
    return _refreshed(directory, _open(None), progress, clock)


Stamp: TypeAlias = "tuple[int, int, int, int]"
"""What tells a file changed: ``mtime_ns``, ``ctime_ns``, size, inode."""
NEVER: Stamp = (-1, -1, -1, -1)
"""The stamp of a file that could not be read: it matches none."""


def _stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)


def _refreshed(
    directory: Path,
    connection: sqlite3.Connection,
    progress: Progress | None,
    clock: Callable[[], int],
) -> IndexedDirectory:
    """Bring the index up to date with the directory in one transaction, then read it (an
    index that needs no change is only read)."""
    unreadable: list[Problem] = []
    names = relative_record_names(directory, unreadable)
    base = str(directory)
    prefix = "" if base == "." else base.rstrip("/") + "/"
    stamps: dict[str, Stamp | Problem] = {}
    for relative in names:
        path = prefix + relative
        try:
            status = os.stat(path)
        except OSError as error:
            stamps[relative] = problem(path, 0, f"cannot read: {error}")
            continue
        if not stat.S_ISREG(status.st_mode):
            stamps[relative] = problem(path, 0, NOT_A_REGULAR_FILE)
        else:
            stamps[relative] = _stamp_of(status)
    with _transaction(connection, "BEGIN"):
        rows = _rows(connection)
        gone, stale = _changes(connection, directory, stamps, rows)
    if gone or stale:  # the entries kept tell what this walk saw, whatever came since
        with _transaction(connection, "BEGIN IMMEDIATE"):
            _apply(connection, directory, gone, stale, progress, clock)
            rows.update(_rows(connection, stale))
        for name in gone:
            del rows[name]
    found = [Found(problem.path, "", problem) for problem in unreadable]
    for relative in names:
        name = prefix + relative
        stamp = stamps[relative]
        if not isinstance(stamp, tuple):
            found.append(Found(name, relative, stamp))
        elif relative in rows:
            found.append(Found(name, relative, _loaded(name, rows[relative][5:])))
    return IndexedDirectory(directory, connection, found)


def _rows(
    connection: sqlite3.Connection, names: list[str] | None = None
) -> dict[str, tuple[Any, ...]]:
    """The entries by file name (all, or those of ``names``): stamp, hash and time read,
    problem, metadata."""
    query = (
        "SELECT name, mtime_ns, ctime_ns, size, inode, read_ns,"
        f" problem_line, problem, {_INFO_COLUMNS}, {_ALL_TEXT} FROM files"
    )
    if names is None:
        found = connection.execute(query).fetchall()
    else:
        query += " WHERE name = ?"
        found = [row for name in names for row in connection.execute(query, (os.fsencode(name),))]
    return {os.fsdecode(row[0]): row[1:] for row in found}


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection, begin: str) -> Iterator[None]:
    """A transaction (``BEGIN IMMEDIATE`` to write) committed, or rolled back on error."""
    connection.execute(begin)
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _changes(
    connection: sqlite3.Connection,
    directory: Path,
    stamps: dict[str, Stamp | Problem],
    rows: dict[str, tuple[Any, ...]],
) -> tuple[list[str], list[str]]:
    """The entries of files gone, and the files to parse (new or changed)."""
    gone = [name for name in rows if not isinstance(stamps.get(name), tuple)]
    stale = [
        name
        for name, found in stamps.items()
        if isinstance(found, tuple) and not _still_good(connection, directory, name, found, rows)
    ]
    return gone, stale


def _apply(
    connection: sqlite3.Connection,
    directory: Path,
    gone: list[str],
    stale: list[str],
    progress: Progress | None,
    clock: Callable[[], int],
) -> None:
    """Drop the entries of files gone, parse the new and changed ones."""
    for table in ("files", "records", "texts"):
        connection.executemany(
            f"DELETE FROM {table} WHERE name = ?", [(os.fsencode(name),) for name in gone]
        )
    for done, name in enumerate(stale):
        if progress is not None and done % 100 == 0:
            progress(done, len(stale))
        _store(connection, directory, name, clock)
    if progress is not None and stale:
        progress(len(stale), len(stale))


def _still_good(
    connection: sqlite3.Connection,
    directory: Path,
    name: str,
    stamp: Stamp,
    rows: dict[str, tuple[Any, ...]],
) -> bool:
    """Whether the indexed entry of a file still tells what it holds; an entry read soon
    after its file changed is checked by content."""
    row = rows.get(name)
    if row is None or row[:4] != stamp:
        return False
    read_ns = row[4]
    if read_ns - stamp[0] > RECENT_NS and read_ns - stamp[1] > RECENT_NS:
        return True
    query = "SELECT sha256 FROM files WHERE name = ?"
    (sha,) = connection.execute(query, (os.fsencode(name),)).fetchone()
    try:
        data = read_regular_file(directory / name)
    except (OSError, NotARegularFile):
        return False
    return bool(hashlib.sha256(data).hexdigest() == sha)


def _store(
    connection: sqlite3.Connection, directory: Path, name: str, clock: Callable[[], int]
) -> None:
    """Parse a record file and write its entry (its question, or its problem)."""
    path = directory / name
    read_ns = clock()
    try:
        stamp = _stamp_of(path.stat())
        data: bytes | None = read_regular_file(path)
    except (OSError, NotARegularFile):
        stamp, data = NEVER, None  # tried again next time
    parsed = parse_record_file(path, data)
    if not isinstance(parsed, Parsed):
        _write_entry(connection, name, stamp, data or b"", read_ns, problem=parsed)
    else:
        _write_entry(connection, name, stamp, data or b"", read_ns, question=parsed.question)


def _write_entry(
    connection: sqlite3.Connection,
    name: str,
    stamp: Stamp,
    data: bytes,
    read_ns: int,
    *,
    question: Question | None = None,
    problem: Problem | None = None,
) -> None:
    """Write one file's entry, replacing the one it had."""
    from quiz.records import question_to_record

    key = os.fsencode(name)
    head = (key, *stamp)
    digest = hashlib.sha256(data).hexdigest()
    info: tuple[Any, ...] = (None,) * 12
    if question is not None:
        facts = question.info
        domain = facts.exam_domain
        info = (
            facts.id,
            facts.bank,
            facts.level,
            facts.domain,
            domain.name if domain else None,
            domain.weight if domain else None,
            _joined(facts.topics),
            _joined(facts.traps),
            facts.first_words,
            facts.answers,
            int(facts.disputed),
            facts.doubtful,
        )
    line, message = (problem.line, problem.message) if problem else (None, None)
    connection.execute(
        f"INSERT OR REPLACE INTO files VALUES ({','.join('?' * 21)})",
        (*head, digest, read_ns, line, message, *info),
    )
    connection.execute("DELETE FROM texts WHERE name = ?", (key,))  # (fires its trigger)
    if question is None:
        connection.execute("DELETE FROM records WHERE name = ?", (key,))
    else:
        record = json.dumps(question_to_record(question), ensure_ascii=False)
        connection.execute("INSERT OR REPLACE INTO records VALUES (?, ?)", (key, record))
        connection.execute("INSERT INTO texts VALUES (?, ?)", (key, search_text(question)))


def _joined(tags: tuple[str, ...]) -> str:
    """Tags as one text: each after a unit separator (a control character: no tag holds one)."""
    return "".join(SEPARATOR + tag for tag in tags)


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split(SEPARATOR)[1:]) if text else ()


def _loaded(name: str, row: tuple[Any, ...]) -> QuestionInfo | Problem:
    """An entry's question metadata, or its problem (text with control characters, which
    only a damaged index holds, has them shown as symbols)."""
    (
        line,
        message,
        qid,
        bank,
        level,
        domain,
        exam_domain,
        weight,
        topics,
        traps,
        first,
        n,
        disputed,
        doubtful,
        all_text,
    ) = row
    if message is not None or qid is None:
        return problem(name, line or 0, visible_controls(message or "the index lost this record"))
    info = QuestionInfo(
        id=qid,
        bank=bank,
        level=level,
        domain=domain,
        exam_domain=None if exam_domain is None else ExamDomain(exam_domain, weight),
        topics=_split(topics),
        traps=_split(traps),
        first_words=first or "",
        answers=n,
        disputed=bool(disputed),
        doubtful=doubtful or 0,
    )
    return _shown(info) if has_controls(all_text) else info


def _shown(info: QuestionInfo) -> QuestionInfo:
    """The metadata with its control characters shown as symbols."""
    domain = info.exam_domain
    return dataclasses.replace(
        info,
        id=visible_controls(info.id),
        bank=visible_controls(info.bank),
        level=visible_controls(info.level),
        domain=visible_controls(info.domain),
        exam_domain=domain and ExamDomain(visible_controls(domain.name), domain.weight),
        topics=tuple(map(visible_controls, info.topics)),
        traps=tuple(map(visible_controls, info.traps)),
        first_words=visible_controls(info.first_words),
    )


def prime(directory: Path, written: Iterable[tuple[str, Question]]) -> None:
    """Enter records just written (relative name, question) so the next start need not
    parse them; an index that cannot be written is left for the next refresh."""
    with contextlib.suppress(sqlite3.Error, OSError):
        connection = _open(index_file(directory))
        try:
            connection.execute("BEGIN IMMEDIATE")
            for name, question in written:
                path = directory / name
                status = path.stat()
                _write_entry(
                    connection,
                    name,
                    _stamp_of(status),
                    read_regular_file(path),
                    time.time_ns(),
                    question=question,
                )
            connection.execute("COMMIT")
        finally:
            connection.close()
