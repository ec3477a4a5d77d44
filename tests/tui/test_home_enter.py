"""Every home entry, reached by the arrows and opened with enter, does what its key does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import OptionList

from quiz.tui.actions import STUDY_ACTIONS
from quiz.tui.app import QuizApp
from quiz.tui.screens.home import HomeScreen
from tui.conftest import SIZE


@pytest.mark.parametrize("index", range(len(STUDY_ACTIONS)), ids=[e.action for e in STUDY_ACTIONS])
async def test_arrows_and_enter_run_the_entry(index: int, make_app: Callable[..., QuizApp]) -> None:
    """Enter on a highlighted entry runs it (it used to make a coroutine never awaited)."""
    by_enter, by_key = make_app(), make_app()
    results = []
    for app, keys in [(by_enter, ["home", *["down"] * index, "enter"]), (by_key, [])]:
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, HomeScreen)
            app.screen.query_one("#home-actions", OptionList).focus()
            await pilot.press(*(keys or [STUDY_ACTIONS[index].key]))
            await pilot.pause()
            notes = [n.message for n in app._notifications]
            results.append((type(app.screen).__name__, notes))
    assert results[0] == results[1]
    assert results[0] != ("HomeScreen", [])
