"""Taking a mock exam: the countdown, the navigator strip, the question, and its keys.

Nothing here says whether an answer is right. The countdown is recomputed from the
deadline at every tick, so it cannot drift; at zero the exam submits itself. The screen
holds the exam's lease while it is open (renewed on the tick, given back on closing); when
another window takes the exam over, this one says so and leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from quiz.exam import ExamConfig, ExamError, ExamSession, describe_selection, format_remaining
from quiz.model import LETTERS, QuestionInfo
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.exam_dialogs import (
    ExamPaletteScreen,
    LeaveExamDialog,
    PausedScreen,
    SubmitExamDialog,
)
from quiz.tui.screens.exam_report import ExamReportScreen
from quiz.tui.widgets.exam_navigator import ExamNavigator, cell_states
from quiz.tui.widgets.exam_question import ExamQuestion
from quiz.tui.widgets.question import OptionRow
from quiz.words import plural

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp

TICK_SECONDS = 0.25
PICK_KEYS = {letter: f"{letter.lower()},{number}" for number, letter in enumerate(LETTERS, 1)}
PICK_KEYS.update({letter: str(number) for number, letter in enumerate(LETTERS, 1) if number > 5})


def open_new_exam(
    app: QuizApp,
    config: ExamConfig,
    show: Callable[[ExamScreen], object],
    questions: Sequence[QuestionInfo] | None = None,
) -> None:
    """Draw a new exam (from ``questions`` when given, else the study scope) and ``show``
    its screen; says so when fewer questions match than asked. When the exam cannot be
    saved (a full disk), a retry that succeeds shows it."""
    study = app.study

    def started(session: ExamSession) -> None:
        drawn = len(session.items)
        if drawn < config.count:
            app.notify(fewer_than_asked(drawn, config), title="Mock exam")
        show(ExamScreen(session))

    try:
        app.store_call(lambda: study.start_exam(config, questions), started)
    except ExamError as error:
        app.notify(str(error), title="Mock exam", severity="error", timeout=8)


def fewer_than_asked(drawn: int, config: ExamConfig) -> str:
    """Why the exam has ``drawn`` questions, not the ``config.count`` asked for."""
    if config.tags or config.banks:
        found = f"{plural(drawn, 'question')} in scope {'matches' if drawn == 1 else 'match'} "
        found += describe_selection(config)
    else:
        found = f"{plural(drawn, 'question')} {'is' if drawn == 1 else 'are'} in scope"
    return f"Only {found}: the exam has {drawn}, not {config.count}."


class ExamScreen(QuizScreen[None]):
    """One question at a time under a running clock; answers can change until submit."""

    HELP = """\
# Mock exam

Answer with **a–e** or **1–8** (or a click); on a question that asks for several answers
each key adds or removes an option. Nothing tells you whether you are right until you
submit — as in the real exam.

- **→ / n** next question, **← / p** previous
- **f** flags the question for review; **l** lists all questions (answered ●,
  partly answered ◐ — fewer options picked than asked for —, unanswered ○,
  flagged ⚑) to jump to any of them
- **g** marks your answer *I'm guessing* (again: unmarks it, as in practice): when the
  exam is recorded, a right guess brings the question back sooner than a sure right
  answer and counts as half right in your tag scores; the exam's score is not changed
- **i** opens the question's images (when it says *🖼 1 image*)
- **s** submits: you see the unanswered, partly answered and flagged questions first
- **escape** pauses (when the exam allows it) or leaves: the clock keeps running while
  you are away, as in a real exam, and `quiz` offers to resume when you come back

At zero the exam submits itself; unanswered questions count as wrong.
Every answer and flag is saved the moment you give it.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                keys,
                f"pick('{letter}')",
                "Answer",
                show=letter == "A",
                key_display="a–e",
                id=f"exam-pick-{letter.lower()}",
                tooltip="Pick or unpick an option",
            )
            for letter, keys in PICK_KEYS.items()
        ),
        Binding("right,n", "move(1)", "Next", id="exam-next", tooltip="Next question"),
        Binding(
            "left,p",
            "move(-1)",
            "Prev",
            show=False,
            id="exam-previous",
            tooltip="Previous question",
        ),
        Binding("f", "flag", "Flag", id="exam-flag", tooltip="Flag for review, or unflag"),
        Binding("l", "palette", "List", id="exam-palette", tooltip="All questions; jump to one"),
        Binding(
            "g", "guessing", "Guess", id="exam-guessing", show=False, tooltip="Mark: I'm guessing"
        ),
        Binding(
            "i", "open_images", "Image", id="exam-images", show=False, tooltip="Open the images"
        ),
        Binding("s", "submit", "Submit", id="exam-submit", tooltip="Hand the exam in"),
        Binding("escape", "leave", "Leave", id="exam-leave", tooltip="Pause (if allowed) or leave"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self.closed = False
        """True once the report replaced the exam or the exam left for another window."""
        self.countdown_text = ""

    def compose(self) -> ComposeResult:
        """Status line with the countdown, the navigator strip, the question, the keys."""
        yield Header()
        with Horizontal(id="exam-status"):
            yield Static(id="exam-progress")
            yield Static(id="exam-countdown")
        yield ExamNavigator(
            cell_states(self.session.items), self.session.position, compact=True, id="exam-strip"
        )
        with VerticalScroll(id="exam-body"):
            yield ExamQuestion(id="exam-question")
        yield Footer()

    def on_mount(self) -> None:
        """Show the current question and start the clock display."""
        self.sub_title = f"Mock exam · {self.session.config.preset}"
        self.query_one("#exam-body").focus()  # up/down/page keys scroll a long question
        self.show_question()
        self.refresh_clock()
        self.set_interval(TICK_SECONDS, self.refresh_clock)

    # ------------------------------------------------------------ display

    def show_question(self) -> None:
        """Draw the current question, the strip and the progress line."""
        session = self.session
        item = session.current
        self.query_one(ExamQuestion).show_item(item.question, item.chosen)
        self.query_one("#exam-body").scroll_home(animate=False)
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """The strip and the counts of answered and flagged questions."""
        session = self.session
        self.query_one("#exam-strip", ExamNavigator).update_states(
            cell_states(session.items), session.position
        )
        flag = " ⚑" if session.current.flagged else ""
        guess = " ? guessing" if session.current.guessed else ""
        partly = len(session.partly_answered())
        self.query_one("#exam-progress", Static).update(
            f"[b]Question {session.position + 1}/{len(session.items)}[/b]{flag}{guess}   "
            f"answered {session.answered_count()}"
            + (f" · partly {partly}" if partly else "")
            + f" · flagged {len(session.flagged())}"
        )

    def refresh_clock(self) -> None:
        """Redraw the countdown from the deadline; submit when time is up, leave when another
        window took the exam over."""
        if self.closed:
            return
        ok = self.quiz.store_call(self.session.tick)
        if not ok:
            return
        if self.session.finished or self.session.lost:
            self._after_refusal()
            return
        countdown = self.query_one("#exam-countdown", Static)
        level = self.session.urgency()
        countdown.set_class(level == "warning", "-warning")
        countdown.set_class(level == "critical", "-critical")
        text = f"⏱ {format_remaining(self.session.remaining())} left"
        if text != self.countdown_text:  # redraw only when the second changes
            self.countdown_text = text
            countdown.update(text)

    # ------------------------------------------------------------ actions

    def action_pick(self, letter: str) -> None:
        """Pick or unpick an option of the current question."""
        self.quiz.store_call(lambda: self.session.toggle(letter), self._shown_or_refused)

    def _shown_or_refused(self, done: bool) -> None:
        if done:
            self.show_question()
        else:
            self._after_refusal()

    @on(OptionRow.Clicked)
    def _clicked(self, event: OptionRow.Clicked) -> None:
        self.action_pick(event.letter)

    def action_move(self, step: int) -> None:
        """Go to the next or previous question."""
        self.go_to(self.session.position + step)

    def go_to(self, position: int) -> None:
        """Show another question."""
        self.quiz.store_call(lambda: self.session.go_to(position), self._shown_or_refused)

    @on(ExamNavigator.Jump, "#exam-strip")
    def _strip_jump(self, event: ExamNavigator.Jump) -> None:
        self.go_to(event.position)

    def action_flag(self) -> None:
        """Flag or unflag the current question."""
        self.quiz.store_call(self.session.toggle_flag, self._marked)

    def action_guessing(self) -> None:
        """Mark or unmark the current answer "I'm guessing"."""
        self.quiz.store_call(self.session.toggle_guessing, self._marked)

    def _marked(self, done: bool) -> None:
        self.refresh_progress() if done else self._after_refusal()

    def action_open_images(self) -> None:
        """Open the question's images in the image viewer (the analysis stays hidden)."""
        key = self.session.current.question.key
        self.query_one(ExamQuestion).open_images(self.quiz.bank.files.get(key))

    def action_palette(self) -> None:
        """Show every question and jump to one."""
        self.app.push_screen(ExamPaletteScreen(self.session), self._jump_to)

    def _jump_to(self, position: int | None) -> None:
        if position is not None:
            self.go_to(position)

    def action_submit(self) -> None:
        """Ask for confirmation (listing unanswered and flagged first), then hand in."""
        self.app.push_screen(SubmitExamDialog(self.session), self._submit_choice)

    def _submit_choice(self, choice: int | bool | None) -> None:
        if choice is True:
            self.quiz.store_call(self.session.submit, lambda _: self.show_report())
        elif isinstance(choice, int) and not isinstance(choice, bool):
            self.go_to(choice)

    def action_leave(self) -> None:
        """Pause when the exam allows it; otherwise offer to leave with the clock running."""
        self.quiz.store_call(self.session.pause, self._paused_or_leaving)

    def _paused_or_leaving(self, paused: bool) -> None:
        if paused:
            self.app.push_screen(PausedScreen(self.session), self._paused_choice)
        elif not self.session.finished:
            self.app.push_screen(LeaveExamDialog(self.session), self._leave_choice)

    def _paused_choice(self, carry_on: bool | None) -> None:
        if carry_on:
            self.quiz.store_call(self.session.resume, lambda _: self.refresh_clock())
        else:
            self.go_home()

    def _leave_choice(self, leave: bool | None) -> None:
        if leave:
            self.go_home()

    def go_home(self) -> None:
        """Leave the exam for the home screen (where it is resumed), whatever screen
        opened it: the browser, say, is closed too."""
        from quiz.tui.screens.home import HomeScreen

        self.dismiss()
        if any(isinstance(screen, HomeScreen) for screen in self.app.screen_stack):
            while not isinstance(self.app.screen, HomeScreen):
                self.app.pop_screen()

    # ------------------------------------------------------------ the end

    def time_is_up(self) -> None:
        """Close any dialog over the exam and show the report."""
        while self.app.screen is not self:
            self.app.pop_screen()
        self.notify("Time is up: the exam was submitted.", title="Mock exam", timeout=8)
        self.show_report()

    def show_report(self) -> None:
        """Replace the exam with its report (once, however many ticks were queued)."""
        if self.closed:
            return
        self.closed = True
        self.app.switch_screen(ExamReportScreen(self.session))

    def _after_refusal(self) -> None:
        if self.session.finished:
            self.time_is_up()
        elif self.session.lost:
            self.left_elsewhere()

    def left_elsewhere(self) -> None:
        """Another window has the exam now: say so and leave it for home (once), as
        ``go_home`` does, not for the screen that opened it."""
        if self.closed:
            return
        self.closed = True
        while self.app.screen is not self:
            self.app.pop_screen()
        self.notify(
            f"{self.session.lost.capitalize()}: this window has left it. "  # type: ignore[union-attr]
            "Everything answered here up to then is saved.",
            title="Mock exam",
            severity="warning",
            timeout=10,
        )
        self.go_home()

    def on_unmount(self) -> None:
        """Give the exam back, so any window may open it without taking it over."""
        if self.quiz.store is not None:
            self.quiz.store_call(self.session.release)
