"""Choosing among the candidates: the most likely reading of a stretch of text.

A stretch around damaged characters becomes a lattice: every dictionary word that the
text can spell there (with some choice of candidates) is an edge, and so is every single
character. A path scores its words' log-probabilities plus, between neighbouring words,
how well their parts of speech go together. The best path (Viterbi over positions and
the last word's part of speech) gives the choices; the best path through each candidate
(max-marginals from a forward and a backward pass) gives its confidence.
"""

from __future__ import annotations

import copy
import math
import operator
from collections.abc import Mapping, Set
from dataclasses import dataclass, field

from quiz.repair.boundaries import CLAUSE_END, CLAUSE_MARKS, LATIN
from quiz.repair.grouped import block
from quiz.repair.lexicon import SENTENCE_START, Lexicon, is_han
from quiz.repair.symbols import EMOJI_WITH_SELECTOR, VARIATION_SELECTOR_16, is_emoji_base

TAG_WEIGHT = 0.5  # how much part-of-speech affinity counts against word probabilities
BOUNDARY_WEIGHT = 0.8  # how much the batch's own word edges count
NOUN = "n"  # before the batch says otherwise, a Latin word is taken for a noun
SYMBOL = SENTENCE_START  # after punctuation, a new sentence (or clause) starts
SEE_THROUGH = ""  # spaces and tabs: the part of speech before them carries over
# Aspect particles (過, 了, 著) attach to the verb before them: never to a mark or a
# Latin word. The tagger's data had neither, so the affinity is set here.
ASPECT_PARTICLES = ("ug", "ul", "uz")
DETACHED_PARTICLE = -4.0
ABSENT = math.nan  # not a word nor a prefix of one (compared by identity)


@dataclass(frozen=True, slots=True)
class Options:
    """The candidates of one damaged character, each with its score as a word of its own.

    ``bonus`` adds what the context of the document or batch says about a candidate to
    every edge that chooses it; ``single`` only to the edge where it stands as a word of
    its own.
    """

    slot: int  # index of the damaged character in the document
    scores: dict[str, float]
    han: tuple[str, ...] = ()  # the candidates that are Chinese characters
    bonus: dict[str, float] = field(default_factory=dict)
    single: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Choice:
    """The decision for one damaged character."""

    char: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]  # other candidates with their probability


Cell = str | Options
Edge = tuple[int, int, float, tuple[tuple[int, str], ...], str, str]
Words = tuple[tuple[str, tuple[int, ...]], ...]
Found = tuple[dict[int, Choice], Words]
# A character that starts words, with the lexicon's words starting with it and their tags.
Starts = tuple[tuple[str, Mapping[str, float | None], Mapping[str, str]], ...]


class Decoder:
    """Decodes stretches of cells with one lexicon (and what one batch says about word
    edges), remembering stretches seen before: headings and phrases recur across files."""

    MEMORY = 50_000  # stretches remembered at most

    def __init__(
        self,
        lexicon: Lexicon,
        boundaries: dict[tuple[str, str], float] | None = None,
        words: dict[str, float] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.words = words or {}
        known = lexicon.memo.get("affinity")
        if known is None:
            known = lexicon.memo["affinity"] = _weighted_affinity(lexicon.affinity)
            lexicon.memo["into"] = _into(_clauses_and_particles(dict(known)))
        # The batch's word edges change a few pairs of the lexicon's affinity.
        changed = {
            pair: known.get(pair, 0.0) + BOUNDARY_WEIGHT * value
            for pair, value in (boundaries or {}).items()
        }
        _clauses_and_particles(changed, known.keys() | changed.keys())
        self.into = dict(lexicon.memo["into"])  # by the second tag: by the first
        for second in {second for _, second in changed}:
            self.into[second] = dict(self.into.get(second, {}))
        for (first, second), value in changed.items():
            self.into[second][first] = value
        # A character's score and part of speech as a word; which characters (or candidate
        # sets) start words. They depend on the lexicon alone: every decoder shares them.
        self.singles: dict[str, tuple[float, str]] = lexicon.memo.setdefault("singles", {})
        self.starts: dict[str | tuple[str, ...], Starts] = lexicon.memo.setdefault("starts", {})
        self.memory: dict[tuple[object, ...], tuple[tuple[Choice, ...], Words]] = {}

    def decode(self, cells: list[Cell]) -> Found:
        """The choice for every damaged character among ``cells`` (keyed by slot index), and
        the dictionary words with damaged characters on the best path (with their slots)."""
        slots = [cell.slot for cell in cells if isinstance(cell, Options)]
        key = tuple(
            cell
            if isinstance(cell, str)
            else (*cell.scores.items(), *cell.bonus.items(), None, *cell.single.items())
            for cell in cells
        )
        known = self.memory.get(key)
        if known is None:  # remembered by the order of the slots, not their numbers
            choices, words = self._decode(cells)
            order = {slot: index for index, slot in enumerate(slots)}
            known = (
                tuple(choices[slot] for slot in slots),
                tuple((word, tuple(order[slot] for slot in used)) for word, used in words),
            )
            if len(self.memory) >= self.MEMORY:
                self.memory.clear()
            self.memory[key] = known
        ordered_choices, ordered_words = known
        return (
            dict(zip(slots, ordered_choices, strict=True)),
            tuple((word, tuple(slots[index] for index in used)) for word, used in ordered_words),
        )

    def with_words(self, words: dict[str, float]) -> Decoder:
        """A decoder like this one that also adds ``words``' bonuses to their edges."""
        decoder = copy.copy(self)
        decoder.words = words
        decoder.memory = {}
        return decoder

    def _edges(self, cells: list[Cell]) -> list[Edge]:
        """Single characters, emoji + selector pairs, and dictionary words."""
        edges: list[Edge] = []
        lexicon, singles = self.lexicon, self.singles
        for start, cell in enumerate(cells):
            if isinstance(cell, Options):
                bonus, single, slot = cell.bonus.get, cell.single.get, cell.slot
                for char, score in cell.scores.items():
                    score = score + bonus(char, 0.0) + single(char, 0.0)
                    tag = (singles.get(char) or self._single(char))[1]
                    edges.append((start, start + 1, score, ((slot, char),), tag, char))
                _selector_edges(cells, start, edges)
            else:
                score, tag = singles.get(cell) or self._single(cell)
                edges.append((start, start + 1, score, (), tag, cell))
            _word_edges(cells, start, lexicon, self.starts, self.words, edges)
        return edges

    def _single(self, char: str) -> tuple[float, str]:
        """The score and part of speech of ``char`` standing as a word (remembered)."""
        score = self.lexicon.char_score(char) if is_han(char) else 0.0
        single = self.singles[char] = (score, _tag(char, block(self.lexicon.tags, char)))
        return single

    def _decode(self, cells: list[Cell]) -> Found:
        size = len(cells)
        edges = self._edges(cells)
        forward: list[dict[str, float]] = [{SYMBOL: 0.0}] + [{} for _ in range(size)]
        unreached, into = -math.inf, self.into
        nothing: dict[str, float] = {}
        ends = [unreached] * len(edges)  # the best path to the end of each edge
        # The edges come by their start: the paths to a position are all known before any
        # edge leaves it (and, backward, the paths from it). The best way into an edge
        # depends on its start and part of speech only: worked out once for each.
        entry: dict[str, float] = {}
        entry_start = -1
        for index, (start, end, score, _, tag, _) in enumerate(edges):
            states = forward[end]
            if tag == SEE_THROUGH:  # the part of speech before carries over
                for before, total in forward[start].items():
                    if total + score > states.get(before, unreached):
                        states[before] = total + score
                continue
            if start != entry_start:
                entry, entry_start = {}, start
            way_in = entry.get(tag)
            if way_in is None:
                affinity, way_in = into.get(tag, nothing).get, unreached
                for before, total in forward[start].items():
                    value = total + affinity(before, 0.0)
                    if value > way_in:
                        way_in = value
                entry[tag] = way_in
            best = way_in + score
            ends[index] = best
            if best > states.get(tag, unreached):
                states[tag] = best
        backward: list[dict[str, float]] = [{} for _ in range(size)] + [
            dict.fromkeys(forward[size], 0.0)
        ]
        throughs = [unreached] * len(edges)  # the best path through each edge
        # The best way on from a start depends, for each part of speech, on the best edge
        # of that start and tag: gathered over the start's edges, then spread to its row.
        onward: dict[str, float] = {}
        onward_start = size
        for index in range(len(edges) - 1, -1, -1):
            start, end, score, _, tag, _ = edges[index]
            if start != onward_start:
                _spread(onward, forward[onward_start], backward[onward_start], into)
                onward, onward_start = {}, start
            ahead = backward[end]
            if tag == SEE_THROUGH:
                row, through = backward[start], unreached
                for before, total in forward[start].items():
                    value = score + ahead[before]
                    if value > row.get(before, unreached):
                        row[before] = value
                    if total + score + ahead[before] > through:
                        through = total + score + ahead[before]
                throughs[index] = through
                continue
            after = ahead[tag]
            throughs[index] = ends[index] + after  # = max(x + after): rounding keeps order
            if score + after > onward.get(tag, unreached):
                onward[tag] = score + after
        _spread(onward, forward[onward_start], backward[onward_start], into)
        best = max(forward[size].values())
        best_through: dict[int, dict[str, float]] = {}
        words = []
        for (_, _, _, chosen, _, word), through in zip(edges, throughs, strict=True):
            if not chosen:
                continue
            if len(word) > 1 and through >= best - 1e-9:
                words.append((word, tuple(slot for slot, _ in chosen)))
            for slot, char in chosen:
                marginals = best_through.setdefault(slot, {})
                if through > marginals.get(char, -math.inf):
                    marginals[char] = through
        choices = {slot: _choice(marginals) for slot, marginals in best_through.items()}
        return choices, tuple(words)


def _spread(
    onward: dict[str, float],
    arrivals: dict[str, float],
    row: dict[str, float],
    into: dict[str, dict[str, float]],
) -> None:
    """The best way on from a position, for each part of speech arriving there (``row``),
    from the best way on after each tag that leaves it (``onward``)."""
    unreached, nothing = -math.inf, dict[str, float]()
    for tag, value in onward.items():
        affinity = into.get(tag, nothing).get
        for before in arrivals:
            total = value + affinity(before, 0.0)
            if total > row.get(before, unreached):
                row[before] = total


def _clauses_and_particles(
    affinity: dict[tuple[str, str], float], present: Set[tuple[str, str]] | None = None
) -> dict[tuple[str, str], float]:
    """``affinity`` with a new clause starting after the end of one as after a symbol
    (unless ``present``, by default its own pairs, has the pair), and the aspect particles
    kept from marks and Latin words."""
    known = affinity.keys() if present is None else present
    for (first, second), value in list(affinity.items()):
        if first == SYMBOL and (CLAUSE_END, second) not in known:
            affinity[CLAUSE_END, second] = value
    for first in (SYMBOL, CLAUSE_END, LATIN):
        for particle in ASPECT_PARTICLES:
            affinity[first, particle] = DETACHED_PARTICLE
    return affinity


def _into(affinity: dict[tuple[str, str], float]) -> dict[str, dict[str, float]]:
    """The affinity by the second part of speech, then by the first."""
    into: dict[str, dict[str, float]] = {}
    for (first, second), value in affinity.items():
        into.setdefault(second, {})[first] = value
    return into


def _weighted_affinity(tags: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """The lexicon's part-of-speech affinity, weighted; a Latin word taken for a noun."""
    affinity = {pair: TAG_WEIGHT * value for pair, value in tags.items()}
    for (first, second), value in tags.items():
        if first == NOUN:
            affinity.setdefault((LATIN, second), TAG_WEIGHT * value)
        if second == NOUN:
            affinity.setdefault((first, LATIN), TAG_WEIGHT * value)
    return affinity


def _choice(marginals: dict[str, float]) -> Choice:
    top = max(marginals.values())
    weights = {char: math.exp(score - top) for char, score in marginals.items()}
    total = sum(weights.values())
    ranked = sorted(weights.items(), key=operator.itemgetter(1), reverse=True)  # stable
    char, weight = ranked[0]
    others = tuple((other, w / total) for other, w in ranked[1:])
    return Choice(char, weight / total, others)


def _tag(char: str, tags: Mapping[str, str]) -> str:
    """The part of speech of a single character standing as a word."""
    if char in " \t":
        return SEE_THROUGH
    if char in CLAUSE_MARKS:
        return CLAUSE_END
    if char.isascii():
        return LATIN if char.isalnum() else SYMBOL
    return tags.get(char, SYMBOL)


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
            bonus = cell.bonus.get(char, 0.0) + following.bonus.get(VARIATION_SELECTOR_16, 0.0)
            score += EMOJI_WITH_SELECTOR + bonus
            edges.append((start, start + 2, score, chosen, SYMBOL, ""))


def _firsts(chars: str | tuple[str, ...], lexicon: Lexicon) -> Starts:
    """Those of ``chars`` (one character or candidates) that start a word, the last one
    first, with the lexicon's words starting with each and their parts of speech."""
    firsts = []
    for char in reversed((chars,) if isinstance(chars, str) else chars):
        entries = block(lexicon.entries, char)
        if char in entries:
            firsts.append((char, entries, block(lexicon.tags, char)))
    return tuple(firsts)


def _word_edges(
    cells: list[Cell],
    start: int,
    lexicon: Lexicon,
    starts: dict[str | tuple[str, ...], Starts],
    words: dict[str, float],
    edges: list[Edge],
) -> None:
    """Every dictionary word of two or more characters that can start at ``start``: a
    depth-first search from each first character, the last one first. ``starts`` remembers
    which characters (or candidates) start words (see ``_firsts``)."""
    first = cells[start]
    size = len(cells)
    chars = first if isinstance(first, str) else first.han
    firsts = starts.get(chars)
    if firsts is None:
        firsts = starts[chars] = _firsts(chars, lexicon)
    for char, entries, tags in firsts:
        stack: list[tuple[int, str, float, tuple[tuple[int, str], ...]]]
        if isinstance(first, str):
            stack = [(start + 1, char, 0.0, ())]
        else:
            stack = [(start + 1, char, first.bonus.get(char, 0.0), ((first.slot, char),))]
        while stack:
            position, prefix, extra, chosen = stack.pop()
            if position >= size:
                continue
            cell = cells[position]
            if isinstance(cell, str):  # the common case, alone
                word = prefix + cell
                score = entries.get(word, ABSENT)
                if score is not ABSENT:
                    if score is not None:
                        score += extra + words.get(word, 0.0)
                        edges.append(
                            (start, position + 1, score, chosen, tags.get(word, SYMBOL), word)
                        )
                    stack.append((position + 1, word, extra, chosen))
                continue
            for char in cell.han:
                word = prefix + char
                score = entries.get(word, ABSENT)
                if score is ABSENT:
                    continue
                bonus = extra + cell.bonus.get(char, 0.0)
                choice = (*chosen, (cell.slot, char))
                if score is not None:
                    score += bonus + words.get(word, 0.0)
                    edges.append((start, position + 1, score, choice, tags.get(word, SYMBOL), word))
                stack.append((position + 1, word, bonus, choice))
