"""A question's page, from the browser: the whole question and analysis, the person's
history on it, its review schedule in words, where it came from; bookmark, suspend, note,
practise it now, or open its record in ``$EDITOR``."""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from quiz.bank import doubt_note
from quiz.learning import memory_words
from quiz.model import Question
from quiz.question_view import QuestionView
from quiz.store import AnswerRecord
from quiz.study import Mode
from quiz.tui.plain import plain, plain_text
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.note import edit_note
from quiz.tui.widgets.question import QuestionCard
from quiz.words import plural


def history_table(answers: list[AnswerRecord]) -> Table | Text:
    """Every answer (the latest first): when, how, what was picked, right or not, how long."""
    if not answers:
        return Text("Not answered yet.", style="dim")
    table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="b")
    for name in ("When", "Mode", "Picked", "", "Time"):
        table.add_column(name, justify="right" if name == "Time" else "left")
    for answer in reversed(answers):
        when = answer.answered_at.astimezone().strftime("%Y-%m-%d %H:%M")
        table.add_row(
            when,
            plain_text(answer.mode),
            plain_text(answer.chosen or "—"),
            Text("✔", style="green") if answer.correct else Text("✘", style="red"),
            f"{answer.seconds:.0f} s",
        )
    return table


class QuestionPageScreen(QuizScreen[None]):
    """One question, whole, with what the person did with it."""

    HELP = """\
# A question's page

The whole question with its answer and analysis, then your history on it (every answer:
when, in which mode, what you picked, how long it took), when spaced repetition brings it
back, and the file it was imported from (and other files that held a copy; for a file that
was repaired, where characters were chosen with doubt: check them there).

**m** bookmarks it (or removes the bookmark), **x** suspends it (it is not asked again) or
puts it back, **n** writes your note, **p** practises it now, **o** opens its record file
in `$EDITOR` (changes show the next time quiz starts); **esc** goes back.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "bookmark", "Mark", id="page-bookmark", tooltip="Bookmark or unbookmark"),
        Binding("x", "suspend", "Suspend", id="page-suspend", tooltip="Suspend or unsuspend"),
        Binding("n,N", "note", "Note", id="page-note", tooltip="Your note on it"),
        Binding("p", "practise", "Practise", id="page-practise", tooltip="Practise it now"),
        Binding("o", "edit", "Edit", id="page-edit", tooltip="Open the record in $EDITOR"),
        Binding("escape,q", "app.pop_screen", "Back", id="back", tooltip="Back to the list"),
    ]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.question: Question | None = None

    def compose(self) -> ComposeResult:
        """The question card, then the schedule, the history and the files, all filled
        at once (each later update would cost the screen another layout)."""
        question = self.question = self.quiz.bank.question(self.key)
        view = QuestionView(question, tuple(question.options), revealed=True, mode="browse")
        note = self.quiz.store_value(lambda: self.store.note(self.key), "")
        yield Header()
        with VerticalScroll(id="page"):
            yield QuestionCard(view, self._flag("bookmarks"), note=note, id="page-card")
            schedule, history = self._progress()
            yield Static(schedule, id="page-flags", classes="panel")
            yield Static(history, id="page-history", classes="panel")
            yield Static(self._origin(), id="page-origin", classes="panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.key

    def _flag(self, table: str) -> bool:
        flagged: set[str] = self.quiz.store_value(lambda: self.store.flagged(table), set())
        return self.key in flagged

    def _progress(self) -> tuple[Content, Group]:
        """The review schedule in words, and the history of answers."""
        now = self.quiz.now()
        store = self.store
        answers: list[AnswerRecord] = self.quiz.store_value(lambda: store.answers(self.key), [])
        card = self.quiz.store_value(lambda: store.card(self.key), None)
        right = sum(a.correct for a in answers)
        counts = f"  {plural(len(answers), 'answer')}, {right} right" if answers else ""
        heading = Text.assemble(("Your history", "b"), counts)
        schedule = memory_words(card[0] if card else None, now)
        if self._flag("suspended"):
            schedule = "suspended: not asked until you put it back (x) · " + schedule
        return Content.assemble(("Review  ", "b"), plain(schedule)), Group(
            heading, history_table(answers)
        )

    def _show_progress(self) -> None:
        schedule, history = self._progress()
        self.query_one("#page-flags", Static).update(schedule)
        self.query_one("#page-history", Static).update(history)

    def _origin(self) -> Content:
        """The record file, the source file and the other files that held a copy."""
        question = self.question
        record = self.quiz.bank.files.get(self.key)
        lines = [Content.styled("Files", "b")]
        if record:
            lines.append(Content.assemble("record  ", plain(record)))
        origin = question.origin if question else None
        if origin:
            lines.append(Content.assemble("source  ", plain(origin.file)))
            lines += [Content.assemble("copy    ", plain(also)) for also in origin.also]
            if origin.doubt:
                lines.append(
                    Content.assemble("doubt   ", plain(doubt_note(origin), "$text-warning"))
                )
        if len(lines) == 1:
            lines.append(Content.styled("no record file: this question is held in memory", "dim"))
        return Content("\n").join(lines)

    # ------------------------------------------------------------ actions

    def action_bookmark(self) -> None:
        """Bookmark the question, or remove the bookmark."""
        on = not self._flag("bookmarks")
        now = self.quiz.now()
        card = self.query_one(QuestionCard)

        def done(_: object) -> None:
            card.set_bookmarked(on)
            self.notify("Bookmarked" if on else "Bookmark removed", timeout=3)

        self.quiz.store_call(lambda: self.store.set_flag("bookmarks", self.key, on, now), done)

    def action_suspend(self) -> None:
        """Suspend the question (never asked), or put it back in the rotation."""
        on = not self._flag("suspended")
        now = self.quiz.now()

        def done(_: object) -> None:
            self.notify("Suspended: not asked again" if on else "Back in the rotation")
            self._show_progress()

        self.quiz.store_call(lambda: self.store.set_flag("suspended", self.key, on, now), done)

    def action_note(self) -> None:
        """Write or change your note on the question."""
        edit_note(self, self.key, self.query_one(QuestionCard))

    def action_practise(self) -> None:
        """Practise this question now."""
        info = self.question.info if self.question else None
        if info is not None:
            self.quiz.start_plan(lambda study: study.these(Mode.PRACTICE, [info], self.key))

    def action_edit(self) -> None:
        """Open the question's record file in ``$EDITOR``."""
        record = self.quiz.bank.files.get(self.key)
        if not record:
            self.notify("This question has no record file to edit.")
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify(f"Set $EDITOR to open it here; the record is {record}", timeout=8)
            return
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), record], check=False)
        except (SuspendNotSupported, OSError, ValueError) as error:  # (no terminal, no editor)
            self.notify(f"The editor could not be opened ({error}); the record is {record}")
            return
        self.notify("Saved changes show the next time quiz starts.", timeout=5)
