"""Questions that are nearly the same under different keys, for a person to look at.

The importer merges only copies with the same text (or the same key); what is
merely similar — a copy that lost a sentence, a reworded stem — stays two records,
and ``quiz validate`` lists the pairs with how alike they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from quiz.importer.merge import fingerprint, grams
from quiz.model import Question

NEAR_DUPLICATE_RATIO = 0.8
_COMMON_RUN = 50  # a run of characters found in more questions says nothing of any pair


@dataclass(frozen=True)
class NearDuplicate:
    """Two questions and how alike their stems and options are (0..1)."""

    first: Question
    second: Question
    similarity: float


def near_duplicates(
    questions: Sequence[Question], ratio: float = NEAR_DUPLICATE_RATIO
) -> list[NearDuplicate]:
    """Pairs of questions whose stem and options share at least ``ratio`` of their runs
    of characters, most alike first. Found through an index of the runs, not by
    comparing every pair."""
    runs = [grams(fingerprint(q.stem + "".join(q.options.values()))) for q in questions]
    index: dict[str, list[int]] = {}
    for number, counted in enumerate(runs):
        for run in counted:
            index.setdefault(run, []).append(number)
    found: list[NearDuplicate] = []
    for number, counted in enumerate(runs):
        size = counted.total()
        meetings: Counter[int] = Counter()
        rare = 0
        for run in counted:
            holders = index[run]
            if len(holders) <= _COMMON_RUN:
                rare += 1
                meetings.update(other for other in holders if other > number)
        # a pair that alike shares all but (1 - ratio) of the runs, the rare ones too
        needed = max(1, rare - (1 - ratio) * len(counted))
        for other, shared_rare in meetings.items():
            if shared_rare < needed:
                continue
            shared = (counted & runs[other]).total()
            similarity = shared / max(size, runs[other].total())
            if similarity >= ratio:
                found.append(NearDuplicate(questions[number], questions[other], similarity))
    return sorted(found, key=lambda pair: (-pair.similarity, pair.first.key, pair.second.key))
