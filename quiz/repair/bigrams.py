"""Which Chinese character follows which: character bigrams of Traditional Chinese.

The word lexicon knows words but not how they meet: 合併 then 小 (small files) or 對
(towards files) is the same pair of single words to it, and the news it was counted on
favours 對. Character bigrams counted over Chinese Wikipedia (the model that the
``cjclassifier`` package ships, in its Traditional Chinese column) see running text of
every domain, technical ones included. Each Chinese candidate of a damaged character gets
the log-probability of the character given the one before it, and of the one after it
given the candidate, against the best candidate, weighted.

The model is pruned: bigrams rarer than its floor are left out. A missing bigram says
little when the two characters are rare (they would seldom meet anyway), and says they
avoid each other when both are common: its probability is taken as at most the floor,
and at most what the characters' own frequencies would give.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

from quiz.repair.damage import is_hit

PACKAGE = "cjclassifier"
MODEL = "cjlogprobs.gz"
COLUMN = "zh-hant"
PAIR_WEIGHT = 0.7  # how much the bigrams count against the word lexicon
UNSEEN_PENALTY = 1.0  # a pruned bigram is taken as this much (log) below its ceiling

Model = tuple[dict[str, float], dict[str, float], float]  # characters, pairs, floor


def read_model() -> Model:
    """Log-probabilities of characters and of the bigrams that a damaged character can
    be part of (one of its characters loses a byte), and the model's pruning floor."""
    characters: dict[str, float] = {}
    pairs: dict[str, float] = {}
    hit = functools.cache(is_hit)  # a pair is hit when one of its characters is
    path = resources.files(PACKAGE).joinpath(MODEL)
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as lines:
        header = _header(next(lines))
        column = header["Languages"].split(",").index(COLUMN) + 1
        floor = float(header["MinLogProb"])
        for line in lines:
            key, _, values = line.partition(" ")
            if len(key) == 1:
                kept = characters
            elif len(key) == 2 and (hit(key[0]) or hit(key[1])):
                kept = pairs
            else:
                continue
            value = float(values.split(" ")[column - 1])
            if value != 0.0:  # 0 is absent from this column
                kept[key] = value
    return characters, pairs, floor


def _header(line: str) -> dict[str, str]:
    """The header's names and values: ``Languages: a,b MinLogProb: -16.0`` gives
    {"Languages": "a,b", "MinLogProb": "-16.0"}."""
    words = line.split()
    return {name.rstrip(":"): value for name, value in zip(words[::2], words[1::2], strict=True)}


def pair_bonuses(model: Model, before: str, han: tuple[str, ...], after: str) -> dict[str, float]:
    """For each Chinese candidate between ``before`` and ``after`` (the characters next
    to it; anything but a Chinese character the model knows counts as none), how much
    less likely the bigrams make it than the best candidate (weighted log ratio, 0 for
    the best): log P(candidate | before) + log P(after | candidate), where a missing
    ``before`` leaves log P(candidate). Nothing when neither neighbour is Chinese: the
    characters' own frequencies are the word lexicon's to weigh."""
    if len(han) < 2:
        return {}
    characters, pairs, floor = model
    unknown = floor - 1.0
    before_score = characters.get(before)
    after_score = characters.get(after)
    if before_score is None and after_score is None:
        return {}
    scores = {}
    for char in han:
        own = characters.get(char, unknown)
        score = own  # log P(char); with ``before`` it is log P(before char) - log P(before)
        if before_score is not None:
            pair = pairs.get(before + char)
            score = _unseen(own + before_score, floor) if pair is None else pair
        if after_score is not None:
            pair = pairs.get(char + after)
            score += (_unseen(own + after_score, floor) if pair is None else pair) - own
        scores[char] = score
    best = max(scores.values())
    return {char: PAIR_WEIGHT * (score - best) for char, score in scores.items()}


def _unseen(independent: float, floor: float) -> float:
    """The log-probability taken for a bigram the model left out, given what its two
    characters would make of it if they were independent."""
    return (independent if independent < floor else floor) - UNSEEN_PENALTY
