"""Home screen: the overview, the ways to start, help, and the command palette."""

from __future__ import annotations

from collections.abc import Callable

from quiz.tui.app import QuizApp
from quiz.tui.screens import HelpScreen, HomeScreen
from tui.conftest import SIZE


async def test_home_shows_the_bank_and_help_opens_and_closes(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


def test_home_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)
