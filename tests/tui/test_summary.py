"""The session summary: a retry is offered only when something was missed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from textual.widgets import Button
from textual.widgets._footer import FooterKey

from quiz.session import SessionSummary
from quiz.tui.app import QuizApp
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.summary import SummaryScreen
from tui.conftest import SIZE
from tui.fixture_bank import fixture_questions


def summary(missed: int) -> SummaryScreen:
    """A summary of five answers with ``missed`` of them wrong."""
    questions = fixture_questions()[:missed]
    result = SessionSummary(5, 5 - missed, 60.0, questions, Counter(q.topics[0] for q in questions))
    return SummaryScreen(result, mode="practice", title="Practice")


async def test_nothing_missed_offers_no_retry(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(summary(0))
        await pilot.pause()
        assert not app.screen.query("#retry")
        assert all(key.action != "retry" for key in app.screen.query(FooterKey))
        await pilot.press("r")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.click("#summary-home")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_one_missed_question_is_offered_by_click(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(summary(1))
        await pilot.pause()
        button = app.screen.query_one("#retry", Button)
        assert str(button.label) == "Retry 1 missed question [r]"
        await pilot.click("#retry")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and len(screen.questions) == 1


async def test_a_session_ended_early_says_how_far_it_got(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PracticeScreen)
        total = len(app.screen.practice.questions)
        question = app.screen.practice.current.question
        await pilot.press(*(letter.lower() for letter in question.answer), "enter", "q")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        title = str(app.screen.query_one(".title").render())
    assert total > 1 and title == f"Practice — ended after 1 of {total}"
