"""Context from the texts at hand: how the same damage was read elsewhere in the batch.

A damaged character never appears intact in a damaged text (its bytes are always hit),
but the same damaged sequence recurs between the same neighbours: the same phrase, in
another place or another file. Where the first reading was sure of an occurrence (or a
clean file of the batch shows the character intact), it votes for its character under
the key (damaged text, left neighbour, right neighbour). A candidate's bonus is the log
of its share of the other occurrences' votes; a key nobody else voted under says nothing.
(Looser keys, one neighbour or none, were tried: they carry the first reading's bias
from easy contexts into hard ones and lost more than they won.)

Clean files say more, as they show the hidden characters intact: each Chinese candidate
also gets how much more often the clean texts show it after its left neighbour, and its
right neighbour after it, than on their own (小 before 檔 in 合併小檔案 speaks for a
damaged 小檔案 anywhere). The first reading's choices are not counted so: they would
only teach its own bias back.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict

from quiz.repair.damage import damage, is_hit
from quiz.repair.lexicon import is_han

PRIOR_VOTES = 1.0  # pseudo-votes spread evenly over the candidates
NEIGHBOUR_WEIGHT = 0.3  # weight of what the clean texts say about neighbours
NEIGHBOUR_PRIOR = 10.0  # pseudo-count towards a character's overall share
UNSEEN = 1000.0  # smoothing of character shares
CLEAN_ENOUGH = 30_000  # Chinese characters of clean text that the pairs are fully trusted at
RIGHT = ">"  # marks a right neighbour in ``pairs``

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
    if not is_hit(char):
        return None
    return damage(char)


class BatchContext:
    """The votes cast under every key across a batch, and what its clean texts show of
    each character's neighbours."""

    def __init__(self) -> None:
        self.votes: dict[Key, dict[str, float]] = defaultdict(dict)
        self.voters: dict[Key, float] = defaultdict(float)
        self.pairs: Counter[tuple[str, str]] = Counter()  # (left, char) and (char, ">" + right)
        self.lefts: Counter[str] = Counter()  # tokens with a Chinese character after them
        self.chars: Counter[str] = Counter()
        self.total = 0  # Chinese characters in the clean texts

    def add_clean(self, text: str) -> None:
        """A clean text shows the characters that damage hides, with their neighbours."""
        for offset, char in enumerate(text):
            if not char.isascii():
                left, right = neighbours(text, offset)
                form = damaged_form(char)
                if form:
                    self.vote(form, left, right, char)
                if is_han(char):
                    self.total += 1
                    self.chars[char] += 1
                    self.lefts[left] += 1
                    self.pairs[left, char] += 1
                    self.pairs[char, RIGHT + right] += 1

    def vote(self, raw: str, left: str, right: str, char: str) -> None:
        """One sure occurrence of ``char``, damaged to ``raw``, between two neighbours."""
        votes = self.votes[raw, left, right]
        votes[char] = votes.get(char, 0.0) + 1.0
        self.voters[raw, left, right] += 1.0

    def bonus(
        self, raw: str, left: str, right: str, own: str | None, candidates: list[str]
    ) -> dict[str, float]:
        """What the other occurrences say about each candidate (``own``: this one's vote),
        and how well each Chinese candidate goes with its neighbours in the clean texts.

        Empty when no other occurrence voted under the same key and no text was clean.
        """
        bonus = self._neighbour_bonus(left, right, candidates)
        key = (raw, left, right)
        others = self.voters.get(key, 0.0) - (1.0 if own else 0.0)
        if others <= 0:
            return bonus
        votes = self.votes[key]
        spread = PRIOR_VOTES / len(candidates)
        total = others + PRIOR_VOTES
        for char in candidates:
            share = (votes.get(char, 0.0) - (char == own) + spread) / total
            bonus[char] = bonus.get(char, 0.0) + math.log(share)
        return bonus

    def _neighbour_bonus(self, left: str, right: str, candidates: list[str]) -> dict[str, float]:
        """log P(char | left) / P(char) + log P(right | char) / P(right), from the clean
        texts (smoothed towards no effect, weighted by how much clean text there is); a
        character they lack says nothing about what follows it."""
        total = self.total
        if not total:
            return {}
        weight = NEIGHBOUR_WEIGHT * min(1.0, total / CLEAN_ENOUGH)
        bonus = {}
        right_share = (self.lefts[right] + 0.5) / (total + UNSEEN)
        for char in candidates:
            if not is_han(char):
                continue
            share = (self.chars[char] + 0.5) / (total + UNSEEN)
            after = (self.pairs[left, char] + NEIGHBOUR_PRIOR * share) / (
                self.lefts[left] + NEIGHBOUR_PRIOR
            )
            score = math.log(after / share)
            if self.chars[char]:
                before = (self.pairs[char, RIGHT + right] + NEIGHBOUR_PRIOR * right_share) / (
                    self.chars[char] + NEIGHBOUR_PRIOR
                )
                score += math.log(before / right_share)
            bonus[char] = weight * score
        return bonus
