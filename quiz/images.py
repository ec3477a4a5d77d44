"""Images in record text: the Markdown image links of a question, the file a link names
beside its record, and opening that file with the system viewer.

Record text is data: only a relative link to a regular file with an image extension,
inside the folder of the question's record, is ever opened, and the viewer is started
with the file's path as its only argument (no shell).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from quiz.model import Question

IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp"})
IMAGE_LINK = re.compile(
    r"!\[[^\[\]\n]{0,300}\]\(\s{0,10}"
    r"(?P<target><[^<>\n]{1,1000}>|[^\s()<>]{1,1000})"
    r"(?:\s{1,10}(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?\s{0,10}\)"
)
"""``![alt](target "title")``; bounded, so a hostile text is read in linear time."""

Runner = Callable[[Sequence[str]], object]
Which = Callable[[str], str | None]


def link_target(match: re.Match[str]) -> str:
    """The target of an image link as written, without its angle brackets."""
    target = match["target"]
    return target[1:-1] if target.startswith("<") else target


def image_targets(text: str) -> list[str]:
    """The targets of the Markdown images in a text, in order."""
    return [link_target(match) for match in IMAGE_LINK.finditer(text)]


def question_texts(question: Question, analysis: bool = True) -> list[str]:
    """Every text of a question that may hold images: stem, translation, options and,
    when ``analysis``, the explanation's parts."""
    texts = [question.stem, question.translation, *question.options.values()]
    if analysis:
        explanation = question.explanation
        texts += [explanation.key_points, explanation.correct, *explanation.wrong.values()]
        texts += [explanation.mnemonic, explanation.extra]
    return texts


def question_images(question: Question, analysis: bool = True) -> list[str]:
    """The image targets of a question (see ``question_texts``), each once, in order."""
    found = (
        target for text in question_texts(question, analysis) for target in image_targets(text)
    )
    return list(dict.fromkeys(found))


def is_image_name(name: str) -> bool:
    """True when a file name has an image extension."""
    return os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS


def local_image(target: str, record_file: Path) -> Path | None:
    """The file an image link names, when it may be opened: a relative path (as written
    or URL-decoded) to a regular file with an image extension whose real path is inside
    the record's folder; otherwise None."""
    try:
        if urlsplit(target).scheme or target.startswith(("/", "\\")):
            return None
        folder = record_file.parent.resolve()
        for name in dict.fromkeys((target, unquote(target))):
            path = (folder / name).resolve()
            if path.is_relative_to(folder) and is_image_name(path.name) and path.is_file():
                return path
    except (ValueError, OSError):  # a NUL byte, a malformed URL, a name too long
        return None
    return None


def viewer_command(platform: str = sys.platform, which: Which = shutil.which) -> list[str] | None:
    """The command that opens a file with the system's viewer, or None when there is none."""
    if platform == "darwin":
        return ["open"]
    if platform == "win32":
        return ["explorer"]
    found = which("xdg-open")
    return [found] if found else None


def _spawn(command: Sequence[str]) -> object:
    """Start a viewer on its own, its output kept off the app's terminal."""
    quiet = subprocess.DEVNULL
    return subprocess.Popen(
        list(command), stdin=quiet, stdout=quiet, stderr=quiet, start_new_session=True
    )


def open_image(
    path: Path, run: Runner = _spawn, platform: str = sys.platform, which: Which = shutil.which
) -> bool:
    """Open an image file (an absolute path) with the system viewer; False when there is
    no viewer or it cannot be started."""
    command = viewer_command(platform, which)
    if command is None:
        return False
    try:
        run([*command, str(path)])
    except OSError:
        return False
    return True
