"""The browser's filter: tick statuses, banks, levels, domains and tags; keep a filter
under a name, or bring a kept one back. Within a list any ticked value matches; across
lists all must (the rules are in ``quiz.browse``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import (
    Footer,
    Header,
    Input,
    OptionList,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from quiz.browse import SAVED_FILTERS_KEY, FacetValues, Filter, SavedFilter, Status, with_saved
from quiz.settings import SettingsError, save_settings
from quiz.tui.plain import plain
from quiz.tui.screens.base import QuizScreen, key_label
from quiz.tui.screens.scope import choices

LISTS = (
    ("statuses", "Status"),
    ("banks", "Bank"),
    ("levels", "Level"),
    ("domains", "Domain"),
    ("tags", "Tags"),
)
"""Each list: its facet of ``Filter`` and its tab's title (its key is its place, 1–5)."""
SAVED_TAB = "saved"


class FilterScreen(QuizScreen[Filter | None]):
    """Tick what to show; esc goes back with the filter, a kept filter's enter too."""

    HELP = """\
# Filter the questions

Each tab is a list: tick values with **space** or **enter** (or a click). Within a list any
ticked value matches (bank A *or* bank B); across lists all must (Delta-Lake *and* missed).
Nothing ticked in a list means all of it. **1**–**5** switch lists, **6** the kept filters;
**a** unticks everything; **esc** goes back to the browser with the filter.

Under **Kept filters** (**6**), enter on a kept filter brings it back; to keep this filter
(the search text too), **tab** to the name line, type a name and press enter. Up to 9 are
kept, for the next launches too.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(at), f"tab('{facet}')", title, id=f"filter-tab-{facet}", show=False)
            for at, (facet, title) in enumerate(LISTS, start=1)
        ),
        Binding("6", f"tab('{SAVED_TAB}')", "Kept", id="filter-tab-saved", show=False),
        Binding("a", "clear", "Untick all", id="filter-clear"),
        Binding("escape", "done", "Done", id="filter-done", tooltip="Back with this filter"),
    ]

    def __init__(self, chosen: Filter, values: FacetValues, saved: list[SavedFilter]) -> None:
        super().__init__()
        self.filter = chosen
        self.values = values
        self.saved = saved

    def compose(self) -> ComposeResult:
        """A tab per list, then the kept filters."""
        yield Header()
        yield Static(id="filter-summary")
        with TabbedContent(id="filter-tabs"):
            for at, (facet, title) in enumerate(LISTS, start=1):
                with TabPane(key_label(str(at), title), id=facet):
                    counts: Counter[str] = getattr(self.values, facet)
                    if facet == "statuses":
                        counts = Counter({s.value: counts[s.value] for s in Status})
                    ticked: frozenset[str] = getattr(self.filter, facet)
                    if counts or ticked:
                        yield SelectionList(*choices(counts, ticked), id=f"filter-{facet}")
                    else:
                        yield Static(f"No question has a {title.lower()}.", classes="empty")
            with TabPane(key_label("6", "Kept filters"), id=SAVED_TAB):
                yield OptionList(id="saved-filters")
                yield Input(placeholder="Keep this filter as… (a name, then enter)", id="save-as")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Filter"
        self._show_saved()
        self._show_summary()
        self.action_tab(LISTS[0][0])

    def _show_saved(self) -> None:
        listed = self.query_one("#saved-filters", OptionList)
        listed.clear_options()
        if not self.saved:
            listed.add_option(Option("No kept filters yet.", disabled=True))
        for at, entry in enumerate(self.saved):
            label = Content.assemble(plain(entry.name, "b"), "  ", plain(entry.filter.describe()))
            listed.add_option(Option(label, id=str(at)))
        if self.saved:
            listed.highlighted = 0

    def _show_summary(self) -> None:
        line = Content.assemble(
            ("Showing: ", "b"),
            plain(self.filter.describe()),
            ("  · space ticks · 1–6 lists · esc done", "dim"),
        )
        self.query_one("#filter-summary", Static).update(line)

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        facet = (event.selection_list.id or "").removeprefix("filter-")
        values: frozenset[str] = frozenset(map(str, event.selection_list.selected))
        if facet == "statuses":
            values = frozenset(map(Status, values))
        self.filter = replace(self.filter, **{facet: values})  # type: ignore[arg-type]
        self._show_summary()

    def action_tab(self, tab: str) -> None:
        """Show one of the lists."""
        self.query_one("#filter-tabs", TabbedContent).active = tab
        focus = f"#filter-{tab}"
        if tab == SAVED_TAB:
            focus = "#saved-filters" if self.saved else "#save-as"
        for widget in self.query(focus):
            self.call_after_refresh(widget.focus)

    def action_clear(self) -> None:
        """Untick everything (the search text stays)."""
        for listed in self.query(SelectionList):
            listed.deselect_all()
        self.filter = Filter(query=self.filter.query)
        self._show_summary()

    def action_done(self) -> None:
        """Back to the browser with the filter."""
        self.dismiss(self.filter)

    @on(Input.Submitted, "#save-as")
    def _keep(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.notify("Type a name for the filter first", timeout=3)
            return
        data = with_saved(self.saved, name, self.filter)
        try:
            save_settings(self.quiz.settings_path, {SAVED_FILTERS_KEY: data})
        except SettingsError as error:
            self.notify(f"Not kept: {error}", severity="warning")
            return
        from quiz.browse import saved_filters

        self.saved = saved_filters(data)
        event.input.value = ""
        self._show_saved()
        self.notify(f"Kept as “{name}”", timeout=3)

    @on(OptionList.OptionSelected, "#saved-filters")
    def _bring_back(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.saved[int(event.option.id)].filter)
