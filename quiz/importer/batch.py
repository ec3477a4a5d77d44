"""Import a batch of Markdown files: find them, read (and repair) them, parse
each in its format, then merge duplicates and report conflicts."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.files import NotARegularFile, read_regular_file
from quiz.importer.errors import NotAQuestion, SourceError
from quiz.importer.fields import read_fields
from quiz.importer.images import resolve_images
from quiz.importer.markdown import Document, normalise_source
from quiz.importer.merge import Candidate, merge_candidates
from quiz.importer.plain import parse_block, question_blocks
from quiz.importer.sections import (
    CONTAINER,
    META,
    OPTIONS,
    STEM,
    heading_kind,
    is_analysis_title,
)
from quiz.importer.template import parse_template
from quiz.importer.topics import TOPIC_BANK, filing
from quiz.model import ExamDomain, Origin, Question
from quiz.names import path_text, safe_component
from quiz.records import Problem

if TYPE_CHECKING:
    from quiz.repair import RepairResult

Progress = Callable[[int, int], None]
# a person deciding the repairs' doubtful choices: the damaged files and their repairs in,
# the repairs as decided out (None: import nothing)
ReviewHook = Callable[[list[Path], list["RepairResult"]], "list[RepairResult] | None"]

_BANK_SUFFIX = re.compile(r"^(?P<id>.+?)_(?P<bank>b\d+)$", re.IGNORECASE)
_SNIFF_BYTES = 8192
_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


NO_MARKDOWN = "no .md question files found (hidden folders and other extensions are not read)"


@dataclass(frozen=True)
class SourceFile:
    """A file to import: where it is, how to name it in records, its bank, whether it
    was named on the command line (rather than found in a folder), how surely its
    place names its bank (see ``Candidate.placement``) and the exam domain of the
    topic folder it was filed in."""

    path: Path
    relative: str
    bank: str
    named: bool = False
    placement: int = 0
    exam_domain: ExamDomain | None = None

    @property
    def name(self) -> str:
        """The path as text for messages (bytes that are not UTF-8 as ``\\xNN``)."""
        return path_text(self.path)


@dataclass
class ImportReport:
    """What an import produced and what it met on the way."""

    questions: list[Question] = field(default_factory=list)
    files: int = 0
    imported_files: int = 0
    skipped: list[Problem] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    copies_merged: int = 0
    repaired: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    named_skipped: int = 0  # files named on the command line that were skipped
    cancelled: bool = False  # the review was quit with nothing to import

    @property
    def ok(self) -> bool:
        """True when every question file imported and no file named was skipped."""
        return not self.failed and not self.named_skipped


def find_sources(
    paths: Iterable[Path], bank: str | None = None, problems: list[Problem] | None = None
) -> list[SourceFile]:
    """The files named, and the ``.md`` files below the directories named, once each.
    A folder that cannot be read, or holds no ``.md`` file, is added to ``problems``."""
    problems = problems if problems is not None else []
    found: dict[str, tuple[Path, Path, Path, bool]] = {}  # real path -> file, absolute, root
    for path in paths:
        if path.is_dir():
            root = _absolute(path).parent
            known = len(problems)
            files = _markdown_below(path, problems)
            if not files and len(problems) == known:
                problems.append(Problem(path_text(path), 0, NO_MARKDOWN))
            for file in files:
                found.setdefault(os.path.realpath(file), (file, _absolute(file), root, False))
        else:
            absolute = _absolute(path)
            found.setdefault(os.path.realpath(path), (path, absolute, absolute.parent.parent, True))
    folders = {path_text(absolute.parent.name) for _, absolute, _, _ in found.values()}
    sources = []
    for file, absolute, root, named in found.values():
        relative = _relative(absolute, root)
        place = filing(relative)
        own_bank = _bank_of(absolute, folders, place.in_topic_folder)
        if own_bank == safe_component(path_text(absolute.parent.name)):
            placement = 0  # in its bank's own folder
        else:
            placement = 1 if _suffix(absolute) else 2
        source = SourceFile(file, relative, bank or own_bank, named, placement, place.exam_domain)
        sources.append(source)
    return sources


def _absolute(path: Path) -> Path:
    """The path made absolute, ``..`` taken away by name (symbolic links kept)."""
    return Path(os.path.abspath(path))


def _markdown_below(folder: Path, problems: list[Problem]) -> list[Path]:
    """The ``.md`` entries below a folder that are not directories, hidden ones left out."""

    def unreadable(error: OSError) -> None:
        where = path_text(error.filename or folder)
        problems.append(Problem(where, 0, f"cannot read the folder ({error.strerror})"))

    files: list[Path] = []
    for parent, subfolders, names in os.walk(folder, onerror=unreadable):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        files.extend(
            Path(parent, name)
            for name in names
            if name.casefold().endswith(".md") and not name.startswith(".")
        )
    return sorted(files)


def _relative(file: Path, root: Path) -> str:
    try:
        return path_text(file.relative_to(root).as_posix())
    except ValueError:
        return path_text(file.name)


def _suffix(file: Path) -> str:
    """The ``_bN`` bank suffix of a file name (``Q-030_b2.md``), lower case, or ""."""
    match = _BANK_SUFFIX.match(unicodedata.normalize("NFKC", path_text(file.stem)))
    return match["bank"].lower() if match else ""


def _bank_of(file: Path, folders: set[str], in_topic_folder: bool) -> str:
    """The bank named by a ``_bN`` suffix of the file name, else the file's folder
    (a topic folder is not a bank: its questions without a suffix are ``by-topic``)."""
    suffix = _suffix(file)
    if not suffix:
        if in_topic_folder:
            return TOPIC_BANK
        return safe_component(path_text(file.parent.name) or "default")
    named = sorted(f for f in folders if f.lower().endswith(f"_{suffix}") or f.lower() == suffix)
    return safe_component(named[0]) if named else f"by-order_{suffix}"


def import_sources(
    sources: list[SourceFile], progress: Progress | None = None, review: ReviewHook | None = None
) -> ImportReport:
    """Parse every source; duplicates are merged, conflicting keys reported. ``review``
    lets a person decide the repairs' doubtful choices (quitting it imports nothing)."""
    report = ImportReport(files=len(sources))
    texts: dict[SourceFile, tuple[str, str]] = {}
    for source in sources:
        try:
            texts[source] = read_source(source.path)
        except NotARegularFile as reason:
            if source.named:  # asked for by name: not reading it is a failure
                report.failed.append(Problem(source.name, 0, str(reason)))
            else:
                report.skipped.append(Problem(source.name, 0, str(reason), "skipped"))
        except NotAQuestion as reason:
            report.skipped.append(Problem(source.name, 0, str(reason), "skipped"))
            report.named_skipped += source.named
        except SourceError as error:
            report.failed.append(Problem(source.name, error.line, error.message))
    doubts = _repair_damaged(texts, report, review)
    if report.cancelled:
        return report
    candidates: list[Candidate] = []
    for done, source in enumerate(sources, start=1):
        if source in texts:
            text, digest = texts[source]
            origin = Origin(source.relative, digest, doubt=doubts.get(source, ()))
            found, problems, skip = parse_source(text, source, origin)
            found, image_warnings = resolve_images(found, source.path, text)
            problems += image_warnings
            candidates.extend(found)
            report.failed.extend(problem for problem in problems if problem.severity != "warning")
            report.warnings.extend(problem for problem in problems if problem.severity == "warning")
            if skip:
                report.skipped.append(Problem(source.name, 0, skip, "skipped"))
                report.named_skipped += source.named
            elif found:
                report.imported_files += 1
        if progress:
            progress(done, len(sources))
    merged = merge_candidates(candidates)
    report.questions = merged.questions
    report.merged = merged.merges
    report.copies_merged = merged.copies_merged
    report.failed.extend(merged.conflicts)
    return report


def read_source(path: Path) -> tuple[str, str]:
    """The text of a source file and the sha256 of its bytes. Only a regular file
    is read (a FIFO or a device would block or never end); UTF-8, or UTF-16/32
    with a byte-order mark."""
    try:
        data = read_regular_file(path)
    except OSError as error:
        raise SourceError(0, f"cannot read the file ({error.strerror})") from error
    text = _decode(data)
    if not text.strip():
        raise NotAQuestion("an empty file")
    return normalise_source(text), hashlib.sha256(data).hexdigest()


def _decode(data: bytes) -> str:
    """The text of a file's bytes, or why it is not text."""
    for bom, codec in _BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise SourceError(0, f"not valid {codec.upper()} text") from error
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        if _looks_utf16(sample):
            raise SourceError(0, "UTF-16 text without a byte-order mark: save it as UTF-8")
        raise NotAQuestion("a binary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(line, f"not UTF-8 text (byte 0x{data[error.start]:02x})") from error


def _looks_utf16(sample: bytes) -> bool:
    """True when NUL bytes fill one half of the byte pairs and not the other (ASCII as UTF-16)."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    return pairs > 0 and max(even, odd) >= pairs * 0.3 and min(even, odd) <= pairs * 0.01


def _repair_damaged(
    texts: dict[SourceFile, tuple[str, str]], report: ImportReport, review: ReviewHook | None
) -> dict[SourceFile, tuple[tuple[int, int], ...]]:
    """Repair the damaged texts of the batch together; the clean ones lend their
    intact characters as context (a clean file shows what the damage hides), and
    ``review`` decides the doubtful choices of all damaged files at once. Returns where in
    each repaired file (line, column) a character is still chosen with doubt. Without
    the repair extra, the damaged files are skipped (never imported half repaired)."""
    from quiz.repair import looks_damaged, missing_extra

    damaged = {source for source, (text, _) in texts.items() if looks_damaged(text)}
    doubts: dict[SourceFile, tuple[tuple[int, int], ...]] = {}
    if not damaged:
        return doubts
    missing = missing_extra()
    if missing:
        for source in [source for source in texts if source in damaged]:  # in batch order
            del texts[source]
            report.skipped.append(Problem(source.name, 0, f"damaged text; {missing}", "skipped"))
            report.named_skipped += source.named
        return doubts
    from quiz.repair import Repairer

    sources = list(texts)
    results = Repairer().repair_many([texts[source][0] for source in sources])
    repairs = {s: r for s, r in zip(sources, results, strict=True) if s in damaged}
    if review is not None:
        decided = review([source.path for source in repairs], list(repairs.values()))
        if decided is None:
            report.cancelled = True
            return doubts
        repairs = dict(zip(repairs, decided, strict=True))
    for source, result in repairs.items():
        texts[source] = (normalise_source(result.text), texts[source][1])
        report.repaired.append(source.name)
        doubts[source] = tuple((spot.line, spot.column) for spot in result.uncertain)
    return doubts


def parse_source(
    text: str, source: SourceFile, origin: Origin
) -> tuple[list[Candidate], list[Problem], str]:
    """The questions of one file, the problems met (errors and warnings), and a
    skip reason (or "")."""
    doc = Document(text)
    blocks = question_blocks(doc)
    fields = read_fields(doc)
    # what decides the format is the question part, not an analysis appended under "# 解析"
    part = next(
        (h.index for h in doc.headings if h.level == 1 and is_analysis_title(h.text)),
        len(doc.lines),
    )
    kinds = {heading_kind(h.text) for h in doc.headings if h.index < part}
    template_signs = any(
        f.index < part for key in ("id", "answer") for f in fields.get(key, [])
    ) or bool(kinds & {META, CONTAINER})
    found: list[Candidate] = []
    problems: list[Problem] = []
    name = source.name
    if len(blocks) >= 2 or (blocks and OPTIONS in kinds and not template_signs):
        for number, block in enumerate(blocks, start=1):
            try:
                question = parse_block(doc, block, number)
            except SourceError as error:
                problems.append(Problem(name, error.line, error.message))
                continue
            own = origin
            if origin.doubt:  # the doubts on the block's own lines
                doubt = tuple(spot for spot in origin.doubt if block.start < spot[0] <= block.end)
                own = replace(origin, doubt=doubt)
            found.append(_candidate(question, source, own, block.start + 1, block=True))
        return found, problems, ""
    if template_signs or STEM in kinds or OPTIONS in kinds:
        warnings: list[tuple[int, str]] = []
        try:
            question = parse_template(doc, _fallback_id(source.path), warnings)
        except NotAQuestion as reason:
            return [], [], str(reason)
        except SourceError as error:
            return [], [Problem(name, error.line, error.message)], ""
        problems = [Problem(name, line, message, "warning") for line, message in warnings]
        return [_candidate(question, source, origin, 1)], problems, ""
    return [], [], "not a question file (no **ID:** field, 題幹/選項 headings or # Question N)"


def _candidate(
    question: Question, source: SourceFile, origin: Origin, line: int, *, block: bool = False
) -> Candidate:
    question = replace(question, bank=source.bank, origin=origin, exam_domain=source.exam_domain)
    return Candidate(question, source.name, line, source.placement, block)


def _fallback_id(path: Path) -> str:
    """An ID from the file name (``Ｑ-030_b2.md`` -> ``Q-030``)."""
    stem = unicodedata.normalize("NFKC", path_text(path.stem))
    match = _BANK_SUFFIX.match(stem)
    return match["id"] if match else stem
