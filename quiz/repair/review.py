"""A person finishing a repair: the doubtful choices in a queue, decisions, undo, learning.

``Review(results)`` queues every uncertain choice of a batch, most doubtful first. Each
decision is one step that ``undo`` takes back whole. A person's decision teaches the rest
of the queue: a later choice with the same damaged bytes between the same neighbours
takes the same character without asking (``settled`` counts them). ``texts()`` is each
repaired text with the decisions applied. No Textual here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from quiz.repair.context import token
from quiz.repair.repairer import RepairResult, Uncertain

Key = tuple[str, str, str]  # damaged bytes (as text), left neighbour, right neighbour
PERSON = ("accepted", "picked", "typed")  # decisions that teach the rest of the queue


@dataclass(frozen=True)
class Spot:
    """One uncertain choice: its file (index in the batch), where it starts in the
    repaired text, and the key that learning matches on."""

    file: int
    offset: int
    uncertain: Uncertain
    key: Key


@dataclass(frozen=True)
class Decision:
    """The character decided for a spot, and how: accepted, picked, typed, learned, rest."""

    char: str
    how: str


def spots(results: Sequence[RepairResult]) -> list[Spot]:
    """Every uncertain choice of the batch, most doubtful first (then in file order)."""
    found = []
    for file, result in enumerate(results):
        text = result.text
        starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        for spot in result.uncertain:
            offset = starts[spot.line - 1] + spot.column - 1
            found.append(Spot(file, offset, spot, key_of(text, offset, spot)))
    found.sort(key=lambda spot: (spot.uncertain.confidence, spot.file, spot.offset))
    return found


def key_of(text: str, offset: int, spot: Uncertain) -> Key:
    """The damaged bytes and the tokens beside the chosen character (spaces skipped)."""
    left, right = offset - 1, offset + len(spot.chosen)
    while left >= 0 and text[left] in " \t":
        left -= 1
    while right < len(text) and text[right] in " \t":
        right += 1
    return (
        spot.raw,
        token(text[left]) if left >= 0 else "",
        token(text[right]) if right < len(text) else "",
    )


class Review:
    """The queue of a batch's uncertain choices and what a person decided of them."""

    def __init__(self, results: Sequence[RepairResult]) -> None:
        self.results = list(results)
        self.queue = spots(self.results)
        self.decisions: dict[int, Decision] = {}
        self._steps: list[list[int]] = []  # the queue indices each step decided

    @property
    def position(self) -> int | None:
        """The index of the first undecided spot, or None when all are decided."""
        return next((i for i in range(len(self.queue)) if i not in self.decisions), None)

    @property
    def current(self) -> Spot | None:
        """The spot to decide now, or None."""
        index = self.position
        return None if index is None else self.queue[index]

    @property
    def settled(self) -> int:
        """How many spots took a person's earlier decision without asking."""
        return sum(decision.how == "learned" for decision in self.decisions.values())

    def accept(self) -> int:
        """Keep the repair's choice; returns how many later spots it settled."""
        spot = self._now()
        return self._decide(spot.uncertain.chosen, "accepted")

    def pick(self, rank: int) -> int:
        """Take the candidate ranked ``rank`` (1 is the most likely); ValueError if none."""
        candidates = self._now().uncertain.candidates
        if not 1 <= rank <= len(candidates):
            raise ValueError(f"no candidate {rank}")
        return self._decide(candidates[rank - 1][0], "picked")

    def type(self, char: str) -> int:
        """Take a character the person typed (one character, not a control one)."""
        if len(char) != 1 or not char.isprintable():
            raise ValueError("type one printable character")
        return self._decide(char, "typed")

    def accept_rest(self) -> int:
        """Keep the repair's choice for every spot left; returns how many."""
        rest = [index for index in range(len(self.queue)) if index not in self.decisions]
        for index in rest:
            self.decisions[index] = Decision(self.queue[index].uncertain.chosen, "rest")
        if rest:
            self._steps.append(rest)
        return len(rest)

    def undo(self) -> bool:
        """Take back the last step (and what it settled); False when there is none."""
        if not self._steps:
            return False
        for index in self._steps.pop():
            del self.decisions[index]
        return True

    def texts(self) -> list[str]:
        """Each repaired text with the decisions applied (undecided spots as repaired)."""
        edits: dict[int, list[tuple[int, int, str]]] = {}
        for index, decision in self.decisions.items():
            spot = self.queue[index]
            end = spot.offset + len(spot.uncertain.chosen)
            edits.setdefault(spot.file, []).append((spot.offset, end, decision.char))
        texts = []
        for file, result in enumerate(self.results):
            text = result.text
            for start, end, char in sorted(edits.get(file, []), reverse=True):
                text = text[:start] + char + text[end:]
            texts.append(text)
        return texts

    def _now(self) -> Spot:
        spot = self.current
        if spot is None:
            raise ValueError("nothing left to decide")
        return spot

    def _decide(self, char: str, how: str) -> int:
        """Decide the current spot, then every later undecided one with the same key."""
        index = self.position
        assert index is not None
        step = [index]
        self.decisions[index] = Decision(char, how)
        key = self.queue[index].key
        for later in range(index + 1, len(self.queue)):
            if later not in self.decisions and self.queue[later].key == key:
                self.decisions[later] = Decision(char, "learned")
                step.append(later)
        self._steps.append(step)
        return len(step) - 1


def line_of(text: str, offset: int) -> tuple[int, str]:
    """Where ``offset`` falls in its line, and the line's text."""
    newlines = [index for index, char in enumerate(text) if char == "\n"]
    line = bisect.bisect_left(newlines, offset)
    start = newlines[line - 1] + 1 if line else 0
    end = newlines[line] if line < len(newlines) else len(text)
    return offset - start, text[start:end]
