"""Bookmarked and suspended questions: list them, study the bookmarks, take a flag back."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from quiz.study import Study
from quiz.tui.plain import plain_text
from quiz.tui.screens.base import QuizScreen

STEM_WIDTH = 50


class MarkedScreen(QuizScreen[None]):
    """Two lists: the bookmarked questions and the suspended ones."""

    HELP = """\
# Bookmarks and suspended questions

**Bookmarked** lists the questions you starred with **m** while practising; **s** studies
them. **Suspended** lists the questions you took out of the rotation with **x**.
On either list, **x** or **enter** (or a double click) takes the highlighted question's
flag back: the bookmark is removed, or the question is asked again. Switch lists with
**1** and **2**, or a click on the tab.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "study", "Study marked", id="study-marked", tooltip="Study the bookmarks"),
        Binding("x", "unflag", "Unmark", id="unflag", tooltip="Take the flag back"),
        Binding("1", "tab('bookmarked')", "Bookmarked", id="tab-bookmarked", show=False),
        Binding("2", "tab('suspended')", "Suspended", id="tab-suspended", show=False),
        Binding("escape,q", "app.pop_screen", "Back", id="back", tooltip="Back to home"),
    ]

    FLAGS: ClassVar[dict[str, str]] = {"bookmarked": "bookmarks", "suspended": "suspended"}

    def compose(self) -> ComposeResult:
        """A tab per list."""
        yield Header()
        with TabbedContent(id="marked-tabs"):
            for tab in self.FLAGS:
                with TabPane(f"{tab.capitalize()} [{1 + list(self.FLAGS).index(tab)}]", id=tab):
                    yield Static(id=f"{tab}-empty", classes="empty")
                    yield DataTable(id=f"{tab}-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Fill both lists."""
        self.sub_title = "Bookmarks & suspended"
        for tab in self.FLAGS:
            table = self.query_one(f"#{tab}-table", DataTable)
            table.add_column("Question", key="key")
            table.add_column("Starts", key="stem")
        self.load()

    def load(self) -> None:
        """(Re)read both lists from the progress database."""
        study = self.quiz.study
        lists = self.quiz.store_value(
            lambda: {
                "bookmarked": study.bookmarked_questions(),
                "suspended": study.suspended_questions(),
            },
            None,
        )
        if lists is None:
            return
        empty = {
            "bookmarked": "No bookmarks yet: press m on a question while practising.",
            "suspended": "No suspended questions: x on a question takes it out of the rotation.",
        }
        for tab, questions in lists.items():
            table = self.query_one(f"#{tab}-table", DataTable)
            table.clear()
            for question in questions:
                table.add_row(
                    plain_text(question.key),
                    plain_text(question.preview(STEM_WIDTH)),
                    key=question.key,
                )
            table.display = bool(questions)
            note = self.query_one(f"#{tab}-empty", Static)
            note.update(empty[tab])
            note.display = not questions
        self._focus_list()

    @on(TabbedContent.TabActivated, "#marked-tabs")
    def _focus_list(self) -> None:
        """The shown list takes the keys (enter, arrows) when it has rows."""
        tab = self.query_one("#marked-tabs", TabbedContent).active
        table = self.query_one(f"#{tab}-table", DataTable)
        if table.row_count:
            table.focus()

    def action_tab(self, tab: str) -> None:
        """Show one of the lists."""
        self.query_one("#marked-tabs", TabbedContent).active = tab

    def action_study(self) -> None:
        """Study the bookmarked questions."""
        self.quiz.start_plan(Study.bookmarked)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_unflag()

    def action_unflag(self) -> None:
        """Remove the highlighted bookmark, or put the highlighted question back in rotation."""
        tab = self.query_one("#marked-tabs", TabbedContent).active
        table = self.query_one(f"#{tab}-table", DataTable)
        if not table.row_count:
            self.notify(f"No {tab} questions", timeout=2)
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        flag = self.FLAGS[tab]
        study = self.quiz.study

        def done(_: object) -> None:
            said = "bookmark removed" if flag == "bookmarks" else "back in the rotation"
            self.notify(f"{key}: {said}", timeout=3)
            self.load()

        self.quiz.store_call(lambda: study.set_flag(flag, key, False), done)
