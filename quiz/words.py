"""Counts in words: ``1 question``, ``2 questions``, used wherever a count is shown."""

from __future__ import annotations

_ADD_ES = ("s", "x", "z", "ch", "sh")


def noun(count: int, word: str, many: str | None = None) -> str:
    """``word``, made plural unless ``count`` is 1 (``many`` when the plural is irregular)."""
    if count == 1:
        return word
    if many is None:
        return word + ("es" if word.endswith(_ADD_ES) else "s")
    return many


def plural(count: int, word: str, many: str | None = None) -> str:
    """The count and its noun: ``1 question``, ``3 leeches``."""
    return f"{count} {noun(count, word, many)}"


def percent(value: float | None) -> str:
    """A share as a whole percentage (``73%``), or ``-`` when there is nothing to measure."""
    return "-" if value is None else f"{round(100 * value)}%"
