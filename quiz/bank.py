"""Banks on disk: load the questions' metadata (through ``quiz.index``), validate, write.

A bank directory holds one ``.yaml`` record per question, in any sub-layout.
Loading never raises for a bad record: it is skipped and reported as a
``Problem`` naming the file and line. Only regular files are read (a FIFO named
``x.yaml`` would block), and file names need not be valid UTF-8.
"""

from __future__ import annotations

import os
import stat
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from quiz import paths
from quiz.files import read_regular_file, write_text_atomically
from quiz.index import (
    IndexedDirectory,
    Parsed,
    Progress,
    load_directory,
    parse_record_file,
    prime,
    problem,
    relative_record_names,
)
from quiz.model import Described, Origin, Question, QuestionInfo
from quiz.names import id_component, path_text, safe_component
from quiz.words import plural

if TYPE_CHECKING:
    from quiz.records import Problem

D = TypeVar("D", bound=Described)
RECENT = 200
"""How many whole questions a bank keeps after reading them."""


class Bank:
    """The questions of one or more bank directories, with what went wrong.

    ``infos`` holds every question's metadata, in bank order; ``question`` and ``fetch``
    read whole questions (from the directories' indexes, the last few kept). ``files``
    maps a key to its record file; ``bundled`` holds the keys of the bundled questions
    kept; ``replaced`` maps the key of each bundled question a user's record replaced to
    that record's file. ``Bank(questions=[...])`` is a bank held in memory."""

    def __init__(
        self,
        questions: Iterable[Question] = (),
        problems: list[Problem] | None = None,
        files: dict[str, str] | None = None,
        bundled: frozenset[str] = frozenset(),
        replaced: dict[str, str] | None = None,
        *,
        infos: Iterable[tuple[QuestionInfo, IndexedDirectory, str]] = (),
    ) -> None:
        self.problems = [] if problems is None else problems
        self.files = {} if files is None else files
        self.bundled = bundled
        self.replaced = {} if replaced is None else replaced
        held = {question.key: question for question in questions}
        self.infos = [question.info for question in held.values()]
        self._where: dict[str, tuple[IndexedDirectory, str] | Question] = dict(held)
        for info, directory, relative in infos:
            self.infos.append(info)
            self._where[info.key] = (directory, relative)
        self._recent: OrderedDict[str, Question] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def question(self, key: str) -> Question:
        """The whole question of a key (``KeyError`` when the bank has none)."""
        found = self.fetch([key])
        if not found:
            raise KeyError(key)
        return found[0]

    def fetch(self, keys: Iterable[str]) -> list[Question]:
        """The whole questions of the keys, in their order (a key the bank has not, or
        whose record file went bad since, is left out); the last ``RECENT`` are kept."""
        with self._lock:  # screens fetch from worker threads too
            return self._fetch(list(keys), remember=True)

    def fetch_all(self, keys: Iterable[str]) -> list[Question]:
        """``fetch`` for many keys, keeping none of them."""
        keys = list(keys)
        found: list[Question] = []
        with self._lock:
            for start in range(0, len(keys), RECENT):
                found += self._fetch(keys[start : start + RECENT], remember=False)
        return found

    def _fetch(self, keys: list[str], remember: bool) -> list[Question]:
        """``fetch``, each directory's records read in one query."""
        wanted: dict[IndexedDirectory, dict[str, str]] = {}
        for key in keys:
            where = self._where.get(key)
            if isinstance(where, tuple) and key not in self._recent:
                wanted.setdefault(where[0], {})[where[1]] = key
        read: dict[str, Question] = {}
        for directory, names in wanted.items():
            for relative, whole in directory.fetch(names).items():
                if whole.key == names[relative]:
                    read[whole.key] = whole
        found: list[Question] = []
        for key in keys:
            where = self._where.get(key)
            held = where if isinstance(where, Question) else None
            question = held or self._recent.get(key) or read.get(key)
            if question is not None:
                found.append(question)
                if held is None and remember:
                    self._remember(question)
        return found

    def _remember(self, question: Question) -> None:
        """Keep the last ``RECENT`` questions fetched."""
        self._recent[question.key] = question
        self._recent.move_to_end(question.key)
        while len(self._recent) > RECENT:
            self._recent.popitem(last=False)

    @property
    def questions(self) -> list[Question]:
        """Every whole question, in bank order (reads every record: for checks and
        exports, not for screens)."""
        return self.fetch_all(info.key for info in self.infos)

    def location(self, key: str) -> tuple[IndexedDirectory, str] | None:
        """The index and record file (relative name) of a key's question; None for a
        question held in memory or a key the bank has not."""
        where = self._where.get(key)
        return where if isinstance(where, tuple) else None

    def by_key(self) -> Mapping[str, Question]:
        """The whole questions by ``bank/id``, each read when asked for."""
        return _ByKey(self)


class _ByKey(Mapping[str, Question]):
    """A bank's questions by key, read on demand."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank

    def __getitem__(self, key: str) -> Question:
        return self.bank.question(key)

    def __contains__(self, key: object) -> bool:
        """Whether the key's question can be read (it is kept among the recent ones)."""
        return isinstance(key, str) and bool(self.bank.fetch([key]))

    def __iter__(self) -> Iterator[str]:
        return (info.key for info in self.bank.infos)

    def __len__(self) -> int:
        return len(self.bank.infos)


def with_tags(questions: Iterable[D], tags: Collection[str]) -> list[D]:
    """The questions carrying any of the tags (case-insensitive)."""
    wanted = {tag.casefold() for tag in tags}
    return [q for q in questions if any(t.casefold() in wanted for t in q.tags)]


def record_files(directory: Path, unreadable: list[Problem] | None = None) -> list[Path]:
    """Every YAML record below a directory, in a stable order; a folder that cannot be
    read is added to ``unreadable``."""
    return [directory / relative for relative in relative_record_names(directory, unreadable)]


def read_record(path: Path) -> tuple[Question | None, Problem | None]:
    """Load one record file: a question, or the problem that stopped it."""
    parsed = parse_record_file(path)
    if isinstance(parsed, Parsed):
        return parsed.question, None
    return None, parsed


def load_banks(
    directories: Iterable[Path],
    *,
    bundled: Collection[Path] = (),
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Bank:
    """Load every record's metadata below the directories (through their indexes); later
    duplicates of a key are reported. A record of a ``bundled`` directory gives way,
    silently, to a record of the same key in another directory: the user's copy wins
    (``Bank.replaced``). ``progress`` hears of the files a refresh parses."""
    problems: list[Problem] = []
    found: list[tuple[QuestionInfo, IndexedDirectory, str, bool]] = []
    seen: tuple[dict[str, str], dict[str, str]] = ({}, {})  # the user's, the bundled
    for directory in directories:
        if not directory.is_dir():
            problems.append(problem(str(directory), 0, "bank directory not found"))
            continue
        is_bundled = directory in bundled
        keys = seen[is_bundled]
        indexed = load_directory(directory, progress=progress, use_index=use_cache)
        for entry in indexed.found:
            loaded = entry.loaded
            if not isinstance(loaded, QuestionInfo):
                problems.append(loaded)
            elif loaded.key in keys:
                message = f"duplicate key {loaded.key} (also in {keys[loaded.key]})"
                problems.append(problem(entry.name, 1, message))
            else:
                keys[loaded.key] = entry.name
                found.append((loaded, indexed, entry.relative, is_bundled))
    own, shipped = seen
    return Bank(
        problems=problems,
        files={**shipped, **own},
        bundled=frozenset(shipped.keys() - own.keys()),
        replaced={key: own[key] for key in shipped if key in own},
        infos=[
            (info, indexed, relative)
            for info, indexed, relative, is_bundled in found
            if not (is_bundled and info.key in own)
        ],
    )


def shipped_keys(*, use_index: bool = False) -> frozenset[str]:
    """The keys of the questions bundled with quiz (by default read without the index,
    so that nothing is written in the data dir)."""
    bank = load_banks([paths.bundled_bank_dir()], use_cache=use_index)
    return frozenset(info.key for info in bank.infos)


def bundled_keys(keys: Iterable[str]) -> list[str]:
    """The keys, of those given, that a bundled question has too (the user's record replaces
    it when the app loads the banks). For ``quiz import``, which writes in the data dir
    anyway: the bundled bank's index, which the app keeps too, saves parsing it each time."""
    shipped = shipped_keys(use_index=True)
    return sorted(key for key in set(keys) if key in shipped)


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
    from quiz.records import question_to_record

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
    from quiz.emitter import emit

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
    the directory's index, so the next start is fast. The first record that cannot be
    written stops it (``RecordNotWritten``); the records written before it stay, and
    stay in the index. Two questions going to one file are refused before anything is
    written (neither overwrites the other)."""
    from quiz.records import question_to_record

    targets = _record_targets(out_dir, questions)
    result = WriteResult()
    written: list[tuple[str, Question]] = []
    try:
        for path, question in targets:
            state = _write_record_at(path, question, question_to_record(question))
            getattr(result, state).append(question.key)
            written.append((path.relative_to(out_dir).as_posix(), question))
            result.paths.append(path)
    except RecordNotWritten as error:
        error.written = len(result.paths)
        raise
    finally:
        prime(out_dir, written)
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


def doubt_note(origin: Origin) -> str:
    """What ``quiz validate`` says of a record made from a repaired file."""
    places = ", ".join(f"{line}:{column}" for line, column in origin.doubt)
    count = plural(len(origin.doubt), "character")
    return f"{count} chosen with doubt when {origin.file} was repaired (line:column {places})"


def validate_directory(
    directory: Path, seen: dict[str, str] | None = None, bundled: Collection[str] = ()
) -> list[Problem]:
    """Check every record of a bank: schema, answers, duplicates, vocabulary, community.
    ``seen`` (key -> file) carries the keys met in other directories of the same check; a
    record with a key of ``bundled`` replaces that bundled question (a note)."""
    from quiz.records import Problem, key_lines
    from quiz.vocabulary import LEVEL_TAGS, TOPIC_TAGS, TRAP_TAGS

    problems: list[Problem] = []
    seen = {} if seen is None else seen
    known_tags = TOPIC_TAGS.keys() | TRAP_TAGS.keys()
    for path in record_files(directory, problems):
        parsed = parse_record_file(path)
        if not isinstance(parsed, Parsed):
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
        if question.origin and question.origin.doubt:
            findings.append(("origin", doubt_note(question.origin), "note"))
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
