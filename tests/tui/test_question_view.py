"""The one question view (practice, exam, exam review), driven as a person does: by keys,
arrows + enter and clicks, on records whose analysis is real-shaped Markdown."""

from __future__ import annotations

from collections.abc import Callable

from quiz.bank import Bank
from quiz.exam import ExamConfig
from quiz.model import Community, Explanation, Question
from quiz.store import Store
from quiz.study import Mode
from quiz.tui.app import QuizApp
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.widgets import QuestionCard
from tui.conftest import SIZE
from tui.test_hostile import drawn

LONG_CODE = "spark.read.format('delta')" + ".option('x', 1)" * 12 + "  # ENDOFLINE"

MNEMONIC = """\
### 口訣

**先去重，再合併**

| step | what |
| --- | --- |
| 1 | dedupe |

```sql
MERGE INTO t
```"""


def letter_question(number: int, answer: tuple[str, ...] = ("B",)) -> Question:
    """A question whose explanation, why-not notes and community vote name letters."""
    return Question(
        id=f"L{number}",
        bank="letters",
        stem=f"Question {number}: which one?\n\n```python\n{LONG_CODE}\n```",
        options={
            "A": "alpha option",
            "B": "bravo option",
            "C": "charlie option",
            "D": "delta option",
        },
        answer=answer,
        topics=("Delta-Lake",),
        community=Community(answer=answer, votes="B (90%)"),
        explanation=Explanation(
            correct="B is right; A is a trap.",
            wrong={"A": "A only looks right.", "C": "C is wrong.", "D": "D is wrong."},
            mnemonic=MNEMONIC,
            key_points="核心技術: CDC 資料處理\n關鍵概念: MERGE INTO",
        ),
    )


def app_on(make_app: Callable[..., QuizApp], questions: list[Question]) -> QuizApp:
    return make_app(bank=Bank(questions=questions, problems=[]))


def screen_text(app: QuizApp) -> str:
    return drawn(app)[0]


async def whole_card(app: QuizApp, pilot) -> str:
    """Everything the card draws, on a terminal tall enough for all of it (80 wide still)."""
    await pilot.resize_terminal(80, 300)
    await pilot.pause()
    text = screen_text(app)
    await pilot.resize_terminal(*SIZE)
    await pilot.pause()
    return text


async def test_mnemonic_renders_as_markdown_and_why_stays_on_screen(
    make_app: Callable[..., QuizApp],
) -> None:
    app = app_on(make_app, [letter_question(1), letter_question(2)])
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PracticeScreen(app.bank.questions, mode=Mode.PRACTICE, title="Letters"))
        await pilot.pause()
        await pilot.click("#option-B")
        await pilot.press("enter")
        await pilot.pause()
        first_screen = screen_text(app)
        assert "Why" in first_screen and "B is right" in first_screen
        text = await whole_card(app, pilot)
        assert "先去重，再合併" in text and "dedupe" in text and "MERGE INTO t" in text
        for raw in ("### 口訣", "**先去重", "| --- |", "```"):
            assert raw not in text


async def test_shuffled_options_keep_letters_that_match_the_explanation(
    make_app: Callable[..., QuizApp],
) -> None:
    questions = [letter_question(1), letter_question(2)]
    app = app_on(make_app, questions)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PracticeScreen(questions, mode=Mode.PRACTICE, title="Letters"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await pilot.press("o", "a", "enter", "enter")  # shuffle from the next question on
        attempt = screen.practice.current
        assert attempt.order != ("A", "B", "C", "D"), "seed 7 deals a shuffled order"
        place = attempt.order.index("B")
        await pilot.press(str(place + 1), "enter")  # by its place: 1 is the first row shown
        await pilot.pause()
        assert attempt.correct
        text = await whole_card(app, pilot)
        bravo = next(line for line in text.splitlines() if "bravo option" in line)
        assert " B " in bravo.split("bravo")[0]  # the row shows the letter B, as the notes do
        assert "answer is" not in str(screen.card.verdict.render())
        assert "— B" in str(screen.card.verdict.render())
        assert screen.card.query_one("#option-B").has_class("-right")
        assert "A only looks right." in text and "Community vote: B (90%)" in text


async def test_pick_two_with_one_pick_says_so_and_waits(
    make_app: Callable[..., QuizApp],
) -> None:
    question = letter_question(1, answer=("B", "C"))
    app = app_on(make_app, [question])
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PracticeScreen([question], mode=Mode.PRACTICE, title="Two"))
        await pilot.pause()
        await pilot.click("#option-B")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query("#analysis")
        assert any("pick 1 more" in n.message for n in app._notifications)
        with Store(app.store_path) as other:
            assert other.answers() == []
        await pilot.click("#option-C")
        await pilot.press("enter")
        await pilot.pause()
        assert "✔ Right" in str(app.screen.query_one("#verdict").render())


async def test_long_code_lines_wrap_and_author_line_breaks_stay(
    make_app: Callable[..., QuizApp],
) -> None:
    question = letter_question(1)
    app = app_on(make_app, [question])
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PracticeScreen([question], mode=Mode.PRACTICE, title="Code"))
        await pilot.pause()
        assert "ENDOFLINE" in screen_text(app)  # wrapped, not cut at the right edge
        await pilot.press("b", "enter")
        await pilot.pause()
        lines = (await whole_card(app, pilot)).splitlines()
        assert any("核心技術" in line and "關鍵概念" not in line for line in lines)
        assert any("關鍵概念" in line for line in lines)


async def test_exam_and_exam_review_use_the_same_question_view(
    make_app: Callable[..., QuizApp],
) -> None:
    questions = [letter_question(n) for n in range(1, 4)]
    app = app_on(make_app, questions)
    app.exam_request = ExamConfig(count=3, minutes=30, preset="Custom", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        card = exam.query_one(QuestionCard)
        assert "Choose one." in str(card.query_one("#question-meta").render())
        assert "ENDOFLINE" in screen_text(app)
        await pilot.click("#option-A")
        assert exam.session.current.chosen == {"A"}
        assert card.query_one("#option-A").has_class("-picked") and not card.query("#analysis")
        await pilot.press("s", "y", "w")
        review = app.screen
        assert isinstance(review, ExamReviewScreen)
        card = review.query_one(QuestionCard)
        assert card.query_one("#option-B").has_class("-right")
        text = await whole_card(app, pilot)
        assert "先去重，再合併" in text and "### 口訣" not in text
        await pilot.press("n")
        assert review.query_one(QuestionCard) is card  # moved on in place


def test_an_unlabelled_code_fence_is_plain_text_not_a_language_guess() -> None:
    from quiz.tui.widgets.question import author_parser

    tokens = author_parser().parse("```\nSELECT 1\n```\n\n```sql\nSELECT 2\n```\n")
    assert [t.info for t in tokens if t.type == "fence"] == ["text", "sql"]
