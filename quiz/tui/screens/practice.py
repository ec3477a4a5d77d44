"""Practice, drill and review: one question at a time, the analysis right after each answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header

from quiz.model import LETTERS, Question
from quiz.session import PracticeSession
from quiz.study import Mode
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.note import edit_note
from quiz.tui.screens.summary import SummaryScreen
from quiz.tui.widgets import OptionRow, QuestionCard

VERDICT_AND_AFTER = 3
"""Lines to show from the verdict down once an answer is revealed (it and the start of the
analysis)."""

_PICK_KEYS: list[BindingType] = [
    binding
    for position, letter in enumerate(LETTERS[:5])
    for binding in (
        Binding(letter.lower(), f"pick('{letter}')", f"Pick {letter}", show=False),
        Binding(str(position + 1), f"pick_at({position})", f"Pick #{position + 1}", show=False),
    )
]


class PracticeScreen(QuizScreen[None]):
    """Answer, see right or wrong and why, move on; every answer is saved at once."""

    HELP = """\
# Practice

Pick an option with its letter (**a**–**e**), its place (**1**–**5**: first to fifth), or
click it; for questions that say *pick 2* choose two (submitting fewer says so and waits).
Shuffled options keep their letters, so the explanation's letters always match. **enter**
submits; **g** before submitting marks it *I'm guessing* (again: unmarks it): a right
guess brings the question back sooner than a sure right answer, and counts as half right
in the topic scores. The options turn green (right) and red (wrong) and the analysis
appears below: why the answer is right, why each other option is not, the mnemonic to
remember, key points and links.

**enter** again (or **n**) moves on, **p** goes back. **u** undoes your last answer so you
can answer it again. **N** (shift+n), once answered, writes your own note on the question:
it shows under the analysis whenever the question is answered again. **m** bookmarks the
question, **x** suspends it (it will not be asked again), **o** shuffles the options from
the next question on, **i** opens the question's images (when it says *🖼 1 image*). **q**
ends the session with a summary. Scroll with the arrows, page keys or the mouse wheel.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter's three meanings: check_action keeps the one that fits (the footer says it).
        Binding("enter", "submit", "Submit", id="submit", tooltip="Submit your answer"),
        Binding("enter", "end", "Finish", id="submit-end", tooltip="End with a summary"),
        Binding("enter", "next", "Next", id="submit-next", tooltip="Next question"),
        Binding("g", "guessing", "Guess", id="guessing", show=False, tooltip="Mark: I'm guessing"),
        Binding("n,right", "next", "Next", id="next", tooltip="Next question"),
        Binding("p,left", "previous", "Prev", id="previous", tooltip="Previous question"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Take back the last answer"),
        Binding("m", "bookmark", "Mark", id="bookmark", tooltip="Bookmark this question"),
        Binding("N", "note", "Note", id="note", tooltip="Your note (once answered)"),
        Binding("x", "suspend", "Suspend", id="suspend", show=False, tooltip="Never ask again"),
        Binding("i", "open_images", "Image", id="images", show=False, tooltip="Open images"),
        Binding("o", "shuffle", "Shuffle", id="shuffle", show=False, tooltip="Shuffle options"),
        Binding("q,escape", "finish", "End", id="finish", tooltip="End with a summary"),
        *_PICK_KEYS,
    ]

    def __init__(self, questions: Sequence[Question], *, mode: Mode, title: str) -> None:
        super().__init__()
        self.questions = list(questions)
        self.mode = mode
        self.title_text = title
        self.session: PracticeSession | None = None
        self._card: QuestionCard | None = None

    def compose(self) -> ComposeResult:
        """Header, the question area, footer."""
        yield Header()
        yield VerticalScroll(id="question-scroll")
        yield Footer()

    async def on_mount(self) -> None:
        """Start the session on the first question."""
        self.session = self.quiz.store_value(
            lambda: PracticeSession(
                self.questions,
                mode=self.mode,
                store=self.store,
                now=self.quiz.now(),
                rng=self.quiz.rng,
            ),
            None,
        )
        if self.session is None:
            return
        self._show_title()
        self._card = QuestionCard(
            self.practice.current.view(), self._bookmarked(), note=self._note()
        )
        scroll = self.query_one("#question-scroll", VerticalScroll)
        await scroll.mount(self._card)
        scroll.focus()

    @property
    def practice(self) -> PracticeSession:
        """The running session."""
        assert self.session is not None
        return self.session

    @property
    def card(self) -> QuestionCard:
        """The question card, made once and reused for every question of the session."""
        assert self._card is not None
        return self._card

    def _show_title(self) -> None:
        session = self.practice
        self.sub_title = f"{self.title_text} · {session.index + 1}/{len(session.questions)}"

    def _bookmarked(self) -> bool:
        bookmarks: set[str] = self.quiz.store_value(lambda: self.store.flagged("bookmarks"), set())
        return self.practice.current.question.key in bookmarks

    def _note(self) -> str:
        key = self.practice.current.question.key
        note: str = self.quiz.store_value(lambda: self.store.note(key), "")
        return note

    async def show_current(self) -> None:
        """Show the current attempt in the question card, scrolled to the top."""
        self._show_title()
        self.refresh_bindings()
        scroll = self.query_one("#question-scroll", VerticalScroll)
        scroll.scroll_home(animate=False, immediate=True)  # in the same frame as the question
        await self.card.show(self.practice.current.view(), self._bookmarked(), self._note())

    def action_pick(self, letter: str) -> None:
        """Toggle an option by its letter."""
        if self.practice.pick(letter):
            self.card.show_picks(self.practice.current.view())

    def action_pick_at(self, position: int) -> None:
        """Toggle the option shown at a place (0 is the first)."""
        if self.practice.pick_at(position):
            self.card.show_picks(self.practice.current.view())

    def action_guessing(self) -> None:
        """Mark the answer "I'm guessing" before submitting it, or unmark it."""
        if self.practice.toggle_guessing():
            self.card.show_guessing(self.practice.current.view())
        else:
            self.notify("Already answered: mark a guess before submitting", timeout=3)

    @on(OptionRow.Clicked)
    def _clicked(self, event: OptionRow.Clicked) -> None:
        self.action_pick(event.letter)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter submits, then goes on: to the next question, or after the last to the end."""
        if self.session is None or action not in ("submit", "end"):
            return True
        answered = self.practice.current.submitted
        if action == "submit":
            return not answered
        return answered and self.practice.is_last

    async def action_submit(self) -> None:
        """Submit the picks (they must be complete)."""
        attempt = self.practice.current
        if not attempt.picked:
            self.notify("Pick an option first (a–e or 1–5)", severity="warning", timeout=3)
            return
        if attempt.missing:
            wanted = len(attempt.question.answer)
            self.notify(
                f"This question asks for {wanted} options: pick {attempt.missing} more",
                severity="warning",
                timeout=4,
            )
            return
        now = self.quiz.now()
        self.quiz.store_call(
            lambda: self.practice.submit(now), lambda _: self.call_later(self._reveal)
        )

    async def _reveal(self) -> None:
        await self.card.reveal(self.practice.current.view())
        self.refresh_bindings()
        self.call_after_refresh(self.scroll_to_verdict)

    def scroll_to_verdict(self) -> None:
        """Show the options, marked right and wrong, and the verdict under them: the whole
        card from the top when the verdict fits, else the options at the top (or, when the
        options alone are too long, the verdict at the bottom). Now, in the next frame drawn."""
        scroll = self.query_one("#question-scroll", VerticalScroll)
        top = scroll.scroll_offset.y - scroll.region.y  # content y of a region's top
        verdict = self.card.verdict.region.y + top
        first = next((row.region.y + top for row in self.card.rows if row.display), verdict)
        lowest = verdict + VERDICT_AND_AFTER - scroll.scrollable_content_region.height
        target = 0 if lowest <= 0 else max(first, lowest)
        scroll.scroll_to(y=target, animate=False, immediate=True)

    async def action_next(self) -> None:
        """Next question, or the summary after the last one."""
        if self.practice.go_next(self.quiz.now()):
            await self.show_current()
        else:
            self.action_finish()

    async def action_previous(self) -> None:
        """Back one question (its answer stays as given)."""
        if self.practice.go_previous():
            await self.show_current()

    async def action_undo(self) -> None:
        """Take back the last answer and show that question again."""
        now = self.quiz.now()
        self.quiz.store_call(lambda: self.practice.undo(now), self._undone)

    def _undone(self, undone: bool) -> None:
        if undone:
            self.notify("Last answer taken back", timeout=3)
            self.call_later(self.show_current)
        else:
            self.notify("Nothing to undo", severity="warning", timeout=3)

    def action_bookmark(self) -> None:
        """Bookmark the question, or remove the bookmark."""
        key = self.practice.current.question.key
        on = not self._bookmarked()
        now = self.quiz.now()
        self.quiz.store_call(
            lambda: self.store.set_flag("bookmarks", key, on, now),
            lambda _: self.card.set_bookmarked(on),
        )

    def action_note(self) -> None:
        """Write or change your note on the question, once it is answered."""
        if not self.practice.current.submitted:
            self.notify("Answer the question first, then N writes a note", timeout=3)
            return
        edit_note(self, self.practice.current.question.key, self.card)

    def action_suspend(self) -> None:
        """Suspend the question so it is not asked again (until unsuspended under Bookmarked)."""
        key = self.practice.current.question.key
        now = self.quiz.now()
        self.quiz.store_call(
            lambda: self.store.set_flag("suspended", key, True, now),
            lambda _: self.notify(
                f"{key} suspended; unsuspend it under Home › Bookmarked › Suspended", timeout=4
            ),
        )

    def action_open_images(self) -> None:
        """Open the question's images (and the analysis' once answered) in the image viewer."""
        self.card.open_images(self.quiz.bank.files.get(self.practice.current.question.key))

    def action_shuffle(self) -> None:
        """Shuffle the options of the questions not yet shown (or stop shuffling)."""
        self.practice.shuffle = not self.practice.shuffle
        state = "on (from the next question)" if self.practice.shuffle else "off"
        self.notify(f"Shuffled options: {state}", timeout=3)

    def action_end(self) -> None:
        """Enter after the last answer: the summary."""
        self.action_finish()

    def action_finish(self) -> None:
        """End the session and show its summary."""
        summary = self.practice.summary(self.quiz.now())
        self.app.switch_screen(SummaryScreen(summary, mode=self.mode, title=self.title_text))
