"""Shown when the progress database cannot be opened: back it up and start fresh, or quit."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quiz.tui.plain import plain


class DatabaseProblemScreen(ModalScreen[bool]):
    """Explains what is wrong; dismisses with True to back up and start fresh."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "choose(True)", "Back up & start fresh", id="reset-database"),
        Binding("q,escape", "choose(False)", "Quit", id="keep-database"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        """The problem, what the choices do, and two buttons."""
        with Vertical(id="database-dialog"):
            yield Static("Your progress database cannot be opened", classes="title")
            yield Static(plain(self.message), id="database-message")
            yield Static(
                "Back up & start fresh moves the old file aside (nothing is deleted) and "
                "opens an empty one. Quit leaves it untouched (e.g. to upgrade quiz).",
                classes="muted",
            )
            with Horizontal(classes="buttons"):
                yield Button("Back up & start fresh \\[b]", id="reset", variant="warning")
                yield Button("Quit \\[q]", id="quit")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "reset")

    def action_choose(self, reset: bool) -> None:
        """Close with the person's choice."""
        self.dismiss(reset)
