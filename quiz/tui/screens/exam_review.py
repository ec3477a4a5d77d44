"""Review after a mock exam: every question (or the wrong or flagged ones) with the analysis.

Each question is shown with the one question view (``QuestionCard`` in review mode): the
person's picks, the right options, why, why not, the mnemonic, key points and links.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from quiz.exam import ExamReport, ItemResult, ReviewFilter
from quiz.question_view import QuestionView
from quiz.tui.plain import plain
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.note import edit_note
from quiz.tui.widgets import QuestionCard


def review_view(result: ItemResult) -> QuestionView:
    """An exam answer as the question view shows it in review: picks and answer revealed."""
    question = result.question
    return QuestionView(
        question, tuple(question.options), frozenset(result.chosen), revealed=True, mode="review"
    )


def status_line(result: ItemResult, index: int, count: int, which: str, total: int) -> Content:
    """Where the review is, and what was answered against what was right."""
    chosen = ", ".join(sorted(result.chosen)) or "—"
    verdict = ("right", "b $text-success") if result.correct else ("wrong", "b $text-error")
    if not result.answered:
        verdict = ("unanswered", "b $text-error")
    flag = ("⚑ flagged", "b $text-warning") if result.flagged else ""
    return Content.assemble(
        f"Review {which} {index + 1}/{count} · question {result.number}/{total} · you: ",
        plain(chosen),
        " · ",
        verdict,
        " · " if flag else "",
        flag,
    )


class ExamReviewScreen(QuizScreen[None]):
    """Walk the exam's questions with the person's answer, the right one and why."""

    HELP = """\
# Exam review

Each question of the exam with your answer, the right one (green), your wrong picks
(red), and the explanation: why, why not each other option, the mnemonic, key points and
links. **n**/**→** next, **p**/**←** previous; **a** all questions, **w** only the wrong
(and unanswered) ones, **f** only the flagged ones; **i** opens the question's images;
**N** (shift+n) writes your own note on the question (shown under the analysis).
**escape** goes back to the report.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "move(1)", "Next", id="review-next", tooltip="Next question"),
        Binding("left,p", "move(-1)", "Prev", id="review-previous", tooltip="Previous"),
        Binding("a", "only('all')", "All", id="review-all", tooltip="Every question"),
        Binding("w", "only('wrong')", "Wrong", id="review-wrong", tooltip="Wrong and unanswered"),
        Binding("f", "only('flagged')", "Flagged", id="review-flagged", tooltip="Flagged"),
        Binding(
            "i", "open_images", "Image", id="review-images", show=False, tooltip="Open the images"
        ),
        Binding("N", "note", "Note", id="review-note", tooltip="Your note on this question"),
        Binding("escape", "dismiss", "Report", id="review-back", tooltip="Back to the report"),
    ]

    def __init__(self, report: ExamReport, which: ReviewFilter = "all") -> None:
        super().__init__()
        self.report = report
        self.which: ReviewFilter = which
        self.results = report.review(which)
        self.index = 0

    def compose(self) -> ComposeResult:
        """Status line, then the question card."""
        yield Header()
        yield Static(id="exam-review-status")
        yield VerticalScroll(id="question-scroll")
        yield Footer()

    async def on_mount(self) -> None:
        """Show the first question of the review."""
        self.sub_title = f"Mock exam {self.report.exam_id} · review"
        await self.show_current()

    async def show_current(self) -> None:
        """Replace the card with the current result."""
        result = self.results[self.index]
        self.query_one("#exam-review-status", Static).update(
            status_line(result, self.index, len(self.results), self.which, self.report.total)
        )
        bookmarks: set[str] = self.quiz.store_value(lambda: self.store.flagged("bookmarks"), set())
        bookmarked = result.question.key in bookmarks
        note: str = self.quiz.store_value(lambda: self.store.note(result.question.key), "")
        scroll = self.query_one("#question-scroll", VerticalScroll)
        scroll.scroll_home(animate=False, immediate=True)
        cards = scroll.query_children(QuestionCard)
        if cards:
            await cards.first().show(review_view(result), bookmarked, note)
        else:
            await scroll.mount(QuestionCard(review_view(result), bookmarked, note=note))
        scroll.focus()

    def action_open_images(self) -> None:
        """Open the question's and the analysis' images in the image viewer."""
        key = self.results[self.index].question.key
        self.query_one(QuestionCard).open_images(self.quiz.bank.files.get(key))

    def action_note(self) -> None:
        """Write or change your note on the question."""
        edit_note(self, self.results[self.index].question.key, self.query_one(QuestionCard))

    async def action_move(self, step: int) -> None:
        """The next or previous question of the review."""
        index = self.index + step
        if 0 <= index < len(self.results):
            self.index = index
            await self.show_current()

    async def action_only(self, which: ReviewFilter) -> None:
        """Review all, only wrong, or only flagged questions."""
        results = self.report.review(which)
        if not results:
            self.notify(f"No {which} questions.", timeout=3)
            return
        self.which, self.results, self.index = which, results, 0
        await self.show_current()
