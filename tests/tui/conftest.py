"""TUI test fixtures: a fixed bank, a fixed clock, a fixed seed, no cursor blink, 80x24."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from quiz.bank import Bank
from quiz.tui.app import QuizApp
from tui.fixture_bank import fixture_bank

FIXED_NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
SIZE = (80, 24)


class Clock:
    """A clock that only moves when told to."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.moment = now

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        """Move the clock forward, e.g. ``clock.advance(days=1)``."""
        self.moment += timedelta(**delta)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs do not blink, so screenshots do not depend on timing."""
    original = Input.__init__

    def steady(self: Input, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", steady)


@pytest.fixture(autouse=True)
def presses_wait_for_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key press returns once the work it started in a worker thread (a screen's
    ``store_work``) is shown, so what a test reads next never depends on a thread's speed."""
    press = Pilot.press

    async def press_then_settle(self: Pilot[object], *keys: str) -> None:
        await press(self, *keys)
        for worker in list(self.app.workers):
            with contextlib.suppress(WorkerCancelled):  # replaced, or its screen closed
                await worker.wait()
        await self.pause()

    monkeypatch.setattr(Pilot, "press", press_then_settle)


@pytest.fixture
def clock() -> Clock:
    """The fixed clock the apps of a test share."""
    return Clock()


@pytest.fixture
def make_app(tmp_path: Path, clock: Clock) -> Callable[..., QuizApp]:
    """Build a ``QuizApp`` on the fixture bank, a fresh database, the fixed clock and seed 7."""

    def build(bank: Bank | None = None, store_path: Path | None = None, seed: int = 7) -> QuizApp:
        return QuizApp(
            bank or fixture_bank(),
            store_path or tmp_path / "progress.sqlite3",
            clock=clock,
            seed=seed,
        )

    return build
