"""The repairer: detection, candidates, context and decoding put together.

``Repairer().repair(text)`` returns the text unchanged when it does not look damaged,
and otherwise the most likely original, with the choices it was not sure of listed as
``Uncertain`` for a person to review.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from quiz.repair import symbols
from quiz.repair.damage import Slot, parse
from quiz.repair.decode import EMOJI_WITH_SELECTOR, Cell, Choice, Options, decode
from quiz.repair.detect import looks_damaged
from quiz.repair.lexicon import MAX_WORD_LENGTH, Lexicon, is_han, load_lexicon

CONFIDENT = 0.95  # choices below this confidence are reported as uncertain
CONTEXT_WIDTH = 12  # characters of context on each side in a report
REACH = MAX_WORD_LENGTH - 1  # how far a word can carry context to a damaged character


@dataclass(frozen=True)
class Uncertain:
    """A choice the repair was not sure of (1-based line and column in the repaired text)."""

    line: int
    column: int
    chosen: str
    alternatives: tuple[str, ...]
    confidence: float
    context: str


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, whether it was damaged, and the choices to review."""

    text: str
    damaged: bool
    uncertain: list[Uncertain] = field(default_factory=list)


class Repairer:
    """Repairs damaged text; loads the language model lazily, once."""

    def __init__(self, load: Callable[[], Lexicon] = load_lexicon) -> None:
        self._load = load
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The Chinese lexicon (loaded on first use)."""
        if self._lexicon is None:
            self._lexicon = self._load()
        return self._lexicon

    def repair(self, text: str) -> RepairResult:
        """Repair one text; never raises, returns undamaged text unchanged."""
        return self.repair_many([text])[0]

    def repair_many(self, texts: list[str]) -> list[RepairResult]:
        """Repair a batch of texts."""
        return [self._repair_one(text) for text in texts]

    def _repair_one(self, text: str) -> RepairResult:
        try:
            if not isinstance(text, str) or not looks_damaged(text):
                return RepairResult(text, False, [])
            units = parse(text)
            slots = [unit for unit in units if isinstance(unit, Slot)]
            choices = self._choose(units)
            return _assemble(units, slots, choices)
        except (MemoryError, RecursionError):
            return RepairResult(text, True, [])

    def _choose(self, units: list[str | Slot]) -> dict[int, Choice]:
        choices: dict[int, Choice] = {}
        for cells in _regions(units, self.lexicon):
            choices.update(decode(cells, self.lexicon))
        return choices


def _regions(units: list[str | Slot], lexicon: Lexicon) -> list[list[Cell]]:
    """Stretches of cells around damaged characters, each with the context a word can reach."""
    regions: list[list[Cell]] = []
    cells: list[Cell] = []
    gap = ""
    open_brackets: list[str] = []
    slot_index = 0
    for unit in units:
        if isinstance(unit, str):
            gap += unit
            symbols.track_brackets(unit, open_brackets)
            continue
        if not unit.candidates:  # nothing decodes here: the damaged text stays as it is
            gap += unit.raw
            slot_index += 1
            continue
        if cells and len(gap) <= REACH:
            cells.extend(gap)
        else:
            if cells:
                cells.extend(gap[:REACH])
                regions.append(cells)
            cells = list(gap[-REACH:]) if gap else []
        previous = cells[-1] if cells else ""
        options = _options(unit, slot_index, previous, open_brackets, lexicon)
        cells.append(options)
        symbols.track_brackets(max(options.scores, key=options.scores.__getitem__), open_brackets)
        slot_index += 1
        gap = ""
    if cells:
        cells.extend(gap[:REACH])
        regions.append(cells)
    return regions


def _options(
    slot: Slot, index: int, previous: Cell, open_brackets: list[str], lexicon: Lexicon
) -> Options:
    """The candidates of ``slot`` with their scores as single characters."""
    scores: dict[str, float] = {}
    for char in slot.candidates:
        if is_han(char):
            score = lexicon.entries.get(char)
            scores[char] = lexicon.unknown if score is None else score
        elif char == symbols.VARIATION_SELECTOR_16 and isinstance(previous, str):
            emoji_before = symbols.is_emoji_base(previous) if previous else False
            scores[char] = EMOJI_WITH_SELECTOR if emoji_before else symbols.prior(char)
        else:
            scores[char] = symbols.prior(char) + symbols.pairing_bonus(char, open_brackets)
    return Options(index, scores)


def _assemble(
    units: list[str | Slot], slots: list[Slot], choices: dict[int, Choice]
) -> RepairResult:
    """Join the repaired text and list the choices to review."""
    pieces: list[str] = []
    length = 0
    placed: list[tuple[int, Slot, Choice | None]] = []
    slot_index = 0
    for unit in units:
        if isinstance(unit, Slot):
            choice = choices.get(slot_index)
            piece = choice.char if choice else unit.raw
            placed.append((length, unit, choice))
            slot_index += 1
        else:
            piece = unit
        pieces.append(piece)
        length += len(piece)
    text = "".join(pieces)
    newlines = [index for index, char in enumerate(text) if char == "\n"]
    uncertain = [
        _uncertain(text, newlines, offset, slot, choice)
        for offset, slot, choice in placed
        if choice is None or choice.confidence < CONFIDENT
    ]
    return RepairResult(text, True, uncertain)


def _uncertain(
    text: str, newlines: list[int], offset: int, slot: Slot, choice: Choice | None
) -> Uncertain:
    line = bisect.bisect_left(newlines, offset)
    column = offset - (newlines[line - 1] + 1 if line else 0)
    start, end = max(0, offset - CONTEXT_WIDTH), offset + CONTEXT_WIDTH
    context = text[start:end].replace("\n", " ")
    if choice is None:
        return Uncertain(line + 1, column + 1, slot.raw, (), 0.0, context)
    alternatives = tuple(char for char, weight in choice.alternatives if weight >= 0.01)
    return Uncertain(line + 1, column + 1, choice.char, alternatives, choice.confidence, context)
