"""What the intact text says about how words meet punctuation and Latin words.

The tagger that gives parts of speech their affinities was trained on text without
punctuation or Latin words, but Chinese technical writing is full of both: "在 Spark 中，".
The intact text of a document (or of the whole batch) shows which parts of speech start
a stretch of Chinese after a Latin word or a mark, and which end one before them. Each
stretch's first and last word (the longest dictionary word there) count; a mark that ends
a clause (，。）) counts apart from the others (a backtick, an asterisk), as what ends a
clause (a localizer: 在檔案中，) is not what stands before code (a preposition: 在 `x`).
The affinity is how much more often a part of speech stands there than at any such edge
(log ratio, smoothed towards zero when the text says little).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from quiz.repair.lexicon import HAN, Lexicon

HAN_RUN = re.compile(f"[{HAN}]+")
LATIN = "eng"  # a Latin word (letters, digits, underscores)
MARK = "^"  # punctuation, a line break, the start or end of the text
CLAUSE_END = "$"  # a mark that ends a clause, after a stretch of Chinese
CLAUSE_MARKS = frozenset("，。；：！？、）」』】》")
UNKNOWN = "\x00"  # stands for a damaged character in the text given
SMOOTHING = 20.0  # pseudo-count given to the edge-wide distribution
LONGEST = 4  # longest word looked up at a stretch's edge


class BoundaryCounts:
    """Parts of speech seen next to Latin words and marks in intact text."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.tags: Counter[str] = Counter()

    def add(self, text: str) -> None:
        """Count the edges of every stretch of Chinese in ``text``."""
        for run in HAN_RUN.finditer(text):
            before = _neighbour(text, run.start() - 1, -1)
            after = _neighbour(text, run.end(), 1)
            if before:
                tag = self._edge_tag(run.group(), first=True)
                if tag:
                    self.pairs[before, tag] += 1
                    self.tags[tag] += 1
            if after:
                tag = self._edge_tag(run.group(), first=False)
                if tag:
                    self.pairs[tag, after] += 1
                    self.tags[tag] += 1

    def affinity(self) -> dict[tuple[str, str], float]:
        """log P(tag at this kind of edge) / P(tag at any edge), for every pair seen."""
        total = sum(self.tags.values())
        if not total:
            return {}
        edge_totals: Counter[tuple[str, str]] = Counter()
        for (first, second), count in self.pairs.items():
            edge_totals[_side(first, second)] += count
        affinity: dict[tuple[str, str], float] = {}
        for (first, second), count in self.pairs.items():
            side = _side(first, second)
            share = self.tags[second if side[0] else first] / total
            observed = (count + SMOOTHING * share) / (edge_totals[side] + SMOOTHING)
            affinity[first, second] = math.log(observed / share)
        return affinity

    def _edge_tag(self, run: str, *, first: bool) -> str | None:
        """The part of speech of the longest dictionary word at one end of ``run``."""
        for length in range(min(LONGEST, len(run)), 0, -1):
            word = run[:length] if first else run[-length:]
            if self.lexicon.entries.get(word) is not None:
                return self.lexicon.tags.get(word)
        return None


def _side(first: str, second: str) -> tuple[str, str]:
    """Which edge a pair counts at: after a token (LATIN, "") or before one ("", MARK)."""
    return (first, "") if first in (LATIN, MARK) else ("", second)


def _neighbour(text: str, index: int, step: int) -> str | None:
    """The kind of token next to a stretch of Chinese (None: unknown, or more Chinese)."""
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    if not 0 <= index < len(text):
        return MARK
    char = text[index]
    if char == UNKNOWN or HAN_RUN.match(char):
        return None
    if char.isascii() and (char.isalnum() or char == "_"):
        return LATIN
    return CLAUSE_END if step > 0 and char in CLAUSE_MARKS else MARK
