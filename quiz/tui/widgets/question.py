"""The one question view of practice, the exam and exam review, driven by a ``QuestionView``.

Meta line (or the exam's "Choose one."), stem, its translation (muted, when the source
gives the stem in both languages), the images line ("🖼 1 image — i to open"), clickable
options labelled with the question's own letters and, once revealed, the verdict, the
community vote (with the official answer when they disagree), the analysis as one
Markdown document and the person's note. The card is built once and then shows one view
after another: ``show`` updates its widgets in place (option rows are kept and reordered,
the analysis is built only when revealed), so moving on stays fast whatever the bank's
size. All Markdown keeps the authors' single line breaks, and code blocks wrap instead of
running off the screen.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import CodeBlock, MarkdownElement
from rich.markdown import Markdown as RichMarkdown
from rich.segment import Segment
from rich.syntax import Syntax
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content, Span
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown, Static

from quiz.images import local_image, open_image
from quiz.model import Question
from quiz.names import path_text
from quiz.question_view import QuestionView, community_line
from quiz.tui.plain import markdown_link, plain, shown
from quiz.words import plural


def _keep_line_breaks(state: StateCore) -> None:
    """Turn every soft line break into a hard one: lines stay as the author wrote them."""
    for token in state.tokens:
        for child in token.children or []:
            if child.type == "softbreak":
                child.type = "hardbreak"


def _plain_unlabelled_fences(state: StateCore) -> None:
    """A fence that names no language is shown as plain text: Textual would guess its
    language with Pygments, which tries every lexer (0.4 s for the first question with
    such a fence, tens of ms for each one after)."""
    for token in state.tokens:
        if token.type == "fence" and not token.info.strip():
            token.info = "text"


def author_parser() -> MarkdownIt:
    """The parser Textual's Markdown widget uses, keeping single line breaks (CJK notes)
    and showing unlabelled code fences as plain text."""
    parser = MarkdownIt("gfm-like")
    parser.core.ruler.push("keep_line_breaks", _keep_line_breaks)
    parser.core.ruler.push("plain_unlabelled_fences", _plain_unlabelled_fences)
    return parser


_PARSER = author_parser()
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
        elif kind == "hardbreak":
            piece = "\n"
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
    """One option: its letter (the question's own) and its text; a click asks to pick it.

    Short options are drawn as one ``InlineMarkdown`` line; options with block structure
    (a code block, a list…) get a ``Markdown`` widget, made the first time one is needed.
    CSS classes: ``-picked`` (chosen), then after submitting ``-right`` (a correct option),
    ``-wrong`` (picked but not correct).
    """

    class Clicked(Message):
        """The person clicked an option (``letter`` is the question's own letter)."""

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
            await self.mount(Markdown(text, classes="option-text", parser_factory=author_parser))
        elif blocks.first().source != text:
            await blocks.first().update(text)

    @on(Click)
    def _clicked(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.letter))


_FENCE = re.compile(r"\s*(`{3,}|~{3,})(.*)")


def closed_fences(text: str) -> str:
    """The text with an unclosed code fence closed, so it cannot swallow what follows."""
    opened = ""
    for line in text.splitlines():
        found = _FENCE.match(line)
        if found is None:
            continue
        fence, info = found.groups()
        if not opened:
            opened = fence
        elif fence[0] == opened[0] and len(fence) >= len(opened) and not info.strip():
            opened = ""
    return f"{text}\n{opened}" if opened else text


def verdict_text(view: QuestionView) -> Content:
    """Right or wrong, with the right letters (and, when wrong, the ones picked)."""
    letters = ", ".join(sorted(view.question.answer))
    if view.mode == "browse":
        return Content.assemble(("Answer", "b $text-success"), f" — {letters}")
    if view.correct:
        return Content.assemble(("✔ Right", "b $text-success"), f" — {letters}")
    picked = ", ".join(sorted(view.picked))
    said = f" — you picked {picked}; the answer is {letters}"
    return Content.assemble(("✘ Not quite", "b $text-error"), said)


def meta_text(view: QuestionView, bookmarked: bool) -> Content:
    """Tags, level, and how many options to pick (in the exam only how many to choose),
    then the question's key, ``bank/id``, dimmed, so a person can find it again."""
    question = view.question
    key = plain(question.key, "dim")
    if view.mode == "exam":
        choose = f"Choose {view.wanted}." if question.is_multi else "Choose one."
        return Content(" · ").join([Content(choose), key])
    parts = [plain(", ".join(question.tags) or "untagged")]
    if question.level:
        parts.append(plain(question.level))
    count = view.wanted
    parts.append(Content.styled(f"pick {count}", "b") if question.is_multi else Content("pick 1"))
    if bookmarked:
        parts.append(Content.styled("★ bookmarked", "b $text-warning"))
    if view.guessing:
        parts.append(Content.styled("? guessing", "b $text-accent"))
    doubt = question.origin.doubt if question.origin else ()
    if doubt:
        parts.append(Content.styled(f"◌ {len(doubt)} repaired with doubt", "$text-warning"))
    return Content(" · ").join([*parts, key])


def why_not_markdown(view: QuestionView) -> str:
    """Per-option "why not" notes, under each option's letter, in the order shown."""
    wrong = view.question.explanation.wrong
    notes = [
        _why_not(own, closed_fences(wrong[own]))
        for own in view.order
        if own in wrong and own not in view.question.answer
    ]
    return "\n\n".join(notes)


_BLOCK_START = ("-", "*", "+", "`", "~", "#", "|", ">", "<")


def _why_not(letter: str, note: str) -> str:
    """One option's note: ``**A.** note`` when it is one paragraph, else under a heading."""
    text = note.strip()
    if "\n\n" in text or text.startswith(_BLOCK_START) or text[:2].rstrip(".").isdigit():
        return f"#### {letter}\n\n{text}"
    return f"**{letter}.** {text}"


def analysis_markdown(view: QuestionView) -> str:
    """The whole analysis as one Markdown document: why, why not, remember, points, links."""
    explanation = view.question.explanation
    links = "\n".join(f"- {markdown_link(r.title, r.url)}" for r in explanation.references)
    sections = [
        ("Why", closed_fences(explanation.correct)),
        ("Why not", why_not_markdown(view)),
        ("Remember", closed_fences(explanation.mnemonic)),
        ("Key points", closed_fences(explanation.key_points)),
        ("More", closed_fences(explanation.extra)),
        ("Links", links),
    ]
    return "\n\n".join(f"## {title}\n\n{shown(body)}" for title, body in sections if body)


def community_text(question: Question) -> Content:
    """The community's vote, when the source has one; with the official answer, in the
    warning colour, when they disagree (see ``community_line``)."""
    return plain(community_line(question), "b $text-warning" if question.disputed else "")


def images_text(view: QuestionView) -> Content:
    """``🖼 1 image — i to open`` when the view shows images, else nothing."""
    count = len(view.images)
    return Content(f"🖼 {plural(count, 'image')} — i to open") if count else Content()


@lru_cache(maxsize=64)
def code_lexer(name: str) -> Lexer | str:
    """The Pygments lexer Rich would pick for a code block's language, looked up once.

    Given a name, Rich looks a lexer up and makes a new one each time it draws a block;
    the first lexer of a language also compiles its patterns (tens of ms). An unknown
    name is returned as it is, so Rich draws that block unhighlighted, as before.
    """
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=True, tabsize=4)
    except ClassNotFound:
        return name


class TightCodeBlock(CodeBlock):
    """A highlighted, wrapped code block without Rich's blank lines above and below."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The code, highlighted, padded only left and right."""
        yield Syntax(
            str(self.text).rstrip(),
            code_lexer(self.lexer_name),
            theme=self.theme,
            word_wrap=True,
            padding=(0, 1),
        )


class AnalysisMarkdown(RichMarkdown):
    """The analysis drawn by Rich in one go (one widget, however long the analysis).

    Single line breaks are kept, code blocks wrap, and links show their address instead
    of being clickable. The drawing is kept for the last width asked for: Textual draws a
    widget once to learn its height and again to show it, and again after each layout.
    """

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **RichMarkdown.elements,
        "fence": TightCodeBlock,
        "code_block": TightCodeBlock,
    }

    def __init__(self, source: str) -> None:
        super().__init__(source, code_theme="ansi_dark", inline_code_lexer="text", hyperlinks=False)
        for token in self.parsed:
            _keep_line_breaks_in(token)
        self._drawn: tuple[object, list[Segment]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The document's segments, drawn again only for another console or width."""
        key = (console, *_drawing_options(options))
        if self._drawn is None or self._drawn[0] != key:
            segments: list[Segment] = []
            for part in super().__rich_console__(console, options):
                if isinstance(part, Segment):
                    segments.append(part)
                else:
                    segments.extend(console.render(part, options))
            self._drawn = (key, segments)
        yield from self._drawn[1]


def _drawing_options(options: ConsoleOptions) -> tuple[object, ...]:
    """The options that change how a Markdown document is drawn (not its height, which
    Rich's Markdown drops, nor highlighting, which it never applies)."""
    return (
        options.size,
        options.legacy_windows,
        options.min_width,
        options.max_width,
        options.is_terminal,
        options.encoding,
        options.justify,
        options.overflow,
        options.no_wrap,
        options.markup,
    )


def _keep_line_breaks_in(token) -> None:
    for child in token.children or []:
        if child.type == "softbreak":
            child.type = "hardbreak"


class AnalysisBody(Static):
    """The analysis' Markdown document (``source``), drawn by ``AnalysisMarkdown``."""

    def __init__(self, source: str) -> None:
        super().__init__(AnalysisMarkdown(source), id="analysis-body")
        self.source = source


def note_text(note: str) -> Content:
    """The person's note under the analysis: a heading, then the note as plain text."""
    return Content.assemble(("Your note", "b"), "\n", plain(note.strip()))


class Analysis(Vertical):
    """The verdict, the community vote, the explanation as one Markdown document, then
    the person's note (when there is one)."""

    def __init__(self, view: QuestionView, note: str = "") -> None:
        super().__init__(id="analysis")
        self.view = view
        self.note = note

    def compose(self) -> ComposeResult:
        """Only the parts the record has; the community vote right under the verdict."""
        question = self.view.question
        yield Static(verdict_text(self.view), id="verdict")
        community = community_text(question)
        if community:
            yield Static(community, classes="muted", id="community")
        if question.explanation.is_empty():
            yield Static("This question has no explanation yet.", classes="muted")
        else:
            yield AnalysisBody(analysis_markdown(self.view))
        yield Static(note_text(self.note), id="note")

    def on_mount(self) -> None:
        """Hide the note's place when there is no note."""
        self.show_note(self.note)

    def show_note(self, note: str) -> None:
        """Show another note (``""``: none) under the analysis."""
        self.note = note
        line = self.query_one("#note", Static)
        line.display = bool(note.strip())
        line.update(note_text(note))


class ImagesLine(Static):
    """``🖼 1 image — i to open``: a click opens them too (the screen's ``open_images``)."""

    async def on_click(self, event: Click) -> None:
        """Open the images, as ``i`` does."""
        event.stop()
        await self.run_action("screen.open_images")


class QuestionCard(Vertical):
    """One question view at a time: meta line, stem, options, and the analysis once revealed."""

    DEFAULT_CSS = """
    QuestionCard {
        height: auto;
        & > #question-meta { color: $text-muted; }
        & > #stem { margin: 0 0 1 0; }
        & > #translation {
            margin: 0 0 1 0; padding: 0 0 0 1; color: $text-muted; border-left: outer $primary 40%;
        }
        & > #question-images { color: $text-muted; margin: 0 0 1 0; }
        & Markdown > MarkdownParagraph:last-child { margin: 0; }
        & MarkdownFence { margin: 0 0 1 0; overflow-x: hidden; }
        & MarkdownFence > Label { width: 1fr; text-wrap: wrap; padding: 0 1; }
        & > .option { height: auto; }
        & .option-letter {
            width: 3; height: 1; background: $boost; text-style: bold; margin-right: 1;
        }
        & .option-text { width: 1fr; margin: 0; padding: 0; }
        & .option-text > MarkdownParagraph { margin: 0; }
        & .option-text MarkdownFence { margin: 0; }
        & .option:hover .option-letter { background: $primary 50%; }
        & .option.-picked .option-letter { background: $primary; color: $text; }
        & .option.-picked .option-text { text-style: bold; }
        & .option.-right .option-letter { background: $success; color: $text; }
        & .option.-right .option-text { color: $text-success; }
        & .option.-wrong .option-letter { background: $error; color: $text; }
        & .option.-wrong .option-text { color: $text-error; }
        & > #analysis { height: auto; border-top: solid $primary; }
        & #verdict { margin-bottom: 1; }
        & #community { margin-bottom: 1; }
        & #note { margin-top: 1; padding: 0 0 0 1; border-left: outer $accent; }
    }
    """

    def __init__(
        self,
        view: QuestionView | None = None,
        bookmarked: bool = False,
        *,
        note: str = "",
        id: str = "question-card",
    ) -> None:
        super().__init__(id=id)
        self.view = view
        self.bookmarked = bookmarked
        self.note = note
        self._analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        """The parts every question has; ``show`` fills them."""
        yield Static(id="question-meta")
        yield Markdown(id="stem", parser_factory=author_parser)
        yield Markdown(id="translation", parser_factory=author_parser)
        yield ImagesLine(id="question-images")

    async def on_mount(self) -> None:
        """Show the view the card was made with."""
        if self.view is not None:
            await self.show(self.view, self.bookmarked, self.note)

    @property
    def rows(self) -> list[OptionRow]:
        """The option rows, shown or not, in the order on screen."""
        return list(self.query_children(OptionRow))

    async def show(self, view: QuestionView, bookmarked: bool = False, note: str = "") -> None:
        """Show another view (or the same one again) in the card's widgets; ``note``, the
        person's note on the question, shows under the analysis once revealed."""
        self.view = view
        self.bookmarked = bookmarked
        self.note = note
        question = view.question
        with self.app.batch_update():
            if self._analysis is not None:
                await self._analysis.remove()
                self._analysis = None
            self.query_one("#question-meta", Static).update(meta_text(view, bookmarked))
            stem = self.query_one("#stem", Markdown)
            source = shown(question.stem)
            if stem.source != source:
                await stem.update(source)
            translation = self.query_one("#translation", Markdown)
            translation.display = bool(question.translation)
            source = shown(question.translation)
            if translation.source != source:
                await translation.update(source)
            self._show_images(view)
            await self._place_rows(view.order)
            for row in self.rows:
                row.display = row.letter in view.order
                if row.display:
                    await row.set_text(question.options[row.letter])
            if view.revealed:
                await self.reveal(view)
            else:
                self.show_picks(view)

    async def _place_rows(self, order: tuple[str, ...]) -> None:
        """One row per letter (made the first time it is needed), in the order shown."""
        have = {row.letter: row for row in self.rows}
        added = [OptionRow(letter) for letter in order if letter not in have]
        if added:
            await self.mount_all(added)
            have.update((row.letter, row) for row in added)
        if [row.letter for row in self.rows if row.letter in order] != list(order):
            for letter in order:
                self.move_child(have[letter], after=len(self.children) - 1)

    def show_picks(self, view: QuestionView) -> None:
        """Reflect the picks and, once revealed, the right and wrong options."""
        self.view = view
        answer = view.question.answer
        for row in self.rows:
            picked = row.letter in view.picked
            row.update_classes(
                {
                    "-picked": picked,
                    "-right": view.revealed and row.letter in answer,
                    "-wrong": view.revealed and picked and row.letter not in answer,
                }
            )

    def show_guessing(self, view: QuestionView) -> None:
        """Update the "guessing" mark of the meta line."""
        self.view = view
        self.query_one("#question-meta", Static).update(meta_text(view, self.bookmarked))

    def set_bookmarked(self, bookmarked: bool) -> None:
        """Update the bookmark star."""
        self.bookmarked = bookmarked
        assert self.view is not None
        self.query_one("#question-meta", Static).update(meta_text(self.view, bookmarked))

    async def reveal(self, view: QuestionView) -> None:
        """Mark the options right and wrong and show the analysis (built only now)."""
        self.show_picks(view)
        if self._analysis is not None:
            await self._analysis.remove()
        self._analysis = Analysis(view, self.note)
        await self.mount(self._analysis)
        self._show_images(view)

    def set_note(self, note: str) -> None:
        """Show another note under the analysis (``""``: none)."""
        self.note = note
        if self._analysis is not None:
            self._analysis.show_note(note)

    def _show_images(self, view: QuestionView) -> None:
        line = self.query_one("#question-images", Static)
        text = images_text(view)
        line.display = bool(text)
        line.update(text)

    def open_images(self, record_file: str | None) -> None:
        """Open the images the view shows with the system viewer; each must be an image
        file in the folder of the question's record (``record_file``), else it is named
        and not opened. Without a viewer, says where the files are."""
        assert self.view is not None
        targets = self.view.images
        if not targets:
            self.app.notify("This question has no images.", severity="warning")
            return
        record = Path(record_file) if record_file else None
        for target in targets:
            path = local_image(target, record) if record else None
            if path is None:
                note = f"Not opened (not an image file in the bank's folder): {target}"
                self.app.notify(note, severity="warning")
            elif not open_image(path):
                note = f"No image viewer could be started; the image is {path_text(path)}"
                self.app.notify(note, severity="warning")
            else:
                self.app.notify(f"Opened {path.name}")

    @property
    def verdict(self) -> Widget:
        """The analysis' first line, right or wrong (once revealed)."""
        assert self._analysis is not None, "the card is not revealed"
        return self._analysis.get_child_by_id("verdict")
