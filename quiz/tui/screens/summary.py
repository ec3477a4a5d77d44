"""The end of a session: score, time, tags missed, and retrying the missed questions."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from quiz.session import SessionSummary
from quiz.study import Mode, NothingToStudy
from quiz.tui.plain import plain
from quiz.tui.screens.base import QuizScreen
from quiz.words import percent, plural


def summary_text(summary: SessionSummary) -> Content:
    """Score, time and the tags missed most."""
    minutes, seconds = divmod(round(summary.seconds), 60)
    if not summary.answered:
        score = Content("No question answered.")
    else:
        share = percent(summary.correct / summary.answered)
        score = Content.assemble(
            (f"{summary.correct}/{summary.answered}", "b"), f" right ({share})"
        )
    tags = ", ".join(f"{tag} ×{n}" for tag, n in summary.missed_tags.most_common(6))
    return Content("\n").join(
        [
            score,
            Content(f"Time: {minutes} min {seconds:02d} s"),
            plain(f"Tags missed: {tags}") if tags else Content("Nothing missed."),
        ]
    )


class SummaryScreen(QuizScreen[None]):
    """What the session came to; **r** retries the missed questions."""

    HELP = """\
# Session summary

Your score, the time the session took and the tags of the questions you missed.
**r** starts a new session with only the missed questions; **escape** goes back to where
the session started (home, the browser, a question's page).
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry missed", id="retry", tooltip="Practise the missed ones"),
        Binding("escape,q,enter", "home", "Back", id="home", tooltip="Back to where you started"),
    ]

    def __init__(self, summary: SessionSummary, *, mode: Mode, title: str) -> None:
        super().__init__()
        self.summary = summary
        self.mode = mode
        self.title_text = title

    def compose(self) -> ComposeResult:
        """The numbers and two buttons."""
        yield Header()
        with Vertical(id="summary"):
            summary = self.summary
            ended = (
                f"ended after {summary.answered} of {summary.total}"
                if summary.ended_early
                else "done"
            )
            yield Static(plain(f"{self.title_text} — {ended}"), classes="title")
            yield Static(summary_text(self.summary), id="summary-text")
            with Horizontal(classes="buttons"):
                if self.summary.missed:
                    missed = plural(len(self.summary.missed), "missed question")
                    yield Button(f"Retry {missed} \\[r]", id="retry", variant="primary")
                yield Button("Back \\[esc]", id="summary-home")
        yield Footer()

    def on_mount(self) -> None:
        """Set the header subtitle."""
        self.sub_title = "Summary"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No retry offer (key or footer hint) when nothing was missed."""
        return bool(self.summary.missed) if action == "retry" else True

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        """A new session with the missed questions."""
        from quiz.tui.screens.practice import PracticeScreen

        try:
            plan = self.quiz.study.retry(self.summary.missed)
        except NothingToStudy as nothing:
            self.notify(str(nothing), timeout=3)
            return
        self.app.switch_screen(PracticeScreen(plan.questions, mode=plan.mode, title=plan.title))

    @on(Button.Pressed, "#summary-home")
    def action_home(self) -> None:
        """Back to the screen the session started from."""
        self.dismiss()
