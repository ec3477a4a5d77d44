"""The note editor: a person's note on one question, kept in the progress database."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from quiz.tui.plain import plain, shown

if TYPE_CHECKING:
    from quiz.tui.screens.base import QuizScreen
    from quiz.tui.widgets import QuestionCard


class NoteArea(TextArea):
    """A ``TextArea`` that never draws a control character: what is typed or pasted gets
    its line breaks as ``\n`` and any other control character as a symbol."""

    def edit(self, edit: Edit) -> EditResult:
        """Make the edit's text safe to draw, then apply it."""
        edit.text = shown(edit.text.replace("\r\n", "\n").replace("\r", "\n"))
        return super().edit(edit)


class NoteScreen(ModalScreen[str | None]):
    """Edit the note on a question; dismisses with the text to keep (``""`` deletes the
    note), or None when cancelled. A stored control character is edited as its symbol."""

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    #note-dialog {
        width: 74; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #note-text { height: 10; }
    #note-dialog .buttons { height: auto; margin-top: 1; }
    #note-dialog Button { margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note-cancel", priority=True),
    ]

    def __init__(self, question_key: str, text: str) -> None:
        super().__init__()
        self.question_key = question_key
        self.text = text

    def compose(self) -> ComposeResult:
        """The question's key, the text and two buttons."""
        with Vertical(id="note-dialog"):
            yield Static(Content.assemble(("Your note on ", "b"), plain(self.question_key, "b")))
            yield NoteArea(shown(self.text), id="note-text", soft_wrap=True)
            yield Static("Empty the text to delete the note.", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button("Save \\[ctrl+s]", id="note-save-button", variant="primary")
                yield Button("Cancel \\[esc]", id="note-cancel-button")

    def on_mount(self) -> None:
        """Type at once, at the end of the note."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(Button.Pressed, "#note-save-button")
    def action_save(self) -> None:
        """Keep the text as typed."""
        self.dismiss(self.query_one(TextArea).text)

    @on(Button.Pressed, "#note-cancel-button")
    def action_cancel(self) -> None:
        """Leave the note as it was."""
        self.dismiss(None)


def edit_note(screen: QuizScreen[None], question_key: str, card: QuestionCard) -> None:
    """Open the editor on a question's note; a saved note is stored at once and shown
    under the card's analysis."""
    quiz = screen.quiz
    current: str | None = quiz.store_value(lambda: screen.store.note(question_key), None)
    if current is None:
        return

    def save(text: str | None) -> None:
        if text is None or text == shown(current):
            return
        now = quiz.now()
        quiz.store_call(
            lambda: screen.store.set_note(question_key, text, now),
            lambda _: screen.call_later(card.set_note, text if text.strip() else ""),
        )

    quiz.push_screen(NoteScreen(question_key, current), save)
