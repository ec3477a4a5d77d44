"""Notifications: short, and never over a dialog's buttons, the exam's countdown and status
lines, or the footer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widget import Widget
from textual.widgets import Button, Footer
from textual.widgets._toast import Toast

from quiz.exam import ExamConfig
from quiz.tui.app import NOTE_SECONDS, READ_SECONDS, QuizApp
from quiz.tui.screens.database import DatabaseProblemScreen, StoreWriteScreen
from quiz.tui.screens.exam_run import ExamScreen, fewer_than_asked
from quiz.tui.screens.exam_setup import ExamSetupScreen
from tui.conftest import SIZE
from tui.test_summary import summary

LONG = "tests/sample/Q-001.md:12: the answer names an option that is not there (E)"


async def test_notifications_last_five_seconds_and_warnings_ten_at_most(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.notify("Sorted by tag")
        app.notify("Old database kept as x", timeout=30)
        app.notify(LONG, severity="warning", timeout=15)
        app.notify("Broken", severity="error")
        await pilot.pause()
        timeouts = [note.timeout for note in app._notifications]
        assert timeouts == [NOTE_SECONDS, NOTE_SECONDS, READ_SECONDS, NOTE_SECONDS]
        assert NOTE_SECONDS <= 5 and READ_SECONDS <= 10


def assert_uncovered(app: QuizApp, widget: Widget) -> None:
    """Nothing is drawn over any cell of ``widget`` (its own children may be)."""
    region = widget.region
    assert region.area
    for x in range(region.x, region.right):
        for y in range(region.y, region.bottom):
            on_top, _ = app.screen.get_widget_at(x, y)
            assert widget in on_top.ancestors_with_self, (widget.id, x, y, on_top)


@pytest.mark.parametrize("size", [SIZE, (200, 50), (80, 16)], ids=["80x24", "200x50", "80x16"])
async def test_notifications_never_cover_the_exam_countdown_status_or_footer(
    make_app: Callable[..., QuizApp], size: tuple[int, int]
) -> None:
    app = make_app()
    app.exam_request = ExamConfig(count=60, minutes=120, seed=3)  # more than the bank has
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        notes = [note.message for note in app._notifications]
        assert notes == ["Only 12 questions are in scope: the exam has 12, not 60."]
        for _ in range(3):
            app.notify(LONG, title="Record skipped", severity="warning")
        await pilot.pause()
        await pilot.pause()
        assert screen.query(Toast)
        for widget in ("#exam-status", "#exam-strip", Footer):
            assert_uncovered(app, screen.query_one(widget))


def test_an_exam_shorter_than_asked_says_why_in_numbers() -> None:
    assert fewer_than_asked(55, ExamConfig(count=60)) == (
        "Only 55 questions are in scope: the exam has 55, not 60."
    )
    assert fewer_than_asked(1, ExamConfig(count=10, tags=("Delta",))) == (
        "Only 1 question in scope matches tag Delta: the exam has 1, not 10."
    )


def _problem(dialog: type) -> Callable[[], object]:
    return lambda: dialog("~/progress.sqlite3: the disk is full")


@pytest.mark.parametrize("size", [SIZE, (200, 50), (80, 16)], ids=["80x24", "200x50", "80x16"])
@pytest.mark.parametrize(
    "screen",
    [
        _problem(DatabaseProblemScreen),
        _problem(StoreWriteScreen),
        ExamSetupScreen,
        lambda: summary(2),
    ],
    ids=["database-dialog", "write-dialog", "setup", "summary"],
)
async def test_notifications_never_cover_a_screens_or_dialogs_buttons(
    make_app: Callable[..., QuizApp], screen: Callable[[], object], size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await app.push_screen(screen())
        for _ in range(4):
            app.notify(LONG, title="Record skipped", severity="warning")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query(Toast)
        buttons = list(app.screen.query(Button))
        assert buttons
        for button in buttons:
            assert_uncovered(app, button)
