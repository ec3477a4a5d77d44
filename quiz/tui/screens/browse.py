"""The question browser: every question in a table, searched as you type, filtered and
sorted; enter opens a question's page, and what is shown can be practised, drilled or
taken as a mock exam."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Key, ScreenResume
from textual.widgets import Footer, Header, Input, Static

from quiz.browse import (
    SAVED_FILTERS_KEY,
    Catalog,
    Column,
    Filter,
    Row,
    saved_filters,
    silent_columns,
)
from quiz.exam import paced_config
from quiz.scope import level_label
from quiz.search import fold, highlights, question_text, terms
from quiz.study import Mode
from quiz.text import markdown_words
from quiz.tui.plain import plain, shown
from quiz.tui.screens.base import WORKING, QuizScreen
from quiz.tui.widgets.row_table import RowTable, TableColumn
from quiz.words import noun, percent, plural, span

SNIPPET_BEFORE = 30
"""Characters shown before the first match in the preview of the highlighted question."""
SNIPPET_LENGTH = 400
"""Characters of the preview at most (it shows two lines of them)."""
COLUMN_LABELS = {
    Column.KEY: "ID",
    Column.BANK: "Bank",
    Column.LEVEL: "Lvl",
    Column.DOMAIN: "Domain",
    Column.TAGS: "Tags",
    Column.STATUS: "Status",
    Column.ACCURACY: "Acc",
    Column.SEEN: "Seen",
    Column.DUE: "Due",
}
QUESTION_COLUMN = "question"
COLUMN_PRIORITY = [
    Column.KEY,
    QUESTION_COLUMN,
    Column.STATUS,
    Column.ACCURACY,
    Column.DUE,
    Column.TAGS,
    Column.SEEN,
]
"""The columns kept first when the terminal is narrow (then the others, in order)."""
QUESTION_WIDTH = 24
"""The first words' column is never narrower (it is how rows are told apart); it gets
twice that before the other columns grow to their longest value."""
MAX_WIDTHS = {Column.KEY: 16, Column.BANK: 14, Column.DOMAIN: 16, Column.TAGS: 18}


def row_cells(row: Row, now: datetime, query: str, match: Style) -> list[Text]:
    """The cells of one row as plain text (record text is never markup)."""
    seen = row.last_seen
    due = row.due
    if due is None:
        due_text = "—"
    else:
        due_text = "now" if due <= now else span((due - now).total_seconds() / 86400)
    first_words = Text(shown(row.info.first_words))
    for start, end in highlights(first_words.plain, query) if query else ():
        first_words.stylize(match, start, end)
    return [
        Text(shown(row.info.id)),
        Text(shown(row.info.bank)),
        Text(shown(level_label(row.info.level))),
        Text(shown(row.domain)),
        Text(shown(", ".join(row.info.tags))),
        Text(row.status_word),
        Text(percent(row.accuracy), justify="right"),
        Text(span((now - seen).total_seconds() / 86400) if seen else "—", justify="right"),
        Text(due_text, justify="right"),
        first_words,
    ]


def snippet(text: str, query: str) -> tuple[str, list[tuple[int, int]]]:
    """The part of a question's text around the query's first match, on one line, with
    where the matches are in it."""
    flat = " ".join(text.split())
    spans = highlights(flat, query)
    start = max(spans[0][0] - SNIPPET_BEFORE, 0) if spans else 0
    cut = flat[start : start + SNIPPET_LENGTH]
    prefix = "…" if start else ""
    shifted = [(a - start + len(prefix), b - start + len(prefix)) for a, b in spans if a >= start]
    return prefix + cut, shifted


class SearchLine(Input):
    """The browser's search line: letters are typed, ctrl+f opens the filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "filter", "Filter", id="browse-filter-search"),
    ]

    def action_filter(self) -> None:
        """The browser's filter (its ``f`` types a letter here)."""
        screen = self.screen
        if isinstance(screen, BrowserScreen):
            screen.action_filter()


TABLE_ACTIONS = {"search", "filter", "sort", "reverse", "these", "exam"}
"""The actions whose keys are letters: they work from the table, and the search line
types the letter instead."""


class BrowserScreen(QuizScreen[None]):
    """Search, filter and sort the bank; open a question; study what is shown."""

    HELP = """\
# Browse and search

Type to search the stem, options, analysis and your notes: every word must be found,
in any case; Chinese is found inside a sentence (`記憶法`). Matches are highlighted.

- **↓** or **enter** goes from the search to the table; **/** goes back to the search
  (its text stays: type to add to it, **ctrl+u** clears it). Letters typed in the search
  are search text: the one-letter keys below work from the table.
- **↑ ↓**, **page up/down**, **home/end** move in the table; **enter** (or a click on the
  highlighted row) opens the question's page: the whole question and analysis, your
  history on it, when it comes back for review, and its source files.
- **f** (or **ctrl+f**, from the search too) filters by bank, level, domain, tag and
  status (new, due, missed last time, leech, bookmarked, suspended, disputed, noted,
  doubtful) and keeps filters under a name.
- **s** sorts by the next column, **S** reverses the order; a click on a column's name
  sorts by it; the arrow in the header and the line above the table say the sort.
- A column that says nothing is left out: empty on every question (no accuracy, last
  seen or due date before the first answer) or the same on all (one bank, one domain).
  On a narrow terminal the question's first words stay; the least useful columns go.
- **p** practises the questions shown, **d** drills them, **e** offers a mock exam drawn
  from them (2 minutes a question, at most 60; **y** starts it, **escape** does not).

Status: the first of *suspended, leech, due, missed, new* that applies, else *seen*;
★ bookmarked, ✎ you wrote a note, ⚑ the community disputes the answer, ◌ repaired from a
damaged file with some characters chosen with doubt (the status filter has *doubtful*).
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="browse-search", tooltip="Type to search"),
        Binding("f", "filter", "Filter", id="browse-filter", tooltip="Filter the questions"),
        Binding("ctrl+f", "filter", "Filter", id="browse-filter-anywhere", show=False),
        Binding("s", "sort", "Sort", id="browse-sort", tooltip="Sort by the next column"),
        Binding("S", "reverse", "Reverse", id="browse-reverse", show=False),
        Binding("p", "these('practice')", "Practise", id="browse-practice"),
        Binding("d", "these('drill')", "Drill", id="browse-drill"),
        Binding("e", "exam", "Exam", id="browse-exam", tooltip="A mock exam of these"),
        Binding("escape", "back", "Back", id="back", tooltip="Back to home"),
    ]

    DEFAULT_CSS = """
    BrowserScreen {
        & > #browse-query { margin: 1 1 0 1; }
        & > #browse-status { padding: 0 1; height: 1; }
        & > #browse-table { height: 1fr; }
        & > #browse-preview { height: 2; padding: 0 1; color: $text-muted; }
    }
    """

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.filter = Filter(query=query)
        self.sort = Column.KEY
        self.descending = False
        self.catalog: Catalog | None = None
        self.shown_rows: list[Row] = []

    def compose(self) -> ComposeResult:
        """The search line, the filter and count, the table and the preview."""
        yield Header()
        yield SearchLine(
            self.filter.query,
            compact=True,
            select_on_focus=False,
            placeholder="Search the questions and your notes…  (↓ to the list)",
            id="browse-query",
        )
        yield Static(WORKING, id="browse-status")
        yield RowTable(self._columns([]), self._cells, id="browse-table")
        yield Static(id="browse-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Browse"
        self._prepare_search()

    def _prepare_search(self) -> None:
        """Build the bank's search index ahead of the first search, in a worker."""
        from quiz.search import prepare

        bank = self.quiz.bank
        self.run_worker(lambda: prepare(bank), thread=True, group="browse-prepare")

    @on(ScreenResume)
    def load(self) -> None:
        """(Re)read the person's progress, then show what the filter matches."""
        bank, store, now = self.quiz.bank, self.store, self.quiz.now()
        self.store_work(lambda: Catalog(bank, store, now), self._loaded)

    def _loaded(self, catalog: Catalog) -> None:
        self.catalog = catalog
        table = self.query_one(RowTable)
        table.set_columns(self._columns(catalog.rows))
        if not catalog.rows:
            table.focus()  # (nothing to search)
        self.refilter()

    # ------------------------------------------------------------ the table

    def _columns(self, rows: list[Row]) -> list[TableColumn]:
        """The table's columns that say something about the bank: as wide as their label
        with the sort arrow, and as their longest value when there is room (within limits
        when there is not)."""
        order = [*COLUMN_PRIORITY, *(c for c in Column if c not in COLUMN_PRIORITY)]
        silent = silent_columns(rows) if rows else set()
        columns = []
        for column in Column:
            if column in silent:
                continue
            label = len(COLUMN_LABELS[column]) + 2  # (" ↑")
            full = max((cell_len(self._text(column, row)) for row in rows), default=0)
            width = min(full, MAX_WIDTHS.get(column, full))
            width = max(label, width, {Column.STATUS: 11}.get(column, 4))
            priority = order.index(column)
            columns.append(
                TableColumn(column.value, COLUMN_LABELS[column], width, False, priority, full)
            )
        question = TableColumn(
            QUESTION_COLUMN,
            "Question",
            QUESTION_WIDTH,
            True,
            order.index(QUESTION_COLUMN),
            2 * QUESTION_WIDTH,
        )
        return [*columns, question]

    @staticmethod
    def _text(column: Column, row: Row) -> str:
        info = row.info
        texts = {
            Column.KEY: info.id,
            Column.BANK: info.bank,
            Column.DOMAIN: row.domain,
            Column.TAGS: ", ".join(info.tags),
        }
        return texts.get(column, "")

    def _cells(self, row: Row) -> list[Text]:
        table = self.query_one(RowTable)
        cells = row_cells(row, self.quiz.now(), self.filter.query, table.match_style())
        shown_columns = {column.name for column in table.columns}
        names = [*(c.value for c in Column), QUESTION_COLUMN]
        return [cell for name, cell in zip(names, cells, strict=True) if name in shown_columns]

    def refilter(self) -> None:
        """Show what the filter matches (worked out in a worker), keeping the cursor on
        the highlighted question when it is still shown."""
        catalog = self.catalog
        if catalog is None:
            return
        current = self.query_one(RowTable).current
        keep = current.key if current else None
        chosen, sort, descending = self.filter, self.sort, self.descending
        self.store_work(
            lambda: catalog.matching(chosen, sort, descending),
            lambda rows: self._show(rows, keep),
        )

    def _show(self, rows: list[Row], keep: str | None) -> None:
        self.shown_rows = rows
        table = self.query_one(RowTable)
        at = next((i for i, row in enumerate(rows) if row.key == keep), 0)
        arrow = " ↓" if self.descending else " ↑"
        table.header_marks = {self.sort.value: arrow}
        table.set_rows(rows, at)  # (the cursor it sets posts Highlighted: the preview follows)
        self._show_status()

    def _show_status(self) -> None:
        total = len(self.catalog.rows) if self.catalog else 0
        count = len(self.shown_rows)
        if not total:
            line = Content.assemble(
                ("No questions yet. ", "b"), "Import a bank with `quiz import FOLDER`."
            )
        else:
            arrow = "↓" if self.descending else "↑"
            sorted_by = f" · sorted by {COLUMN_LABELS[self.sort]} {arrow}"
            if self.filter.is_everything:
                line = Content(plural(total, "question") + sorted_by)
            else:
                matched = f"{count:,} of {total:,} {noun(total, 'question')}"
                hint = "  · ^f filter" if count else "  · nothing matches: ^f or / to change"
                line = Content.assemble(
                    (matched, "b"), " · ", plain(self.filter.describe()), sorted_by, (hint, "dim")
                )
        self.query_one("#browse-status", Static).update(line, layout=False)

    @on(RowTable.Highlighted)
    def _show_preview(self) -> None:
        """The highlighted question's key and the text around the first match."""
        preview = self.query_one("#browse-preview", Static)
        row = self.query_one(RowTable).current
        if row is None:
            preview.update("", layout=False)
            return
        query = self.filter.query
        text = row.info.first_words
        if terms(query):
            whole = question_text(self.quiz.bank.question(row.key))
            note = self.catalog.notes.get(row.key, "") if self.catalog else ""
            found = all(word in fold(whole) for word in terms(query))
            text = whole if found or not note else f"✎ {note}"
        line, spans = snippet(shown(markdown_words(text)), query)
        parts: list[Content | tuple[str, str]] = [plain(row.key, "b"), Content("  ")]
        at = 0
        for start, end in spans:
            parts += [plain(line[at:start]), (line[start:end], "b reverse")]
            at = end
        parts.append(plain(line[at:]))
        preview.update(Content.assemble(*parts), layout=False)

    # ------------------------------------------------------------ search

    @on(Input.Changed, "#browse-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.filter = replace(self.filter, query=event.value)
        self.refilter()

    @on(Input.Submitted, "#browse-query")
    def _to_table(self) -> None:
        self.query_one(RowTable).focus()

    def on_key(self, event: Key) -> None:
        """Down from the search goes to the table."""
        if event.key == "down" and self.focused is self.query_one(Input):
            event.stop()
            self.query_one(RowTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that are letters are not shown (nor run) while the search line types."""
        return not (action in TABLE_ACTIONS and isinstance(self.focused, Input))

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_search(self) -> None:
        """Go to the search line."""
        self.query_one(Input).focus()

    def action_back(self) -> None:
        """From the search line to the table; from the table back home."""
        if self.focused is self.query_one(Input):
            self.query_one(RowTable).focus()
        else:
            self.dismiss()

    # ------------------------------------------------------------ sort and filter

    def action_sort(self) -> None:
        """Sort by the next column shown."""
        names = {column.name for column in self.query_one(RowTable).columns}
        columns = [c for c in Column if c.value in names or c == self.sort]
        self.sort = columns[(columns.index(self.sort) + 1) % len(columns)]
        self.descending = False
        self.refilter()

    def action_reverse(self) -> None:
        """Reverse the order."""
        self.descending = not self.descending
        self.refilter()

    @on(RowTable.HeaderClicked)
    def _header_clicked(self, event: RowTable.HeaderClicked) -> None:
        if event.column == QUESTION_COLUMN:
            return
        column = Column(event.column)
        self.descending = not self.descending if column == self.sort else False
        self.sort = column
        self.refilter()

    def action_filter(self) -> None:
        """Choose banks, levels, domains, tags and statuses; keep a filter by name."""
        from quiz.settings import SettingsError, load_settings
        from quiz.tui.screens.browse_filter import FilterScreen

        if self.catalog is None:
            return
        self.filter = replace(self.filter, query=self.query_one(Input).value)  # (as typed)
        try:
            saved = saved_filters(load_settings(self.quiz.settings_path).get(SAVED_FILTERS_KEY))
        except SettingsError as error:
            self.notify(f"Saved filters not read: {error}", severity="warning")
            saved = []

        def chosen(picked: Filter | None) -> None:
            if picked is not None:
                self.filter = picked
                query = self.query_one(Input)
                with query.prevent(Input.Changed):
                    query.value = picked.query
                self.refilter()

        self.app.push_screen(FilterScreen(self.filter, self.catalog.facet_values(), saved), chosen)

    # ------------------------------------------------------------ open and study

    @on(RowTable.Selected)
    def _open(self) -> None:
        from quiz.tui.screens.question_page import QuestionPageScreen

        row = self.query_one(RowTable).current
        if row is not None:
            self.app.push_screen(QuestionPageScreen(row.key))

    def _these(self) -> list[Row]:
        if not self.shown_rows:
            self.notify("No question is shown: change the search or the filter", timeout=3)
        return self.shown_rows

    def action_these(self, mode: str) -> None:
        """Practise or drill the questions shown."""
        rows = self._these()
        if rows:
            infos = [row.info for row in rows]
            what = self.filter.describe()
            self.quiz.start_plan(lambda study: study.these(Mode(mode), infos, what))

    def action_exam(self) -> None:
        """A mock exam drawn from the questions shown, once the person says yes (after the
        offer of an unfinished exam, if there is one)."""
        from quiz.tui.screens.exam_dialogs import ConfirmExamDialog
        from quiz.tui.screens.exam_run import ExamScreen, open_new_exam
        from quiz.tui.screens.exam_start import offer_unfinished

        rows = self._these()
        if not rows:
            return
        if any(isinstance(screen, ExamScreen) for screen in self.app.screen_stack):
            self.notify("A mock exam is already open: finish or leave it first.")
            return
        config = replace(paced_config(len(rows)), seed=self.quiz.rng.randrange(2**31))
        infos = [row.info for row in rows]
        confirm = ConfirmExamDialog(
            f"Mock exam of {plural(config.count, 'question')} in {config.minutes} minutes "
            "from the questions shown?",
            "The clock starts at once; you may pause it (escape).",
            "Start",
            variant="primary",
        )

        def start(yes: bool | None) -> None:
            if yes:
                open_new_exam(self.quiz, config, self.app.push_screen, infos)

        def ask() -> None:
            self.app.push_screen(confirm, start)

        offer_unfinished(self.quiz, otherwise=ask)
