"""Images of imported questions: found beside the source file, copied beside the records.

Two steps. ``resolve_images`` (while parsing) turns each Markdown image whose target is
a path, relative to the source file (``../../images/x.png`` leaving the bank's folder is
normal) or a ``file:`` URL, into a ``file:`` URL of the image's real path, when that is a
regular file with an image extension; a missing one is a warning and its link is kept as
written. ``copy_images`` (before writing) copies each such file to
``<out>/<bank>/images/<short hash>-<safe name>`` and links the record to that copy.
Images are only read where they are; nothing is written outside ``out``. Web images
keep their URL.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from quiz.bank import RecordNotWritten, record_path
from quiz.files import read_regular_file, write_bytes_atomically
from quiz.images import IMAGE_LINK, is_image_name, link_target, question_texts
from quiz.importer.merge import Candidate
from quiz.model import Question
from quiz.names import path_text, safe_component
from quiz.records import Problem

HASH_CHARS = 8
IMAGES_FOLDER = "images"

Relink = Callable[[str], str | None]  # an image target -> its new target, or None to keep it


def resolve_images(
    candidates: list[Candidate], source: Path, text: str
) -> tuple[list[Candidate], list[Problem]]:
    """The candidates of one source file with their local images linked by real path
    (``file:`` URLs), and a warning for each image that is missing or not an image."""
    if "![" not in text:
        return candidates, []
    warnings: dict[str, Problem] = {}
    resolved = []
    for candidate in candidates:

        def relink(target: str, candidate: Candidate = candidate) -> str | None:
            path = _source_path(target, source)
            if path is None:
                return None
            found = _image_file(path)
            if found is None:
                problem = "not found" if not path.is_file() else "is not an image file"
                line = _line_of(text, target, candidate.line)
                warnings.setdefault(
                    target, Problem(candidate.path, line, f"image {target} {problem}", "warning")
                )
                return None
            return found.as_uri()

        resolved.append(replace(candidate, question=relink_question(candidate.question, relink)))
    return resolved, list(warnings.values())


def _source_path(target: str, source: Path) -> Path | None:
    """The file a link names, seen from its source file; None for a web (or other) URL."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    if parts.scheme.lower() == "file":
        path = unquote(parts.path, errors="surrogateescape")
        return Path(path) if parts.netloc in ("", "localhost") else None
    if parts.scheme and len(parts.scheme) > 1:  # one letter is a Windows drive
        return None
    written = source.parent / target
    decoded = source.parent / unquote(target)
    return decoded if not _exists(written) and _exists(decoded) else written


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _image_file(path: Path) -> Path | None:
    """The real path of a regular file that is an image (its name and its real name), or None."""
    try:
        real = Path(os.path.realpath(path))
        if is_image_name(path.name) and is_image_name(real.name) and real.is_file():
            return real
    except (OSError, ValueError):
        pass
    return None


def _line_of(text: str, target: str, start_line: int) -> int:
    """The line where a target is first written at or after ``start_line`` (1-based)."""
    offset = 0
    for _ in range(start_line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            break
    position = text.find(target, offset)
    if position < 0:
        return start_line
    return text.count("\n", 0, position) + 1


def copy_images(out: Path, questions: list[Question]) -> tuple[list[Question], list[Problem]]:
    """The questions with each image linked by ``file:`` URL copied into its bank's
    ``images`` folder under ``out`` and linked there (relative to the record), and a
    warning for each image that could not be copied (its link is kept)."""
    copied: dict[tuple[Path, Path], str] = {}
    warnings: list[Problem] = []
    result = []
    for question in questions:
        if not any("![" in text for text in question_texts(question)):
            result.append(question)
            continue
        try:
            folder = record_path(out, question).parent
        except RecordNotWritten:  # refused when the records are written
            result.append(question)
            continue

        def relink(target: str, folder: Path = folder) -> str | None:
            path = _source_path(target, Path()) if target.startswith("file:") else None
            if path is None or not _exists(path):
                return None
            if (folder, path) not in copied:
                try:
                    copied[folder, path] = _copy(path, folder / IMAGES_FOLDER)
                except OSError as error:
                    reason = error.strerror or str(error)
                    warnings.append(
                        Problem(path_text(path), 0, f"image not copied ({reason})", "warning")
                    )
                    return None
            return f"{IMAGES_FOLDER}/{quote(copied[folder, path])}"

        result.append(relink_question(question, relink))
    return result, warnings


def _copy(image: Path, folder: Path) -> str:
    """Copy an image into a folder as ``<short hash of its bytes>-<safe name>``, unless
    that file is there already; its new name."""
    data = read_regular_file(image)
    digest = hashlib.sha256(data).hexdigest()[:HASH_CHARS]
    name = f"{digest}-{safe_component(path_text(image.stem))}{image.suffix.lower()}"
    target = folder / os.fsdecode(name.encode("utf-8"))
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, data)
    return name


def relink_question(question: Question, relink: Relink) -> Question:
    """The question with each image target in its texts changed by ``relink``."""

    def change(text: str) -> str:
        if "![" not in text:
            return text
        pieces, last = [], 0
        for match in IMAGE_LINK.finditer(text):
            new = relink(link_target(match))
            if new is not None:
                pieces += [text[last : match.start("target")], new]
                last = match.end("target")
        return "".join([*pieces, text[last:]])

    explanation = question.explanation
    return replace(
        question,
        stem=change(question.stem),
        translation=change(question.translation),
        options={letter: change(text) for letter, text in question.options.items()},
        explanation=replace(
            explanation,
            key_points=change(explanation.key_points),
            correct=change(explanation.correct),
            wrong={letter: change(text) for letter, text in explanation.wrong.items()},
            mnemonic=change(explanation.mnemonic),
            extra=change(explanation.extra),
        ),
    )
