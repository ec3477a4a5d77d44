"""Drill picker, drill-weakest, stats tabs, the command palette, and drill from the shell."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from test_study_commands import keep_mock_exam
from textual.widgets import DataTable, SelectionList, Static, Tab, TabbedContent

from quiz.learning import LEECH_MISSES, record_answer
from quiz.store import Store
from quiz.tui.app import QuizApp
from quiz.tui.screens.drill import DrillScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.stats import NO_FORECAST, StatsScreen, count_ticks
from tui.conftest import SIZE, Clock
from tui.fixture_bank import fixture_questions

HOSTILE = "[b]x[/b] [@click=app.quit]y[/]"


@pytest.fixture
def answered(tmp_path: Path, clock: Clock) -> None:
    """Jobs-API questions always missed, the others always right (leeches included)."""
    with Store(tmp_path / "progress.sqlite3") as store:
        for question in fixture_questions():
            right = "Jobs-API" not in question.topics
            chosen = question.answer if right else ("D",)
            for _ in range(LEECH_MISSES):
                record_answer(store, question, chosen, seconds=5, mode="practice", now=clock())
                clock.advance(days=1)


async def test_drill_filters_ticks_and_drills_only_those_tags(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, DrillScreen)
        await pilot.press(*"stream")
        tags = app.screen.query_one("#tag-list", SelectionList)
        assert tags.option_count == 1
        await pilot.press("down", "space", "enter")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.questions and all("Streaming" in q.topics for q in screen.questions)
        assert screen.mode == "drill"


@pytest.mark.usefixtures("answered")
async def test_drill_weakest_starts_with_the_missed_tag(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert "Jobs-API" in screen.title_text
        assert screen.questions[0].topics == ("Jobs-API",)


@pytest.mark.usefixtures("answered")
async def test_stats_sorts_tags_and_suspends_a_leech(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StatsScreen)
        table = app.screen.query_one("#tag-table", DataTable)
        assert str(table.get_row_at(0)[0]) == "Jobs-API"
        await pilot.press("o")
        assert app.screen.sort_column == "tag"
        assert str(table.get_row_at(0)[0]) == "Concept-Confusion"
        await pilot.press("4", "x")
        with Store(app.store_path) as other:
            assert len(other.flagged("suspended")) == 1


@pytest.fixture
def mock_exams(tmp_path: Path, clock: Clock) -> None:
    """Two mock exams with their forecasts, the latest drawn to a blueprint named like markup."""
    with Store(tmp_path / "progress.sqlite3") as store:
        keep_mock_exam(store, "Professional", (0.6, 0.68, 0.75), 7, clock() - timedelta(days=3))
        keep_mock_exam(store, HOSTILE, (0.7, 0.8, 0.9), 6, clock() - timedelta(days=1))


@pytest.mark.usefixtures("mock_exams")
async def test_stats_forecasts_tab_plots_each_exam_and_the_error(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "5")
        screen = app.screen
        assert screen.query_one("#stats-tabs", TabbedContent).active == "forecasts"
        assert not screen.query_one("#forecasts-empty").display
        assert screen.query_one("#forecast-plot").display
        summary = screen.query_one("#forecast-summary", Static).render()
        assert str(summary).splitlines() == [
            "mean absolute error 11.0 points over 2 exams, 1 in the 80% band",
            f"latest: 2025-03-13  {HOSTILE}  forecast 80% (70–90%)  actual 60%",
        ]


async def test_stats_forecasts_tab_without_a_mock_exam(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "5")
        note = app.screen.query_one("#forecasts-empty", Static)
        assert note.display and str(note.render()) == NO_FORECAST
        assert not app.screen.query_one("#forecast-view").display


@pytest.mark.usefixtures("mock_exams")
def test_stats_forecasts_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["s", "5"])


async def test_command_palette_opens_stats(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Stats")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def test_app_can_open_straight_into_a_drill(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    app.drill_at_start = ["Delta-Lake"]
    async with app.run_test(size=SIZE):
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert all("Delta-Lake" in q.topics for q in screen.questions)


def test_drill_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["d", "down", "space"])


@pytest.mark.usefixtures("answered")
def test_home_with_progress_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)


@pytest.mark.usefixtures("answered")
def test_stats_tags_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["s"])


@pytest.mark.usefixtures("answered")
def test_stats_trend_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["s", "2"])


@pytest.mark.usefixtures("answered")
def test_stats_due_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["s", "3"])


def test_help_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["p", "question_mark"])


async def test_every_stats_tab_says_nothing_answered_yet(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        for number, tab in enumerate(("tags", "trend", "due", "leeches"), start=1):
            await pilot.press(str(number))
            await pilot.pause()
            note = app.screen.query_one(f"#{tab}-empty", Static)
            assert note.display
            expected = "No leeches" if tab == "leeches" else "Nothing answered yet"
            assert expected in str(note.render())
        assert not app.screen.query_one("#trend-plot").display
        headline = str(app.screen.query_one("#stats-headline", Static).render())
        assert "guesses: none yet" in headline


async def test_tab_labels_lead_with_their_key_styled_as_the_footer_styles_keys(
    make_app: Callable[..., QuizApp],
) -> None:
    def labels() -> list[tuple[str, str]]:
        tabs = [tab.label for tab in app.screen.query(Tab)]
        return [(label.plain, str(label.spans[0].style)) for label in tabs]

    key = "b $footer-key-foreground"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        names = ["Tags", "Trend", "Due", "Leeches", "Forecasts"]
        assert labels() == [(f"{n} {name}", key) for n, name in enumerate(names, start=1)]
        await pilot.press("escape", "b", "escape", "f")  # (escape leaves the search box)
        names = ["Status", "Bank", "Level", "Domain", "Tags", "Kept filters"]
        assert labels() == [(f"{n} {name}", key) for n, name in enumerate(names, start=1)]


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (250, [0, 50, 100, 150, 200, 250]),
    ],
)
def test_count_axes_have_whole_number_ticks(top: int, ticks: list[int]) -> None:
    assert count_ticks(top) == ticks
