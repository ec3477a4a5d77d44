"""Home screen: the overview, the ways to start, help, and the command palette."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from textual.widgets._footer import FooterKey

from quiz.learning import TagScore
from quiz.tui.app import QuizApp
from quiz.tui.screens import home
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
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


async def test_every_home_footer_key_fits_in_80_columns(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = sorted(app.screen.query(FooterKey), key=lambda key: key.region.x)
        shown = {key.action for key in keys}
        assert {"app.stats", "help", "app.quit", "command_palette"} <= shown
        for left, right in itertools.pairwise(keys):
            assert left.region.right <= right.region.x, (left.action, right.action)
        assert keys[-1].region.right <= SIZE[0]


async def test_q_quits_from_home_and_ctrl_q_is_shown(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        quit_key = next(key for key in app.screen.query(FooterKey) if key.action == "app.quit")
        assert quit_key.key == "ctrl+q"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_theme_is_kept_for_the_next_launch(make_app: Callable[..., QuizApp]) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        assert first.theme != "textual-light"
        first.theme = "textual-light"
        await pilot.pause()
    second = make_app()
    async with second.run_test(size=SIZE):
        assert second.theme == "textual-light"


async def test_a_damaged_settings_file_is_named_and_the_app_opens(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    app.settings_path.parent.mkdir(parents=True, exist_ok=True)
    app.settings_path.write_text("{oops", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("settings.json:1: not valid JSON" in n.message for n in app._notifications)


def test_a_weak_tag_with_few_answers_shows_its_count_not_a_percentage() -> None:
    few = TagScore("Unit-Confusion", "trap", questions=3, attempts=1, correct=0, score=0.3)
    many = TagScore("Spark-Performance", "topic", 40, attempts=1667, correct=1134, score=0.68)
    assert home._tally(few) == "0/1 right"
    assert home._tally(many) == " 68% of 1667"
