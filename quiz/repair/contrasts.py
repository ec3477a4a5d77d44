"""Contrasts: 高 | 低, 是 → … 否 → …, 較大 … 較小.

Tables, decision trees and comparisons set opposites side by side in the same frame:
"| 高 |" above "| 低 |", "→ 是：" above "→ 否：". When a damaged character stands in a
frame (the same tokens left and right) where an intact character of the same part of
speech stands elsewhere in the document, and the two make a word together (高低, 是否,
大小, 左右), the candidate that makes it is very likely the one meant: a damaged 否 reads
the same as the far more frequent 另, and only the 是 beside it tells. Frames with a
Latin word on either side are too common to say anything.
"""

from __future__ import annotations

import re
from collections import defaultdict

from quiz.repair.context import neighbours
from quiz.repair.lexicon import Lexicon, is_han

CONTRAST_BONUS = 6.0  # log-odds added to the candidate that completes a contrast
LATIN_WORD = "a"  # the token ``neighbours`` gives for a Latin word
BEYOND_LATIN = re.compile("[^\x00-\u2fff]")  # CJK and beyond


def contrast_bonuses(
    text: str, offsets: list[int], candidates: list[tuple[str, ...]], lexicon: Lexicon
) -> list[dict[str, float]]:
    """For the damaged character at each of ``offsets`` in ``text`` (with its Chinese
    ``candidates``), the bonus of the candidates that complete a contrast."""
    frames = [neighbours(text, offset) for offset in offsets]
    wanted = {frame for frame in frames if LATIN_WORD not in frame}
    # Chinese characters at the start, or after a left neighbour of a damaged one
    # (or a space, which neighbours() skips): only those can share its frame.
    lefts = {left for left, _ in wanted if left} | {" ", "\t"}
    damaged = set(offsets)
    intact: dict[tuple[str, str], set[str]] = defaultdict(set)
    for match in BEYOND_LATIN.finditer(text):
        index = match.start()
        if index and text[index - 1] not in lefts:
            continue
        if index not in damaged and is_han(match.group()):
            frame = neighbours(text, index)
            if frame in wanted:
                intact[frame].add(match.group())
    bonuses: list[dict[str, float]] = []
    known: dict[tuple[str, str], bool] = lexicon.memo.setdefault("contrasts", {})
    for frame, options in zip(frames, candidates, strict=True):
        partners = intact.get(frame)
        if not partners:
            bonuses.append({})
            continue
        found = set()
        for char in options:
            for partner in partners:
                contrast = known.get((char, partner))
                if contrast is None:
                    contrast = known[char, partner] = _contrast(char, partner, lexicon)
                if contrast:
                    found.add(char)
                    break
        bonuses.append(dict.fromkeys(found, CONTRAST_BONUS) if len(found) == 1 else {})
    return bonuses


def _contrast(char: str, partner: str, lexicon: Lexicon) -> bool:
    """Whether ``char`` and ``partner`` have the same kind of part of speech and make a
    word together, in either order."""
    tags, entries = lexicon.tags, lexicon.entries
    if tags.get(char, "?")[:1] != tags.get(partner, "!")[:1]:
        return False
    return entries.get(partner + char) is not None or entries.get(char + partner) is not None
