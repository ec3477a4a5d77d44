"""The screens that compute a lot (stats, the exam report) do it in a worker thread: they
show "Working…", stay responsive, show the result, and survive being closed mid-work.

A gate holds the worker's read until the test opens it, and the test waits for the
worker's thread to end, so nothing depends on timing. Keys pressed while the gate is shut
go through the plain ``Pilot.press`` (the conftest's waits for the workers to finish)."""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent

from quiz.exam import ExamSession
from quiz.store import StoreError
from quiz.tui.app import QuizApp
from quiz.tui.screens import stats
from quiz.tui.screens.base import WORKING, QuizScreen
from quiz.tui.screens.database import DatabaseProblemScreen
from quiz.tui.screens.exam_report import ExamReportScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.stats import StatsScreen
from tui.conftest import SIZE

PRESS = Pilot.press  # the plain one, taken before the conftest's fixture replaces it


class Gate:
    """Wraps a read: it runs only once ``release()`` is called."""

    def __init__(self, read: Callable[..., Any]) -> None:
        self.read = read
        self.opened = threading.Event()

    def __call__(self, *args: Any) -> Any:
        assert self.opened.wait(timeout=30), "the test never released the gate"
        return self.read(*args)

    def release(self) -> None:
        self.opened.set()


@pytest.fixture
def ended(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], Awaitable[None]]:
    """``await ended(n)`` waits until ``n`` screen worker threads have returned (their
    result, if any, handed to the UI thread)."""
    returned = threading.Semaphore(0)
    run_worker = QuizScreen.run_worker

    def tracked(screen: QuizScreen[Any], work: Callable[[], None], **options: Any) -> Any:
        def work_then_count() -> None:
            try:
                work()
            finally:
                returned.release()

        return run_worker(screen, work_then_count, **options)

    monkeypatch.setattr(QuizScreen, "run_worker", tracked)

    async def wait(count: int) -> None:
        for _ in range(count):
            assert await asyncio.to_thread(returned.acquire, timeout=30)

    return wait


def shown(screen: object, selector: str) -> str:
    """The text a Static shows (its markup or rich renderable, as plain text)."""
    content = screen.query_one(selector, Static).content  # type: ignore[attr-defined]
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


@pytest.fixture
def stats_gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    gate = Gate(stats.study_stats)
    monkeypatch.setattr(stats, "study_stats", gate)
    return gate


@pytest.fixture
def report_gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    gate = Gate(ExamSession.report)
    monkeypatch.setattr(ExamSession, "report", lambda session: gate(session))
    return gate


async def open_stats(app: QuizApp, pilot: Pilot[None]) -> StatsScreen:
    app.action_stats()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, StatsScreen)
    return screen


async def test_stats_say_working_stay_responsive_then_show(
    make_app: Callable[..., QuizApp], stats_gate: Gate, ended: Callable[[int], Awaitable[None]]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        assert shown(screen, "#stats-headline").strip() == WORKING
        assert shown(screen, "#tags-empty").strip() == WORKING
        assert not screen.query_one("#tag-table").display
        await PRESS(pilot, "2", "o", "x")  # a tab, sort and suspend: nothing to sort yet
        await pilot.pause()
        assert screen.query_one("#stats-tabs", TabbedContent).active == "trend"
        assert screen.stats is None
        stats_gate.release()
        await ended(1)
        await pilot.pause()
        assert screen.stats is not None
        assert "due now" in shown(screen, "#stats-headline")
        assert "Nothing answered yet" in shown(screen, "#trend-empty")


async def test_stats_closed_before_the_work_ends(
    make_app: Callable[..., QuizApp], stats_gate: Gate, ended: Callable[[int], Awaitable[None]]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        await PRESS(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        stats_gate.release()
        await ended(1)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert screen.stats is None  # the result went nowhere


async def test_a_newer_load_replaces_one_still_working(
    make_app: Callable[..., QuizApp],
    stats_gate: Gate,
    ended: Callable[[int], Awaitable[None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a suspension the stats load again: the older result, if it ends later, is
    not shown over the newer one."""
    shown_stats: list[object] = []
    monkeypatch.setattr(StatsScreen, "show", lambda _, stats: shown_stats.append(stats))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        screen.load()
        stats_gate.release()
        await ended(2)
        await pilot.pause()
        assert len(shown_stats) == 1


async def test_the_app_quits_while_the_stats_work(
    make_app: Callable[..., QuizApp], stats_gate: Gate, ended: Callable[[int], Awaitable[None]]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(app, pilot)
        await PRESS(pilot, "ctrl+q")
    stats_gate.release()  # it now reads a closed database, for nobody
    await ended(1)
    assert app.return_code == 0


async def test_a_failed_read_in_the_worker_is_shown_as_any_store_failure(
    make_app: Callable[..., QuizApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()

    def damaged(*_: object) -> None:
        raise StoreError(app.store_path, "the progress database is damaged (test)")

    monkeypatch.setattr(stats, "study_stats", damaged)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, DatabaseProblemScreen)


async def submit_an_exam(app: QuizApp, pilot: Pilot[None]) -> None:
    """Set up the Quick preset, answer the first question, submit (the report then works)."""
    await pilot.press("e", "down", "down", "enter", "ctrl+s")
    assert isinstance(app.screen, ExamScreen)
    await pilot.press("a", "s")
    await PRESS(pilot, "y")
    await pilot.pause()


async def test_the_exam_report_says_working_then_shows(
    make_app: Callable[..., QuizApp], report_gate: Gate, ended: Callable[[int], Awaitable[None]]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await submit_an_exam(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExamReportScreen)
        assert shown(screen, "#exam-report-summary").strip() == WORKING
        await PRESS(pilot, "w")  # no review before the report
        await pilot.pause()
        assert app.screen is screen
        report_gate.release()
        await ended(1)
        await pilot.pause()
        assert screen.report is not None and screen.report.total == 10
        assert "right" in shown(screen, "#exam-report-summary")
        assert "By domain" in shown(screen, "#exam-report-tables")


async def test_the_exam_report_closed_before_the_work_ends(
    make_app: Callable[..., QuizApp], report_gate: Gate, ended: Callable[[int], Awaitable[None]]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await submit_an_exam(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExamReportScreen)
        await PRESS(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        report_gate.release()
        await ended(1)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and screen.report is None
