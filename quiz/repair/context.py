"""Context from the texts at hand: how the same damage was read elsewhere in the batch.

A damaged character never appears intact in a damaged text (its bytes are always hit),
but the same damaged sequence recurs between the same neighbours: the same phrase, in
another place or another file. Where the first reading was sure of an occurrence (or a
clean file of the batch shows the character intact), it votes for its character under
the key (damaged text, left neighbour, right neighbour). A candidate's bonus is the log
of its share of the other occurrences' votes; a key nobody else voted under says nothing.
(Looser keys, one neighbour or none, were tried: they carry the first reading's bias
from easy contexts into hard ones and lost more than they won.)
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict

from quiz.repair.damage import LOST_BYTES, damage

PRIOR_VOTES = 1.0  # pseudo-votes spread evenly over the candidates

Key = tuple[str, str, str]  # damaged text, left neighbour, right neighbour


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
        votes = self.votes[raw, left, right]
        votes[char] = votes.get(char, 0.0) + 1.0
        self.voters[raw, left, right] += 1.0

    def bonus(
        self, raw: str, left: str, right: str, own: str | None, candidates: list[str]
    ) -> dict[str, float]:
        """What the other occurrences say about each candidate (``own``: this one's vote).

        Empty when no other occurrence voted under the same key.
        """
        key = (raw, left, right)
        others = self.voters.get(key, 0.0) - (1.0 if own else 0.0)
        if others <= 0:
            return {}
        votes = self.votes[key]
        spread = PRIOR_VOTES / len(candidates)
        total = others + PRIOR_VOTES
        return {
            char: math.log((votes.get(char, 0.0) - (char == own) + spread) / total)
            for char in candidates
        }
