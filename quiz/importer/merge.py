"""The same question met twice is kept once (the richer record); different
questions that claim the same ``bank/id`` are reported, never dropped silently."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from quiz.model import Question
from quiz.records import Problem

SAME_QUESTION_RATIO = 0.85
GRAM = 4  # texts are compared by their runs of 4 characters: linear, unlike difflib


@dataclass(frozen=True)
class Candidate:
    """A parsed question and where it came from."""

    question: Question
    path: str
    line: int


def fingerprint(text: str) -> str:
    """Text reduced to letters, digits and mathematical symbols (``>=`` is not ``<=``),
    for comparing copies."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in normal if ch.isalnum() or unicodedata.category(ch) == "Sm")


def same_question(a: Question, b: Question) -> bool:
    """True when two records are copies of one question, formatting aside.

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


def _grams(text: str) -> Counter[str]:
    return Counter(text[i : i + GRAM] for i in range(max(len(text) - GRAM + 1, 1)))


def _shared(first: str, second: str) -> tuple[int, int, int]:
    """Runs of ``GRAM`` characters in common, in the first text, in the second."""
    grams_a, grams_b = _grams(first), _grams(second)
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


def merge_candidates(
    candidates: list[Candidate],
) -> tuple[list[Question], list[str], list[Problem]]:
    """Kept questions, merge notes, and conflict problems (one per claimant)."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.question.key, []).append(candidate)
    kept: list[Question] = []
    merges: list[str] = []
    conflicts: list[Problem] = []
    for key, group in groups.items():
        one_per_file = len({c.path for c in group}) == len(group)  # blocks of a file differ
        if one_per_file and all(same_question(group[0].question, o.question) for o in group[1:]):
            best = max(group, key=lambda c: richness(c.question))
            kept.append(best.question)
            if len(group) > 1:
                others = ", ".join(f"{c.path}:{c.line}" for c in group if c is not best)
                merges.append(f"{key}: kept {best.path}:{best.line}, merged {others}")
            continue
        claimants = ", ".join(f"{c.path}:{c.line}" for c in group)
        for candidate in group:
            conflicts.append(
                Problem(
                    candidate.path,
                    candidate.line,
                    f"{key} is claimed by different questions ({claimants}); none imported",
                )
            )
    return kept, merges, conflicts
