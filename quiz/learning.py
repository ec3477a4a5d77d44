"""The learning model: bank overview, weak tags, FSRS scheduling, what to ask next, leeches, stats.

No Textual and no clock: every function that depends on time takes ``now``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from quiz.model import Question


@dataclass(frozen=True)
class BankOverview:
    """How many questions there are per bank, topic, trap and level."""

    total: int
    banks: Counter[str]
    topics: Counter[str]
    traps: Counter[str]
    levels: Counter[str]

    def describe(self, top: int = 4) -> str:
        """A few lines of Rich markup for the home screen."""

        def line(counter: Counter[str]) -> str:
            parts = [f"{name} {count}" for name, count in counter.most_common(top)]
            more = len(counter) - top
            return " · ".join(parts) + (f" · +{more} more" if more > 0 else "") or "-"

        return (
            f"[b]Bank[/b]  {self.total} questions in {len(self.banks)} bank(s)\n"
            f"  banks   {line(self.banks)}\n"
            f"  levels  {line(self.levels)}\n"
            f"  topics  {line(self.topics)}\n"
            f"  traps   {line(self.traps)}"
        )


def bank_overview(questions: Iterable[Question]) -> BankOverview:
    """Count the questions per bank, topic tag, trap tag and level."""
    banks: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    traps: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    total = 0
    for question in questions:
        total += 1
        banks[question.bank] += 1
        topics.update(question.topics)
        traps.update(question.traps)
        levels[question.level or "unlevelled"] += 1
    return BankOverview(total, banks, topics, traps, levels)
