"""Banks on disk: load YAML records (with a compiled cache), validate, write.

A bank directory holds one ``.yaml`` record per question, in any sub-layout.
Loading never raises for a bad record: it is skipped and reported as a
``Problem`` naming the file and line. Only regular files are read (a FIFO named
``x.yaml`` would block), and file names need not be valid UTF-8.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quiz import paths
from quiz.emitter import emit
from quiz.files import NOT_A_REGULAR_FILE, NotARegularFile, read_regular_file, write_text_atomically
from quiz.model import Question
from quiz.names import id_component, path_text, safe_component
from quiz.records import (
    Problem,
    RecordError,
    key_lines,
    parse_yaml,
    question_to_record,
    record_to_question,
    yaml_error_line,
    yaml_error_message,
)
from quiz.vocabulary import LEVEL_TAGS, TOPIC_TAGS, TRAP_TAGS

CACHE_VERSION = 3


@dataclass
class Bank:
    """Questions loaded from one or more bank directories, with what went wrong.

    ``bundled`` holds the keys of the bundled questions kept; ``replaced`` maps the key of
    each bundled question a user's record replaced to that record's file."""

    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # key -> the record file it came from
    bundled: frozenset[str] = frozenset()
    replaced: dict[str, str] = field(default_factory=dict)

    def by_key(self) -> dict[str, Question]:
        """Questions indexed by ``bank/id``."""
        return {question.key: question for question in self.questions}


def with_tags(questions: Iterable[Question], tags: Collection[str]) -> list[Question]:
    """The questions carrying any of the tags (case-insensitive)."""
    wanted = {tag.casefold() for tag in tags}
    return [q for q in questions if any(t.casefold() in wanted for t in q.tags)]


def record_files(directory: Path, unreadable: list[Problem] | None = None) -> list[Path]:
    """Every YAML record below a directory, in a stable order; a folder that cannot be
    read is added to ``unreadable``."""
    return [directory / relative for relative in _relative_record_names(directory, unreadable)]


def _relative_record_names(directory: Path, unreadable: list[Problem] | None = None) -> list[str]:
    """The records below a directory as sorted POSIX paths relative to it; each folder
    that cannot be read is a problem in ``unreadable``."""

    def cannot_read(error: OSError) -> None:
        if unreadable is not None:
            where = str(error.filename or directory)
            unreadable.append(Problem(where, 0, f"cannot read the folder ({error.strerror})"))

    names: list[str] = []
    for folder, subfolders, files in os.walk(directory, onerror=cannot_read):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        prefix = Path(folder).relative_to(directory).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        names.extend(prefix + name for name in files if name.endswith((".yaml", ".yml")))
    return sorted(names)


def read_record(path: Path) -> tuple[Question | None, Problem | None]:
    """Load one record file: a question, or the problem that stopped it."""
    parsed = _parse_record_file(path)
    if isinstance(parsed, Problem):
        return None, parsed
    return parsed.question, None


@dataclass(frozen=True)
class _ParsedRecord:
    """A record file read, parsed and checked."""

    text: str
    record: object
    question: Question


def _parse_record_file(path: Path) -> _ParsedRecord | Problem:
    """Read, parse and check a record file, or say what stopped it."""
    name = str(path)
    try:
        text = _read_text(path)
    except NotARegularFile:
        return Problem(name, 0, NOT_A_REGULAR_FILE)
    except (OSError, UnicodeDecodeError) as error:
        return Problem(name, 0, f"cannot read: {error}")
    try:
        record = parse_yaml(text)
    except yaml.YAMLError as error:
        return Problem(name, yaml_error_line(error), yaml_error_message(error))
    try:
        return _ParsedRecord(text, record, record_to_question(record))
    except RecordError as error:
        return Problem(name, key_lines(text).get(error.key or "", 1), str(error))


def _read_text(path: Path) -> str:
    """A record file's UTF-8 text with its line ends as ``\\n``; ``NotARegularFile``
    for a FIFO or a device, which is refused instead of waited on."""
    text = read_regular_file(path).decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_banks(
    directories: Iterable[Path], *, bundled: Collection[Path] = (), use_cache: bool = True
) -> Bank:
    """Load every record below the directories; later duplicates of a key are reported.
    A record of a ``bundled`` directory gives way, silently, to a record of the same key
    in another directory: the user's copy wins (``Bank.replaced``)."""
    problems: list[Problem] = []
    found: list[tuple[Question, bool]] = []
    seen: tuple[dict[str, str], dict[str, str]] = ({}, {})  # the user's, the bundled
    for directory in directories:
        if not directory.is_dir():
            problems.append(Problem(str(directory), 0, "bank directory not found"))
            continue
        is_bundled = directory in bundled
        keys = seen[is_bundled]
        for name, loaded in _load_directory(directory, use_cache):
            if isinstance(loaded, Problem):
                problems.append(loaded)
            elif loaded.key in keys:
                message = f"duplicate key {loaded.key} (also in {keys[loaded.key]})"
                problems.append(Problem(name, 1, message))
            else:
                keys[loaded.key] = name
                found.append((loaded, is_bundled))
    own, shipped = seen
    return Bank(
        questions=[q for q, is_bundled in found if not (is_bundled and q.key in own)],
        problems=problems,
        files={**shipped, **own},
        bundled=frozenset(shipped.keys() - own.keys()),
        replaced={key: own[key] for key in shipped if key in own},
    )


def shipped_keys() -> frozenset[str]:
    """The keys of the questions bundled with quiz (read without the cache)."""
    return frozenset(
        q.key for q in load_banks([paths.bundled_bank_dir()], use_cache=False).questions
    )


def bundled_keys(keys: Iterable[str]) -> list[str]:
    """The keys, of those given, that a bundled question has too (the user's record replaces
    it when the app loads the banks)."""
    shipped = shipped_keys()
    return sorted(key for key in set(keys) if key in shipped)


def _load_directory(directory: Path, use_cache: bool) -> Iterator[tuple[str, Question | Problem]]:
    """Yield ``(file, question or problem)`` for a directory, reusing cached parses."""
    cache_file = _cache_file(directory)
    cached: dict[str, list[Any]] = _read_cache(cache_file) if use_cache else {}
    fresh: dict[str, list[Any]] = {}
    unreadable: list[Problem] = []
    names = _relative_record_names(directory, unreadable)
    for problem in unreadable:
        yield problem.path, problem
    for relative in names:
        path = directory / relative
        name = str(path)
        try:
            status = path.stat()
        except OSError as error:
            yield name, Problem(name, 0, f"cannot read: {error}")
            continue
        if not stat.S_ISREG(status.st_mode):
            yield name, Problem(name, 0, NOT_A_REGULAR_FILE)
            continue
        stamp = _stamp_of(status)
        entry = cached.get(relative)
        if isinstance(entry, list) and len(entry) == 3 and entry[:2] == stamp:
            try:
                question = record_to_question(entry[2])
            except RecordError:
                pass  # a damaged cache entry: parse the file anew
            else:
                fresh[relative] = entry
                yield name, question
                continue
        parsed = _parse_record_file(path)
        if isinstance(parsed, Problem):
            yield name, parsed
            continue
        fresh[relative] = [*stamp, question_to_record(parsed.question)]
        yield name, parsed.question
    if use_cache and fresh != cached:
        _write_cache(cache_file, fresh)


def _stamp(path: Path) -> list[int]:
    """What tells a cached parse is still good: modification time and size."""
    return _stamp_of(path.stat())


def _stamp_of(status: os.stat_result) -> list[int]:
    return [status.st_mtime_ns, status.st_size]


def _cache_file(directory: Path) -> Path:
    digest = hashlib.sha256(os.fsencode(directory.resolve())).hexdigest()[:16]
    return paths.cache_dir() / f"bank-{digest}.json"


def _read_cache(cache_file: Path) -> dict[str, list[Any]]:
    """The cached records by file name (names that are not UTF-8 come back as written)."""
    try:
        data = json.loads(cache_file.read_bytes().decode("utf-8", "surrogateescape"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _write_cache(cache_file: Path, files: dict[str, list[Any]]) -> None:
    """Write the cache atomically; a cache that cannot be written is only a slower start.

    File names that are not UTF-8 are written back as their own bytes (surrogateescape).
    """
    with contextlib.suppress(OSError, ValueError):
        text = json.dumps({"version": CACHE_VERSION, "files": files}, ensure_ascii=False)
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(cache_file, text, errors="surrogateescape")


class RecordNotWritten(OSError):
    """A record that could not be written: its key, where it was going, and why."""

    def __init__(self, key: str, path: Path, reason: str) -> None:
        super().__init__(f"{key} could not be written to {path_text(path)}: {reason}")
        self.key = key
        self.path = path
        self.reason = reason
        self.written = 0  # how many records of the batch were written before it


def record_path(out_dir: Path, question: Question, checked: dict[Path, bool] | None = None) -> Path:
    """Where a question's record lives in a bank directory: ``DIR/<bank>/<id>.yaml``,
    each part one safe path component (an ID that had to be changed gets a short
    hash, see ``id_component``); a folder leading outside ``DIR`` (a symlink) is
    refused. ``checked`` remembers the folders already checked, for a batch. (A record
    file that is a symlink is replaced by the write, never written through.)"""
    folder, file = safe_component(question.bank), f"{id_component(question.id)}.yaml"
    target = out_dir / _utf8_file_name(folder) / _utf8_file_name(file)
    checked = {} if checked is None else checked
    if target.parent not in checked:
        checked[target.parent] = target.parent.resolve().is_relative_to(out_dir.resolve())
    if not checked[target.parent]:
        raise RecordNotWritten(question.key, target, "it would be outside the bank directory")
    return target


def _utf8_file_name(name: str) -> str:
    """The name as the file system's string for its UTF-8 bytes: names on disk are
    UTF-8 even when Python's file system encoding is ASCII (no UTF-8 mode)."""
    return os.fsdecode(name.encode("utf-8"))


def write_record(out_dir: Path, question: Question) -> Path:
    """Write a question's record atomically and return its path; on any error the
    temporary file is removed and ``RecordNotWritten`` says which record and why."""
    target = record_path(out_dir, question)
    _write_record_at(target, question, question_to_record(question))
    return target


@dataclass
class WriteResult:
    """What ``write_records`` did: the keys of the records that are new, changed, or
    unchanged (their file already held that text: it is not rewritten, so its time
    stays and the bank cache stays valid), and every record's file, in order."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)


def _write_record_at(target: Path, question: Question, record: dict[str, Any]) -> str:
    """Write a question's ``record`` to ``target`` (from ``record_path``), atomically,
    unless the file holds that text already: ``new``, ``changed`` or ``unchanged``."""
    try:
        text = emit(record)
        state = _compared(target, text)
        if state != "unchanged":
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(target, text)
        return state
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise RecordNotWritten(question.key, target, reason) from error


def _compared(path: Path, text: str) -> str:
    """``new`` when no file is at ``path``, ``unchanged`` when a regular file there
    holds ``text``, else ``changed`` (a symlink is not followed)."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return "new"
    data = text.encode("utf-8")
    if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
        return "changed"
    return "unchanged" if read_regular_file(path) == data else "changed"


def write_records(out_dir: Path, questions: Iterable[Question]) -> WriteResult:
    """Write records (a file that holds the same text already is left alone) and prime
    the directory's cache, so the next start is fast. The first record that cannot be
    written stops it (``RecordNotWritten``); the records written before it stay, and
    stay in the cache. Two questions going to one file are refused before anything is
    written (neither overwrites the other)."""
    targets = _record_targets(out_dir, questions)
    cache_file = _cache_file(out_dir)
    cached = _read_cache(cache_file)
    result = WriteResult()
    try:
        for path, question in targets:
            record = question_to_record(question)
            state = _write_record_at(path, question, record)
            getattr(result, state).append(question.key)
            relative = path.relative_to(out_dir).as_posix()
            if path_text(relative) == relative:  # the cache is UTF-8 JSON: no \xNN names
                cached[relative] = [*_stamp(path), record]
            result.paths.append(path)
    except RecordNotWritten as error:
        error.written = len(result.paths)
        raise
    finally:
        _write_cache(cache_file, cached)
    return result


def _record_targets(out_dir: Path, questions: Iterable[Question]) -> list[tuple[Path, Question]]:
    """Where each question's record goes; ``RecordNotWritten`` when two questions of the
    batch map to one file (or one would be outside ``out_dir``)."""
    claimed: dict[Path, str] = {}
    checked: dict[Path, bool] = {}
    targets = []
    for question in questions:
        path = record_path(out_dir, question, checked)
        if path in claimed:
            reason = f"{claimed[path]} of the same import goes to that file too"
            raise RecordNotWritten(question.key, path, reason)
        claimed[path] = question.key
        targets.append((path, question))
    return targets


def validate_directory(
    directory: Path, seen: dict[str, str] | None = None, bundled: Collection[str] = ()
) -> list[Problem]:
    """Check every record of a bank: schema, answers, duplicates, vocabulary, community.
    ``seen`` (key -> file) carries the keys met in other directories of the same check; a
    record with a key of ``bundled`` replaces that bundled question (a note)."""
    problems: list[Problem] = []
    seen = {} if seen is None else seen
    known_tags = TOPIC_TAGS.keys() | TRAP_TAGS.keys()
    for path in record_files(directory, problems):
        parsed = _parse_record_file(path)
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        question, name = parsed.question, str(path)
        findings: list[tuple[str, str, str]] = []  # (key, message, severity)
        if question.key in seen:
            message = f"duplicate key {question.key} (also in {seen[question.key]})"
            findings.append(("id", message, "error"))
        seen.setdefault(question.key, name)
        if question.key in bundled:
            message = f"replaces the bundled question {question.key} (the app uses this record)"
            findings.append(("id", message, "note"))
        for kind, tags in (("topics", question.topics), ("traps", question.traps)):
            findings.extend(
                (kind, f"tag {tag!r} is not in the vocabulary", "warning")
                for tag in tags
                if tag not in known_tags
            )
        if question.level and question.level not in LEVEL_TAGS:
            findings.append(("level", f"unknown level {question.level!r}", "warning"))
        voted = question.community.answer if question.community else ()
        findings.extend(
            ("community", f"community answer {letter} is not one of the options", "warning")
            for letter in voted
            if letter not in question.options
        )
        if findings:
            lines = key_lines(parsed.text)
            problems.extend(
                Problem(name, lines.get(key, 1), message, severity)
                for key, message, severity in findings
            )
    return problems
