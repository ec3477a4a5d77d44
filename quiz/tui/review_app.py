"""``quiz repair --review``: a person walks the repair's doubtful choices, most doubtful
first, and decides each (the rules live in ``quiz.repair.review``; this is the screen)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from quiz.names import path_text
from quiz.repair.review import Review, line_of
from quiz.tui.plain import plain

HINTS = (
    "enter accept · 1-9 or click pick · t type the right character · u undo · "
    "A accept the rest · q quit"
)


class TypeChar(ModalScreen[str | None]):
    """``t``: the next character typed is the right one (esc: never mind)."""

    def compose(self) -> ComposeResult:
        yield Static("Type the right character (esc: cancel)", id="type-prompt")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        if event.key == "escape":
            self.dismiss(None)
        elif event.character and len(event.character) == 1 and event.character.isprintable():
            self.dismiss(event.character)


class AskWrite(ModalScreen[bool | None]):
    """Quitting: write what was decided (y), write nothing (n), or go on (esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes", tooltip="Use the choices decided"),
        Binding("n", "dismiss(False)", "No", tooltip="Quit, nothing written"),
        Binding("escape", "dismiss(None)", "Go on", tooltip="Back to the review"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(self.question, id="ask")
        yield Footer()


class ReviewApp(App[list[str] | None]):
    """Returns the texts to write (every file of the batch), or None to write nothing."""

    CSS = """
    #where, #hints, #status { color: $text-muted; }
    #line { margin: 1 0; }
    #candidates { height: auto; max-height: 14; }
    TypeChar, AskWrite { align: center middle; }
    #type-prompt, #ask { width: auto; padding: 1 2; border: round $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "Accept", tooltip="Keep the highlighted candidate"),
        Binding("1", "pick(1)", "Pick", key_display="1-9", tooltip="Pick candidate 1-9"),
        *(Binding(str(rank), f"pick({rank})", show=False) for rank in range(2, 10)),
        Binding("t", "type", "Type", tooltip="Type the right character"),
        Binding("u", "undo", "Undo", tooltip="Take back the last decision"),
        Binding("A", "accept_rest", "Accept rest", tooltip="Keep the repair's choice for all left"),
        Binding("escape,q", "quit_review", "Quit", tooltip="Quit, asking whether to write"),
    ]

    def __init__(self, paths: Sequence[Path], review: Review, verb: str = "write") -> None:
        super().__init__()
        self.paths = list(paths)
        self.review = review
        self.verb = verb
        """What enter does with the files: ``write`` (``quiz repair``) or ``import``."""

    def compose(self) -> ComposeResult:
        yield Static(id="where")
        yield Static(id="line")
        yield OptionList(id="candidates")
        yield Static(id="status")
        yield Static(HINTS, id="hints")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self, said: str = "") -> None:
        """Draw the spot to decide now (or that all are decided)."""
        review, spot = self.review, self.review.current
        where, line = self.query_one("#where", Static), self.query_one("#line", Static)
        options = self.query_one("#candidates", OptionList)
        options.clear_options()
        decided = len(review.decisions)
        counts = f"{decided} of {len(review.queue)} decided, {review.settled} settled by your picks"
        self.query_one("#status", Static).update(plain(f"{said}  {counts}".strip()))
        if spot is None:
            self.set_focus(None)  # enter is the app's: write
            where.update(plain("All choices decided."))
            line.update(plain(f"enter {self.verb}s the files, u undoes, q quits."))
            return
        uncertain = spot.uncertain
        path = self.paths[spot.file]
        sure = f"({uncertain.confidence:.0%} sure)"
        where.update(plain(f"{path_text(path)}:{uncertain.line}:{uncertain.column}  {sure}"))
        column, text = line_of(review.results[spot.file].text, spot.offset)
        end = column + len(uncertain.chosen)
        line.update(
            Content.assemble(
                plain(text[:column]), plain(text[column:end], "reverse bold"), plain(text[end:])
            )
        )
        for rank, (char, chance) in enumerate(uncertain.candidates, 1):
            number = str(rank) if rank <= 9 else " "
            options.add_option(Option(plain(f"{number}  {char}  {chance:.0%}"), id=str(rank)))
        if uncertain.candidates:
            options.highlighted = 0
            options.focus()
        else:  # nothing decodes here: enter keeps the damaged text, t types the right one
            self.set_focus(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click or enter on a candidate picks it."""
        event.stop()
        self.action_pick(int(event.option_id or "1"))

    def action_accept(self) -> None:
        if self.review.current is None:
            self.exit(self.review.texts())
            return
        self.decided(self.review.accept())

    def action_pick(self, rank: int) -> None:
        if self.review.current is None:
            return
        if rank == 1:
            self.decided(self.review.accept())
            return
        try:
            self.decided(self.review.pick(rank))
        except ValueError as error:
            self.show(str(error))

    def action_type(self) -> None:
        if self.review.current is not None:
            self.push_screen(TypeChar(), self.typed)

    def typed(self, char: str | None) -> None:
        if char is not None and self.review.current is not None:
            self.decided(self.review.type(char))

    def action_undo(self) -> None:
        self.show("Undone." if self.review.undo() else "Nothing to undo.")

    def action_accept_rest(self) -> None:
        self.show(f"Kept the repair's choice for {self.review.accept_rest()} left.")

    def action_quit_review(self) -> None:
        decided = len(self.review.decisions)
        question = (
            f"{self.verb.capitalize()} the files with the {decided} choices decided "
            f"(the others as repaired)? y yes · n no, {self.verb} nothing · esc go on"
        )
        self.push_screen(AskWrite(question), self.asked)

    def asked(self, write: bool | None) -> None:
        if write is not None:
            self.exit(self.review.texts() if write else None)

    def decided(self, settled: int) -> None:
        self.show(f"{settled} later choices settled the same way." if settled else "")


def review_texts(paths: Sequence[Path], review: Review, verb: str = "write") -> list[str] | None:
    """Run the review in the terminal; the texts to write (or import), or None."""
    return ReviewApp(paths, review, verb).run()
