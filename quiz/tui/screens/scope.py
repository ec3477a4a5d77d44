"""Choose what to study: banks, levels and domains ticked in lists, the bundled questions in
or out; every change is in force, and kept, at once (the rules are in ``quiz.scope``)."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Footer, Header, SelectionList, Static
from textual.widgets.selection_list import Selection

from quiz.scope import Scope, describe, facets
from quiz.tui.plain import plain
from quiz.tui.screens.base import QuizScreen

LISTS = (("banks", "Banks", "b"), ("levels", "Levels", "l"), ("domains", "Domains", "d"))
"""Each list of the screen: its field of ``Scope``, its title and the key that focuses it."""

EMPTY = "No questions yet: import your question files with `quiz import PATH`."


def choices(counts: Counter[str], ticked: frozenset[str]) -> list[Selection[str]]:
    """One line per name with its number of questions; a ticked name the bank no longer
    has is kept (with 0) so that it can be unticked."""
    names = sorted(counts.keys() | ticked)
    return [
        Selection(
            Content.assemble(plain(name), " ", (str(counts[name]), "dim")), name, name in ticked
        )
        for name in names
    ]


class ScopeScreen(QuizScreen[None]):
    """Tick banks, levels and domains (nothing ticked in a list: all of it)."""

    HELP = """\
# Choose what to study

Practice, review, drills and mock exams draw only from what is ticked here. In each list,
nothing ticked means all of it. Each line shows how many questions it holds; the line at the
top, how many are in scope. Every change is kept at once, for the next launches too.

**tab** or **b**, **l**, **d** moves to the banks, levels or domains; the **arrows** move
in a list, **space** or **enter** (or a click) ticks. **i** includes or leaves out the
questions bundled with quiz; **a** ticks nothing again (study everything); **esc** goes back.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"focus_list('{field}')", title, id=f"scope-{field}-key")
            for field, title, key in LISTS
        ),
        Binding("i", "toggle_bundled", "Bundled", id="scope-bundled-key"),
        Binding("a", "everything", "All", id="scope-all"),
        Binding("escape", "app.pop_screen", "Back", id="scope-back", tooltip="Back to home"),
    ]

    def compose(self) -> ComposeResult:
        """The summary line, the three lists, the bundled switch."""
        scope, found = self.quiz.scope, facets(self.quiz.bank)
        yield Header()
        yield Static(id="scope-summary")
        with Horizontal(id="scope-lists"):
            for field, title, key in LISTS:
                counts = found.listed(field)
                items = SelectionList[str](
                    *choices(counts, getattr(scope, field)), id=f"scope-{field}", compact=True
                )
                items.border_title = f"{title} ({key})"
                items.border_subtitle = "" if counts else "none in the bank"
                yield items
        yield Checkbox(
            f"Include the questions bundled with quiz ({found.bundled})",
            scope.bundled,
            id="scope-bundled",
            compact=True,
        )
        yield Footer()

    def on_mount(self) -> None:
        """Title, summary, and the focus on the banks."""
        self.sub_title = "Choose what to study"
        self.query_one("#scope-banks", SelectionList).focus()
        self.show_summary()

    def show_summary(self) -> None:
        """What is in scope now, or what to do when the bank is empty."""
        bank = self.quiz.bank
        if not bank.infos:
            text = EMPTY
        else:
            text = describe(self.quiz.scope, bank, len(self.quiz.scope.questions(bank)))
        self.query_one("#scope-summary", Static).update(plain(text))

    def chosen(self) -> Scope:
        """The scope the lists and the switch describe."""
        ticked = {
            field: frozenset(self.query_one(f"#scope-{field}", SelectionList).selected)
            for field, _, _ in LISTS
        }
        return Scope(**ticked, bundled=self.query_one("#scope-bundled", Checkbox).value)

    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed, "#scope-bundled")
    def _changed(self) -> None:
        """Study the new choice at once, and keep it."""
        scope = self.chosen()
        if scope != self.quiz.scope:
            self.quiz.choose_scope(scope)
        self.show_summary()

    def action_focus_list(self, field: str) -> None:
        """Move to one of the lists, on its first line if none is highlighted."""
        items = self.query_one(f"#scope-{field}", SelectionList)
        if items.highlighted is None and items.option_count:
            items.highlighted = 0
        items.focus()

    def action_toggle_bundled(self) -> None:
        """Include or leave out the bundled questions."""
        self.query_one("#scope-bundled", Checkbox).toggle()

    def action_everything(self) -> None:
        """Tick nothing, include the bundled questions: study every question."""
        for field, _, _ in LISTS:
            self.query_one(f"#scope-{field}", SelectionList).deselect_all()
        self.query_one("#scope-bundled", Checkbox).value = True
