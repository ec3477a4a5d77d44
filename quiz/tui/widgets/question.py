"""A question on screen: meta line, stem, clickable options and, once answered, the analysis."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Click
from textual.message import Message
from textual.widgets import Markdown, Static

from quiz.model import Question
from quiz.session import Attempt


class OptionRow(Horizontal):
    """One option: its shown letter and its Markdown; a click asks to pick it.

    CSS classes: ``-picked`` (chosen), then after submitting ``-right`` (a correct option),
    ``-wrong`` (picked but not correct).
    """

    class Clicked(Message):
        """The person clicked an option (``letter`` is the shown letter)."""

        def __init__(self, letter: str) -> None:
            super().__init__()
            self.letter = letter

    def __init__(self, letter: str, text: str) -> None:
        super().__init__(id=f"option-{letter}", classes="option")
        self.letter = letter
        self.text = text

    def compose(self) -> ComposeResult:
        """The letter box and the option text."""
        yield Static(f" {self.letter} ", classes="option-letter")
        yield Markdown(self.text, classes="option-text")

    @on(Click)
    def _clicked(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.letter))


def verdict_text(attempt: Attempt) -> str:
    """Right or wrong, with the right letters as shown."""
    shown = ", ".join(sorted(attempt.shown_letter(own) for own in attempt.question.answer))
    if attempt.correct:
        return f"[b $success]✔ Right[/] — {shown}"
    return f"[b $error]✘ Not quite[/] — the answer is {shown}"


def meta_text(attempt: Attempt, bookmarked: bool) -> str:
    """Tags, level, and how many options to pick."""
    question = attempt.question
    parts = [", ".join(question.tags) or "untagged"]
    if question.level:
        parts.append(question.level)
    count = len(question.answer)
    parts.append(f"[b]pick {count}[/b]" if question.is_multi else "pick 1")
    if bookmarked:
        parts.append("[b $warning]★ bookmarked[/]")
    return " · ".join(parts)


def why_not_markdown(attempt: Attempt) -> str:
    """Per-option "why not" notes, keyed by the letters as shown."""
    wrong = attempt.question.explanation.wrong
    lines = [
        f"- **{attempt.shown_letter(own)}** — {wrong[own]}"
        for own in attempt.order
        if own in wrong and own not in attempt.question.answer
    ]
    return "\n".join(lines)


def community_text(question: Question) -> str:
    """The community's answer and votes, when the source has them."""
    community = question.community
    if community is None:
        return ""
    answer = ", ".join(community.answer) or "-"
    return f"Community: {answer}" + (f" ({community.votes})" if community.votes else "")


class Analysis(Vertical):
    """The explanation shown after submitting: why right, why not, mnemonic, points, links."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__(id="analysis")
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        """Only the parts the record has."""
        question = self.attempt.question
        explanation = question.explanation
        yield Static(verdict_text(self.attempt), id="verdict")
        if explanation.mnemonic:
            mnemonic = Static(explanation.mnemonic, id="mnemonic")
            mnemonic.border_title = "Remember"
            yield mnemonic
        sections = [
            ("Why", explanation.correct),
            ("Why not", why_not_markdown(self.attempt)),
            ("Key points", explanation.key_points),
            ("More", explanation.extra),
            (
                "Links",
                "\n".join(f"- [{r.title or r.url}]({r.url})" for r in explanation.references),
            ),
        ]
        for title, body in sections:
            if body:
                yield Markdown(f"### {title}\n\n{body}", classes="analysis-part")
        community = community_text(question)
        if community:
            yield Static(community, classes="muted", id="community")
        if explanation.is_empty():
            yield Static("This question has no explanation yet.", classes="muted")


class QuestionCard(Vertical):
    """One attempt: meta line, stem, options, and the analysis once submitted."""

    def __init__(self, attempt: Attempt, bookmarked: bool) -> None:
        super().__init__(id="question-card")
        self.attempt = attempt
        self.bookmarked = bookmarked

    def compose(self) -> ComposeResult:
        """The question as dealt; the analysis too if it is already answered."""
        question = self.attempt.question
        yield Static(meta_text(self.attempt, self.bookmarked), id="question-meta")
        yield Markdown(question.stem, id="stem")
        for shown, own in self.attempt.letter_map.items():
            yield OptionRow(shown, question.options[own])
        if self.attempt.submitted:
            yield Analysis(self.attempt)

    def on_mount(self) -> None:
        """Mark the picks (and the outcome) on the options."""
        self.show_picks()

    def show_picks(self) -> None:
        """Reflect the attempt's picks and, once submitted, right and wrong options."""
        attempt = self.attempt
        for row in self.query(OptionRow):
            own = attempt.letter_map[row.letter]
            row.set_class(own in attempt.picked, "-picked")
            row.set_class(attempt.submitted and own in attempt.question.answer, "-right")
            row.set_class(
                attempt.submitted and own in attempt.picked and own not in attempt.question.answer,
                "-wrong",
            )

    def set_bookmarked(self, bookmarked: bool) -> None:
        """Update the bookmark star."""
        self.bookmarked = bookmarked
        self.query_one("#question-meta", Static).update(meta_text(self.attempt, bookmarked))

    async def reveal(self) -> None:
        """After submitting: mark the options and show the analysis."""
        self.show_picks()
        await self.mount(Analysis(self.attempt))
