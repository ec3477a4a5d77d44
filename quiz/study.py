"""The ways to study, in one place (no UI): what each mode asks, and why it may ask nothing.

``Study`` owns the bank, the progress store, the clock and the random source; the app and
the CLI both call it. Practice, review, drills and exams draw from ``Study.pool``, the
metadata of the questions in the study scope (``quiz.scope``); only the questions dealt are
read whole. A mode's questions come as a ``Plan``; a mode with nothing to ask raises
``NothingToStudy`` with the sentence to show.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cached_property

from quiz.bank import Bank, with_tags
from quiz.exam import (
    EXAM_MODE,
    ExamConfig,
    ExamError,
    ExamSession,
    eligible_questions,
    unfinished_exam_id,
)
from quiz.learning import due_count, next_questions, weak_tags
from quiz.model import Described, Question, QuestionInfo
from quiz.scope import Scope
from quiz.session import PracticeSession
from quiz.store import Store


class Mode(StrEnum):
    """A way to study; its value is what answers are recorded with."""

    PRACTICE = "practice"
    REVIEW = "review"
    DRILL = "drill"
    WEAKEST = "weakest"
    BOOKMARKED = "bookmarked"
    RETRY = "retry"
    EXAM = EXAM_MODE


TITLES = {
    Mode.PRACTICE: "Practice",
    Mode.REVIEW: "Review due",
    Mode.DRILL: "Drill",
    Mode.WEAKEST: "Drill weakest",
    Mode.BOOKMARKED: "Bookmarked",
    Mode.RETRY: "Retry missed",
    Mode.EXAM: "Mock exam",
}


def match_tags(questions: Sequence[Described], tags: Sequence[str]) -> tuple[list[str], list[str]]:
    """The tags as the bank spells them, and those no question carries (case is ignored)."""
    known = {tag.casefold(): tag for q in questions for tag in q.tags}
    found = [known[tag.casefold()] for tag in tags if tag.casefold() in known]
    return found, [tag for tag in tags if tag.casefold() not in known]


EMPTY_SCOPE = "No question is in what you chose to study"


class NothingToStudy(Exception):
    """A mode that has no question to ask; the message says why, for a person."""


@dataclass(frozen=True)
class Plan:
    """The questions a session will ask, in order, with its mode and title."""

    mode: Mode
    title: str
    questions: list[Question]


class Study:
    """Every study mode over one bank and one progress store."""

    def __init__(
        self,
        bank: Bank,
        store: Store,
        clock: Callable[[], datetime],
        rng: random.Random,
        scope: Scope | None = None,
    ) -> None:
        self.bank = bank
        self.store = store
        self.clock = clock
        self.rng = rng
        self.scope = scope or Scope()

    @cached_property
    def pool(self) -> list[QuestionInfo]:
        """The questions in the study scope: what practice, drills and exams draw from."""
        return self.scope.questions(self.bank)

    def _scoped_pool(self) -> list[QuestionInfo]:
        """``pool``; ``NothingToStudy`` when the scope leaves out every question there is."""
        if self.bank.infos and not self.pool:
            raise NothingToStudy(EMPTY_SCOPE)
        return self.pool

    def _plan(self, mode: Mode, pool: Sequence[QuestionInfo], title: str = "") -> Plan:
        """The learning model's pick from ``pool``, read whole; ``NothingToStudy`` when it
        is empty."""
        picked = next_questions(
            self.store, pool, self.clock(), self.rng, only_due=mode is Mode.REVIEW
        )
        chosen = self.bank.fetch(info.key for info in picked)
        if not chosen:
            raise NothingToStudy(
                "Nothing is due for review" if mode is Mode.REVIEW else "No questions to ask"
            )
        return Plan(mode, title or TITLES[mode], chosen)

    def practice(self) -> Plan:
        """Due and weak questions first, then new ones."""
        return self._plan(Mode.PRACTICE, self._scoped_pool())

    def review(self) -> Plan:
        """Only the questions spaced repetition says are due; when none is, the message says
        how many come back soon (a miss returns in minutes)."""
        try:
            return self._plan(Mode.REVIEW, self._scoped_pool())
        except NothingToStudy:
            keys = {q.key for q in self.pool} - self.store.flagged("suspended")
            dues = self.store.due_dates()
            back = due_count((dues[k] for k in keys if k in dues), self.clock()).back
            if back:
                raise NothingToStudy(f"Nothing is due for review yet: {back}") from None
            raise

    def drill(self, tags: Sequence[str], mode: Mode = Mode.DRILL) -> Plan:
        """The questions carrying any of the tags."""
        pool = with_tags(self._scoped_pool(), tags)
        if not pool:
            where = "" if self.scope.is_everything else " in what you chose to study"
            raise NothingToStudy(f"No question{where} has the tag {', '.join(tags)}")
        return self._plan(mode, pool, f"Drill: {', '.join(tags)}")

    def weakest_tags(self) -> list[str]:
        """The tags with the lowest scores (the ones *Drill weakest* drills)."""
        totals = self.store.answer_totals(self.clock())
        return [score.tag for score in weak_tags(self.pool, totals)]

    def weakest(self) -> Plan:
        """A drill of the weakest tags."""
        self._scoped_pool()
        tags = self.weakest_tags()
        if not tags:
            raise NothingToStudy("Answer a few questions first: no tag has a score yet")
        return self.drill(tags, Mode.WEAKEST)

    def bookmarked_questions(self) -> list[QuestionInfo]:
        """The bookmarked questions of the bank, in bank order."""
        marked = self.store.flagged("bookmarks")
        return [q for q in self.bank.infos if q.key in marked]

    def bookmarked(self) -> Plan:
        """The bookmarked questions (suspended ones left out, like everywhere)."""
        pool = self.bookmarked_questions()
        if not pool:
            raise NothingToStudy("No bookmarks yet: press m on a question to bookmark it")
        return self._plan(Mode.BOOKMARKED, pool)

    def these(self, mode: Mode, questions: Sequence[QuestionInfo], what: str) -> Plan:
        """Practise or drill the questions a person picked (in the browser), the learning
        model choosing the order; ``what`` names them in the title."""
        if not questions:
            raise NothingToStudy("No question matches: change the search or the filter")
        return self._plan(mode, questions, f"{TITLES[mode]}: {what}")

    def retry(self, missed: Sequence[Question]) -> Plan:
        """The questions missed in a session, in the order they were asked."""
        if not missed:
            raise NothingToStudy("Nothing to retry")
        return Plan(Mode.RETRY, TITLES[Mode.RETRY], list(missed))

    def plan(self, mode: Mode, tags: Sequence[str] = ()) -> Plan:
        """The plan of any mode but the ones that need more (retry, exam)."""
        starts: dict[Mode, Callable[[], Plan]] = {
            Mode.PRACTICE: self.practice,
            Mode.REVIEW: self.review,
            Mode.DRILL: lambda: self.drill(tags),
            Mode.WEAKEST: self.weakest,
            Mode.BOOKMARKED: self.bookmarked,
        }
        if mode not in starts:
            raise ValueError(f"{mode} needs more than a mode to start")
        return starts[mode]()

    def session(self, plan: Plan) -> PracticeSession:
        """A practice session on a plan's questions; every answer is stored at once."""
        return PracticeSession(
            plan.questions, mode=plan.mode, store=self.store, now=self.clock(), rng=self.rng
        )

    # ------------------------------------------------------------ flags

    def suspended_questions(self) -> list[QuestionInfo]:
        """The suspended questions of the bank, in bank order."""
        suspended = self.store.flagged("suspended")
        return [q for q in self.bank.infos if q.key in suspended]

    def set_flag(self, flag: str, key: str, on: bool) -> None:
        """Set or clear a question's ``bookmarks`` or ``suspended`` flag (suspended: never
        asked again)."""
        self.store.set_flag(flag, key, on, self.clock())

    # ------------------------------------------------------------ mock exams

    def exam_pool_size(self, config: ExamConfig) -> int:
        """How many questions in scope match an exam's tags and banks."""
        return len(eligible_questions(self.pool, config.tags, config.banks))

    def start_exam(
        self, config: ExamConfig, questions: Sequence[QuestionInfo] | None = None
    ) -> ExamSession:
        """Draw and start a new mock exam from the questions in scope (or from
        ``questions``, those a person picked in the browser)."""
        pool = self.pool if questions is None else list(questions)
        if self.bank.infos and not pool:
            raise ExamError(EMPTY_SCOPE[0].lower() + EMPTY_SCOPE[1:])
        return ExamSession.start(self.store, pool, config, self.clock, fetch=self.bank.fetch)

    def unfinished_exam(self) -> ExamSession | None:
        """The exam left unfinished, to offer to resume (``ExamError`` if it cannot be)."""
        exam_id = unfinished_exam_id(self.store)
        if exam_id is None:
            return None
        return ExamSession.load(self.store, exam_id, self.bank.by_key(), self.clock)
