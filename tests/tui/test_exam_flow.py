"""Mock exams in the app, driven with the Pilot: set-up, taking, submitting, timing out,
pausing, leaving, resuming after a crash, the report and the review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input, RadioButton, RadioSet

from quiz.exam import ExamConfig, ExamSession
from quiz.store import Store
from quiz.tui.app import QuizApp
from quiz.tui.screens.browse import BrowserScreen
from quiz.tui.screens.exam_dialogs import (
    ConfirmExamDialog,
    ExamPaletteScreen,
    LeaveExamDialog,
    PausedScreen,
    ResumeExamDialog,
    SubmitExamDialog,
)
from quiz.tui.screens.exam_report import ExamReportScreen
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.readiness import ReadinessScreen
from quiz.tui.widgets.exam_navigator import ExamNavigator
from tui.conftest import SIZE, Clock
from tui.fixture_bank import fixture_bank, fixture_questions

QUICK = ExamConfig(count=10, minutes=20, allow_pause=True, preset="Quick", seed=3)
STRICT = ExamConfig(count=6, minutes=60, preset="Custom", seed=3)


def stored_exam(app: QuizApp, exam_id: int):
    """The exam as another process would read it from the database right now."""
    with Store(app.store_path) as other:
        return other.exam(exam_id)


def dialog_text(screen) -> str:
    """Every line of text a dialog shows."""
    return " ".join(str(static.render()) for static in screen.query("Static"))


def exam_screen(app: QuizApp) -> ExamScreen:
    screen = app.screen
    assert isinstance(screen, ExamScreen), screen
    return screen


def open_exam_in_another_process(store_path: Path, clock: Clock, config: ExamConfig) -> int:
    """Start an exam, answer the first question and flag it, as a run that was then closed
    (it gave the exam back, as a run killed over a minute ago in effect has)."""
    with Store(store_path) as store:
        session = ExamSession.start(store, fixture_questions(), config, clock)
        session.choose({"A"})
        session.toggle_flag()
        session.go_to(2)
        session.release()
        return session.exam_id


async def test_a_whole_exam_from_set_up_to_review(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExamSetupScreen)
        await pilot.press("down", "down", "enter")  # the Quick preset
        assert app.screen.query_one("#exam-count", Input).value == "10"
        await pilot.press("ctrl+s")
        screen = exam_screen(app)
        session = screen.session
        assert (len(session.items), session.config.preset, session.config.allow_pause) == (
            10,
            "Quick",
            True,
        )

        await pilot.press("a", "f", "n", "2", "right")
        assert [bool(item.chosen) for item in session.items[:3]] == [True, True, False]
        stored = stored_exam(app, session.exam_id)
        assert [item.chosen for item in stored.items[:2]] == ["A", "B"]
        assert stored.items[0].flagged and stored.position == 2

        await pilot.press("l")
        assert isinstance(app.screen, ExamPaletteScreen)
        await pilot.press("u", "u", "enter")  # the second unanswered question after 3
        assert isinstance(app.screen, ExamScreen) and session.position == 4

        await pilot.press("s")
        dialog = app.screen
        assert isinstance(dialog, SubmitExamDialog)
        text = " ".join(str(s.render()) for s in dialog.query("Static"))
        assert "Flagged (1): 1" in text and "Unanswered (8): 3–10" in text
        await pilot.press("enter")  # the first entry: the flagged question
        assert isinstance(app.screen, ExamScreen) and session.position == 0
        await pilot.press("s", "y")
        report_screen = app.screen
        assert isinstance(report_screen, ExamReportScreen)
        report = report_screen.report
        assert report.total == 10 and report.unanswered == 8
        assert len(app.store.answers()) == 2  # fed to the learning model

        await pilot.press("w")
        review = app.screen
        assert isinstance(review, ExamReviewScreen)
        assert len(review.results) == 10 - report.correct
        await pilot.press("f")
        assert [r.number for r in review.results] == [1]
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_clicks_pick_options_and_jump_from_the_strip(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    app.exam_request = STRICT
    async with app.run_test(size=SIZE) as pilot:
        screen = exam_screen(app)
        await pilot.pause()  # the first frame
        await pilot.click("#option-B")
        assert screen.session.items[0].chosen == {"B"}
        await pilot.click("#exam-strip", offset=(3 * 6 + 2, 0))  # the fourth cell
        assert screen.session.position == 3


async def test_multi_answer_keys_add_and_remove_options(make_app: Callable[..., QuizApp]) -> None:
    multi = next(q for q in fixture_questions() if q.is_multi)
    app = make_app()
    app.exam_request = ExamConfig(count=12, minutes=30, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = exam_screen(app)
        screen.go_to(next(i for i, it in enumerate(screen.session.items) if it.question == multi))
        await pilot.press("a", "c", "d", "d")
        assert screen.session.current.chosen == {"A", "C"}
        assert "Choose 2." in str(screen.query_one("#question-meta").render())
        assert screen.query_one("#option-C").has_class("-picked")


async def test_a_multi_answer_question_with_one_pick_shows_as_partly_answered(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    app.exam_request = QUICK
    async with app.run_test(size=SIZE) as pilot:
        screen = exam_screen(app)
        session = screen.session
        multi = next(i for i, item in enumerate(session.items) if item.question.is_multi)
        screen.go_to(multi)
        await pilot.press("a")
        await pilot.pause()
        assert "answered 0 · partly 1" in str(screen.query_one("#exam-progress").render())
        cell = f"{multi + 1:>3}◐"
        assert cell in str(screen.query_one("#exam-strip").render())
        await pilot.press("l")
        palette = app.screen
        assert isinstance(palette, ExamPaletteScreen)
        assert "0 answered, 1 partly answered" in dialog_text(palette)
        assert cell in str(palette.query_one(ExamNavigator).render())
        assert "◐ partly answered" in dialog_text(palette)
        await pilot.press("escape", "s")
        dialog = app.screen
        assert isinstance(dialog, SubmitExamDialog)
        assert f"Partly answered (1): {multi + 1} (too few picks: wrong)" in dialog_text(dialog)
        entries = [str(o.prompt) for o in dialog.query_one("#exam-submit-open").options]
        assert f"Question {multi + 1} — 1 of 2 picked" in entries


async def test_an_exam_from_the_browser_asks_first_and_home_goes_home(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "down", "e")  # down: from the search to the table
        confirm = app.screen
        assert isinstance(confirm, ConfirmExamDialog)
        shown = len(fixture_questions())
        assert (
            f"Mock exam of {shown} questions in {2 * shown} minutes from the questions shown?"
            in dialog_text(confirm)
        )
        await pilot.press("enter")  # the focus is on Back: enter never starts the clock
        assert isinstance(app.screen, BrowserScreen) and not app.store.unfinished_exam_ids()
        await pilot.press("e", "escape")
        assert isinstance(app.screen, BrowserScreen) and not app.store.unfinished_exam_ids()
        await pilot.press("e", "y")
        exam_screen(app)
        await pilot.press("escape", "h")  # paused: home is home, not the browser
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("b", "down", "e")
        offer = app.screen
        assert isinstance(offer, ResumeExamDialog)
        await pilot.press("d", "y")  # discarded: a new exam is asked for, not started
        assert isinstance(app.screen, ConfirmExamDialog)
        assert not app.store.unfinished_exam_ids()
        await pilot.press("y")
        exam_screen(app)


async def test_leaving_an_exam_opened_over_another_screen_goes_home(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        app.push_screen(
            ExamScreen(ExamSession.start(app.store, fixture_questions(), STRICT, app.now))
        )
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, LeaveExamDialog)
        await pilot.press("l")
        assert isinstance(app.screen, HomeScreen)


def test_the_report_opens_the_review_with_the_reviews_own_keys() -> None:
    report = {
        b.key: (b.action.removeprefix("review"), b.description)
        for b in ExamReportScreen.BINDINGS
        if isinstance(b, Binding) and b.action.startswith("review(")
    }
    review = {
        b.key: (b.action.removeprefix("only"), b.description)
        for b in ExamReviewScreen.BINDINGS
        if isinstance(b, Binding) and b.action.startswith("only(")
    }
    assert report.keys() == review.keys() == {"a", "w", "f"}
    for key, (which, name) in report.items():
        assert review[key][0] == which and name == f"Review {review[key][1].lower()}"


async def test_a_on_the_report_reviews_all(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    app.exam_request = STRICT
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "y", "a")
        review = app.screen
        assert isinstance(review, ExamReviewScreen) and len(review.results) == 6


async def test_the_countdown_warns_then_the_exam_submits_itself(
    make_app: Callable[..., QuizApp], clock: Clock
) -> None:
    app = make_app()
    app.exam_request = STRICT
    async with app.run_test(size=SIZE) as pilot:
        screen = exam_screen(app)
        await pilot.press("b")
        countdown = screen.query_one("#exam-countdown")
        clock.advance(minutes=51)
        screen.refresh_clock()
        assert countdown.has_class("-warning") and "09:00 left" in str(countdown.render())
        clock.advance(minutes=8, seconds=30)
        screen.refresh_clock()
        assert countdown.has_class("-critical")
        await pilot.press("s")  # a dialog is open when time runs out
        clock.advance(seconds=31)
        screen.refresh_clock()
        await pilot.pause()
        assert isinstance(app.screen, ExamReportScreen)
        assert app.screen.report.end_reason == "timeout"
        assert app.screen.report.time_used.total_seconds() == 3600


async def test_a_pausable_exam_stops_the_clock(
    make_app: Callable[..., QuizApp], clock: Clock
) -> None:
    app = make_app()
    app.exam_request = QUICK
    async with app.run_test(size=SIZE) as pilot:
        screen = exam_screen(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PausedScreen)
        clock.advance(hours=3)
        await pilot.press("enter")
        assert screen.session.remaining().total_seconds() == 20 * 60
        await pilot.press("escape", "h")
        assert isinstance(app.screen, HomeScreen)
        assert stored_exam(app, screen.session.exam_id).paused_at is not None
        clock.advance(hours=1)
        await pilot.press("e")
        offer = app.screen
        assert isinstance(offer, ResumeExamDialog)
        assert "It is paused: Resume starts the clock again." in dialog_text(offer)
        await pilot.press("r")  # resume means carry on: the exam runs, not paused again
        resumed = exam_screen(app).session
        assert not resumed.paused and resumed.remaining().total_seconds() == 20 * 60
        assert stored_exam(app, resumed.exam_id).paused_at is None
        await pilot.press("b")
        assert resumed.current.chosen == {"B"}
        clock.advance(minutes=1)
        exam_screen(app).refresh_clock()
        assert resumed.remaining().total_seconds() == 19 * 60


async def test_the_countdown_of_a_short_exam_is_red_in_its_last_minute(
    make_app: Callable[..., QuizApp], clock: Clock
) -> None:
    app = make_app()
    app.exam_request = ExamConfig(count=3, minutes=5, seed=3)
    async with app.run_test(size=SIZE):
        screen = exam_screen(app)
        countdown = screen.query_one("#exam-countdown")
        clock.advance(minutes=3, seconds=50)
        screen.refresh_clock()
        assert countdown.has_class("-warning") and not countdown.has_class("-critical")
        clock.advance(seconds=20)  # 50 s left: the README's last minute
        screen.refresh_clock()
        assert countdown.has_class("-critical") and "00:50 left" in str(countdown.render())


async def test_leaving_an_exam_that_cannot_pause_keeps_the_clock_running(
    make_app: Callable[..., QuizApp], clock: Clock
) -> None:
    app = make_app()
    app.exam_request = STRICT
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, LeaveExamDialog)
        await pilot.press("l")
        assert isinstance(app.screen, HomeScreen)
        clock.advance(minutes=10)
        await pilot.press("e")
        assert isinstance(app.screen, ResumeExamDialog)
        await pilot.press("r")
        assert exam_screen(app).session.remaining().total_seconds() == 50 * 60


async def test_after_a_crash_the_app_offers_to_resume_with_answers_flags_and_time(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    exam_id = open_exam_in_another_process(tmp_path / "progress.sqlite3", clock, STRICT)
    clock.advance(minutes=25)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ResumeExamDialog)
        await pilot.press("r")
        screen = exam_screen(app)
        session = screen.session
        assert session.exam_id == exam_id and session.position == 2
        assert session.items[0].chosen == {"A"} and session.items[0].flagged
        assert session.remaining().total_seconds() == 35 * 60
        assert "35:00 left" in str(screen.query_one("#exam-countdown").render())
        strip = screen.query_one("#exam-strip", ExamNavigator)
        assert strip.states[0].progress != "unanswered" and strip.states[0].flagged


async def test_one_key_at_the_resume_offer_never_submits_or_discards(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    """``s`` and ``d`` are home keys too: at the offer they only ask, and asking again with
    the same key, another home key or enter is no answer."""
    store_path = tmp_path / "progress.sqlite3"
    exam_id = open_exam_in_another_process(store_path, clock, STRICT)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for keys in (["s", "s"], ["d", "d"], ["s", "d"], ["d", "enter"], ["s", "escape"]):
            assert isinstance(app.screen, ResumeExamDialog), keys
            await pilot.press(*keys)
            assert isinstance(app.screen, ConfirmExamDialog | ResumeExamDialog), keys
            assert stored_exam(app, exam_id).finished_at is None, keys
            if isinstance(app.screen, ConfirmExamDialog):
                await pilot.press("escape")  # back to the offer
        assert isinstance(app.screen, ResumeExamDialog)
        await pilot.press("s")
        assert "Submit this exam now?" in dialog_text(app.screen)
        await pilot.press("y")
        assert isinstance(app.screen, ExamReportScreen)
        assert app.screen.report.end_reason == "submitted"
        assert stored_exam(app, exam_id).finished_at is not None


async def test_the_resume_offer_discards_by_click_after_asking(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    store_path = tmp_path / "progress.sqlite3"
    open_exam_in_another_process(store_path, clock, STRICT)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#discard")
        assert isinstance(app.screen, ConfirmExamDialog)
        assert "Discard this exam?" in dialog_text(app.screen)
        with Store(store_path) as store:
            assert store.unfinished_exam_ids() != []
        await pilot.click("#yes")
        assert isinstance(app.screen, HomeScreen)
        with Store(store_path) as store:
            assert store.unfinished_exam_ids() == []


async def test_the_resume_offer_resumes_with_enter_or_a_click(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    store_path = tmp_path / "progress.sqlite3"
    exam_id = open_exam_in_another_process(store_path, clock, STRICT)
    for press in (["enter"], ["click"]):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, ResumeExamDialog)
            if press == ["click"]:
                await pilot.click("#resume")
            else:
                await pilot.press(*press)
            assert exam_screen(app).session.exam_id == exam_id, press
            await pilot.press("escape", "l")  # leave with the clock running


def other_window(
    store_path: Path, exam_id: int, clock: Clock, holder: str = "other window"
) -> ExamSession:
    """The exam as a second instance of quiz has it: its own connection, its own lease id."""
    by_key = {question.key: question for question in fixture_questions()}
    return ExamSession.load(Store(store_path), exam_id, by_key, clock, holder)


def notifications(app: QuizApp) -> str:
    return " ".join(notification.message for notification in app._notifications)


async def test_an_exam_taken_over_by_another_window_is_left_here_with_a_message(
    make_app: Callable[..., QuizApp], clock: Clock
) -> None:
    app = make_app()
    app.exam_request = STRICT
    async with app.run_test(size=SIZE) as pilot:
        session = exam_screen(app).session
        await pilot.press("b")
        assert stored_exam(app, session.exam_id).items[0].chosen == "B"
        other = other_window(app.store_path, session.exam_id, clock)
        assert other.open_elsewhere() is not None and not other.claim()
        assert other.claim(take_over=True)
        await pilot.press("c")  # this window's next write is refused
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "taken over by another window: this window has left it" in notifications(app)
        assert stored_exam(app, session.exam_id).items[0].chosen == "B"
        assert other.choose({"D"}) and other.submit()  # the other window carries on
        (summary,) = app.store.finished_exams()
        assert summary.correct == other.report().correct


@pytest.mark.parametrize(
    ("keys", "under"),
    [(["b", "down", "e", "y"], BrowserScreen), (["y", "e", "ctrl+s"], ReadinessScreen)],
)
async def test_an_exam_opened_from_another_screen_and_taken_over_leaves_for_home(
    make_app: Callable[..., QuizApp], clock: Clock, keys: list[str], under: type
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        session = exam_screen(app).session
        assert isinstance(app.screen_stack[-2], under)
        other_window(app.store_path, session.exam_id, clock).claim(take_over=True)
        await pilot.press("b")  # refused: this window no longer has the exam
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2
        assert "taken over by another window: this window has left it" in notifications(app)


async def test_an_idle_window_leaves_on_its_next_heartbeat_after_a_take_over(
    make_app: Callable[..., QuizApp], clock: Clock
) -> None:
    app = make_app()
    app.exam_request = QUICK
    async with app.run_test(size=SIZE) as pilot:
        screen = exam_screen(app)
        await pilot.press("escape")  # paused: the dialog is open when it is taken over
        assert isinstance(app.screen, PausedScreen)
        other_window(app.store_path, screen.session.exam_id, clock).claim(take_over=True)
        clock.advance(seconds=10)
        screen.refresh_clock()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "taken over" in notifications(app)


async def test_the_offer_of_an_exam_open_in_another_window_only_takes_it_over(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    store_path = tmp_path / "progress.sqlite3"
    with Store(store_path) as store:
        exam_id = ExamSession.start(store, fixture_questions(), STRICT, clock, "other").exam_id
    other = other_window(store_path, exam_id, clock, "other")  # started it, has it open
    clock.advance(seconds=20)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        offer = app.screen
        assert isinstance(offer, ResumeExamDialog)
        assert "open in another window (last seen 20 s ago)" in dialog_text(offer)
        await pilot.press("r", "s", "d")  # none of them is offered here
        assert app.screen is offer
        await pilot.press("enter")  # Later has the focus: enter takes nothing over
        assert isinstance(app.screen, HomeScreen)
        assert stored_exam(app, exam_id).finished_at is None
        await pilot.press("e")
        await pilot.click("#take_over")
        session = exam_screen(app).session
        assert session.exam_id == exam_id and session.lost is None
        assert not other.choose({"A"}) and other.lost
        await pilot.press("b")
        assert stored_exam(app, exam_id).items[0].chosen == "B"
        await pilot.press("escape", "l")  # leaving gives the exam back
        with Store(store_path) as store:
            assert store.exam_lease(exam_id) is None


async def test_a_killed_window_stops_the_offer_for_a_minute_only(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    store_path = tmp_path / "progress.sqlite3"
    with Store(store_path) as store:
        exam_id = ExamSession.start(store, fixture_questions(), STRICT, clock, "killed").exam_id
    clock.advance(seconds=61)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "another window" not in dialog_text(app.screen)
        await pilot.press("r")
        assert exam_screen(app).session.lost is None
        assert stored_exam(app, exam_id).finished_at is None
    with Store(store_path) as store:
        assert store.exam_lease(exam_id) is None  # quitting gave it back


async def test_an_exam_that_ran_out_while_away_opens_on_its_report(
    make_app: Callable[..., QuizApp], clock: Clock, tmp_path: Path
) -> None:
    open_exam_in_another_process(tmp_path / "progress.sqlite3", clock, STRICT)
    clock.advance(days=1)
    app = make_app()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, ExamReportScreen)
        assert app.screen.report.end_reason == "timeout"


async def test_custom_numbers_and_a_small_bank(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        count = app.screen.query_one("#exam-count", Input)
        count.value = "40"
        await pilot.pause()
        radio = app.screen.query_one("#exam-preset", RadioSet)
        assert radio.pressed_button is radio.query(RadioButton).last()
        assert "12 questions (only 12 match)" in str(
            app.screen.query_one("#exam-setup-summary").render()
        )
        await pilot.press("ctrl+s")
        assert len(exam_screen(app).session.items) == 12
        assert exam_screen(app).session.config.preset == "Custom"


async def test_allowing_a_pause_makes_a_preset_custom(make_app: Callable[..., QuizApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        radio = app.screen.query_one("#exam-preset", RadioSet)
        assert radio.pressed_index == 0
        await pilot.click("#exam-pause")
        assert radio.pressed_button is radio.query(RadioButton).last()
        await pilot.press("ctrl+s")
        config = exam_screen(app).session.config
        assert (config.preset, config.allow_pause, config.minutes) == ("Custom", True, 120)


async def test_a_count_of_one_is_said_in_the_singular(make_app: Callable[..., QuizApp]) -> None:
    app = make_app(bank=fixture_bank(1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        summary = str(app.screen.query_one("#exam-setup-summary").render())
        assert summary.startswith("1 question (only 1 matches) in 120 min from all questions")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ExamScreen)
        notes = [note.message for note in app._notifications]
        assert "Only 1 question is in scope: the exam has 1, not 60." in notes
        await pilot.press("escape", "l", "e")
        offer = app.screen
        assert isinstance(offer, ResumeExamDialog)
        assert "Professional: 1 question from all questions, 0 answered" in dialog_text(offer)
        await pilot.press("s")
        confirm = app.screen
        assert isinstance(confirm, ConfirmExamDialog)
        assert "0 of 1 question answered" in dialog_text(confirm)


def test_the_report_screen_says_partly_answered_as_the_cli_does(tmp_path: Path) -> None:
    from rich.console import Console
    from test_exam import FakeClock, exam_bank

    from quiz.tui.screens.exam_report import flagged_table, summary

    with Store(tmp_path / "progress.sqlite3") as store:
        questions = [question for question in exam_bank(6) if len(question.answer) == 2]
        session = ExamSession.start(store, questions, ExamConfig(count=1, minutes=2), FakeClock())
        session.toggle_flag()
        session.choose(session.current.question.answer[:1])
        session.submit()
        report = session.report()
    console = Console(width=100, record=True)
    console.print(flagged_table(report))
    assert "partly: 1 of 2 picked" in console.export_text()
    assert "0 unanswered · 1 partly answered · 1 flagged" in summary(report)
