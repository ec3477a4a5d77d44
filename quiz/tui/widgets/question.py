"""A question on screen: meta line, stem, clickable options and, once answered, the analysis.

The card is built once and then shows one attempt after another: ``QuestionCard.show``
updates its widgets in place (the option rows are kept, the stem is re-rendered, the
analysis is built only when revealed), so moving on stays fast whatever the bank's size.
"""

from __future__ import annotations

import re
from typing import ClassVar

from markdown_it import MarkdownIt
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content, Span
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown, Static

from quiz.model import LETTERS, Question
from quiz.session import Attempt
from quiz.tui.plain import markdown_link, plain, shown

_PARSER = MarkdownIt("gfm-like")  # the parser Textual's Markdown widget uses
_INLINE_STYLES = {"code_inline", "em", "strong", "s"}


def inline_markdown(text: str) -> Content | None:
    """A one-paragraph Markdown text as styled ``Content``; None when it needs the full widget.

    Only text, line breaks, inline code, emphasis, strong and strikethrough are drawn here
    (the way Textual's Markdown widget draws them); block structure (code blocks, lists,
    tables, several paragraphs), links, images and HTML need a ``Markdown`` widget.
    """
    tokens = _PARSER.parse(text)
    if [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    parts: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[str, int]] = []
    position = 0
    for child in tokens[1].children or []:
        kind = child.type
        if kind.endswith("_open") and kind[: -len("_open")] in _INLINE_STYLES:
            opened.append((kind[: -len("_open")], position))
            continue
        if kind.endswith("_close") and opened:
            style, start = opened.pop()
            spans.append(Span(start, position, f".{style}"))
            continue
        if kind == "text":
            piece = re.sub(r"\s+", " ", child.content)
        elif kind == "code_inline":
            piece = child.content
            spans.append(Span(position, position + len(piece), ".code_inline"))
        elif kind in ("softbreak", "hardbreak"):
            piece = " " if kind == "softbreak" else "\n"
        else:
            return None
        parts.append(piece)
        position += len(piece)
    return Content("".join(parts), spans=spans)


class InlineMarkdown(Static):
    """One paragraph of inline Markdown (see ``inline_markdown``), styled like ``Markdown``."""

    COMPONENT_CLASSES: ClassVar[set[str]] = _INLINE_STYLES
    DEFAULT_CSS = """
    InlineMarkdown {
        &:dark > .code_inline { background: $warning 10%; color: $text-warning 95%; }
        &:light > .code_inline { background: $error 5%; color: $text-error 95%; }
        &:ansi > .code_inline { background: ansi_default; }
        & > .em { text-style: italic; }
        & > .strong { text-style: bold; }
        & > .s { text-style: strike; }
    }
    """


class OptionRow(Horizontal):
    """One option: its shown letter and its text; a click asks to pick it.

    Short options are drawn as one ``InlineMarkdown`` line; options with block structure
    (a code block, a list…) get a ``Markdown`` widget, made the first time one is needed.
    CSS classes: ``-picked`` (chosen), then after submitting ``-right`` (a correct option),
    ``-wrong`` (picked but not correct).
    """

    class Clicked(Message):
        """The person clicked an option (``letter`` is the shown letter)."""

        def __init__(self, letter: str) -> None:
            super().__init__()
            self.letter = letter

    def __init__(self, letter: str) -> None:
        super().__init__(id=f"option-{letter}", classes="option")
        self.letter = letter

    def compose(self) -> ComposeResult:
        """The letter box and the (inline) option text."""
        yield Static(f" {self.letter} ", classes="option-letter")
        yield InlineMarkdown(classes="option-text")

    async def set_text(self, text: str) -> None:
        """Show an option's Markdown text, in one line when it has no block structure."""
        text = shown(text)
        content = inline_markdown(text)
        line = self.query_one(InlineMarkdown)
        blocks = self.query_children(Markdown)
        line.display = content is not None
        blocks.set(display=content is None)
        if content is not None:
            line.update(content)
        elif not blocks:
            await self.mount(Markdown(text, classes="option-text"))
        elif blocks.first().source != text:
            await blocks.first().update(text)

    @on(Click)
    def _clicked(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.letter))


def verdict_text(attempt: Attempt) -> Content:
    """Right or wrong, with the right letters as shown."""
    letters = ", ".join(sorted(attempt.shown_letter(own) for own in attempt.question.answer))
    if attempt.correct:
        return Content.assemble(("✔ Right", "b $text-success"), f" — {letters}")
    return Content.assemble(("✘ Not quite", "b $text-error"), f" — the answer is {letters}")


def meta_text(attempt: Attempt, bookmarked: bool) -> Content:
    """Tags, level, and how many options to pick."""
    question = attempt.question
    parts = [plain(", ".join(question.tags) or "untagged")]
    if question.level:
        parts.append(plain(question.level))
    count = len(question.answer)
    parts.append(Content.styled(f"pick {count}", "b") if question.is_multi else Content("pick 1"))
    if bookmarked:
        parts.append(Content.styled("★ bookmarked", "b $text-warning"))
    return Content(" · ").join(parts)


def why_not_markdown(attempt: Attempt) -> str:
    """Per-option "why not" notes, keyed by the letters as shown."""
    wrong = attempt.question.explanation.wrong
    lines = [
        f"- **{attempt.shown_letter(own)}** — {wrong[own]}"
        for own in attempt.order
        if own in wrong and own not in attempt.question.answer
    ]
    return "\n".join(lines)


def community_text(question: Question) -> Content:
    """The community's answer and votes, when the source has them."""
    community = question.community
    if community is None:
        return Content()
    answer = ", ".join(community.answer) or "-"
    return plain(f"Community: {answer}" + (f" ({community.votes})" if community.votes else ""))


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
            mnemonic = Static(plain(explanation.mnemonic), id="mnemonic")
            mnemonic.border_title = "Remember"
            yield mnemonic
        sections = [
            ("Why", explanation.correct),
            ("Why not", why_not_markdown(self.attempt)),
            ("Key points", explanation.key_points),
            ("More", explanation.extra),
            (
                "Links",
                "\n".join(f"- {markdown_link(r.title, r.url)}" for r in explanation.references),
            ),
        ]
        for title, body in sections:
            if body:
                yield Markdown(f"### {title}\n\n{shown(body)}", classes="analysis-part")
        community = community_text(question)
        if community:
            yield Static(community, classes="muted", id="community")
        if explanation.is_empty():
            yield Static("This question has no explanation yet.", classes="muted")


class QuestionCard(Vertical):
    """One attempt at a time: meta line, stem, options, and the analysis once submitted."""

    def __init__(self, attempt: Attempt, bookmarked: bool) -> None:
        super().__init__(id="question-card")
        self.attempt = attempt
        self.bookmarked = bookmarked
        self._analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        """The parts every question has; ``show`` fills them."""
        yield Static(id="question-meta")
        yield Markdown(id="stem")

    async def on_mount(self) -> None:
        """Show the attempt the card was made with."""
        await self.show(self.attempt, self.bookmarked)

    @property
    def rows(self) -> list[OptionRow]:
        """The option rows, shown or not, in letter order."""
        return list(self.query_children(OptionRow))

    async def show(self, attempt: Attempt, bookmarked: bool) -> None:
        """Show another attempt (or the same one again) in the card's widgets."""
        self.attempt = attempt
        self.bookmarked = bookmarked
        question = attempt.question
        with self.app.batch_update():
            if self._analysis is not None:
                await self._analysis.remove()
                self._analysis = None
            self.query_one("#question-meta", Static).update(meta_text(attempt, bookmarked))
            stem = self.query_one("#stem", Markdown)
            source = shown(question.stem)
            if stem.source != source:
                await stem.update(source)
            rows = self.rows
            if len(rows) < len(attempt.order):
                added = [OptionRow(letter) for letter in LETTERS[len(rows) : len(attempt.order)]]
                await self.mount_all(added)
                rows += added
            for index, row in enumerate(rows):
                row.display = index < len(attempt.order)
                if row.display:
                    await row.set_text(question.options[attempt.order[index]])
            if attempt.submitted:
                await self.reveal()
            else:
                self.show_picks()

    def show_picks(self) -> None:
        """Reflect the attempt's picks and, once submitted, right and wrong options."""
        attempt = self.attempt
        answer = attempt.question.answer
        for row, own in zip(self.rows, attempt.order, strict=False):
            picked = own in attempt.picked
            row.update_classes(
                {
                    "-picked": picked,
                    "-right": attempt.submitted and own in answer,
                    "-wrong": attempt.submitted and picked and own not in answer,
                }
            )

    def set_bookmarked(self, bookmarked: bool) -> None:
        """Update the bookmark star."""
        self.bookmarked = bookmarked
        self.query_one("#question-meta", Static).update(meta_text(self.attempt, bookmarked))

    async def reveal(self) -> None:
        """After submitting: mark the options and show the analysis (built only now)."""
        self.show_picks()
        self._analysis = Analysis(self.attempt)
        await self.mount(self._analysis)

    @property
    def verdict(self) -> Widget:
        """The analysis' first line, right or wrong (once revealed)."""
        assert self._analysis is not None, "the card is not revealed"
        return self._analysis.get_child_by_id("verdict")
