"""The base of every full screen: typed access to the app's bank, store, clock and seed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.content import Content
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from quiz.store import Store, StoreClosedError, StoreError

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp

ResultType = TypeVar("ResultType")
T = TypeVar("T")
WORKING = "Working…"
"""What a screen shows where a result is still being computed (``QuizScreen.store_work``)."""


def key_label(key: str, label: str) -> Content:
    """A label led by its key, styled as the footer styles keys: ``1 Tags`` (a tab's key
    after its name, ``Tags [1]``, reads as a count)."""
    return Content.assemble((key, "b $footer-key-foreground"), " ", label)


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

    def store_work(self, read: Callable[[], T], then: Callable[[T], object]) -> None:
        """Run ``read`` of the progress database in a worker thread, the screen responsive
        meanwhile, then ``then`` with its result on the UI thread, unless the screen was
        closed or a newer ``store_work`` began by then. A read that fails is run again
        through ``QuizApp.store_call``, which shows the failure as it shows any other."""

        def work() -> None:
            worker = get_current_worker()
            try:
                result = read()
            except StoreClosedError:
                return  # (the app quit while this was being read)
            except StoreError:
                self.call_later(_unless_cancelled, worker, self.quiz.store_call, read, then)
                return
            self.call_later(_unless_cancelled, worker, then, result)

        self.run_worker(work, thread=True, group="store-work", exclusive=True)


def _unless_cancelled(worker: Worker[None], call: Callable[..., object], *args: object) -> None:
    """``call(*args)``, unless ``worker`` was cancelled (on the UI thread, so no race)."""
    if not worker.is_cancelled:
        call(*args)
