"""Bookmarks and suspended questions, and the home list, driven as a person does:
arrows and enter, clicks, on a fresh data dir."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Static

from quiz.store import Store
from quiz.study import Mode
from quiz.tui.actions import STUDY_ACTIONS
from quiz.tui.app import QuizApp
from quiz.tui.screens.marked import MarkedScreen
from quiz.tui.screens.practice import PracticeScreen
from tui.conftest import SIZE


def home_index(action: str) -> int:
    return [entry.action for entry in STUDY_ACTIONS].index(action)


async def test_empty_lists_say_how_to_fill_them(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#home-actions", offset=(4, 1 + home_index("marked")))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MarkedScreen)
        assert "No bookmarks yet" in str(screen.query_one("#bookmarked-empty", Static).render())
        await pilot.press("s")
        assert isinstance(app.screen, MarkedScreen)  # nothing to study: it says so, stays
        await pilot.press("2", "x")
        assert "No suspended" in str(screen.query_one("#suspended-empty", Static).render())


async def test_bookmark_then_study_and_unmark(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        key = app.screen.practice.current.question.key
        await pilot.press("m", "q", "escape", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MarkedScreen)
        table = screen.query_one("#bookmarked-table", DataTable)
        assert table.row_count == 1 and str(table.get_cell_at((0, 0))) == key
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.screen.mode is Mode.BOOKMARKED
        assert [q.key for q in app.screen.questions] == [key]
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("enter")  # the list has the keys as the screen comes back
        assert table.row_count == 0
        with Store(app.store_path) as other:
            assert other.flagged("bookmarks") == set()


async def test_suspend_then_unsuspend_by_click_and_enter(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        key = app.screen.practice.current.question.key
        await pilot.press("x", "q", "escape", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MarkedScreen)
        await pilot.click("#marked-tabs Tab#--content-tab-suspended")
        await pilot.pause()
        table = screen.query_one("#suspended-table", DataTable)
        assert table.row_count == 1 and str(table.get_cell_at((0, 0))) == key
        await pilot.press("enter")  # the shown list has the keys
        await pilot.pause()
        assert table.row_count == 0
        with Store(app.store_path) as other:
            assert other.flagged("suspended") == set()
