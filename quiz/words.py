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


def span(days: float) -> str:
    """A length of time, short: ``5m``, ``3h``, ``4d``, ``3w``, ``5mo``, ``2y``."""
    minutes = abs(days) * 24 * 60
    for unit, size in (("y", 365 * 1440), ("mo", 30 * 1440), ("w", 7 * 1440), ("d", 1440)):
        if minutes >= size * (2 if unit in ("y", "mo", "w") else 1):
            return f"{int(minutes // size)}{unit}"
    if minutes >= 60:
        return f"{int(minutes // 60)}h"
    return f"{int(minutes)}m" if minutes >= 1 else "<1m"


def span_words(days: float) -> str:
    """A length of time in words: ``12 days``, ``3 hours``, ``5 months``."""
    minutes = abs(days) * 24 * 60
    for unit, size in (("year", 365 * 1440), ("month", 30 * 1440), ("day", 1440), ("hour", 60)):
        if minutes >= size * (2 if unit in ("year", "month") else 1):
            return plural(int(minutes // size), unit)
    return plural(max(int(minutes), 1), "minute")
