"""A practice session: the questions in order, what was picked, submitted and undone (no UI).

Options keep the question's own letters as labels; when options are shuffled, each
attempt keeps the order it was dealt (``order``: own letters in the order shown), so a
letter means the same option on screen, in the answer and in the analysis.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from quiz.learning import RecordedAnswer, record_answer, undo_answer
from quiz.model import Question
from quiz.question_view import QuestionView, missing_picks
from quiz.store import Store


@dataclass
class Attempt:
    """One question of a session: the option order dealt, the picks, and the recorded answer."""

    question: Question
    order: tuple[str, ...]
    shown_at: datetime
    picked: set[str] = field(default_factory=set)
    recorded: RecordedAnswer | None = None
    guessing: bool = False
    """Marked "I'm guessing" before submitting (graded Hard if right, see ``grade``)."""

    @property
    def submitted(self) -> bool:
        """True once the answer is recorded."""
        return self.recorded is not None

    @property
    def correct(self) -> bool | None:
        """Whether the recorded answer was right (None before submitting)."""
        return self.recorded.correct if self.recorded else None

    @property
    def missing(self) -> int:
        """How many more options must be picked before submitting."""
        return missing_picks(self.question, self.picked)

    def view(self) -> QuestionView:
        """The attempt as the question view draws it (revealed once submitted)."""
        picked = frozenset(self.picked)
        return QuestionView(
            self.question, self.order, picked, self.submitted, guessing=self.guessing
        )


@dataclass(frozen=True)
class SessionSummary:
    """The end of a session: score, time, and what was missed."""

    answered: int
    correct: int
    seconds: float
    missed: list[Question]
    missed_tags: Counter[str]
    total: int = 0
    """Questions the session had (``answered`` is fewer when it was ended early)."""

    @property
    def ended_early(self) -> bool:
        """Whether questions were left unanswered when the session ended."""
        return self.answered < self.total


class PracticeSession:
    """Questions asked one at a time; every submitted answer is stored at once."""

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        mode: str,
        store: Store,
        now: datetime,
        rng: random.Random,
        shuffle: bool = False,
    ) -> None:
        if not questions:
            raise ValueError("a session needs at least one question")
        self.questions = list(questions)
        self.mode = mode
        self.store = store
        self.rng = rng
        self.shuffle = shuffle
        self.started_at = now
        self.index = 0
        self.attempts: list[Attempt] = [self._deal(self.questions[0], now)]
        self.history: list[Attempt] = []

    def _deal(self, question: Question, now: datetime) -> Attempt:
        order = list(question.options)
        if self.shuffle:
            self.rng.shuffle(order)
        return Attempt(question, tuple(order), now)

    @property
    def current(self) -> Attempt:
        """The attempt on screen."""
        return self.attempts[self.index]

    @property
    def is_last(self) -> bool:
        """True on the last question of the session."""
        return self.index == len(self.questions) - 1

    def pick(self, own: str) -> bool:
        """Toggle an option by its letter (single-answer questions keep one pick).

        False when the question has no such option or is already answered.
        """
        attempt = self.current
        if own not in attempt.question.options or attempt.submitted:
            return False
        if own in attempt.picked:
            attempt.picked.discard(own)
        elif attempt.question.is_multi:
            attempt.picked.add(own)
        else:
            attempt.picked = {own}
        return True

    def pick_at(self, position: int) -> bool:
        """Toggle the option shown at a position (0 is the first); False if not allowed."""
        own = self.current.view().letter_at(position)
        return own is not None and self.pick(own)

    def toggle_guessing(self) -> bool:
        """Mark the current answer "I'm guessing", or unmark it; False once submitted."""
        attempt = self.current
        if attempt.submitted:
            return False
        attempt.guessing = not attempt.guessing
        return True

    def submit(self, now: datetime) -> bool:
        """Record the current answer; False when fewer options are picked than the question
        asks for (see ``Attempt.missing``) or it is already recorded."""
        attempt = self.current
        if attempt.submitted or not attempt.picked or attempt.missing:
            return False
        attempt.recorded = record_answer(
            self.store,
            attempt.question,
            attempt.picked,
            seconds=max((now - attempt.shown_at).total_seconds(), 0.0),
            mode=self.mode,
            now=now,
            guessed=attempt.guessing,
        )
        self.history.append(attempt)
        return True

    def undo(self, now: datetime) -> bool:
        """Forget the last recorded answer and go back to that question to answer it again."""
        if not self.history:
            return False
        attempt = self.history[-1]
        assert attempt.recorded is not None
        undo_answer(self.store, attempt.recorded)  # first: if it fails, nothing has changed
        self.history.pop()
        attempt.recorded = None
        attempt.shown_at = now
        self.index = self.attempts.index(attempt)
        return True

    def go_next(self, now: datetime) -> bool:
        """Move to the next question (dealing it the first time); False at the end."""
        if self.is_last:
            return False
        self.index += 1
        if self.index == len(self.attempts):
            self.attempts.append(self._deal(self.questions[self.index], now))
        return True

    def go_previous(self) -> bool:
        """Move back one question; False on the first."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def summary(self, now: datetime) -> SessionSummary:
        """Score, time spent and the missed questions and their tags."""
        done = [a for a in self.attempts if a.submitted]
        missed = [a.question for a in done if not a.correct]
        return SessionSummary(
            answered=len(done),
            correct=sum(1 for a in done if a.correct),
            seconds=max((now - self.started_at).total_seconds(), 0.0),
            missed=missed,
            missed_tags=Counter(tag for q in missed for tag in q.tags),
            total=len(self.questions),
        )
