"""Shown when the progress database cannot be used: back it up and start fresh, or quit;
and when a write fails for a while (the disk is full): retry, or go on without saving."""

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
    """Explains what is wrong; dismisses with True to back up and start fresh.

    ``can_reset`` is False when a fresh file would not help (it is read-only, or the data
    dir cannot be written): then the only way out is to quit and fix it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "choose(True)", "Back up & start fresh", id="reset-database"),
        Binding("q,escape", "choose(False)", "Quit", id="keep-database"),
    ]

    def __init__(self, message: str, *, can_reset: bool = True) -> None:
        super().__init__()
        self.message = message
        self.can_reset = can_reset

    def compose(self) -> ComposeResult:
        """The problem, what the choices do, and the buttons."""
        with Vertical(id="database-dialog"):
            yield Static("Your progress database cannot be opened", classes="title")
            yield Static(plain(self.message), id="database-message")
            if self.can_reset:
                yield Static(
                    "Back up & start fresh moves the old file aside (nothing is deleted) and "
                    "opens an empty one. Quit leaves it untouched (e.g. to upgrade quiz).",
                    classes="muted",
                )
            else:
                yield Static(
                    "quiz needs to write to it: quit, fix the permissions, and start quiz "
                    "again. Nothing has been changed.",
                    classes="muted",
                )
            with Horizontal(classes="buttons"):
                if self.can_reset:
                    yield Button("Back up & start fresh \\[b]", id="reset", variant="warning")
                yield Button("Quit \\[q]", id="quit")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No back-up key when backing up cannot help."""
        return not (action == "choose" and parameters == (True,) and not self.can_reset)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "reset")

    def action_choose(self, reset: bool) -> None:
        """Close with the person's choice."""
        self.dismiss(reset and self.can_reset)


class StoreWriteScreen(ModalScreen[bool]):
    """A change could not be saved (the disk is full); dismisses with True to retry it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,enter", "choose(True)", "Retry", id="retry-write"),
        Binding("escape", "choose(False)", "Not now", id="skip-write"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        """The problem, what is kept, and two buttons."""
        with Vertical(id="database-dialog"):
            yield Static("Your last change is not saved", classes="title")
            yield Static(plain(self.message), id="database-message")
            yield Static(
                "Everything saved before is kept. Free some space, then retry; "
                "“Not now” goes back to where you were, still unsaved.",
                classes="muted",
            )
            with Horizontal(classes="buttons"):
                yield Button("Retry \\[r]", id="retry", variant="primary")
                yield Button("Not now \\[esc]", id="skip")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "retry")

    def action_choose(self, retry: bool) -> None:
        """Close with the person's choice."""
        self.dismiss(retry)
