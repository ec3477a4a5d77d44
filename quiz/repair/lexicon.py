"""The Chinese lexicon: how likely each Traditional Chinese word is.

The data comes from jieba's dictionary (Simplified Chinese words with frequencies),
converted to Taiwan Traditional Chinese with OpenCC. Building it takes a second or two, so
the result is cached under ``quiz.paths.cache_dir()`` (keyed by the versions of both
packages) and loaded from there afterwards.
"""

from __future__ import annotations

import contextlib
import marshal
import math
import os
import tempfile
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from quiz import paths

FORMAT = 2
MAX_WORD_LENGTH = 6


def is_han(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph."""
    point = ord(char)
    return (
        0x4E00 <= point <= 0x9FFF
        or 0x3400 <= point <= 0x4DBF
        or 0xF900 <= point <= 0xFAFF
        or 0x20000 <= point <= 0x323AF
    )


@dataclass(frozen=True)
class Lexicon:
    """Word log-probabilities, with every proper prefix of a word present as ``None``."""

    entries: dict[str, float | None]
    unknown: float  # log-probability of a Chinese character the dictionary lacks

    def log_probability(self, word: str) -> float | None:
        """The log-probability of ``word``; None when it is not a word."""
        return self.entries.get(word)


def load_lexicon() -> Lexicon:
    """The lexicon, from the cache when it is there, else built and cached."""
    path = _cache_path()
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        entries, unknown = marshal.loads(path.read_bytes())
        return Lexicon(entries, unknown)
    lexicon = build_lexicon()
    with contextlib.suppress(OSError):
        _write_atomically(path, marshal.dumps((lexicon.entries, lexicon.unknown)))
    return lexicon


def build_lexicon() -> Lexicon:
    """Read jieba's dictionary, convert it to Traditional Chinese, and count."""
    import opencc

    lines = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8").splitlines()
    words, counts = [], []
    for line in lines:
        fields = line.split(" ")
        if len(fields) >= 2 and fields[1].isdigit():
            words.append(fields[0])
            counts.append(int(fields[1]))
    joined = "\n".join(words)
    characters = opencc.OpenCC("s2tw").convert(joined).split("\n")
    phrasing = opencc.OpenCC("s2twp").convert(joined).split("\n")
    frequency: dict[str, int] = {}
    for forms, count in zip(zip(characters, phrasing, strict=True), counts, strict=True):
        for word in set(forms):
            if 0 < len(word) <= MAX_WORD_LENGTH and all(is_han(char) for char in word):
                frequency[word] = frequency.get(word, 0) + count
    total = sum(frequency.values())
    entries: dict[str, float | None] = {}
    for word, count in frequency.items():
        for end in range(1, len(word)):
            entries.setdefault(word[:end], None)
        entries[word] = math.log(count / total)
    return Lexicon(entries, math.log(0.5 / total))


def _cache_path() -> Path:
    versions = "-".join(metadata.version(name) for name in ("jieba", "opencc"))
    return paths.cache_dir() / f"repair-lexicon-{FORMAT}-{versions}.marshal"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
