"""A table that draws only the rows on screen: thousands of rows refill in a millisecond.

Textual's ``DataTable`` builds every row when it is filled (0.8 s for 5,000 rows here);
``RowTable`` keeps the rows as they are and asks ``cells(row)`` for the ones it draws.
The first line is the header: a click on a column's name asks to sort by it. The cursor
moves with the arrows, page keys, home and end, and the mouse; enter or a click on the
highlighted row selects it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

R = TypeVar("R")


@dataclass(frozen=True)
class TableColumn:
    """A column: its name, its width (the least, for the flexible one), whether it takes
    what room is left, its priority when the table is too narrow for all (lower first;
    ties in order), and the width it takes when there is room (its longest value; for
    the flexible one, what it has before the others grow)."""

    name: str
    label: str
    width: int
    flexible: bool = False
    priority: int = 0
    full: int = 0


class RowTable(ScrollView, Generic[R], can_focus=True):
    """Rows of any kind, drawn by ``cells``; a header line and a row cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--header",
        "row-table--cursor",
        "row-table--match",
    }
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        overflow-x: hidden;
        & > .row-table--header { text-style: bold; color: $text-primary; background: $panel; }
        & > .row-table--cursor { background: $block-cursor-blurred-background; }
        &:focus > .row-table--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground;
        }
        & > .row-table--match { text-style: bold reverse; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to another row (``index``; -1 when there is none)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Selected(Message):
        """Enter, or a click on the highlighted row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class HeaderClicked(Message):
        """A click on a column's name in the header."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(
        self,
        columns: Sequence[TableColumn],
        cells: Callable[[R], Sequence[Text]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.cells = cells
        self.rows: Sequence[R] = ()
        self.header_marks: dict[str, str] = {}
        """A mark after a column's label (the sort arrow)."""
        self._widths: list[int] = []

    # ------------------------------------------------------------ content

    def set_columns(self, columns: Sequence[TableColumn]) -> None:
        """Show other columns (or the same with other widths)."""
        self.columns = list(columns)
        self._widths = []
        self.refresh()

    def set_rows(self, rows: Sequence[R], keep: int | None = None) -> None:
        """Show other rows; the cursor goes to ``keep`` (an index) or the first row."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = min(keep or 0, max(len(rows) - 1, 0))
        self.refresh()

    @property
    def current(self) -> R | None:
        """The highlighted row, if there is one."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def watch_cursor(self, cursor: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(cursor if self.rows else -1))

    def on_resize(self) -> None:
        self._widths = []
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    # ------------------------------------------------------------ drawing

    def widths(self) -> list[int]:
        """The width of every column at the table's width: the columns that do not fit
        get 0; with room to spare the others grow to their full width (the least growth
        first), then the flexible one (when its least width fits) takes what is left."""
        if self._widths:
            return self._widths
        room = self.size.width + 1  # (no space before the first column)
        widths = [0] * len(self.columns)
        by_priority = sorted(range(len(self.columns)), key=lambda at: self.columns[at].priority)
        for at in by_priority:
            column = self.columns[at]
            if column.width + 1 <= room:
                widths[at] = column.width
                room -= column.width + 1
        flexible = [at for at, c in enumerate(self.columns) if c.flexible and widths[at]]
        spare = room - sum(max(self.columns[at].full - widths[at], 0) for at in flexible)
        growing = [at for at in by_priority if widths[at] and not self.columns[at].flexible]
        for at in sorted(growing, key=lambda at: self.columns[at].full - widths[at]):
            column = self.columns[at]  # (the least growth first: the most columns shown whole)
            if spare > 0:
                grow = min(max(column.full - column.width, 0), spare)
                widths[at], room, spare = widths[at] + grow, room - grow, spare - grow
        for at in flexible:
            widths[at], room = widths[at] + room, 0
        self._widths = widths
        return widths

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            style = self.get_component_rich_style("row-table--header")
            return self._strip(self._labels(), base + style, width)
        index = self.scroll_offset.y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("row-table--cursor")
        return self._strip(list(self.cells(self.rows[index])), style, width)

    def _labels(self) -> list[Text]:
        """The header's labels, each with its mark (cut from the label, never the mark)."""
        labels = []
        for column, cell_width in zip(self.columns, self.widths(), strict=True):
            mark = self.header_marks.get(column.name, "")
            label = Text(column.label)
            room = cell_width - Text(mark).cell_len
            if mark and label.cell_len > room:
                label.truncate(max(room - 1, 0))
                label.append("…")
            labels.append(label + mark)
        return labels

    def match_style(self) -> Style:
        """The style of the parts of a cell that match a search."""
        return self.get_component_rich_style("row-table--match", partial=True)

    def _strip(self, cells: list[Text], style: Style, width: int) -> Strip:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for cell, cell_width in zip(cells, self.widths(), strict=False):
            if not cell_width:
                continue
            if line:
                line.append(" ")
            cell = cell.copy()
            if cell.justify == "right" and cell.cell_len < cell_width:
                cell.pad_left(cell_width - cell.cell_len)
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(cell)
        segments = list(line.render(self.app.console))
        segments = list(Segment.apply_style(segments, style))
        return Strip(segments).adjust_cell_length(width, style)

    # ------------------------------------------------------------ keys and mouse

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.size.height - 2, 1))

    def action_edge(self, end: int) -> None:
        if self.rows:
            self.cursor = len(self.rows) - 1 if end else 0

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self.cursor))

    def on_click(self, event: Click) -> None:
        event.stop()
        if event.y == 0:
            self._header_click(event.x)
            return
        index = self.scroll_offset.y + event.y - 1
        if not 0 <= index < len(self.rows):
            return
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.post_message(self.Selected(index))
        else:
            self.cursor = index

    def _header_click(self, x: int) -> None:
        start = 0
        for column, width in zip(self.columns, self.widths(), strict=True):
            if not width:
                continue
            if start <= x < start + width:
                self.post_message(self.HeaderClicked(column.name))
                return
            start += width + 1
