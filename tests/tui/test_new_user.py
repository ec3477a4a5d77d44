"""A new user's first minutes: every screen reachable from home, on an empty data dir,
reached as a person does (arrows + enter, or a click on the home list), shows its empty
state without crashing."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from textual.widgets._footer import FooterKey

from quiz.tui.actions import STUDY_ACTIONS
from quiz.tui.app import QuizApp
from quiz.tui.screens.browse import BrowserScreen
from quiz.tui.screens.drill import DrillScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.marked import MarkedScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.readiness import ReadinessScreen
from quiz.tui.screens.scope import ScopeScreen
from quiz.tui.screens.stats import StatsScreen
from tui.conftest import SIZE

ACTIONS = [entry.action for entry in STUDY_ACTIONS]
WIDE = (200, 50)


async def by_arrows(pilot: Pilot, index: int) -> None:
    """Arrow down to the entry from the first one, then enter."""
    await pilot.press(*["down"] * index, "enter")
    await pilot.pause()


async def by_click(pilot: Pilot, index: int) -> None:
    """Click the entry on the home list (inside its border)."""
    await pilot.click("#home-actions", offset=(4, 1 + index))
    await pilot.pause()


def notes(app: QuizApp) -> list[str]:
    """The text of the notifications on show."""
    return [note.message for note in app._notifications]


def shown_text(app: QuizApp, selector: str) -> str:
    """The text a Static shows, when it is displayed."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def check_reached(app: QuizApp, pilot: Pilot, action: str) -> None:
    """The screen (or the empty-state message) the action leads to on an empty data dir."""
    screen = app.screen
    if action == "practice":
        assert isinstance(screen, PracticeScreen) and screen.questions
    elif action == "review":
        assert isinstance(screen, HomeScreen)
        assert notes(app) == ["Nothing is due for review"]
    elif action == "drill":
        assert isinstance(screen, DrillScreen)
    elif action == "drill_weakest":
        assert isinstance(screen, HomeScreen)
        assert notes(app) == ["Answer a few questions first: no tag has a score yet"]
    elif action == "mock_exam":
        assert isinstance(screen, ExamSetupScreen)
    elif action == "marked":
        assert isinstance(screen, MarkedScreen)
        assert "No bookmarks yet" in shown_text(app, "#bookmarked-empty")
        await pilot.press("2")
        await pilot.pause()
        assert "No suspended questions" in shown_text(app, "#suspended-empty")
    elif action == "browse":
        assert isinstance(screen, BrowserScreen)
        assert "12 questions" in shown_text(app, "#browse-status")
        await pilot.press("escape")  # the search line to the table (esc again: home)
    elif action == "readiness":
        assert isinstance(screen, ReadinessScreen)
        await pilot.press()  # the forecast is computed in a worker
        console = Console(width=200, file=io.StringIO(), color_system=None)
        console.print(screen.query_one("#ready-view", Static).content)
        assert "No answer yet" in console.file.getvalue()  # type: ignore[attr-defined]
    elif action == "stats":
        assert isinstance(screen, StatsScreen)
        await check_every_stats_tab(app, pilot)
    elif action == "choose_scope":
        assert isinstance(screen, ScopeScreen)
        assert shown_text(app, "#scope-summary") == "Studying: all 2 banks — 12 questions"
    else:
        pytest.fail(f"no expectation for the home action {action}")


async def check_every_stats_tab(app: QuizApp, pilot: Pilot) -> None:
    """Every tab, by its key and by a click on it, shows 'nothing answered yet'."""
    for number, tab in enumerate(("tags", "trend", "due", "leeches"), start=1):
        await pilot.press(str(number))
        await pilot.pause()
        assert app.screen.query_one("#stats-tabs").active == tab
        message = shown_text(app, f"#{tab}-empty")
        assert ("Nothing answered yet" if tab != "leeches" else "No leeches") in message
    for tab in ("trend", "due", "tags", "leeches"):
        await pilot.click(f"#--content-tab-{tab}")
        await pilot.pause()
        assert app.screen.query_one("#stats-tabs").active == tab


async def test_home_list_has_focus_with_the_first_entry_highlighted(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        actions = app.screen.query_one("#home-actions", OptionList)
        assert app.focused is actions
        assert actions.highlighted == 0


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "200x50"])
@pytest.mark.parametrize("way", [by_arrows, by_click], ids=["arrows", "click"])
@pytest.mark.parametrize("action", ACTIONS)
async def test_every_home_entry_opens_on_an_empty_data_dir(
    make_app: Callable[..., QuizApp],
    action: str,
    way: Callable[[Pilot, int], object],
    size: tuple[int, int],
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await way(pilot, ACTIONS.index(action))
        await check_reached(app, pilot, action)
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
            await pilot.pause()
    assert app.return_code is None or app.return_code == 0


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "200x50"])
async def test_help_opens_from_the_home_footer_by_click_and_by_key(
    make_app: Callable[..., QuizApp], size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        help_key = next(k for k in app.screen.query(FooterKey) if k.action == "help")
        await pilot.click(help_key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
