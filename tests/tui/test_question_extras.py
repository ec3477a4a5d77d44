"""The question view's translation, disputed answers and images, driven by keys and clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.bank import Bank
from quiz.exam import ExamConfig
from quiz.model import Community, Explanation, Question
from quiz.study import Mode
from quiz.tui.app import QuizApp
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.widgets import QuestionCard
from tui.conftest import SIZE
from tui.test_hostile import drawn

DISPUTE = "Official answer: D · Community vote: E (83%) — disputed"


def question(number: int, **changes: object) -> Question:
    fields: dict[str, object] = dict(
        id=f"X{number}",
        bank="extras",
        stem=f"Which table format, number {number}?",
        options={"A": "csv", "B": "json", "C": "orc", "D": "delta", "E": "parquet"},
        answer=("D",),
        translation="哪一種**表格格式**？",
        community=Community(("E",), "E (83%)"),
        explanation=Explanation(correct="Delta is the default."),
    )
    fields.update(changes)
    return Question(**fields)  # type: ignore[arg-type]


def text(app: QuizApp) -> str:
    return drawn(app)[0]


async def practice(app: QuizApp, pilot, questions: list[Question]) -> PracticeScreen:
    app.push_screen(PracticeScreen(questions, mode=Mode.PRACTICE, title="Extras"))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    return screen


async def test_translation_is_drawn_as_markdown_under_the_stem_in_practice_exam_and_review(
    make_app: Callable[..., QuizApp],
) -> None:
    questions = [question(1), question(2, translation="")]
    app = make_app(bank=Bank(questions=questions))
    async with app.run_test(size=SIZE) as pilot:
        screen = await practice(app, pilot, questions)
        shown = text(app)
        assert "哪一種表格格式？" in shown and "**" not in shown
        stem_line = next(n for n, line in enumerate(shown.splitlines()) if "number 1" in line)
        translation_line = next(n for n, line in enumerate(shown.splitlines()) if "哪一種" in line)
        assert (
            stem_line
            < translation_line
            < shown.splitlines().index(next(line for line in shown.splitlines() if "csv" in line))
        )
        assert (
            screen.card.query_one("#translation").styles.color
            != screen.card.query_one("#stem").styles.color
        )
        await pilot.press("d", "enter", "enter")  # the second has no translation
        assert not screen.card.query_one("#translation").display
    app = make_app(bank=Bank(questions=questions[:1]))
    app.exam_request = ExamConfig(count=1, minutes=10, preset="Custom", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        assert "哪一種表格格式？" in text(app)
        await pilot.press("s", "y", "a")
        assert isinstance(app.screen, ExamReviewScreen)
        assert "哪一種表格格式？" in text(app)


async def test_a_disputed_question_shows_both_answers_only_once_answered(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(bank=Bank(questions=[question(1)]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await practice(app, pilot, [question(1)])
        assert "Community" not in text(app) and "disputed" not in text(app)
        await pilot.press("e", "enter")  # the community's answer is not the official one
        await pilot.pause()
        shown = text(app)
        assert "the answer is D" in shown and DISPUTE in shown
        assert not screen.practice.current.correct


async def test_an_exam_never_shows_the_dispute_before_the_review_does(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(bank=Bank(questions=[question(1)]))
    app.exam_request = ExamConfig(count=1, minutes=10, preset="Custom", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert "disputed" not in text(app) and "Community" not in text(app)
        await pilot.press("s", "y")
        await pilot.pause()
        assert "0/1 right" in str(app.screen.query_one("#exam-report-summary").render())
        await pilot.press("a")
        assert DISPUTE in text(app)


@pytest.fixture
def bank_with_images(tmp_path: Path) -> Bank:
    """Two questions in a bank folder: one with a stem image, one with an image only in
    its analysis, and one whose image is outside the bank's folder."""
    folder = tmp_path / "banks" / "extras"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "ab12cd34-flow.png").write_bytes(b"png")
    (tmp_path / "banks" / "secret.png").write_bytes(b"png")
    questions = [
        question(1, stem="Which one?\n\n![flow](images/ab12cd34-flow.png)"),
        question(2, explanation=Explanation(correct="![why](images/ab12cd34-flow.png)")),
        question(3, stem="Which?\n\n![x](../secret.png)"),
    ]
    files = {q.key: str(folder / f"{q.id}.yaml") for q in questions}
    return Bank(questions=questions, files=files)


@pytest.fixture
def viewer(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    opened: list[Path] = []

    def open_image(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr("quiz.tui.widgets.question.open_image", open_image)
    return opened


async def test_i_and_a_click_open_the_questions_image_from_the_bank_folder(
    make_app: Callable[..., QuizApp], bank_with_images: Bank, viewer: list[Path]
) -> None:
    app = make_app(bank=bank_with_images)
    flow = Path(bank_with_images.files["extras/X1"]).parent / "images" / "ab12cd34-flow.png"
    async with app.run_test(size=SIZE) as pilot:
        screen = await practice(app, pilot, bank_with_images.questions)
        assert "🖼 1 image — i to open" in text(app)
        await pilot.press("i")
        assert viewer == [flow.resolve()]
        await pilot.click("#question-images")
        assert viewer == [flow.resolve()] * 2
        await pilot.press("d", "enter", "enter")  # the second: its image is in the analysis
        assert not screen.card.query_one("#question-images").display
        await pilot.press("i")
        assert len(viewer) == 2 and "no images" in list(app._notifications)[-1].message
        await pilot.press("d", "enter")
        await pilot.pause()
        assert screen.card.query_one("#question-images").display
        await pilot.press("i")
        assert len(viewer) == 3
        await pilot.press("enter")  # the third: its image is outside the bank's folder
        await pilot.press("i")
        assert len(viewer) == 3
        assert "Not opened" in list(app._notifications)[-1].message


async def test_without_a_viewer_the_app_says_where_the_image_is(
    make_app: Callable[..., QuizApp], bank_with_images: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quiz.tui.widgets.question.open_image", lambda path: False)
    app = make_app(
        bank=Bank(questions=bank_with_images.questions[:1], files=bank_with_images.files)
    )
    async with app.run_test(size=SIZE) as pilot:
        await practice(app, pilot, app.bank.questions)
        await pilot.press("i")
        message = list(app._notifications)[-1].message
        assert "No image viewer" in message and "ab12cd34-flow.png" in message


async def test_in_an_exam_i_opens_the_stem_image_and_analysis_images_stay_hidden(
    make_app: Callable[..., QuizApp], bank_with_images: Bank, viewer: list[Path]
) -> None:
    questions = bank_with_images.questions[:2]
    app = make_app(bank=Bank(questions=questions, files=bank_with_images.files))
    app.exam_request = ExamConfig(count=2, minutes=10, preset="Custom", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        card = exam.query_one(QuestionCard)
        for _ in questions:
            has_stem_image = "![flow]" in exam.session.current.question.stem
            assert card.query_one("#question-images").display == has_stem_image
            await pilot.press("i")
            assert len(viewer) == has_stem_image
            viewer.clear()
            await pilot.press("n")
            await pilot.pause()
