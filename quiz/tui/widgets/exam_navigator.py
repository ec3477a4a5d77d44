"""The exam navigator: question numbers marked answered, partly answered, unanswered,
flagged and current."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from quiz.exam import ExamItem, Progress

CELL_WIDTH = 6
ANSWERED_MARK = "●"
PARTLY_MARK = "◐"
UNANSWERED_MARK = "○"
MARKS: dict[Progress, str] = {
    "answered": ANSWERED_MARK,
    "partly": PARTLY_MARK,
    "unanswered": UNANSWERED_MARK,
}
FLAG_MARK = "⚑"


@dataclass(frozen=True)
class CellState:
    """What the navigator shows for one question (never whether it is right)."""

    progress: Progress
    flagged: bool


def cell_states(items: Iterable[ExamItem]) -> list[CellState]:
    """What the navigator shows for each question of an exam."""
    return [CellState(item.progress, item.flagged) for item in items]


def legend() -> str:
    """One line explaining the marks."""
    return (
        f"{ANSWERED_MARK} answered  {PARTLY_MARK} partly answered  "
        f"{UNANSWERED_MARK} unanswered  {FLAG_MARK} flagged"
    )


class ExamNavigator(Widget, can_focus=True):
    """A grid of question numbers; arrows move the cursor, enter or a click jumps.

    With ``compact=True`` it shows only the row holding the cursor (the strip above
    a question) and is not focusable, so it never takes the exam's keys.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "exam-navigator--answered",
        "exam-navigator--partly",
        "exam-navigator--unanswered",
        "exam-navigator--flagged",
        "exam-navigator--cursor",
    }
    """Styles of the cells: answered, partly answered, unanswered, flagged, and the cursor."""

    DEFAULT_CSS = """
    ExamNavigator { height: auto; }
    ExamNavigator > .exam-navigator--answered { color: $primary; text-style: bold; }
    ExamNavigator > .exam-navigator--partly { color: $primary; }
    ExamNavigator > .exam-navigator--unanswered { color: $text-muted; }
    ExamNavigator > .exam-navigator--flagged { color: $warning; text-style: bold; }
    ExamNavigator > .exam-navigator--cursor { background: $accent; color: $text; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
        Binding("enter", "jump", "Go to question", id="navigator-jump", tooltip="Show it"),
    ]

    cursor: reactive[int] = reactive(0)
    """The highlighted question (0-based)."""

    class Jump(Message):
        """The person chose a question to go to."""

        def __init__(self, navigator: ExamNavigator, position: int) -> None:
            super().__init__()
            self.navigator = navigator
            self.position = position

        @property
        def control(self) -> ExamNavigator:
            """The navigator that sent the message."""
            return self.navigator

    def __init__(
        self,
        states: Sequence[CellState],
        cursor: int = 0,
        *,
        columns: int = 10,
        compact: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.states = list(states)
        self.columns = columns
        self.compact = compact
        if compact:
            self.can_focus = False
        self.set_reactive(ExamNavigator.cursor, cursor)

    def update_states(self, states: Sequence[CellState], cursor: int) -> None:
        """Show new states and move the cursor."""
        self.states = list(states)
        self.cursor = cursor
        self.refresh()

    def _rows(self) -> range:
        count = max(1, -(-len(self.states) // self.columns))
        if self.compact:
            row = self.cursor // self.columns
            return range(row, row + 1)
        return range(count)

    def render(self) -> Text:
        """The cells, ``columns`` per line."""
        styles = {
            name: self.get_component_rich_style(f"exam-navigator--{name}")
            for name in ("answered", "partly", "unanswered", "flagged", "cursor")
        }
        text = Text(no_wrap=True, overflow="crop")
        for row in self._rows():
            if row != self._rows().start:
                text.append("\n")
            for position in range(row * self.columns, (row + 1) * self.columns):
                if position >= len(self.states):
                    break
                state = self.states[position]
                mark = MARKS[state.progress]
                cell = f"{position + 1:>3}{mark}{FLAG_MARK if state.flagged else ' '} "
                style = styles["flagged" if state.flagged else state.progress]
                if position == self.cursor:
                    style = style + styles["cursor"]
                text.append(cell, style)
        return text

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as a full row of cells."""
        return self.columns * CELL_WIDTH

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per row of cells."""
        return len(self._rows())

    def action_move(self, rows: int, columns: int) -> None:
        """Move the cursor by rows and columns, staying on the grid."""
        target = self.cursor + rows * self.columns + columns
        if 0 <= target < len(self.states):
            self.cursor = target

    def action_jump(self) -> None:
        """Go to the question under the cursor."""
        self.post_message(self.Jump(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        """Go to the clicked question."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self._rows().start + offset.y
        position = row * self.columns + offset.x // CELL_WIDTH
        if 0 <= position < len(self.states) and offset.x < self.columns * CELL_WIDTH:
            self.cursor = position
            self.post_message(self.Jump(self, position))
