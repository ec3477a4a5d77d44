"""Notifications: short, and never over a dialog's buttons."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Button
from textual.widgets._toast import Toast

from quiz.tui.app import NOTE_SECONDS, READ_SECONDS, QuizApp
from quiz.tui.screens.database import DatabaseProblemScreen, StoreWriteScreen
from tui.conftest import SIZE

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


@pytest.mark.parametrize("size", [SIZE, (200, 50), (80, 16)], ids=["80x24", "200x50", "80x16"])
@pytest.mark.parametrize("dialog", [DatabaseProblemScreen, StoreWriteScreen])
async def test_notifications_never_cover_a_dialogs_buttons(
    make_app: Callable[..., QuizApp], dialog: type, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await app.push_screen(dialog("~/progress.sqlite3: the disk is full"))
        for _ in range(4):
            app.notify(LONG, title="Record skipped", severity="warning")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query(Toast)
        buttons = list(app.screen.query(Button))
        assert buttons
        for button in buttons:
            region = button.region
            for x in range(region.x, region.right):
                for y in range(region.y, region.bottom):
                    on_top, _ = app.screen.get_widget_at(x, y)
                    assert on_top is button, (button.id, x, y, on_top)
