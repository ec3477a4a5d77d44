"""The Chinese lexicon: how likely each Traditional Chinese word is, and what follows what.

The data comes from jieba's dictionary (Simplified Chinese words with frequencies and
part-of-speech tags, converted to Taiwan Traditional Chinese with OpenCC), jieba's tagger
(how often one part of speech follows another), wordfreq (how often each emoji is used)
and cjclassifier (character bigrams of Traditional Chinese). Building it takes a few
seconds, so the result is cached under ``quiz.paths.cache_dir()`` (keyed by the versions
of those packages) and loaded from there afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import math
import os
import tempfile
from dataclasses import astuple, dataclass, field
from importlib import metadata, resources
from pathlib import Path

from quiz import paths
from quiz.repair import bigrams

FORMAT = 12
CACHE_PREFIX = "repair-lexicon-"
SENTENCE_START = "^"  # the part of speech before the first word of a sentence
AFFINITY_LIMIT = 4.0  # no part-of-speech pair moves a score by more than this
# Characters Taiwan writes in a popular form more often than in OpenCC's standard one.
POPULAR_VARIANTS = str.maketrans({"臺": "台"})
MAX_WORD_LENGTH = 6
DATA_PACKAGES = ("jieba", "opencc", "wordfreq", "cjclassifier")  # the cache is keyed by these


# CJK ideographs, as the inside of a regular expression's character class.
HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U000323af"


def is_han(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph."""
    point = ord(char)
    return (
        0x4E00 <= point <= 0x9FFF
        or 0x3400 <= point <= 0x4DBF
        or 0xF900 <= point <= 0xFAFF
        or 0x20000 <= point <= 0x323AF
    )


@dataclass(frozen=True)
class Lexicon:
    """Word log-probabilities (every proper prefix of a word present as ``None``), the
    part of speech of each word, how much more (or less) likely a part of speech is after
    another than on its own (log ratio), the log-frequency of emoji and symbols, and the
    character bigram model (see ``quiz.repair.bigrams``)."""

    entries: dict[str, float | None]
    unknown: float  # log-probability of a Chinese character the dictionary lacks
    tags: dict[str, str] = field(default_factory=dict)
    affinity: dict[tuple[str, str], float] = field(default_factory=dict)
    symbols: dict[str, float] = field(default_factory=dict)
    bigram_model: bigrams.Model = field(default_factory=lambda: ({}, {}, 0.0))

    def log_probability(self, word: str) -> float | None:
        """The log-probability of ``word``; None when it is not a word."""
        return self.entries.get(word)


@functools.cache
def load_lexicon() -> Lexicon:
    """The lexicon (once per process): from the cache when it is there, else built and cached."""
    path = _cache_path()
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return Lexicon(*marshal.loads(path.read_bytes()))
    lexicon = build_lexicon()
    with contextlib.suppress(OSError):
        _write_atomically(path, marshal.dumps(astuple(lexicon)))
        for stale in path.parent.glob(f"{CACHE_PREFIX}*.marshal"):  # older formats, versions
            if stale != path:
                stale.unlink()
    return lexicon


def build_lexicon() -> Lexicon:
    """Read jieba's dictionary, convert it to Traditional Chinese, and count."""
    import opencc

    words, counts, word_tags = _jieba_words()
    joined = "\n".join(words)
    characters = opencc.OpenCC("s2tw").convert(joined).split("\n")
    phrasing = opencc.OpenCC("s2twp").convert(joined).split("\n")
    frequency: dict[str, int] = {}
    tags: dict[str, tuple[int, str]] = {}
    for forms, count, tag in zip(
        zip(characters, phrasing, strict=True), counts, word_tags, strict=True
    ):
        for word in {*forms, *(form.translate(POPULAR_VARIANTS) for form in forms)}:
            if 0 < len(word) <= MAX_WORD_LENGTH and all(is_han(char) for char in word):
                frequency[word] = frequency.get(word, 0) + count
                tags[word] = max(tags.get(word, (0, tag)), (count, tag))
    affinity, share = _tag_model()
    for simplified, forms in zip(words, zip(characters, phrasing, strict=True), strict=True):
        single = _single_tag(simplified, share) if len(simplified) == 1 else None
        if not single:
            continue
        for form in forms:
            if form in tags:
                tags[form] = (tags[form][0], single)
    total = sum(frequency.values())
    entries: dict[str, float | None] = {}
    for word, count in frequency.items():
        for end in range(1, len(word)):
            entries.setdefault(word[:end], None)
        entries[word] = math.log(count / total)
    tag_of = {word: tag for word, (_, tag) in tags.items()}
    return Lexicon(
        entries,
        math.log(0.5 / total),
        tag_of,
        affinity,
        _symbol_frequencies(),
        bigrams.read_model(),
    )


def _symbol_frequencies() -> dict[str, float]:
    """Log-frequencies of emoji in running text, from wordfreq.

    Chinese usage counts; English usage (a tenth of it) stands in where the Chinese list
    lacks an emoji. Only pictographs are taken: wordfreq also counts format characters
    (the zero-width joiner) and decorative line drawing (━), whose use in chat says
    nothing about a damaged character in a document.
    """
    import regex
    from wordfreq import get_frequency_dict

    pictograph = regex.compile(r"\p{Extended_Pictographic}")
    frequencies: dict[str, float] = {}
    for language, share in (("en", 0.1), ("zh", 1.0)):
        for word, frequency in get_frequency_dict(language).items():
            if len(word) == 1 and pictograph.match(word):
                frequencies[word] = math.log(frequency * share)
    return frequencies


def _jieba_words() -> tuple[list[str], list[int], list[str]]:
    """Words, counts and tags from jieba's dictionary, helped by its IDF table.

    The dictionary undercounts some common words (而非, 不受 appear 3 times) and lacks
    common compounds (較低, 極低); the IDF table, made from document frequencies, has
    them. An IDF converts to a count by a log-linear fit over the words in both, and a
    word keeps the larger of its two counts. A word only the IDF table has takes the
    tag of its last character (Chinese compounds are mostly head-final).
    """
    package = resources.files("jieba")
    counts: dict[str, int] = {}
    tags: dict[str, str] = {}
    for line in (package / "dict.txt").read_text(encoding="utf-8").splitlines():
        fields = line.split(" ")
        if len(fields) >= 3 and fields[1].isdigit():
            counts[fields[0]] = int(fields[1])
            tags[fields[0]] = fields[2]
    idf: dict[str, float] = {}
    for line in (package / "analyse" / "idf.txt").read_text(encoding="utf-8").splitlines():
        word, _, value = line.rpartition(" ")
        with contextlib.suppress(ValueError):
            idf[word] = float(value)
    fit = [(idf[word], math.log(counts[word])) for word in idf if word in counts and len(word) > 1]
    if len(fit) > 1:
        mean_x = sum(x for x, _ in fit) / len(fit)
        mean_y = sum(y for _, y in fit) / len(fit)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in fit) / sum(
            (x - mean_x) ** 2 for x, _ in fit
        )
        for word, weight in idf.items():
            if len(word) > 1:
                estimate = round(math.exp(mean_y + slope * (weight - mean_x)))
                counts[word] = max(counts.get(word, 0), estimate)
                tags.setdefault(word, tags.get(word[-1], "n"))
    words = [word for word, count in counts.items() if count > 0]
    return words, [counts[word] for word in words], [tags[word] for word in words]


def _single_tag(char: str, share: dict[str, float]) -> str | None:
    """The part of speech ``char`` most likely has as a word of its own, per jieba's tagger.

    The dictionary gives one tag per word, and for single characters it is often a rare
    use (a surname, a place); the tagger's emissions weigh every use.
    """
    from jieba.posseg.prob_emit import P as emissions

    best, best_score = None, -math.inf
    for (state, tag), row in emissions.items():
        if state == "S" and char in row and share.get(tag, 0.0) > 0:
            score = row[char] + math.log(share[tag])
            if score > best_score:
                best, best_score = tag, score
    return best


def _tag_model() -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    """log P(tag | previous word's tag) / P(tag), and P(tag), from jieba's tagger.

    The tagger tags characters as Begin/Middle/End/Single of a word with a part of
    speech; a word ends in E or S and the next one starts in B or S. ``SENTENCE_START``
    stands before the first word (after punctuation). P(tag) is the long-run share of
    each tag under those transitions.
    """
    from jieba.posseg.prob_start import P as starts
    from jieba.posseg.prob_trans import P as transitions

    following: dict[str, dict[str, float]] = {}
    for (state, tag), row in transitions.items():
        if state in "ES":
            counts = following.setdefault(tag, {})
            for (next_state, next_tag), log_probability in row.items():
                if next_state in "BS":
                    counts[next_tag] = counts.get(next_tag, 0.0) + math.exp(log_probability)
    rows = {
        tag: {next_tag: weight / sum(counts.values()) for next_tag, weight in counts.items()}
        for tag, counts in following.items()
    }
    first: dict[str, float] = {}
    for (state, tag), log_probability in starts.items():
        if state in "BS":
            first[tag] = first.get(tag, 0.0) + math.exp(log_probability)
    rows[SENTENCE_START] = {tag: weight / sum(first.values()) for tag, weight in first.items()}
    share = dict(rows[SENTENCE_START])
    for _ in range(30):
        mixed: dict[str, float] = {}
        for tag, weight in share.items():
            for next_tag, probability in rows.get(tag, {}).items():
                mixed[next_tag] = mixed.get(next_tag, 0.0) + weight * probability
        share = {tag: weight / sum(mixed.values()) for tag, weight in mixed.items()}
    affinity: dict[tuple[str, str], float] = {}
    for tag, row in rows.items():
        for next_tag, probability in row.items():
            if probability > 0 and share.get(next_tag, 0.0) > 0:
                ratio = math.log(probability / share[next_tag])
                affinity[tag, next_tag] = max(-AFFINITY_LIMIT, min(AFFINITY_LIMIT, ratio))
    return affinity, share


def _cache_path() -> Path:
    versions = "-".join(metadata.version(name) for name in DATA_PACKAGES)
    return paths.cache_dir() / f"{CACHE_PREFIX}{FORMAT}-{versions}.marshal"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
