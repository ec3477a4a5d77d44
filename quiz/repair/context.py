"""Context from the texts at hand: how the same damage was read elsewhere in the batch.

A damaged character never appears intact in a damaged text (its bytes are always hit),
but the same damaged sequence recurs: in the same phrase, next to the same neighbour, or
just in the same document about the same topic. Where the first reading was sure of an
occurrence (or a clean file of the batch shows the character intact), it votes for its
character under four keys, from the most to the least specific: the damaged text with
both neighbours, with the left one, with the right one, and alone. A candidate's bonus
adds up, per key, the log of its share of the other occurrences' votes (a cache model);
keys nobody else voted under say nothing.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict

from quiz.repair.damage import LOST_BYTES, damage

# Weight of each key, from (damage, left, right) to (damage) alone.
LEVEL_WEIGHTS = (1.0, 0.0, 0.0, 0.0)
PRIOR_VOTES = 1.0  # pseudo-votes spread evenly over the candidates

Key = tuple[str, ...]


def token(char: str) -> str:
    """The token a neighbouring character counts as (any Latin word is one token)."""
    return "a" if char.isascii() and (char.isalnum() or char == "_") else char


def neighbours(text: str, offset: int) -> tuple[str, str]:
    """The tokens left and right of ``text[offset]``, skipping spaces and tabs."""
    left = offset - 1
    while left >= 0 and text[left] in " \t":
        left -= 1
    right = offset + 1
    while right < len(text) and text[right] in " \t":
        right += 1
    return (
        token(text[left]) if left >= 0 else "",
        token(text[right]) if right < len(text) else "",
    )


def keys(raw: str, left: str, right: str) -> tuple[Key, Key, Key, Key]:
    """The four keys an occurrence of ``raw`` between ``left`` and ``right`` votes under."""
    return (raw, left, right), (raw, left, ""), (raw, "", right), (raw,)


@functools.lru_cache(maxsize=16384)
def damaged_form(char: str) -> str | None:
    """What the transfer leaves of ``char`` when it loses a byte, else None."""
    if not any(byte in LOST_BYTES for byte in char.encode("utf-8")):
        return None
    return damage(char)


class BatchContext:
    """The votes cast under every key across a batch."""

    def __init__(self) -> None:
        self.votes: dict[Key, dict[str, float]] = defaultdict(dict)
        self.voters: dict[Key, float] = defaultdict(float)

    def add_clean(self, text: str) -> None:
        """A clean text shows the characters that damage hides, with their neighbours."""
        for offset, char in enumerate(text):
            if not char.isascii():
                form = damaged_form(char)
                if form:
                    self.vote(form, *neighbours(text, offset), char)

    def vote(self, raw: str, left: str, right: str, char: str) -> None:
        """One sure occurrence of ``char``, damaged to ``raw``, between two neighbours."""
        for key in keys(raw, left, right):
            votes = self.votes[key]
            votes[char] = votes.get(char, 0.0) + 1.0
            self.voters[key] += 1.0

    def bonus(
        self, raw: str, left: str, right: str, own: str | None, candidates: list[str]
    ) -> dict[str, float]:
        """What the other occurrences say about each candidate (``own``: this one's vote).

        Empty when no other occurrence voted under any key that counts.
        """
        bonus: dict[str, float] = {}
        spread = PRIOR_VOTES / len(candidates)
        for key, weight in zip(keys(raw, left, right), LEVEL_WEIGHTS, strict=True):
            others = self.voters.get(key, 0.0) - (1.0 if own else 0.0) if weight else 0.0
            if others <= 0:
                continue
            votes = self.votes[key]
            total = others + PRIOR_VOTES
            for char in candidates:
                mine = 1.0 if char == own else 0.0
                share = (votes.get(char, 0.0) - mine + spread) / total
                bonus[char] = bonus.get(char, 0.0) + weight * math.log(share)
        return bonus
