"""Tests of the decoder (its part-of-speech affinity: the lexicon's, shared by every
decoder, and what one batch changes of it; its max-marginals) and of what the repair
remembers per lexicon."""

from __future__ import annotations

import math

import pytest

from quiz.repair.boundaries import CLAUSE_END, LATIN
from quiz.repair.damage import Slot
from quiz.repair.decode import (
    BOUNDARY_WEIGHT,
    DETACHED_PARTICLE,
    SYMBOL,
    TAG_WEIGHT,
    Cell,
    Decoder,
    Options,
)
from quiz.repair.lexicon import Lexicon
from quiz.repair.repairer import _options


def _lexicon() -> Lexicon:
    affinity = {(SYMBOL, "v"): 1.0, (CLAUSE_END, "a"): 2.0, ("v", "ul"): 3.0, ("n", "v"): 0.5}
    return Lexicon({"正": -5.0}, -20.0, affinity=affinity)


def test_a_batch_changes_only_its_own_decoder_s_affinity() -> None:
    lexicon = _lexicon()
    plain = Decoder(lexicon)
    batch = Decoder(lexicon, {(SYMBOL, "n"): 1.0, (SYMBOL, "v"): 1.0, (LATIN, "ul"): 5.0})
    again = Decoder(lexicon)
    for decoder in (plain, again):  # the shared table is left as the lexicon has it
        assert decoder.into["v"][SYMBOL] == TAG_WEIGHT
        assert decoder.into["v"][CLAUSE_END] == TAG_WEIGHT  # a clause starts as a sentence
        assert "n" not in decoder.into or SYMBOL not in decoder.into["n"]
    assert batch.into["v"][SYMBOL] == batch.into["v"][CLAUSE_END] == TAG_WEIGHT + BOUNDARY_WEIGHT
    assert batch.into["n"][SYMBOL] == batch.into["n"][CLAUSE_END] == BOUNDARY_WEIGHT
    assert batch.into["a"][CLAUSE_END] == 2.0 * TAG_WEIGHT  # the lexicon's own pair is kept
    assert batch.into["v"][LATIN] == 0.5 * TAG_WEIGHT  # a Latin word is taken for a noun
    assert batch.into["ul"][LATIN] == DETACHED_PARTICLE  # whatever the batch says
    assert batch.into["ul"]["v"] == 3.0 * TAG_WEIGHT


def test_a_clause_end_the_batch_has_is_not_taken_from_the_symbol() -> None:
    decoder = Decoder(_lexicon(), {(SYMBOL, "n"): 1.0, (CLAUSE_END, "n"): -1.0})
    assert decoder.into["n"][CLAUSE_END] == -BOUNDARY_WEIGHT
    assert decoder.into["n"][SYMBOL] == BOUNDARY_WEIGHT


def _best_paths(decoder: Decoder, cells: list[Cell]) -> dict[tuple[int, str], float]:
    """The best path through each candidate, by trying every path of the lattice."""
    edges = decoder._edges(cells)
    best: dict[tuple[int, str], float] = {}

    def walk(position: int, tag: str, total: float, chosen: tuple[tuple[int, str], ...]) -> None:
        if position == len(cells):
            for pair in chosen:
                best[pair] = max(best.get(pair, -math.inf), total)
            return
        for start, end, score, picks, edge_tag, _ in edges:
            if start == position:
                step = score + (
                    0.0 if edge_tag == "" else decoder.into.get(edge_tag, {}).get(tag, 0.0)
                )
                walk(end, tag if edge_tag == "" else edge_tag, total + step, chosen + picks)

    walk(0, SYMBOL, 0.0, ())
    return best


def test_the_confidences_are_those_of_the_best_path_through_each_candidate() -> None:
    entries = {"正": -5.0, "正確": -7.0, "確": -6.0, "定": -6.5, "確定": -6.0, "正確定": None}
    tags = {"正": "a", "正確": "a", "確": "v", "定": "v", "確定": "v"}
    affinity = {(SYMBOL, "a"): 0.3, ("a", "v"): -0.4, ("v", "v"): -1.0, ("a", "a"): 0.2}
    decoder = Decoder(Lexicon(entries, -20.0, tags, affinity), {("a", LATIN): 0.5})
    cells: list[Cell] = [
        Options(0, {"正": -5.0, "x": -4.0}, ("正",)),
        Options(1, {"確": -6.0, "定": -6.5, "x": -9.0}, ("確", "定"), {"定": 0.1}),
        " ",
        Options(2, {"定": -6.5, "確": -6.0}, ("定", "確")),
        "a",
    ]
    found = _best_paths(decoder, cells)
    choices, _ = decoder.decode(cells)
    for slot, choice in choices.items():
        marginals = {char: score for (at, char), score in found.items() if at == slot}
        top = max(marginals.values())
        total = sum(math.exp(score - top) for score in marginals.values())
        assert choice.char == max(marginals, key=marginals.__getitem__)
        assert choice.confidence == pytest.approx(1.0 / total)


def test_a_candidate_s_bonus_from_its_neighbours_is_its_own_to_change() -> None:
    model = ({"正": -3.0, "確": -4.0, "定": -5.0}, {"正確": -5.0}, -12.0)
    lexicon = Lexicon({"正": -5.0, "確": -6.0, "定": -6.5}, -20.0, bigram_model=model)
    slot = Slot("\ufffd", ("確", "定"), 0)
    first = _options(slot, 0, ("正", ""), [], lexicon)
    bonus = dict(first.bonus)
    assert bonus["確"] == 0.0 and bonus["定"] < 0.0  # 正確 is a pair the model has
    first.bonus.clear()  # as a second reading does, before adding what the batch says
    assert _options(slot, 1, ("正", ""), [], lexicon).bonus == bonus
