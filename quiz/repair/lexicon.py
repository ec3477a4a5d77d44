"""The Chinese lexicon: how likely each Traditional Chinese word is, and what follows what.

The data comes from jieba's dictionary (Simplified Chinese words with frequencies and
part-of-speech tags, converted to Taiwan Traditional Chinese with OpenCC), with the words
of data engineering that it lacks or undercounts (``terms.txt``), jieba's tagger
(how often one part of speech follows another), wordfreq (how often each emoji is used)
and cjclassifier (character bigrams of Traditional Chinese). Building it takes a few
seconds, so the result is cached under ``quiz.paths.cache_dir()`` (keyed by the versions
of those packages) and loaded from there afterwards.
"""

from __future__ import annotations

import array
import contextlib
import functools
import hashlib
import importlib.util
import itertools
import marshal
import math
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from quiz import paths
from quiz.repair import bigrams
from quiz.repair.grouped import Grouped, block

FORMAT = 15
CACHE_PREFIX = "repair-lexicon-"
SENTENCE_START = "^"  # the part of speech before the first word of a sentence
AFFINITY_LIMIT = 4.0  # no part-of-speech pair moves a score by more than this
# Characters Taiwan writes in a popular form more often than in OpenCC's standard one.
POPULAR_VARIANTS = str.maketrans({"臺": "台"})
MAX_WORD_LENGTH = 6
DATA_PACKAGES = ("jieba", "opencc", "wordfreq", "cjclassifier")  # the cache is keyed by these
CONVERT_CHUNK = 20_000  # words OpenCC converts at a time
TERMS = "terms.txt"  # the words of the field, beside this module
TERM_COUNT = 2_000  # what a word of the field counts at least (a common word's count)


# CJK ideographs, as the inside of a regular expression's character class.
HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U000323af"
HAN_WORD = re.compile(f"[{HAN}]{{1,{MAX_WORD_LENGTH}}}")  # a possible word of the lexicon


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

    entries: Mapping[str, float | None]
    unknown: float  # log-probability of a Chinese character the dictionary lacks
    tags: Mapping[str, str] = field(default_factory=dict)
    affinity: dict[tuple[str, str], float] = field(default_factory=dict)
    symbols: dict[str, float] = field(default_factory=dict)
    bigram_model: bigrams.Model = field(default_factory=lambda: ({}, {}, 0.0))
    # What its users derive from it (per character, say), remembered for the process.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def log_probability(self, word: str) -> float | None:
        """The log-probability of ``word``; None when it is not a word."""
        return self.entries.get(word)

    def char_score(self, char: str) -> float:
        """The log-probability of a Chinese character standing as a word of its own
        (``unknown`` when the dictionary lacks it)."""
        score = block(self.entries, char).get(char)
        return self.unknown if score is None else score


@functools.cache
def load_lexicon() -> Lexicon:
    """The lexicon (once per process): from the cache when it is there, else built and cached."""
    path = _cache_path()
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError, IndexError):
        return _unflatten(marshal.loads(path.read_bytes()))
    lexicon = build_lexicon()
    with contextlib.suppress(OSError):
        _write_atomically(path, marshal.dumps(_flatten(lexicon)))
        for stale in path.parent.glob(f"{CACHE_PREFIX}*.marshal"):  # older formats, versions
            if stale != path:
                stale.unlink()
    return lexicon


def _flatten(lexicon: Lexicon) -> tuple[Any, ...]:
    """The lexicon as a few strings and arrays, which marshal writes and reads fast (big
    dicts load three times slower). The words are held by first character (see
    ``quiz.repair.grouped``): one newline-joined string per character holding first the
    words with a part of speech, then the other words, then the prefixes; their
    log-probabilities and part-of-speech numbers follow, block after block, with where
    each block starts. A part of speech of a non-word is not kept (the decoder only asks
    for those of words)."""
    entries, tags = lexicon.entries, lexicon.tags
    blocks: dict[str, tuple[list[str], list[str], list[str]]] = {}  # tagged, untagged, prefixes
    for word, score in entries.items():
        lists = blocks.get(word[0])
        if lists is None:
            lists = blocks[word[0]] = ([], [], [])
        lists[2 if score is None else 0 if word in tags else 1].append(word)
    names = sorted(set(tags.values()))
    number = {name: index for index, name in enumerate(names)}
    texts: list[str] = []
    scores: list[float] = []
    tag_numbers: list[int] = []
    score_starts, tag_starts = [0], [0]
    for tagged, untagged, prefixes in blocks.values():
        texts.append("\n".join(tagged + untagged + prefixes))
        scores.extend(score for word in tagged + untagged if (score := entries[word]) is not None)
        tag_numbers.extend(number[tags[word]] for word in tagged)
        score_starts.append(len(scores))
        tag_starts.append(len(tag_numbers))
    characters, pairs, floor = lexicon.bigram_model
    return (
        "".join(blocks),
        texts,
        _doubles(scores),
        score_starts,
        bytes(tag_numbers),
        tag_starts,
        names,
        lexicon.unknown,
        lexicon.affinity,
        lexicon.symbols,
        characters,
        "\n".join(pairs),
        _doubles(list(pairs.values())),
        floor,
    )


def _unflatten(flat: tuple[Any, ...]) -> Lexicon:
    """The lexicon from ``_flatten``'s form; the words' blocks become dicts when first
    asked for."""
    firsts, texts, score_data, score_starts, tag_numbers, tag_starts, names = flat[:7]
    unknown, affinity, symbols, characters, pair_keys, pair_scores, floor = flat[7:]
    scores = array.array("d")
    scores.frombytes(score_data)

    def entries(block: int) -> dict[str, float | None]:  # prefixes get None
        words = texts[block].split("\n")
        return dict(
            itertools.zip_longest(words, scores[score_starts[block] : score_starts[block + 1]])
        )

    def tags(block: int) -> dict[str, str]:
        numbers = tag_numbers[tag_starts[block] : tag_starts[block + 1]]
        return dict(zip(texts[block].split("\n"), map(names.__getitem__, numbers), strict=False))

    pairs = dict(zip(pair_keys.split("\n") if pair_keys else [], _floats(pair_scores), strict=True))
    return Lexicon(
        Grouped(firsts, entries),
        unknown,
        Grouped(firsts, tags),
        affinity,
        symbols,
        (characters, pairs, floor),
    )


def _doubles(values: list[float]) -> bytes:
    return array.array("d", values).tobytes()


def _floats(data: bytes) -> list[float]:
    values = array.array("d")
    values.frombytes(data)
    return values.tolist()


def build_lexicon() -> Lexicon:
    """Read jieba's dictionary, convert it to Traditional Chinese, and count."""
    counts, word_tags = _jieba_words()
    frequency, tags, singles = _traditional(counts, word_tags)
    del counts, word_tags
    for word, tag in _terms().items():
        frequency[word] = max(frequency.get(word, 0), TERM_COUNT)
        tags[word] = (TERM_COUNT, tag)
    affinity, share = _tag_model()
    single_tags = _single_tags([simplified for simplified, _ in singles], share)
    for simplified, forms in singles:
        single = single_tags.get(simplified)
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
    del frequency
    tag_of = {word: tag for word, (_, tag) in tags.items()}
    del tags
    return Lexicon(
        entries,
        math.log(0.5 / total),
        tag_of,
        affinity,
        _symbol_frequencies(),
        bigrams.read_model(),
    )


def _traditional(
    counts: dict[str, int], word_tags: dict[str, str]
) -> tuple[dict[str, int], dict[str, tuple[int, str]], list[tuple[str, tuple[str, str]]]]:
    """Count every Traditional form of the dictionary's words (Taiwan characters, Taiwan
    phrasing, each with popular variants) and keep the tag of its most frequent source;
    also each single-character word with its two forms. OpenCC converts a chunk of
    words at a time (newline-joined), so no list of every form is held at once."""
    import opencc

    characters, phrasing = opencc.OpenCC("s2tw"), opencc.OpenCC("s2twp")
    frequency: dict[str, int] = {}
    tags: dict[str, tuple[int, str]] = {}
    singles: list[tuple[str, tuple[str, str]]] = []
    words = list(counts)
    for start in range(0, len(words), CONVERT_CHUNK):
        chunk = words[start : start + CONVERT_CHUNK]
        joined = "\n".join(chunk)
        first, second = characters.convert(joined), phrasing.convert(joined)
        converted = zip(
            first.split("\n"),
            second.split("\n"),
            first.translate(POPULAR_VARIANTS).split("\n"),
            second.translate(POPULAR_VARIANTS).split("\n"),
            strict=True,
        )
        for simplified, forms in zip(chunk, converted, strict=True):
            count, tag = counts[simplified], word_tags[simplified]
            if len(simplified) == 1:
                singles.append((simplified, forms[:2]))
            ranked = (count, tag)
            for word in set(forms):
                if HAN_WORD.fullmatch(word):
                    frequency[word] = frequency.get(word, 0) + count
                    best = tags.get(word)
                    if best is None or ranked > best:
                        tags[word] = ranked
    return frequency, tags, singles


def _terms() -> dict[str, str]:
    """The words of the field (``terms.txt``) and their parts of speech."""
    terms = {}
    text = resources.files("quiz.repair").joinpath(TERMS).read_text(encoding="utf-8")
    for line in text.splitlines():
        fields = line.partition("#")[0].split()
        if len(fields) == 2 and HAN_WORD.fullmatch(fields[0]):
            terms[fields[0]] = fields[1]
    return terms


def _symbol_frequencies() -> dict[str, float]:
    """Log-frequencies of emoji in running text, from wordfreq.

    Chinese usage counts; English usage (a tenth of it) stands in where the Chinese list
    lacks an emoji. Only pictographs are taken: wordfreq also counts format characters
    (the zero-width joiner) and decorative line drawing (━), whose use in chat says
    nothing about a damaged character in a document.
    """
    import regex
    from wordfreq import cB_to_freq, get_frequency_list

    pictograph = regex.compile(r"\p{Extended_Pictographic}")
    frequencies: dict[str, float] = {}
    for language, share in (("en", 0.1), ("zh", 1.0)):
        for index, bucket in enumerate(get_frequency_list(language)):  # by frequency
            for word in bucket:
                if len(word) == 1 and pictograph.match(word):
                    frequencies[word] = math.log(cB_to_freq(-index) * share)
    get_frequency_list.cache_clear()  # wordfreq would keep both whole lists
    return frequencies


def _jieba_words() -> tuple[dict[str, int], dict[str, str]]:
    """Counts and tags of words from jieba's dictionary, helped by its IDF table.

    The dictionary undercounts some common words (而非, 不受 appear 3 times) and lacks
    common compounds (較低, 極低); the IDF table, made from document frequencies, has
    them. An IDF converts to a count by a log-linear fit over the words in both, and a
    word keeps the larger of its two counts. A word only the IDF table has takes the
    tag of its last character (Chinese compounds are mostly head-final). Words counted
    0 are left out.
    """
    package = resources.files("jieba")
    counts: dict[str, int] = {}
    tags: dict[str, str] = {}
    names: dict[str, str] = {}  # one string per tag, not one per line
    with (package / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\r\n").split(" ")
            if len(fields) >= 3 and fields[1].isdigit():
                counts[fields[0]] = int(fields[1])
                tags[fields[0]] = names.setdefault(fields[2], fields[2])
    idf: dict[str, float] = {}
    with (package / "analyse" / "idf.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, _, value = line.rstrip("\r\n").rpartition(" ")
            try:
                idf[word] = float(value)
            except ValueError:
                continue
    both = [word for word in idf if word in counts and len(word) > 1]  # to fit on
    if len(both) > 1:
        xs = [idf[word] for word in both]
        ys = [math.log(counts[word]) for word in both]
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mean_x) ** 2 for x in xs
        )
        del both, xs, ys
        exp = math.exp
        for word, weight in idf.items():
            if len(word) > 1:
                estimate = round(exp(mean_y + slope * (weight - mean_x)))
                counts[word] = max(counts.get(word, 0), estimate)
                tags.setdefault(word, tags.get(word[-1], "n"))
    del idf
    for word in [word for word, count in counts.items() if count <= 0]:
        del counts[word], tags[word]
    return counts, tags


def _single_tags(chars: list[str], share: dict[str, float]) -> dict[str, str]:
    """The part of speech each of ``chars`` most likely has as a word of its own, per
    jieba's tagger (those it has none for are left out).

    The dictionary gives one tag per word, and for single characters it is often a rare
    use (a surname, a place); the tagger's emissions weigh every use.
    """
    rows = [
        (tag, row)
        for (state, tag), row in _tagger_table("prob_emit").items()
        if state == "S" and share.get(tag, 0.0) > 0
    ]
    best: dict[str, str] = {}
    for char in chars:
        best_score = -math.inf
        for tag, row in rows:
            if char in row:
                score = row[char] + math.log(share[tag])
                if score > best_score:
                    best[char], best_score = tag, score
    return best


def _tagger_table(name: str) -> dict[Any, Any]:
    """One of jieba's tagger tables (``P`` of ``jieba/posseg/NAME.py``), read without
    importing ``jieba.posseg``, which would load the whole dictionary once more and keep it."""
    path = resources.files("jieba") / "posseg" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_jieba_{name}", str(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table: dict[Any, Any] = module.P
    return table


def _tag_model() -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    """log P(tag | previous word's tag) / P(tag), and P(tag), from jieba's tagger.

    The tagger tags characters as Begin/Middle/End/Single of a word with a part of
    speech; a word ends in E or S and the next one starts in B or S. ``SENTENCE_START``
    stands before the first word (after punctuation). P(tag) is the long-run share of
    each tag under those transitions.
    """
    starts, transitions = _tagger_table("prob_start"), _tagger_table("prob_trans")
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
    """The cache's file, named by what it was built from: the format, the data packages'
    versions and the words of the field."""
    versions = "-".join(metadata.version(name) for name in DATA_PACKAGES)
    terms = resources.files("quiz.repair").joinpath(TERMS).read_bytes()
    digest = hashlib.blake2b(terms, digest_size=4).hexdigest()
    return paths.cache_dir() / f"{CACHE_PREFIX}{FORMAT}-{versions}-{digest}.marshal"


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
