"""Choosing among the candidates: the most likely reading of a stretch of text.

A stretch around damaged characters becomes a lattice: every dictionary word that the
text can spell there (with some choice of candidates) is an edge, and so is every single
character. The best path (Viterbi) gives the choices; the best path through each
candidate (max-marginals from a forward and a backward pass) gives its confidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from quiz.repair.lexicon import Lexicon, is_han
from quiz.repair.symbols import VARIATION_SELECTOR_16, is_emoji_base

EMOJI_WITH_SELECTOR = -3.0  # log-probability of U+FE0F right after an emoji


@dataclass(frozen=True, slots=True)
class Options:
    """The candidates of one damaged character, each with its score as a word of its own."""

    slot: int  # index of the damaged character in the document
    scores: dict[str, float]


@dataclass(frozen=True, slots=True)
class Choice:
    """The decision for one damaged character."""

    char: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]  # other candidates with their probability


Cell = str | Options
Edge = tuple[int, int, float, tuple[tuple[int, str], ...]]


def decode(cells: list[Cell], lexicon: Lexicon) -> dict[int, Choice]:
    """The choice for every damaged character among ``cells``, keyed by slot index."""
    edges = _edges(cells, lexicon)
    size = len(cells)
    forward = [-math.inf] * (size + 1)
    forward[0] = 0.0
    ending: list[list[Edge]] = [[] for _ in range(size + 1)]
    for edge in edges:
        ending[edge[1]].append(edge)
    for end in range(1, size + 1):
        forward[end] = max(forward[start] + score for start, _, score, _ in ending[end])
    backward = [-math.inf] * (size + 1)
    backward[size] = 0.0
    starting: list[list[Edge]] = [[] for _ in range(size + 1)]
    for edge in edges:
        starting[edge[0]].append(edge)
    for start in range(size - 1, -1, -1):
        backward[start] = max(score + backward[end] for _, end, score, _ in starting[start])
    best: dict[int, dict[str, float]] = {}
    for start, end, score, chosen in edges:
        through = forward[start] + score + backward[end]
        for slot, char in chosen:
            marginals = best.setdefault(slot, {})
            if through > marginals.get(char, -math.inf):
                marginals[char] = through
    return {slot: _choice(marginals) for slot, marginals in best.items()}


def _choice(marginals: dict[str, float]) -> Choice:
    top = max(marginals.values())
    weights = {char: math.exp(score - top) for char, score in marginals.items()}
    total = sum(weights.values())
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    char, weight = ranked[0]
    others = tuple((other, w / total) for other, w in ranked[1:])
    return Choice(char, weight / total, others)


def _edges(cells: list[Cell], lexicon: Lexicon) -> list[Edge]:
    """Single characters, emoji + selector pairs, and dictionary words."""
    edges: list[Edge] = []
    entries = lexicon.entries
    for start, cell in enumerate(cells):
        if isinstance(cell, Options):
            edges.extend(
                (start, start + 1, score, ((cell.slot, char),))
                for char, score in cell.scores.items()
            )
            _selector_edges(cells, start, edges)
        elif is_han(cell):
            score = entries.get(cell)
            edges.append((start, start + 1, lexicon.unknown if score is None else score, ()))
        else:
            edges.append((start, start + 1, 0.0, ()))
        _word_edges(cells, start, entries, edges)
    return edges


def _selector_edges(cells: list[Cell], start: int, edges: list[Edge]) -> None:
    """An emoji candidate followed by a damaged U+FE0F: the pair reads as one emoji."""
    following = cells[start + 1] if start + 1 < len(cells) else None
    if not isinstance(following, Options) or VARIATION_SELECTOR_16 not in following.scores:
        return
    cell = cells[start]
    assert isinstance(cell, Options)
    for char, score in cell.scores.items():
        if is_emoji_base(char):
            chosen = ((cell.slot, char), (following.slot, VARIATION_SELECTOR_16))
            edges.append((start, start + 2, score + EMOJI_WITH_SELECTOR, chosen))


def _word_edges(
    cells: list[Cell], start: int, entries: dict[str, float | None], edges: list[Edge]
) -> None:
    """Every dictionary word of two or more characters that can start at ``start``."""
    stack: list[tuple[int, str, tuple[tuple[int, str], ...]]] = [(start, "", ())]
    while stack:
        position, prefix, chosen = stack.pop()
        if position >= len(cells):
            continue
        cell = cells[position]
        if isinstance(cell, Options):
            options = [(char, ((cell.slot, char),)) for char in cell.scores if is_han(char)]
        else:
            options = [(cell, ())]
        for char, choice in options:
            word = prefix + char
            if word not in entries:
                continue
            score = entries[word]
            if score is not None and len(word) > 1:
                edges.append((start, position + 1, score, chosen + choice))
            stack.append((position + 1, word, chosen + choice))
