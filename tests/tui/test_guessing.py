"""The "I'm guessing" key in practice and in a mock exam, driven with the Pilot."""

from __future__ import annotations

from collections.abc import Callable

from fsrs import Rating

from quiz.learning import review_card
from quiz.store import Store
from quiz.tui.app import QuizApp
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.practice import PracticeScreen
from tui.conftest import SIZE


async def test_g_marks_a_guess_which_is_stored_and_graded_hard(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        question = screen.practice.current.question
        meta = screen.query_one("#question-meta")
        await pilot.press("g")
        assert "guessing" in str(meta.render())
        await pilot.press("g")  # again: unmarked
        assert "guessing" not in str(meta.render())
        await pilot.press("g", *(letter.lower() for letter in question.answer), "enter")
        assert "guessing" in str(meta.render())  # the mark stays on the answered card
        with Store(app.store_path) as other:
            (answer,) = other.answers()
            card = other.card(question.key)
        assert answer.correct and answer.guessed
        assert card == review_card(None, Rating.Hard, answer.answered_at)


async def test_g_marks_a_guess_in_a_mock_exam_too_which_is_recorded_as_a_guess(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "down", "down", "enter", "ctrl+s")  # the Quick preset
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        question = screen.session.current.question
        progress = screen.query_one("#exam-progress")
        await pilot.press(*(letter.lower() for letter in question.answer), "g")
        assert "guessing" in str(progress.render())
        await pilot.press("n")
        assert "guessing" not in str(progress.render())  # the next question is not marked
        await pilot.press("p")
        assert "guessing" in str(progress.render())
        screen.session.submit()
        with Store(app.store_path) as other:
            (answer,) = other.answers()
        assert answer.question_key == question.key and answer.guessed and answer.correct
