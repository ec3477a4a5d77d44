"""The base of every full screen: typed access to the app's bank, store, clock and seed."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

from quiz.store import Store

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp

ResultType = TypeVar("ResultType")


class QuizScreen(Screen[ResultType]):
    """A screen of the study app; ``HELP`` (Markdown) is what ``?``/F1 shows."""

    HELP = ""

    @property
    def quiz(self) -> QuizApp:
        """The running study app, typed."""
        return cast("QuizApp", self.app)

    @property
    def store(self) -> Store:
        """The progress database (always open once a study screen is shown)."""
        store = self.quiz.store
        assert store is not None, "study screens are shown only once the store is open"
        return store
