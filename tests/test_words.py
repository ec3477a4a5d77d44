"""Counts in words."""

from __future__ import annotations

import pytest

from quiz.words import noun, plural


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (0, "question", "0 questions"),
        (1, "question", "1 question"),
        (2, "error", "2 errors"),
        (1, "leech", "1 leech"),
        (3, "leech", "3 leeches"),
        (2, "missed question", "2 missed questions"),
    ],
)
def test_plural(count: int, word: str, expected: str) -> None:
    assert plural(count, word) == expected


def test_plural_takes_an_irregular_form() -> None:
    assert plural(2, "analysis", "analyses") == "2 analyses"
    assert plural(1, "analysis", "analyses") == "1 analysis"


def test_noun_is_the_word_alone() -> None:
    assert noun(1, "day") == "day"
    assert noun(4, "day") == "days"
