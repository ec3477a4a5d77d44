"""One record per question: copies of a question met in one import become one record.

Two rules decide what is one question:

- the *same text*: the same stem and the same options once whitespace, Markdown
  emphasis and full-width characters are set aside (``identity``), wherever the copies
  were filed and whatever their file names;
- the *same key* (``bank/id``): copies that claim one key and are nearly the same text
  (an export that lost a table or turned inline code into a block) with the same answer.

Questions that are merely similar under different keys are never merged (``quiz
validate`` lists them as near-duplicates); different questions claiming one key are
reported, never dropped silently. Of the copies of a question, the preferred one gives
the key (a file in its bank's own folder before a copy filed elsewhere, a file of its own
before a block of a file of many), each field comes from the first copy that has it,
and the other files are remembered in ``origin.also``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from quiz.images import IMAGE_LINK
from quiz.model import Explanation, Question
from quiz.records import Problem

SAME_QUESTION_RATIO = 0.85
GRAM = 4  # texts are compared by their runs of 4 characters: linear, unlike difflib

_FORMATTING = re.compile(r"[*`]+|(?<![^\W_])_+|_+(?![^\W_])|\\$", re.MULTILINE)  # \ hard break
_SPACE = re.compile(r"\s+")
_FILLED_FROM_COPIES = (
    "source",
    "level",
    "domain",
    "exam_domain",
    "topics",
    "traps",
    "community",
    "translation",
)


@dataclass(frozen=True)
class Candidate:
    """A parsed question, where it came from, and how strongly its place names its key:
    ``placement`` 0 for a file in its bank's own folder, 1 for a copy filed elsewhere
    under a bank suffix, 2 for a copy that only its folder places; ``block`` when it is
    one of several questions of a file."""

    question: Question
    path: str
    line: int
    placement: int = 0
    block: bool = False


@dataclass
class MergeResult:
    """The questions kept, what was merged into what (one note per question kept), how
    many copies were merged into another, and the keys in conflict."""

    questions: list[Question]
    merges: list[str]
    conflicts: list[Problem]
    copies_merged: int = 0


def normal_text(text: str) -> str:
    """Text as it reads: full-width characters as their ASCII forms, no Markdown
    emphasis, code marks or hard line breaks, no whitespace (``a：b`` reads as ``a: b``),
    and images by their alt text (copies may point at the same picture in other places)."""
    text = IMAGE_LINK.sub(lambda image: image[0][: image[0].index("](")], text)
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub("", _FORMATTING.sub("", text))


def identity(question: Question) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What makes two copies the same question: the stem and the options, as they read."""
    options = tuple((letter, normal_text(text)) for letter, text in question.options.items())
    return normal_text(question.stem), options


def fingerprint(text: str) -> str:
    """Text reduced to letters, digits and mathematical symbols (``>=`` is not ``<=``),
    for comparing copies."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in normal if ch.isalnum() or unicodedata.category(ch) == "Sm")


def same_question(a: Question, b: Question) -> bool:
    """True when two records claiming one key are copies of one question.

    The answers must be the same and the options match closely; of the stems, the
    shorter must be nearly all contained in the longer (exports lose images, tables and
    diagrams). Two records that disagree on the answer are never one question.
    """
    if a.answer != b.answer:
        return False
    options_a = fingerprint("".join(a.options.values()))
    options_b = fingerprint("".join(b.options.values()))
    if options_a != options_b and likeness(options_a, options_b) < SAME_QUESTION_RATIO:
        return False
    return containment(fingerprint(a.stem), fingerprint(b.stem)) >= SAME_QUESTION_RATIO


def grams(text: str) -> Counter[str]:
    """The runs of ``GRAM`` characters of a text, counted."""
    return Counter(text[i : i + GRAM] for i in range(max(len(text) - GRAM + 1, 1)))


def _shared(first: str, second: str) -> tuple[int, int, int]:
    """Runs of ``GRAM`` characters in common, in the first text, in the second."""
    grams_a, grams_b = grams(first), grams(second)
    return (grams_a & grams_b).total(), grams_a.total(), grams_b.total()


def likeness(first: str, second: str) -> float:
    """How alike two texts are: the share of the runs of characters they have in common."""
    shared, count_a, count_b = _shared(first, second)
    return shared / max(count_a, count_b)


def containment(first: str, second: str) -> float:
    """The share of the shorter text found in the longer one."""
    shorter, longer = sorted((first, second), key=len)
    if shorter in longer:
        return 1.0
    if not shorter:
        return 0.0
    shared, count, _ = _shared(shorter, longer)
    return shared / count


def richness(question: Question) -> tuple[int, int]:
    """How much a record holds: filled fields and explanation parts, then text length."""
    explanation = question.explanation
    parts = [
        question.source,
        question.level,
        question.domain,
        question.topics,
        question.traps,
        question.community,
        explanation.key_points,
        explanation.correct,
        explanation.wrong,
        explanation.mnemonic,
        explanation.references,
        explanation.extra,
    ]
    size = len(explanation.correct) + sum(len(v) for v in explanation.wrong.values())
    return sum(bool(part) for part in parts), size


def _preference(candidate: Candidate) -> tuple[int, bool, int, int, str, int]:
    """Sort key: the copy that gives the key and the fields first."""
    filled, size = richness(candidate.question)
    return candidate.placement, candidate.block, -filled, -size, candidate.path, candidate.line


def _first(values: Iterable[Any], default: Any) -> Any:
    return next((value for value in values if value), default)


def combine(copies: list[Candidate]) -> Question:
    """One question from its copies (preferred first): each field, and each part of the
    explanation, from the first copy that has it; the other files in ``origin.also``."""
    best = copies[0].question
    values: dict[str, Any] = {
        name: _first((getattr(c.question, name) for c in copies), getattr(best, name))
        for name in _FILLED_FROM_COPIES
    }
    values["explanation"] = Explanation(
        **{
            part.name: _first(
                (getattr(c.question.explanation, part.name) for c in copies),
                getattr(best.explanation, part.name),
            )
            for part in fields(Explanation)
        }
    )
    if best.origin is not None:
        also = {c.question.origin.file for c in copies[1:] if c.question.origin}
        also.discard(best.origin.file)
        values["origin"] = replace(best.origin, also=tuple(sorted(also)))
    return replace(best, **values)


def merge_candidates(candidates: list[Candidate]) -> MergeResult:
    """Copies of one question (same text, or same key and nearly the same text) as one
    record; different questions claiming one key reported, one problem per claimant."""
    result = MergeResult([], [], [])
    by_text: dict[object, list[Candidate]] = {}
    for candidate in candidates:
        by_text.setdefault(identity(candidate.question), []).append(candidate)
    by_key: dict[str, list[list[Candidate]]] = {}
    for copies in by_text.values():
        copies.sort(key=_preference)
        by_key.setdefault(copies[0].question.key, []).append(copies)
    for key, groups in by_key.items():
        groups.sort(key=lambda copies: _preference(copies[0]))
        copies = [candidate for group in groups for candidate in group]
        if _one_question(groups):
            result.questions.append(combine(copies))
            result.copies_merged += len(copies) - 1
            if len(copies) > 1:
                best, others = copies[0], ", ".join(f"{c.path}:{c.line}" for c in copies[1:])
                result.merges.append(f"{key}: kept {best.path}:{best.line}, merged {others}")
            continue
        claimants = ", ".join(f"{c.path}:{c.line}" for c in copies)
        message = f"{key} is claimed by different questions ({claimants}); none imported"
        result.conflicts.extend(Problem(c.path, c.line, message) for c in copies)
    return result


def _one_question(groups: list[list[Candidate]]) -> bool:
    """True when groups of same-text copies claiming one key are one question: one
    answer, nearly the same text, and no file whose blocks fall in two groups (two
    blocks of one file are two questions)."""
    if len({c.question.answer for group in groups for c in group}) > 1:
        return False
    block_files = [{c.path for c in group if c.block} for group in groups]
    if sum(map(len, block_files)) > len(set().union(*block_files)):
        return False
    first = groups[0][0].question
    return all(same_question(first, group[0].question) for group in groups[1:])
