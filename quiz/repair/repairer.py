"""The repairer: detection, candidates, context and decoding put together.

``Repairer().repair(text)`` returns the text unchanged when it does not look damaged,
and otherwise the most likely original, with the choices it was not sure of listed as
``Uncertain`` for a person to review. Repair reads twice: a first reading with the
lexicon (words, parts of speech, character bigrams) and the document's own frames and
contrasts, then a second one where each damaged character also hears how the other
occurrences of the same damage between the same neighbours were read, across the whole
batch (and how clean texts of the batch show it intact), and the bigrams hear the
neighbours the first reading chose.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from quiz.repair import symbols
from quiz.repair.bigrams import pair_bonuses
from quiz.repair.boundaries import UNKNOWN, BoundaryCounts
from quiz.repair.context import BatchContext, neighbours
from quiz.repair.contrasts import contrast_bonuses
from quiz.repair.damage import Slot, parse
from quiz.repair.decode import Cell, Choice, Decoder, Options
from quiz.repair.detect import looks_damaged
from quiz.repair.frames import frame_bonus, open_frames
from quiz.repair.lexicon import Lexicon, is_han, load_lexicon

# The decoder's confidence (max-marginals) is too sure of itself, and it misses what the
# rest of the batch read: the same damaged text beside the same neighbour, in other
# contexts, read the same way (``agree``: how many other neighbours on the far side) or
# another way (``differ``). Counting contexts, not occurrences, a copy of a file or a
# phrase repeated word for word adds nothing. The chance a choice is right is
# sigmoid(SLOPE * log-odds + OFFSET + AGREE * log(1 + agree) - DIFFER * log(1 + differ)),
# a logistic regression fitted on the batch repair of damaged copies of the odd-numbered
# dev files (Q-001, Q-003, ...) and checked on the even-numbered ones (see benchmarks/
# README.md). A choice is reported when that chance is below CONFIDENT.
CALIBRATION_SLOPE, CALIBRATION_OFFSET = 0.36, 1.35
CALIBRATION_AGREE, CALIBRATION_DIFFER = 1.1, 1.1
CONFIDENT = 0.99
CACHE_SHARE = 0.1  # weight of the batch's own word counts against the lexicon's
SURE = 0.97  # first-reading choices at least this confident vote for the second reading
CONTEXT_WIDTH = 12  # characters of context on each side in a report
REACH = 3  # how far word context reaches to a damaged character (words up to 4 long)
PAIRS_REMEMBERED = 100_000  # candidate sets between two neighbours remembered at most


@dataclass(frozen=True)
class Uncertain:
    """A choice the repair was not sure of (1-based line and column in the repaired text):
    the character chosen, the others worth showing, its confidence, the text around it,
    every candidate with its probability, the most likely first, and the damaged text
    the choice was made for."""

    line: int
    column: int
    chosen: str
    alternatives: tuple[str, ...]
    confidence: float
    context: str
    candidates: tuple[tuple[str, float], ...] = ()
    raw: str = ""


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, whether it was damaged, and the choices to review."""

    text: str
    damaged: bool
    uncertain: list[Uncertain] = field(default_factory=list)


@dataclass
class _Reading:
    """A damaged document being read: its parts, its lattices, and the current choices."""

    units: list[str | Slot]
    regions: list[list[Cell]] = field(default_factory=list)
    choices: dict[int, Choice] = field(default_factory=dict)


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
        """Repair a batch; every text lends its intact characters as context to the others.

        Never raises: should anything fail unexpectedly, each text is tried alone, and a
        text that still fails comes back unchanged.
        """
        try:
            return self._repair_batch(texts)
        except Exception:  # the promise is to never raise, whatever the input
            return [self._repair_alone(text) for text in texts]

    def _repair_alone(self, text: str) -> RepairResult:
        try:
            return self._repair_batch([text])[0]
        except Exception:  # see repair_many
            return RepairResult(text, looks_damaged(text), [])

    def _repair_batch(self, texts: list[str]) -> list[RepairResult]:
        readings: dict[int, _Reading] = {}
        clean: list[str] = []
        for index, text in enumerate(texts):
            with contextlib.suppress(MemoryError, RecursionError):
                if isinstance(text, str) and looks_damaged(text):
                    readings[index] = _Reading(parse(text))
                elif isinstance(text, str) and not text.isascii():
                    clean.append(text)
        if not readings:
            return [RepairResult(text, False, []) for text in texts]
        decoder = self._decoder(readings.values(), clean)
        context = BatchContext()
        for text in clean:
            context.add_clean(text)
        seen: dict[str, float] = defaultdict(float)  # first-reading words, by confidence
        for reading in readings.values():
            reading.regions = _regions(reading.units, self.lexicon)
            found_words: list[tuple[str, tuple[int, ...]]] = []
            for cells in reading.regions:
                choices, words = decoder.decode(cells)
                reading.choices.update(choices)
                found_words.extend(words)
            for word, slots in found_words:
                seen[word] += min(reading.choices[slot].confidence for slot in slots)
        decoder = decoder.with_words(_word_bonus(seen, self.lexicon))
        surroundings = {index: _vote(reading, context) for index, reading in readings.items()}
        for index, reading in readings.items():
            with contextlib.suppress(MemoryError, RecursionError):
                self._reread(reading, decoder, context, surroundings[index])
        sides = _side_readings(readings.values())
        return [
            _result(readings[index], sides) if index in readings else RepairResult(text, False)
            for index, text in enumerate(texts)
        ]

    def _decoder(self, readings: Iterable[_Reading], clean: list[str]) -> Decoder:
        """A decoder that knows how words meet marks and Latin words in this batch."""
        counts = BoundaryCounts(self.lexicon)
        for reading in readings:
            counts.add(
                "".join(UNKNOWN if isinstance(unit, Slot) else unit for unit in reading.units)
            )
        for text in clean:
            counts.add(text)
        return Decoder(self.lexicon, counts.affinity())

    def _reread(
        self,
        reading: _Reading,
        decoder: Decoder,
        context: BatchContext,
        surroundings: list[tuple[str, str]],
    ) -> None:
        """Decode again the stretches the first reading was not sure of, now with what the
        rest of the batch says about each candidate."""
        slots = [unit for unit in reading.units if isinstance(unit, Slot)]
        text, offsets = _join(reading.units, reading.choices)
        singles = _single_bonuses(text, offsets, slots, self.lexicon)
        for cells in reading.regions:
            options = [cell for cell in cells if isinstance(cell, Options)]
            if all(reading.choices[cell.slot].confidence >= SURE for cell in options):
                continue
            for cell in options:
                cell.single.clear()
                cell.single.update(singles[cell.slot])
                choice = reading.choices[cell.slot]
                own = choice.char if choice.confidence >= SURE else None
                left, right = surroundings[cell.slot]
                cell.bonus.clear()
                cell.bonus.update(
                    context.bonus(slots[cell.slot].raw, left, right, own, [*cell.scores])
                )
                offset = offsets[cell.slot]  # the characters beside it, as now read
                before, after = text[offset - 1 : offset], text[offset + 1 : offset + 2]
                for char, value in _pair_bonuses(before, cell.han, after, self.lexicon).items():
                    cell.bonus[char] = cell.bonus.get(char, 0.0) + value
            reading.choices.update(decoder.decode(cells)[0])


def _word_bonus(seen: dict[str, float], lexicon: Lexicon) -> dict[str, float]:
    """The cache model: words of the first reading, more likely everywhere else.

    Each word on the first reading's best path counts as much as its least confident
    damaged character: counting only the sure ones would leave out the longer word
    whose last character was unsure (關鍵字) and favour its sure prefix (關鍵).

    Mixing the lexicon with the batch's own word counts (weight CACHE_SHARE) multiplies a
    word's probability by 1 + share / (1 - share) * P(batch) / P(lexicon).
    """
    total = sum(seen.values())
    odds = CACHE_SHARE / (1.0 - CACHE_SHARE)
    bonus = {}
    for word, count in seen.items():
        score = lexicon.entries.get(word)
        if score is not None:
            bonus[word] = math.log1p(odds * count / total / math.exp(score))
    return bonus


def _vote(reading: _Reading, context: BatchContext) -> list[tuple[str, str]]:
    """Cast the first reading's sure choices as votes; return each slot's neighbours."""
    text, offsets = _join(reading.units, reading.choices)
    slots = [unit for unit in reading.units if isinstance(unit, Slot)]
    surroundings = [neighbours(text, offset) for offset in offsets]
    for index, (slot, (left, right)) in enumerate(zip(slots, surroundings, strict=True)):
        choice = reading.choices.get(index)
        if choice is not None and choice.confidence >= SURE:
            context.vote(slot.raw, left, right, choice.char)
    return surroundings


def _regions(units: list[str | Slot], lexicon: Lexicon) -> list[list[Cell]]:
    """Stretches of cells around damaged characters, each with the context a word can reach."""
    regions: list[list[Cell]] = []
    cells: list[Cell] = []
    gap = ""
    open_brackets: list[str] = []
    slots = [unit for unit in units if isinstance(unit, Slot)]
    singles = _single_bonuses(*_join(units, {}, UNKNOWN), slots, lexicon)
    slot_index = 0
    for position, unit in enumerate(units):
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
        previous = cells[-1] if cells and isinstance(cells[-1], str) else ""
        ahead = _rest_of_line(units, position + 1)
        options = _options(unit, slot_index, (previous, ahead), open_brackets, lexicon)
        options.single.update(singles[slot_index])
        cells.append(options)
        symbols.track_brackets(max(options.scores, key=options.scores.__getitem__), open_brackets)
        slot_index += 1
        gap = ""
    if cells:
        cells.extend(gap[:REACH])
        regions.append(cells)
    return regions


def _single_bonuses(
    text: str, offsets: list[int], slots: list[Slot], lexicon: Lexicon
) -> list[dict[str, float]]:
    """What the locative frames and the contrasts of ``text`` say of the Chinese
    candidates of the damaged character at each of ``offsets``, as words of their own."""
    han = [_han_only(slot.candidates) for slot in slots]
    frames = open_frames(text, offsets, lexicon)
    bonuses = []
    for is_open, candidates, contrast in zip(
        frames, han, contrast_bonuses(text, offsets, han, lexicon), strict=True
    ):
        bonus = frame_bonus(candidates, lexicon) if is_open else {}
        for char, value in contrast.items():
            bonus[char] = bonus.get(char, 0.0) + value
        bonuses.append(bonus)
    return bonuses


def _rest_of_line(units: list[str | Slot], start: int, limit: int = 300) -> str:
    """The intact text from ``units[start]`` to the end of its line (damage as UNKNOWN, or
    as symbols.MAYBE_CLOSER where it may be a closing bracket)."""
    pieces, length = [], 0
    for unit in units[start:]:
        if isinstance(unit, Slot):
            piece = symbols.MAYBE_CLOSER if _may_close(unit.candidates) else UNKNOWN
        else:
            piece = unit.partition("\n")[0]
        pieces.append(piece)
        length += len(piece)
        if length >= limit or (isinstance(unit, str) and "\n" in unit):
            break
    return "".join(pieces)[:limit]


def _options(
    slot: Slot,
    index: int,
    neighbours: tuple[str, str],
    open_brackets: list[str],
    lexicon: Lexicon,
) -> Options:
    """The candidates of ``slot`` with their scores as single characters and what the
    character bigrams say of them (``neighbours``: the intact character right before it,
    "" if none, and the rest of its line, damaged characters in it as UNKNOWN)."""
    han, known = _han_scores(slot.candidates, lexicon)
    scores: dict[str, float] = {}
    for char in slot.candidates:
        score = known.get(char)
        if score is None:
            score = symbols.score(char, *neighbours, open_brackets, lexicon.symbols)
        scores[char] = score
    before, ahead = neighbours
    bonus = dict(_pair_bonuses(before, han, ahead[:1], lexicon))
    return Options(index, scores, han, bonus)


def _pair_bonuses(
    before: str, han: tuple[str, ...], after: str, lexicon: Lexicon
) -> dict[str, float]:
    """``bigrams.pair_bonuses``, remembered for the lexicon (not to be changed): the same
    candidates recur between the same neighbours."""
    remembered: dict[tuple[str, tuple[str, ...], str], dict[str, float]]
    remembered = lexicon.memo.setdefault("pair bonuses", {})
    known = remembered.get((before, han, after))
    if known is None:
        if len(remembered) >= PAIRS_REMEMBERED:
            remembered.clear()
        known = pair_bonuses(lexicon.bigram_model, before, han, after)
        remembered[before, han, after] = known
    return known


def _han_scores(
    candidates: tuple[str, ...], lexicon: Lexicon
) -> tuple[tuple[str, ...], dict[str, float]]:
    """The Chinese characters among ``candidates``, with their scores as words of their
    own (remembered for the lexicon: the same few sets recur everywhere)."""
    remembered: dict[tuple[str, ...], tuple[tuple[str, ...], dict[str, float]]]
    remembered = lexicon.memo.setdefault("han scores", {})
    known = remembered.get(candidates)
    if known is None:
        han = _han_only(candidates)
        known = remembered[candidates] = (han, {char: lexicon.char_score(char) for char in han})
    return known


@functools.lru_cache(maxsize=4096)
def _may_close(candidates: tuple[str, ...]) -> bool:
    """Whether one of ``candidates`` is a closing bracket."""
    return any(char in symbols.OPENER_OF for char in candidates)


@functools.lru_cache(maxsize=4096)
def _han_only(candidates: tuple[str, ...]) -> tuple[str, ...]:
    """The Chinese characters among ``candidates`` (the same few sets recur everywhere)."""
    return tuple(char for char in candidates if is_han(char))


def _join(
    units: list[str | Slot], choices: dict[int, Choice], unread: str | None = None
) -> tuple[str, list[int]]:
    """The text with the current choices, and where each damaged character landed
    (``unread`` stands for a damaged character with no choice; else its damaged text)."""
    pieces: list[str] = []
    offsets: list[int] = []
    length = 0
    for unit in units:
        if isinstance(unit, Slot):
            choice = choices.get(len(offsets))
            offsets.append(length)
            piece = choice.char if choice else unit.raw if unread is None else unread
        else:
            piece = unit
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces), offsets


Side = tuple[str, str, str]  # damaged text, "<" (left) or ">" (right), the neighbour there
Sides = dict[Side, dict[str, set[str]]]  # char read -> the neighbours on the other side


def _side_readings(readings: Iterable[_Reading]) -> Sides:
    """How the batch read each damaged text beside each left and each right neighbour."""
    sides: Sides = defaultdict(lambda: defaultdict(set))
    for reading in readings:
        text, offsets = _join(reading.units, reading.choices)
        slots = [unit for unit in reading.units if isinstance(unit, Slot)]
        for index, (offset, slot) in enumerate(zip(offsets, slots, strict=True)):
            choice = reading.choices.get(index)
            if choice is not None:
                left, right = neighbours(text, offset)
                sides[slot.raw, "<", left][choice.char].add(right)
                sides[slot.raw, ">", right][choice.char].add(left)
    return sides


def _result(reading: _Reading, sides: Sides) -> RepairResult:
    """The repaired text and the choices to review (``sides``: see ``_side_readings``)."""
    text, offsets = _join(reading.units, reading.choices)
    slots = [unit for unit in reading.units if isinstance(unit, Slot)]
    newlines = [index for index, char in enumerate(text) if char == "\n"]
    uncertain = []
    for index, (offset, slot) in enumerate(zip(offsets, slots, strict=True)):
        choice = reading.choices.get(index)
        if choice is not None:
            left, right = neighbours(text, offset)
            agree = differ = 0
            for side, far in (((slot.raw, "<", left), right), ((slot.raw, ">", right), left)):
                read = sides.get(side, {})
                agree = max(agree, len(read.get(choice.char, set()) - {far}))
                others = [far_ones for char, far_ones in read.items() if char != choice.char]
                differ = max(differ, len(set().union(*others)))
            choice = calibrated(choice, agree, differ)
        if choice is None or choice.confidence < CONFIDENT:
            uncertain.append(_uncertain(text, newlines, offset, slot, choice))
    return RepairResult(text, True, uncertain)


def calibrated(choice: Choice, agree: int = 0, differ: int = 0) -> Choice:
    """The choice with its confidence calibrated, knowing that the same damage beside the
    same neighbour was read the same in ``agree`` other contexts of the batch and another
    way in ``differ``; the other candidates share the rest in the proportions they had."""
    confidence = min(max(choice.confidence, 1e-12), 1.0 - 1e-12)
    odds = (
        CALIBRATION_SLOPE * math.log(confidence / (1.0 - confidence))
        + CALIBRATION_OFFSET
        + CALIBRATION_AGREE * math.log1p(agree)
        - CALIBRATION_DIFFER * math.log1p(differ)
    )
    right = 1.0 / (1.0 + math.exp(-odds))
    share = (1.0 - right) / (1.0 - choice.confidence) if choice.confidence < 1.0 else 0.0
    others = tuple((char, weight * share) for char, weight in choice.alternatives)
    return Choice(choice.char, right, others)


def _uncertain(
    text: str, newlines: list[int], offset: int, slot: Slot, choice: Choice | None
) -> Uncertain:
    line = bisect.bisect_left(newlines, offset)
    column = offset - (newlines[line - 1] + 1 if line else 0)
    start, end = max(0, offset - CONTEXT_WIDTH), offset + CONTEXT_WIDTH
    context = text[start:end].replace("\n", " ")
    if choice is None:
        return Uncertain(line + 1, column + 1, slot.raw, (), 0.0, context, raw=slot.raw)
    alternatives = tuple(char for char, weight in choice.alternatives if weight >= 0.01)
    ranked = ((choice.char, choice.confidence), *choice.alternatives)
    return Uncertain(
        line + 1,
        column + 1,
        choice.char,
        alternatives,
        choice.confidence,
        context,
        ranked,
        slot.raw,
    )
