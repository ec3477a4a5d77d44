"""Import a batch of Markdown files: find them, read (and repair) them, parse
each in its format, then merge duplicates and report conflicts."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from quiz.importer.errors import NotAQuestion, SourceError
from quiz.importer.fields import read_fields
from quiz.importer.markdown import Document, normalise_source
from quiz.importer.merge import Candidate, merge_candidates
from quiz.importer.plain import parse_block, question_blocks
from quiz.importer.sections import CONTAINER, META, OPTIONS, STEM, heading_kind
from quiz.importer.template import parse_template
from quiz.model import Origin, Question
from quiz.records import Problem

Progress = Callable[[int, int], None]

_BANK_SUFFIX = re.compile(r"^(?P<id>.+?)_(?P<bank>b\d+)$", re.IGNORECASE)
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class SourceFile:
    """A file to import: where it is, how to name it in records, its bank."""

    path: Path
    relative: str
    bank: str


@dataclass
class ImportReport:
    """What an import produced and what it met on the way."""

    questions: list[Question] = field(default_factory=list)
    files: int = 0
    imported_files: int = 0
    skipped: list[Problem] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every question file imported."""
        return not self.failed


def find_sources(paths: Iterable[Path], bank: str | None = None) -> list[SourceFile]:
    """The files named, and the ``.md`` files below the directories named, once each."""
    found: dict[Path, tuple[Path, Path]] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if file.suffix.casefold() == ".md" and file.is_file() and not hidden:
                    found.setdefault(file.resolve(), (file, path.parent))
        else:
            found.setdefault(path.resolve(), (path, path.parent.parent))
    folders = {file.parent.name for file, _ in found.values()}
    return [
        SourceFile(file, _relative(file, root), bank or _bank_of(file, folders))
        for file, root in found.values()
    ]


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.name


def _bank_of(file: Path, folders: set[str]) -> str:
    """The folder's name, unless a ``_bN`` suffix of the file name names the bank."""
    match = _BANK_SUFFIX.match(unicodedata.normalize("NFKC", file.stem))
    if not match:
        return file.parent.name or "default"
    suffix = match["bank"].lower()
    named = sorted(f for f in folders if f.lower().endswith(f"_{suffix}") or f.lower() == suffix)
    return named[0] if named else f"by-order_{suffix}"


def import_sources(sources: list[SourceFile], progress: Progress | None = None) -> ImportReport:
    """Parse every source; duplicates are merged, conflicting keys reported."""
    report = ImportReport(files=len(sources))
    texts: dict[SourceFile, tuple[str, str]] = {}
    for source in sources:
        try:
            texts[source] = read_source(source.path)
        except NotAQuestion as reason:
            report.skipped.append(Problem(str(source.path), 0, str(reason), "skipped"))
        except SourceError as error:
            report.failed.append(Problem(str(source.path), error.line, error.message))
    _repair_damaged(texts, report)
    candidates: list[Candidate] = []
    for done, source in enumerate(sources, start=1):
        if source in texts:
            text, digest = texts[source]
            origin = Origin(source.relative, digest)
            found, problems, skip = parse_source(text, source, origin)
            candidates.extend(found)
            report.failed.extend(problems)
            if skip:
                report.skipped.append(Problem(str(source.path), 0, skip, "skipped"))
            elif found and not problems:
                report.imported_files += 1
        if progress:
            progress(done, len(sources))
    kept, merges, conflicts = merge_candidates(candidates)
    report.questions = kept
    report.merged = merges
    report.failed.extend(conflicts)
    return report


def read_source(path: Path) -> tuple[str, str]:
    """The text of a source file and the sha256 of its bytes."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(0, f"cannot read the file ({error.strerror})") from error
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise NotAQuestion("a binary file")
    if not data.strip():
        raise NotAQuestion("an empty file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(line, f"not UTF-8 text (byte 0x{data[error.start]:02x})") from error
    return normalise_source(text), hashlib.sha256(data).hexdigest()


def _repair_damaged(texts: dict[SourceFile, tuple[str, str]], report: ImportReport) -> None:
    """Repair the damaged texts of the batch together; the clean ones lend their
    intact characters as context (a clean file shows what the damage hides)."""
    from quiz.repair import Repairer, looks_damaged

    damaged = {source for source, (text, _) in texts.items() if looks_damaged(text)}
    if not damaged:
        return
    sources = list(texts)
    results = Repairer().repair_many([texts[source][0] for source in sources])
    for source, result in zip(sources, results, strict=True):
        if source in damaged:
            texts[source] = (normalise_source(result.text), texts[source][1])
            report.repaired.append(str(source.path))


def parse_source(
    text: str, source: SourceFile, origin: Origin
) -> tuple[list[Candidate], list[Problem], str]:
    """The questions of one file, the problems met, and a skip reason (or "")."""
    doc = Document(text)
    blocks = question_blocks(doc)
    fields = read_fields(doc)
    kinds = {heading_kind(h.text) for h in doc.headings}
    template_signs = "id" in fields or "answer" in fields or bool(kinds & {META, CONTAINER})
    found: list[Candidate] = []
    problems: list[Problem] = []
    name = str(source.path)
    if len(blocks) >= 2 or (blocks and OPTIONS in kinds and not template_signs):
        for number, block in enumerate(blocks, start=1):
            try:
                question = parse_block(doc, block, number)
            except SourceError as error:
                problems.append(Problem(name, error.line, error.message))
                continue
            found.append(_candidate(question, source, origin, block.start + 1))
        return found, problems, ""
    if template_signs or STEM in kinds or OPTIONS in kinds:
        try:
            question = parse_template(doc, _fallback_id(source.path))
        except NotAQuestion as reason:
            return [], [], str(reason)
        except SourceError as error:
            return [], [Problem(name, error.line, error.message)], ""
        return [_candidate(question, source, origin, 1)], [], ""
    return [], [], "not a question file (no **ID:** field, 題幹/選項 headings or # Question N)"


def _candidate(question: Question, source: SourceFile, origin: Origin, line: int) -> Candidate:
    question = replace(question, bank=source.bank, origin=origin)
    return Candidate(question, str(source.path), line)


def _fallback_id(path: Path) -> str:
    """An ID from the file name (``Ｑ-030_b2.md`` -> ``Q-030``)."""
    stem = unicodedata.normalize("NFKC", path.stem)
    match = _BANK_SUFFIX.match(stem)
    return match["id"] if match else stem
