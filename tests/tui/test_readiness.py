"""Am I ready?: the home line, the readiness screen, its blueprints and its empty states."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static, Tabs

from quiz.bank import Bank
from quiz.blueprint import Blueprint
from quiz.exam import ExamConfig, ExamSession
from quiz.learning import record_answer
from quiz.store import Store
from quiz.tui.app import QuizApp
from quiz.tui.screens import home
from quiz.tui.screens import readiness as readiness_screen
from quiz.tui.screens.base import WORKING
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.readiness import ReadinessScreen
from tui.conftest import SIZE, Clock
from tui.fixture_bank import fixture_questions


@pytest.fixture
def answered(tmp_path: Path, clock: Clock) -> None:
    """Every question answered once, a month ago: Unity-Catalog ones wrong, the others right."""
    with Store(tmp_path / "progress.sqlite3") as store:
        for number, question in enumerate(fixture_questions()):
            right = "Unity-Catalog" not in question.topics
            chosen = question.answer if right else ("D",)
            when = clock() - timedelta(days=30, hours=number)
            record_answer(store, question, chosen, seconds=20, mode="practice", now=when)


def _shown(app: QuizApp, selector: str) -> str:
    """What a Static shows, as text (Rich renderables too)."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(app.screen.query_one(selector, Static).content)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.usefixtures("answered")
async def test_the_home_line_says_working_then_the_forecast(
    make_app: Callable[..., QuizApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    slow = home.home_forecast

    def held(*args: object) -> object:
        release.wait(10)
        return slow(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(home, "home_forecast", held)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _shown(app, "#home-ready").strip() == WORKING
        release.set()
        await pilot.press()  # waits for the worker
        line = _shown(app, "#home-ready").strip()
    assert line.startswith("Professional: ")
    assert ", pass chance " in line and "%" in line
    assert line.endswith("— weakest: Security & Governance")


async def test_the_home_line_before_any_answer_says_what_gives_a_forecast(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press()
        line = _shown(app, "#home-ready")
    assert "Professional: answer a few questions for a forecast" in line
    assert "%" not in line


async def test_an_empty_bank_shows_no_forecast_at_all(make_app: Callable[..., QuizApp]) -> None:
    app = make_app(bank=Bank(questions=[]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press()
        assert not app.screen.query_one("#home-ready", Static).display
        await pilot.press("y")
        assert isinstance(app.screen, ReadinessScreen)
        view = _shown(app, "#ready-view")
    assert "Nothing to forecast: what you study holds no question" in view
    assert "Expected" not in view


@pytest.mark.usefixtures("answered")
async def test_y_opens_the_forecast_by_domain(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert isinstance(app.screen, ReadinessScreen)
        view = _shown(app, "#ready-view")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert "Expected " in view and "80% band" in view and "pass chance" in view
    for domain in ("Databricks Tooling", "Data Processing", "Security & Governance"):
        assert domain in view
    assert "What would raise it most" in view
    assert "The bank is thin" in view  # 12 questions cannot fill 60
    assert "no mock exam taken yet" in view


async def test_the_keys_the_screen_names_work_there(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        view = _shown(app, "#ready-view")
        assert "practise (p) or take a mock exam (e)" in view
        await pilot.press("p")
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("escape")
        await pilot.pause()
        if not isinstance(app.screen, ReadinessScreen):  # the session summary first
            await pilot.press("escape")
        assert isinstance(app.screen, ReadinessScreen)
        await pilot.press("e")
        assert isinstance(app.screen, ExamSetupScreen)


@pytest.mark.usefixtures("answered")
async def test_n_and_a_click_switch_the_blueprint(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        first = _shown(app, "#ready-view")
        await pilot.press("n")
        second = _shown(app, "#ready-view")
        tabs = app.screen.query_one(Tabs)
        assert tabs.active_tab is not None and "Associate" in str(tabs.active_tab.label)
        await pilot.click("#blueprint-1")
        await pilot.press()
        third = _shown(app, "#ready-view")
    assert "Data Engineer Professional" in first
    assert "Data Engineer Associate" in second
    assert third == first


async def test_past_mock_exams_show_forecast_vs_actual(
    make_app: Callable[..., QuizApp], tmp_path: Path, clock: Clock
) -> None:
    questions = fixture_questions()
    with Store(tmp_path / "progress.sqlite3") as store:
        config = ExamConfig(count=4, minutes=10, seed=1)
        session = ExamSession.start(store, questions, config, clock)
        for position in range(3):
            session.go_to(position)
            session.choose(session.current.question.answer)
        session.submit()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        view = _shown(app, "#ready-view")
    assert "2025-03-14  random draw  forecast 50% (" in view and "actual 75%" in view
    assert "mean absolute error 25.0 points over 1 exam" in view


@pytest.mark.usefixtures("answered")
async def test_the_screen_starts_from_the_home_lines_forecast(
    make_app: Callable[..., QuizApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    made = readiness_screen.readiness

    def counted(store: Store, questions: object, blueprint: Blueprint, now: object) -> object:
        calls.append(blueprint.name)
        return made(store, questions, blueprint, now)  # type: ignore[arg-type]

    monkeypatch.setattr(readiness_screen, "readiness", counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press()
        assert calls == ["Professional"]  # the home line
        await pilot.press("y")
        assert calls == ["Professional"]
        assert "Expected " in _shown(app, "#ready-view")
        await pilot.press("n")
        assert calls == ["Professional", "Associate"]


@pytest.mark.usefixtures("answered")
def test_readiness_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["y"])


def test_readiness_empty_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["y"])
