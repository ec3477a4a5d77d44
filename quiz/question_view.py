"""What one question view shows, in practice, the exam and exam review (no UI).

The view model: the question, its options in the order shown, the picks, whether the
answer is revealed, and the mode. Options always keep the question's own letters as
their labels (a shuffled question shows e.g. C, A, D, B), so the analysis, the "why not"
notes and the community vote, which name those letters, can never contradict the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quiz.images import question_images
from quiz.model import Community, Question

Mode = Literal["practice", "exam", "review", "browse"]
"""``browse``: the question page, which shows the answer without asking it."""


@dataclass(frozen=True)
class QuestionView:
    """A question as drawn: option order (own letters), picks, revealed or not, and mode."""

    question: Question
    order: tuple[str, ...]
    picked: frozenset[str] = frozenset()
    revealed: bool = False
    mode: Mode = "practice"
    guessing: bool = False
    """Marked "I'm guessing" (practice only)."""

    @property
    def correct(self) -> bool:
        """Whether the picks are the answer."""
        return self.question.is_correct(self.picked)

    @property
    def wanted(self) -> int:
        """How many options the question asks for."""
        return len(self.question.answer)

    @property
    def images(self) -> list[str]:
        """The image links the view shows: the question's, and the analysis' once revealed."""
        return question_images(self.question, analysis=self.revealed)

    def letter_at(self, position: int) -> str | None:
        """The letter of the option shown at a position (0 is the first), if there is one."""
        return self.order[position] if 0 <= position < len(self.order) else None


def missing_picks(question: Question, picked: frozenset[str] | set[str]) -> int:
    """How many more options must be picked before the answer can be submitted."""
    return max(len(question.answer) - len(picked), 0)


def community_line(question: Question) -> str:
    """The community's vote; for a disputed question the official answer (the one that
    is scored) beside it: ``Official answer: D · Community vote: E (83%) — disputed``."""
    if question.community is None:
        return ""
    vote = _vote(question.community)
    if not question.disputed:
        return f"Community vote: {vote}"
    return f"Official answer: {', '.join(question.answer)} · Community vote: {vote} — disputed"


def _vote(community: Community) -> str:
    """The vote as the source wrote it (``E (83%)``) when that names the letters, else
    the letters, then any vote text."""
    letters = ", ".join(community.answer) or "-"
    votes = community.votes.strip()
    if votes and community.answer and votes.upper().startswith(community.answer[0]):
        return votes
    return f"{letters} ({votes})" if votes else letters
