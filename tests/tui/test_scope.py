"""Choosing what to study: the scope screen by keys, arrows+enter and click, on an empty data
dir and on imported banks; home, practice, drill and the exam set-up follow the choice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Checkbox, SelectionList, Static

from quiz import paths
from quiz.bank import Bank, load_banks, write_record
from quiz.model import Question
from quiz.scope import SETTINGS_KEY, Scope
from quiz.settings import load_settings
from quiz.tui.app import QuizApp
from quiz.tui.screens.drill import DrillScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.scope import EMPTY, ScopeScreen
from tui.conftest import SIZE
from tui.fixture_bank import fixture_questions


def text(app: QuizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def saved(app: QuizApp) -> Scope:
    return Scope.from_dict(load_settings(app.settings_path).get(SETTINGS_KEY))


async def test_the_scope_is_chosen_by_keys_and_kept_at_once(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text(app, "#home-scope").startswith("Studying: all 2 banks — 12 questions")
        await pilot.press("c")
        assert isinstance(app.screen, ScopeScreen)
        await pilot.press("space")  # the first bank: delta
        await pilot.pause()
        assert app.scope == saved(app) == Scope(banks=frozenset({"delta"}))
        await pilot.press("l", "down", "space")  # the levels, second line: L2
        await pilot.pause()
        assert saved(app) == Scope(frozenset({"delta"}), frozenset({"L2-Intermediate"}))
        assert text(app, "#scope-summary") == "Studying: 1 of 2 banks, L2 only — 2 questions"
        await pilot.press("escape")
        await pilot.pause()
        assert text(app, "#home-scope").startswith("Studying: 1 of 2 banks, L2 only — 2 questions")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        asked = app.screen.questions
        assert {(q.bank, q.level) for q in asked} == {("delta", "L2-Intermediate")}
    again = make_app()  # the next launch studies the same
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.scope == Scope(frozenset({"delta"}), frozenset({"L2-Intermediate"}))


async def test_arrows_and_enter_and_tab_work_in_every_list(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entry = [o.id for o in app.screen.query_one("#home-actions").options].index("choose_scope")
        await pilot.press(*["down"] * entry, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ScopeScreen)
        await pilot.press("down", "enter")  # banks: jobs
        await pilot.press("tab", "down", "down", "enter")  # levels: L3
        await pilot.press("tab", "enter")  # domains: the only one
        await pilot.pause()
        chosen = Scope(
            frozenset({"jobs"}), frozenset({"L3-Advanced"}), frozenset({"Data Engineering"})
        )
        assert app.scope == chosen
        await pilot.press("enter")  # again: unticked
        await pilot.press("a")
        await pilot.pause()
        assert app.scope == saved(app) == Scope()


async def test_clicks_tick_and_the_bundled_switch_works(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.click("#scope-levels", offset=(3, 1))  # the first line: L1
        await pilot.click("#scope-bundled")
        await pilot.pause()
        assert app.scope == Scope(levels=frozenset({"L1-Basic"}), bundled=False)
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.query_one("#scope-bundled", Checkbox).value is True
        assert saved(app) == Scope(levels=frozenset({"L1-Basic"}))


async def test_an_empty_data_dir_says_what_to_do(make_app: Callable[..., QuizApp]) -> None:
    app = make_app(bank=Bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert text(app, "#scope-summary") == EMPTY
        for field in ("banks", "levels", "domains"):
            items = app.screen.query_one(f"#scope-{field}", SelectionList)
            assert items.option_count == 0 and items.border_subtitle == "none in the bank"
        await pilot.press("space", "enter", "b", "l", "d", "i", "a", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def _imported(data: Path) -> Bank:
    """The bundled bank plus imported banks, one of them named like the bundled one."""
    banks = data / "banks"
    mine = fixture_questions(4)
    write_record(banks, Question(**{**mine[0].__dict__, "bank": "by-order_b2", "id": "Q-005"}))
    for question in mine[1:]:
        write_record(banks, question)
    return load_banks([paths.bundled_bank_dir(), banks], bundled=[paths.bundled_bank_dir()])


async def test_on_imported_banks_the_bundled_ones_can_be_left_out(
    make_app: Callable[..., QuizApp], isolated_data_dir: Path
) -> None:
    bank = _imported(isolated_data_dir)
    app = make_app(bank=bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == []  # a replaced bundled question
        await pilot.press("c", "i")
        await pilot.pause()
        kept = sorted(q.key for q in app.scope.questions(bank))
        assert kept == ["by-order_b2/Q-005", "delta/Q002", "delta/Q004", "jobs/Q003"]
        summary = text(app, "#scope-summary")
        assert summary == "Studying: all 4 banks, bundled left out — 4 questions"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert {score.tag for score in app.screen.scores} == {
            "Delta-Lake",
            "Streaming",
            "Unity-Catalog",
            "Jobs-API",
            "Similar-Options",
            "Default-Value",
            "Concept-Confusion",
        }
        assert sum(score.questions for score in app.screen.scores) == 8  # 4 questions, 2 tags


async def test_a_scope_that_leaves_nothing_says_so_everywhere(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    app.scope, app._scope_given = Scope(banks=frozenset({"gone"})), True
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "0 questions" in text(app, "#home-scope")
        assert "press c to choose again" in text(app, "#home-scope")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications] == [
            "No question is in what you chose to study"
        ]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExamSetupScreen)
        assert "0 questions" in text(app, "#exam-setup-summary")
        assert app.screen.query_one("#exam-source", SelectionList).option_count == 0
        await pilot.press("escape", "c")
        await pilot.pause()
        banks = app.screen.query_one("#scope-banks", SelectionList)
        assert [o.value for o in banks.options] == ["delta", "gone", "jobs"]  # can be unticked
        await pilot.press("down", "space")
        await pilot.pause()
        assert app.scope == Scope()


async def test_the_command_palette_opens_it(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"what to study")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScopeScreen)
