"""The mock exam's dialogs: question palette, submit confirmation, pause, leave, resume offer."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.button import ButtonVariant
from textual.widgets.option_list import Option

from quiz.exam import ExamSession, describe_selection, format_remaining, picks_made
from quiz.tui.plain import plain
from quiz.tui.widgets.exam_navigator import ExamNavigator, cell_states, legend
from quiz.words import plural

ResumeChoice = Literal["resume", "submit", "discard", "take_over"]


def numbers(positions: list[int]) -> str:
    """Question numbers (1-based) with runs folded: ``3, 7–12, 40``; ``none`` when empty."""
    runs: list[list[int]] = []
    for number in (position + 1 for position in positions):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return (
        ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs) or "none"
    )


def exam_summary(session: ExamSession) -> str:
    """One line: format, answered, flagged and time left."""
    config = session.config
    clock = "paused, " if session.paused else ""
    return (
        f"{config.preset}: {plural(len(session.items), 'question')} from "
        f"{describe_selection(config)}, "
        f"{session.answered_count()} answered, {len(session.flagged())} flagged, "
        f"{clock}{format_remaining(session.remaining())} left"
    )


def open_state(session: ExamSession, position: int) -> str:
    """How a question stands, for the submit list: ``flagged, 1 of 2 picked``."""
    item = session.items[position]
    parts = ["flagged"] if item.flagged else []
    if item.progress == "unanswered":
        parts.append("unanswered")
    elif item.progress == "partly":
        parts.append(picks_made(item.question, item.chosen))
    return ", ".join(parts)


class ExamPaletteScreen(ModalScreen[int | None]):
    """Every question of the exam at a glance; dismisses with the position to jump to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,g", "dismiss(None)", "Close", id="palette-close", tooltip="Back"),
        Binding("u", "next_unanswered", "Next unanswered", id="palette-unanswered"),
        Binding("f", "next_flagged", "Next flagged", id="palette-flagged"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        """Title with counts, the grid, the legend."""
        session = self.session
        partly = len(session.partly_answered())
        with Vertical(id="exam-palette", classes="exam-dialog"):
            yield Static(
                f"Questions — {session.answered_count()} answered, "
                + (f"{partly} partly answered, " if partly else "")
                + f"{len(session.unanswered())} unanswered, {len(session.flagged())} flagged",
                classes="title",
            )
            yield ExamNavigator(
                cell_states(session.items), session.position, id="exam-palette-grid"
            )
            yield Static(legend(), classes="muted")
            yield Static("arrows move · enter goes · u/f next unanswered/flagged", classes="muted")

    @on(ExamNavigator.Jump)
    def _jump(self, event: ExamNavigator.Jump) -> None:
        self.dismiss(event.position)

    def _next(self, positions: list[int]) -> None:
        grid = self.query_one(ExamNavigator)
        after = [p for p in positions if p > grid.cursor] or positions
        if after:
            grid.cursor = after[0]

    def action_next_unanswered(self) -> None:
        """Move the cursor to the next question not fully answered."""
        self._next(self.session.still_open())

    def action_next_flagged(self) -> None:
        """Move the cursor to the next flagged question."""
        self._next(self.session.flagged())


class SubmitExamDialog(ModalScreen[int | bool | None]):
    """Lists flagged, unanswered and partly answered questions first; dismisses True to
    submit, or a position to go to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Submit", id="submit-confirm", tooltip="Hand the exam in"),
        Binding("escape", "dismiss(None)", "Back", id="submit-cancel", tooltip="Keep going"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        """What is still open, a list to jump to it, and the two buttons."""
        session = self.session
        unanswered, flagged = session.unanswered(), session.flagged()
        partly = session.partly_answered()
        with Vertical(id="exam-submit", classes="exam-dialog"):
            yield Static("Submit the exam?", classes="title")
            yield Static(
                f"Flagged ({len(flagged)}): {numbers(flagged)}\n"
                f"Unanswered ({len(unanswered)}): {numbers(unanswered)}\n"
                + (
                    f"Partly answered ({len(partly)}): {numbers(partly)} (too few picks: wrong)\n"
                    if partly
                    else ""
                )
                + f"Time left: {format_remaining(session.remaining())}. "
                "Unanswered questions count as wrong."
            )
            entries = [
                Option(f"Question {p + 1} — {open_state(session, p)}", id=f"go-{p}")
                for p in flagged + [p for p in session.still_open() if p not in flagged]
            ]
            if entries:
                yield OptionList(*entries, id="exam-submit-open", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Submit (y)", id="submit", variant="warning", compact=True)
                yield Button("Back (esc)", id="back", compact=True)

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(str(event.option.id).removeprefix("go-")))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True if event.button.id == "submit" else None)


class PausedScreen(ModalScreen[bool]):
    """Hides the question while the clock is stopped; True carries on, False leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "dismiss(True)", "Continue", id="paused-continue"),
        Binding("h", "dismiss(False)", "Home", id="paused-home", tooltip="Stays paused"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        """The time left and the two ways out."""
        with Vertical(id="exam-paused", classes="exam-dialog"):
            yield Static("Paused", classes="title")
            yield Static(
                f"The clock is stopped with {format_remaining(self.session.remaining())} left.\n"
                "enter: carry on · h: home (the exam stays paused; resume it from home)"
            )


class LeaveExamDialog(ModalScreen[bool]):
    """For exams that cannot pause: leaving keeps the clock running. True leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "dismiss(True)", "Leave", id="leave-confirm", tooltip="Clock keeps running"),
        Binding("escape", "dismiss(False)", "Stay", id="leave-cancel"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        """Why leaving is not pausing, and the two buttons."""
        with Vertical(id="exam-leave", classes="exam-dialog"):
            yield Static("Leave the exam?", classes="title")
            yield Static(
                f"This exam cannot be paused: the clock keeps running while you are away "
                f"({format_remaining(self.session.remaining())} left), as in a real exam. "
                "Your answers are saved; choose Mock exam on the home screen to come back."
            )
            with Horizontal(classes="buttons"):
                yield Button("Leave (l)", id="leave", variant="warning", compact=True)
                yield Button("Stay (esc)", id="stay", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "leave")


class ConfirmExamDialog(ModalScreen[bool]):
    """Asks once more before something that cannot be undone (or starts a clock); True goes ahead.

    ``Back`` has the focus, so ``enter`` (or the key that opened the dialog, pressed again)
    never confirms: only ``y`` or a click on the first button does.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes", id="confirm-yes"),
        Binding("escape", "dismiss(False)", "Back", id="confirm-back"),
    ]

    def __init__(
        self, title: str, text: str, action: str, variant: ButtonVariant = "error"
    ) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.action_label = action
        self.variant: ButtonVariant = variant

    def compose(self) -> ComposeResult:
        """The question, what it means, and the two buttons."""
        with Vertical(id="exam-confirm", classes="exam-dialog"):
            yield Static(plain(self.title_text), classes="title")
            yield Static(plain(self.text))
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.action_label} (y)", id="yes", variant=self.variant, compact=True
                )
                yield Button("Back (esc)", id="back", compact=True)

    def on_mount(self) -> None:
        """The safe choice has the focus."""
        self.query_one("#back", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


def confirm_resume_choice(session: ExamSession, choice: ResumeChoice) -> ConfirmExamDialog:
    """The second question before the resume offer submits or discards the exam."""
    done = f"{session.answered_count()} of {plural(len(session.items), 'question')} answered"
    if choice == "submit":
        return ConfirmExamDialog(
            "Submit this exam now?",
            f"{done}; unanswered questions count as wrong and the score joins your trend.",
            "Submit it",
        )
    return ConfirmExamDialog(
        "Discard this exam?",
        f"{done}; the exam and its answers are deleted, with no score.",
        "Discard it",
    )


class ResumeExamDialog(ModalScreen[ResumeChoice | None]):
    """Offers an unfinished exam: resume, submit now, discard, or decide later (None).

    Resume is one key (``r``, ``enter``: it has the focus) or a click; submit and discard
    are asked once more by the caller (``confirm_resume_choice``). While the exam is open
    in another window (``seen_ago``: how long since that window's last heartbeat), the
    only choices are to take it over here (``t``) or later.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('resume')", "Resume", id="resume-exam"),
        Binding("s", "choose('submit')", "Submit now", id="resume-submit"),
        Binding("d", "choose('discard')", "Discard", id="resume-discard"),
        Binding("t", "choose('take_over')", "Take over", id="resume-take-over"),
        Binding("escape", "dismiss(None)", "Later", id="resume-later"),
    ]

    def __init__(self, session: ExamSession, seen_ago: timedelta | None = None) -> None:
        super().__init__()
        self.session = session
        self.seen_ago = seen_ago

    def compose(self) -> ComposeResult:
        """What the exam is, how far it got, and the choices."""
        if self.seen_ago is not None:
            seconds = max(0, int(self.seen_ago.total_seconds()))
            state = (
                f" It is open in another window (last seen {seconds} s ago). Take it over "
                "to go on here: that window then leaves it."
            )
        elif self.session.paused:
            state = " It is paused: Resume starts the clock again."
        else:
            state = " The clock kept running while you were away."
        with Vertical(id="exam-resume", classes="exam-dialog"):
            yield Static("You have an unfinished mock exam", classes="title")
            yield Static(plain(exam_summary(self.session) + "." + state))
            with Horizontal(classes="buttons"):
                for choice, label, variant in self.choices():
                    yield Button(label, id=choice, variant=variant, compact=True)
                yield Button("Later (esc)", id="later", compact=True)

    def on_mount(self) -> None:
        """``enter`` resumes; it never takes an exam from another window (only ``t`` does)."""
        if self.seen_ago is not None:
            self.query_one("#later", Button).focus()

    def choices(self) -> list[tuple[ResumeChoice, str, ButtonVariant]]:
        """The choices offered now: id, button label, look."""
        if self.seen_ago is not None:
            return [("take_over", "Take over here (t)", "warning")]
        return [
            ("resume", "Resume (r)", "primary"),
            ("submit", "Submit now (s)", "default"),
            ("discard", "Discard (d)", "error"),
        ]

    def action_choose(self, choice: ResumeChoice) -> None:
        """Dismiss with a choice, if it is offered now."""
        if any(offered == choice for offered, _, _ in self.choices()):
            self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(None if choice == "later" else choice)  # type: ignore[arg-type]
