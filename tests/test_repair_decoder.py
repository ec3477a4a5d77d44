"""Tests of the decoder's part-of-speech affinity: the lexicon's, shared by every decoder,
and what one batch's word edges change of it."""

from __future__ import annotations

from quiz.repair.boundaries import CLAUSE_END, LATIN
from quiz.repair.decode import (
    BOUNDARY_WEIGHT,
    DETACHED_PARTICLE,
    SYMBOL,
    TAG_WEIGHT,
    Decoder,
)
from quiz.repair.lexicon import Lexicon


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
