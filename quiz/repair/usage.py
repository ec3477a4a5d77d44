"""How the text at hand uses parts of speech, against the lexicon.

jieba's word frequencies come mostly from news, where names of places and people, time
words and aspect particles are far more common than in technical writing, which is full
of nouns, verbs and measure words: 中南 (a region) is as likely there as 不受. The intact
text of the batch shows the balance it actually has. Its stretches of Chinese are split
into their most likely words, and each part of speech's share of the words of two or
more characters is compared with its share in the lexicon; only words that the damage
cannot hit count on either side, so that characters that never show intact in damaged
text bias neither. The log of the ratio, smoothed towards zero when the text says
little, is added to every such word of that part of speech. Single characters are left
out: each has one tag for all its uses, and those the damage cannot hit stand poorly for
those it always hits (中 among the localizers, 不 among the adverbs)."""

from __future__ import annotations

import math
import re
from collections import Counter

from quiz.repair.damage import LOST_BYTES
from quiz.repair.lexicon import MAX_WORD_LENGTH, Lexicon

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
USAGE_WEIGHT = 0.3  # how much the text's own balance of parts of speech counts
SMOOTHING = 20.0  # pseudo-count given to the lexicon's balance


class TagUsage:
    """Parts of speech counted in intact text."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.counts: Counter[str] = Counter()

    def add(self, text: str) -> None:
        """Count the words of every stretch of Chinese in ``text``."""
        tags = self.lexicon.tags
        for run in HAN_RUN.finditer(text):
            for word in segment(run.group(), self.lexicon):
                if len(word) > 1 and word in tags and not _hit(word):
                    self.counts[tags[word]] += 1

    def bonus(self) -> dict[str, float]:
        """The weighted log ratio of each part of speech's share here and in the lexicon."""
        total = sum(self.counts.values())
        return {
            tag: USAGE_WEIGHT
            * math.log((self.counts[tag] + SMOOTHING * share) / (total + SMOOTHING) / share)
            for tag, share in self.lexicon.tag_shares.items()
        }


def _hit(word: str) -> bool:
    return any(byte in LOST_BYTES for byte in word.encode("utf-8"))


def segment(run: str, lexicon: Lexicon) -> list[str]:
    """The most likely split of a stretch of Chinese into words."""
    entries = lexicon.entries
    best = [0.0] + [-math.inf] * len(run)
    start_of = [0] * (len(run) + 1)
    for start in range(len(run)):
        if best[start] == -math.inf:
            continue
        for end in range(start + 1, min(len(run), start + MAX_WORD_LENGTH) + 1):
            word = run[start:end]
            if word not in entries:
                if end == start + 1:
                    score = lexicon.unknown
                else:
                    break
            else:
                score = entries[word]
                if score is None:
                    if end > start + 1:
                        continue
                    score = lexicon.unknown
            if best[start] + score > best[end]:
                best[end] = best[start] + score
                start_of[end] = start
    words = []
    end = len(run)
    while end:
        words.append(run[start_of[end] : end])
        end = start_of[end]
    return words[::-1]
