"""Practice, review and the session summary, driven with the Pilot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual.widgets import Button, Markdown
from textual.widgets._footer import FooterKey
from textual.widgets.markdown import MarkdownFence

from quiz.learning import record_answer
from quiz.store import Store
from quiz.study import Mode, Plan
from quiz.tui.app import QuizApp
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.summary import SummaryScreen
from quiz.tui.widgets import Analysis, OptionRow, QuestionCard
from quiz.tui.widgets.question import InlineMarkdown, inline_markdown
from tui.conftest import SIZE, Clock
from tui.fixture_bank import fixture_questions
from tui.test_workers import shown


def stored_answers(app: QuizApp) -> list[tuple[str, str, bool]]:
    """What another process would read from the database right now."""
    with Store(app.store_path) as other:
        return [(a.question_key, a.chosen, a.correct) for a in other.answers()]


async def test_answer_is_stored_at_once_and_the_analysis_appears(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        question = screen.practice.current.question
        await pilot.press("1", "enter")
        assert stored_answers(app) == [(question.key, "A", question.answer == ("A",))]
        assert app.screen.query_one("#verdict")
        assert "GET one, LIST many" in app.screen.query_one("#analysis-body").source
        assert app.screen.query_one("#option-A").has_class("-right")


async def test_click_picks_and_multi_answer_needs_all_letters(
    make_app: Callable[..., QuizApp],
) -> None:
    multi = [q for q in fixture_questions() if q.is_multi][:1]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.start_plan(lambda study: Plan(Mode.PRACTICE, "Multi", multi))
        await pilot.pause()
        assert "pick 2" in str(app.screen.query_one("#question-meta").render())
        await pilot.click("#option-A")
        await pilot.click("#option-C")
        assert {r.letter for r in app.screen.query(OptionRow) if r.has_class("-picked")} == {
            "A",
            "C",
        }
        await pilot.press("enter")
        assert stored_answers(app) == [(multi[0].key, "AC", True)]


async def test_undo_next_previous_bookmark_and_summary_retry(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "b", "enter")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        first = screen.practice.current.question
        await pilot.press("u")
        assert stored_answers(app) == []
        await pilot.press("a", "enter", "m")
        with Store(app.store_path) as other:
            assert other.flagged("bookmarks") == {first.key}
        await pilot.press("enter", "d", "enter", "p")
        assert screen.practice.current.question == first
        await pilot.press("n", "q")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.summary.answered == 2
        missed = summary.summary.missed
        await pilot.press("r")
        if missed:
            assert isinstance(app.screen, PracticeScreen)
            assert app.screen.questions == missed


async def test_summary_buttons_show_their_keys_and_go_home(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "b", "enter", "q")
        assert isinstance(app.screen, SummaryScreen)
        labels = [str(button.label) for button in app.screen.query(Button)]
        assert labels == ["Retry 1 missed question [r]", "Back [esc]"]
        await pilot.click("#summary-home")
        assert isinstance(app.screen, HomeScreen)


async def test_review_asks_only_due_questions(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    questions = fixture_questions()
    with Store(tmp_path / "progress.sqlite3") as store:
        for question in questions[:3]:
            record_answer(store, question, ("D",), seconds=1, mode="practice", now=clock())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert not isinstance(app.screen, PracticeScreen)  # missed one minute ago: not due yet
        clock.advance(hours=1)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert {q.key for q in screen.questions} == {q.key for q in questions[:3]}


async def test_after_a_miss_home_and_review_say_it_comes_back_soon(
    make_app: Callable[..., QuizApp], clock: Clock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        wrong = next(
            r
            for r in screen.query(OptionRow)
            if r.letter not in screen.practice.current.question.answer
        )
        await pilot.press(wrong.letter.lower(), "enter", "q", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "0 due now · 1 back within 1 min" in shown(app.screen, "#home-progress")
        await pilot.press("r")
        assert [n.message for n in app._notifications] == [
            "Nothing is due for review yet: 1 back within 1 min"
        ]


async def test_the_footer_says_what_enter_does_and_enter_does_it(
    make_app: Callable[..., QuizApp],
) -> None:
    def footer() -> list[str]:
        return [f"{key.key} {key.description}" for key in app.screen.query(FooterKey)][:2]

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.start_plan(lambda study: Plan(Mode.PRACTICE, "Two", fixture_questions()[:2]))
        await pilot.pause()
        assert footer() == ["enter Submit", "n Next"]
        await pilot.press("a", "enter")
        assert footer() == ["enter Next", "p Prev"]  # (n is enter's twin: one entry)
        await pilot.press("enter")
        assert app.screen.practice.index == 1 and footer() == ["enter Submit", "n Next"]
        await pilot.press("a", "enter")
        assert footer() == ["enter Finish", "n Next"]
        await pilot.press("p")
        assert footer() == ["enter Next", "p Prev"]
        await pilot.press("n", "enter")
        assert isinstance(app.screen, SummaryScreen)


async def test_suspended_question_is_not_asked_again(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        suspended = screen.practice.current.question
        await pilot.press("x", "q", "escape", "p")
        assert suspended not in app.screen.questions


async def test_shuffle_deals_new_option_orders(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "o")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        orders = set()
        for _ in range(6):
            await pilot.press("n")
            orders.add(screen.practice.current.order)
        assert len(orders) > 1


async def test_moving_on_updates_the_card_in_place(make_app: Callable[..., QuizApp]) -> None:
    first, second = fixture_questions()[:2]
    code = "```sql\nSELECT 1;\n```"
    five = replace(first, options={**first.options, "E": code})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PracticeScreen([five, second], mode=Mode.PRACTICE, title="Two"))
        await pilot.pause()
        screen = app.screen
        card = screen.query_one(QuestionCard)
        rows = list(screen.query(OptionRow))
        assert [row.letter for row in rows] == ["A", "B", "C", "D", "E"]
        assert str(rows[0].query_one(InlineMarkdown).render()) == first.options["A"].strip("`")
        assert not rows[0].query(Markdown)
        assert rows[4].query_one(Markdown).query(MarkdownFence)
        await pilot.press("a", "enter", "n")
        assert screen.query_one(QuestionCard) is card
        assert list(screen.query(OptionRow)) == rows
        assert not rows[4].display
        assert not screen.query(Analysis)
        assert screen.query_one("#stem", Markdown).source == second.stem
        await pilot.press("e")
        assert not any(row.has_class("-picked") for row in rows)
        await pilot.press("p")
        assert rows[4].display
        assert screen.query_one("#verdict")
        assert rows[0].has_class("-right") and rows[0].has_class("-picked")


def test_inline_markdown_draws_inline_styles_and_leaves_blocks_to_the_widget() -> None:
    content = inline_markdown("Call `jobs/get` with **care**, _not_ `jobs/list`")
    assert content is not None
    assert content.plain == "Call jobs/get with care, not jobs/list"
    assert {(content.plain[s.start : s.end], s.style) for s in content.spans} == {
        ("jobs/get", ".code_inline"),
        ("care", ".strong"),
        ("not", ".em"),
        ("jobs/list", ".code_inline"),
    }
    blocks = ["- a list", "```\ncode\n```", "one\n\ntwo", "[link](https://x.y)", "# Title"]
    assert [inline_markdown(text) for text in blocks] == [None] * len(blocks)


def test_practice_question_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["p"])


def test_practice_analysis_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["p", "b", "enter"])


def test_summary_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    press = ["p", "a", "enter", "enter", "b", "enter", "q"]
    assert snap_compare(make_app(), terminal_size=SIZE, press=press)
