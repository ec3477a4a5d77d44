"""The card's key line, and notes: written after a reveal, shown under the analysis as text."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static, TextArea
from textual.widgets._footer import FooterKey

from quiz.bank import Bank
from quiz.exam import ExamConfig
from quiz.store import Store
from quiz.study import Mode, Plan
from quiz.tui.app import QuizApp
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.note import NoteScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.widgets import QuestionCard
from tui.conftest import SIZE
from tui.test_hostile import drawn
from tui.test_question_view import letter_question

HOSTILE_NOTE = "[b]not bold[/b] $text-error \x1b[2Jgone? **stars**"


def app_on_letters(make_app: Callable[..., QuizApp]) -> QuizApp:
    return make_app(bank=Bank(questions=[letter_question(n) for n in (1, 2)], problems=[]))


def meta(app: QuizApp) -> str:
    return str(app.screen.query_one("#question-meta", Static).render())


def note_shown(app: QuizApp) -> str | None:
    """The note under the analysis as drawn, or None when none is shown."""
    found = app.screen.query("#note")
    if not found or not found.first().display:
        return None
    return str(found.first(Static).render())


def note_key(app: QuizApp) -> FooterKey:
    return next(k for k in app.screen.query(FooterKey) if k.action == "note")


def stored_note(app: QuizApp, key: str) -> str:
    with Store(app.store_path) as other:
        return other.note(key)


async def test_the_card_shows_the_key_dimmed_in_practice_drill_exam_and_review(
    make_app: Callable[..., QuizApp],
) -> None:
    app = app_on_letters(make_app)
    app.exam_request = ExamConfig(count=2, minutes=30, preset="Custom", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        key = app.screen.session.current.question.key
        assert meta(app) == f"Choose one. · {key}"
        await pilot.press("s", "y", "a")
        assert isinstance(app.screen, ExamReviewScreen)
        assert meta(app).endswith(f" · {key}")
        content = app.screen.query_one("#question-meta", Static).visual
        assert any(str(span.style) == "dim" for span in content.spans)  # type: ignore[union-attr]
        assert key in drawn(app)[0]
    for mode in (Mode.PRACTICE, Mode.DRILL):
        app = app_on_letters(make_app)
        async with app.run_test(size=SIZE) as pilot:
            app.start_plan(lambda study, mode=mode: Plan(mode, "Two", [letter_question(1)]))
            await pilot.pause()
            assert meta(app) == "Delta-Lake · pick 1 · letters/L1", mode
            assert "letters/L1" in drawn(app)[0]


async def test_a_note_is_written_by_keys_stored_and_shown_after_every_reveal(
    make_app: Callable[..., QuizApp],
) -> None:
    app = app_on_letters(make_app)
    async with app.run_test(size=SIZE) as pilot:
        app.start_plan(lambda study: Plan(Mode.PRACTICE, "Two", [letter_question(1)]))
        await pilot.pause()
        await pilot.press("N")
        assert not isinstance(app.screen, NoteScreen)  # not before the answer
        await pilot.press("b", "enter", "N")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"B not A", "ctrl+s")
        assert isinstance(app.screen, PracticeScreen)
        assert stored_note(app, "letters/L1") == "B not A"
        assert note_shown(app) == "Your note\nB not A"
        await pilot.press("u")  # answered again: the note is back under the analysis
        assert note_shown(app) is None
        await pilot.press("enter")  # the picks stay after an undo
        assert note_shown(app) == "Your note\nB not A"
        await pilot.press("N", *["backspace"] * 7, "ctrl+s")  # emptied: deleted
        assert stored_note(app, "letters/L1") == "" and note_shown(app) is None


async def test_a_note_is_opened_from_the_footer_and_saved_by_click_escape_cancels(
    make_app: Callable[..., QuizApp],
) -> None:
    app = app_on_letters(make_app)
    async with app.run_test(size=SIZE) as pilot:
        app.start_plan(lambda study: Plan(Mode.PRACTICE, "Two", [letter_question(1)]))
        await pilot.pause()
        await pilot.press("b", "enter")
        assert note_key(app).region.right <= SIZE[0]
        await pilot.click(note_key(app))
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"typed, then cancelled", "escape")
        assert isinstance(app.screen, PracticeScreen)
        assert stored_note(app, "letters/L1") == "" and note_shown(app) is None
        await pilot.click(note_key(app))
        await pilot.press(*"by click")
        await pilot.click("#note-save-button")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert stored_note(app, "letters/L1") == "by click"
        assert note_shown(app) == "Your note\nby click"


async def test_a_note_with_markup_and_escape_codes_shows_as_text(
    make_app: Callable[..., QuizApp],
) -> None:
    app = app_on_letters(make_app)
    with Store(app.store_path) as store:
        store.set_note("letters/L1", HOSTILE_NOTE, app.now())
    async with app.run_test(size=SIZE) as pilot:
        app.start_plan(lambda study: Plan(Mode.PRACTICE, "Two", [letter_question(1)]))
        await pilot.pause()
        assert note_shown(app) is None  # not before the answer
        await pilot.press("b", "enter")
        assert note_shown(app) == "Your note\n[b]not bold[/b] $text-error ␛[2Jgone? **stars**"
        await pilot.press("N")
        area = app.screen.query_one(TextArea)
        assert area.text == HOSTILE_NOTE.replace("\x1b", "␛")  # edited as drawn
        area.insert("pasted \x1b]0;title\x07\r\nnext")
        await pilot.pause()
        assert "\x1b" not in drawn(app)[0] and "\x07" not in drawn(app)[0]
        assert area.text.endswith("pasted ␛]0;title␇\nnext")
        await pilot.press("escape")
        assert stored_note(app, "letters/L1") == HOSTILE_NOTE  # cancelled: kept as it was
        await pilot.resize_terminal(80, 200)
        await pilot.pause()
        text = drawn(app)[0]
        assert "[b]not bold[/b] $text-error ␛[2Jgone? **stars**" in text
        assert "\x1b" not in text


async def test_a_note_is_written_in_the_exam_review(make_app: Callable[..., QuizApp]) -> None:
    app = app_on_letters(make_app)
    app.exam_request = ExamConfig(count=2, minutes=30, preset="Custom", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "y", "a")
        assert isinstance(app.screen, ExamReviewScreen)
        key = app.screen.results[0].question.key
        keys = sorted(app.screen.query(FooterKey), key=lambda k: k.region.x)
        assert note_key(app).region.right <= keys[-1].region.right <= SIZE[0]
        await pilot.press("N", *"exam note", "ctrl+s")
        assert stored_note(app, key) == "exam note"
        assert note_shown(app) == "Your note\nexam note"
        await pilot.press("n", "p")  # another question, then back: shown again
        assert app.screen.query_one(QuestionCard).view.question.key == key  # type: ignore[union-attr]
        assert note_shown(app) == "Your note\nexam note"
