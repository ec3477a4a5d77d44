"""Choose topic and trap tags to drill: searchable, with counts, accuracy and descriptions."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.widgets import Footer, Header, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from quiz.bank import with_tags
from quiz.learning import TagScore, tag_scores
from quiz.model import QuestionInfo
from quiz.tui.plain import plain, plain_text
from quiz.tui.screens.base import QuizScreen
from quiz.words import percent, plural

TAG_WIDTH = 24


def tag_prompt(score: TagScore) -> Text:
    """One line of the list: tag, kind, questions, accuracy, description."""
    accuracy = f"{percent(score.accuracy):>4}"
    line = plain_text(f"{score.tag[:TAG_WIDTH]:<{TAG_WIDTH}} ", style="bold")
    line.append(f"{score.kind:<5} {score.questions:>4}q {accuracy} ")
    line.append(score.description, style="dim")
    return line


class DrillScreen(QuizScreen[None]):
    """Pick tags (space), then drill only their questions (enter)."""

    HELP = """\
# Drill tags

Type to filter the tags, **down** to move into the list, **space** (or a click) to tick
one or more tags, **enter** to drill the questions carrying any ticked tag. Each line shows
the tag, whether it is a *topic* or a *trap*, how many questions carry it, your accuracy on
it and what it means. On the home screen, **w** drills your weakest tags at once.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "start", "Drill", id="start-drill", priority=True, tooltip="Drill ticked tags"
        ),
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scores: list[TagScore] = []
        self.ticked: set[str] = set()
        self.pool: list[QuestionInfo] = []
        """The questions in the study scope: the tags, counts and drills are theirs."""

    def compose(self) -> ComposeResult:
        """Search box, tag list, hint."""
        yield Header()
        yield Input(placeholder="type to filter tags; down: the list", id="tag-filter")
        yield SelectionList[str](id="tag-list")
        yield Static("", id="drill-status", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        """Score the tags once and show them all."""
        self.sub_title = "Drill tags"
        totals = self.quiz.store_value(lambda: self.store.answer_totals(self.quiz.now()), None)
        if totals is None:
            return
        self.pool = self.quiz.study.pool
        self.scores = tag_scores(self.pool, totals)
        self.show_tags("")

    def show_tags(self, query: str) -> None:
        """List the tags whose name or description contains the query."""
        wanted = query.casefold().strip()
        tag_list = self.query_one("#tag-list", SelectionList)
        tag_list.clear_options()
        tag_list.add_options(
            [
                Selection(tag_prompt(score), score.tag, score.tag in self.ticked)
                for score in self.scores
                if wanted in score.tag.casefold() or wanted in score.description.casefold()
            ]
        )
        self.show_status()

    def show_status(self) -> None:
        """How many tags are ticked and how many questions they cover."""
        count = len(with_tags(self.pool, self.ticked))
        ticked = ", ".join(sorted(self.ticked)) or "none"
        status = plain(f"Ticked: {ticked} · {plural(count, 'question')}")
        self.query_one("#drill-status", Static).update(status)

    @on(Input.Changed, "#tag-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.show_tags(event.value)

    def on_key(self, event: Key) -> None:
        """Down from the filter box moves into the list."""
        if event.key == "down" and self.focused is self.query_one("#tag-filter"):
            tag_list = self.query_one("#tag-list", SelectionList)
            if tag_list.highlighted is None and tag_list.option_count:
                tag_list.highlighted = 0
            tag_list.focus()
            event.stop()

    @on(SelectionList.SelectionToggled, "#tag-list")
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        tag = event.selection.value
        self.ticked ^= {tag}
        self.show_status()

    def action_start(self) -> None:
        """Drill the questions of the ticked tags (or the highlighted one when none is)."""
        tags = set(self.ticked)
        if not tags:
            tag_list = self.query_one("#tag-list", SelectionList)
            if tag_list.highlighted is None:
                self.notify("Tick a tag with space first", severity="warning", timeout=3)
                return
            tags = {tag_list.get_option_at_index(tag_list.highlighted).value}
        self.app.pop_screen()
        self.quiz.drill(sorted(tags))
