"""A question as the exam shows it: the stem, then the options with the person's picks.

No tags, no level, no verdict: only what the real exam shows. (Review after the exam
uses the practice ``QuestionCard``, which reveals the answer and the analysis.)
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import CodeBlock, Markdown, MarkdownElement
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from quiz.model import LETTERS, Question
from quiz.tui.plain import shown


class TightCodeBlock(CodeBlock):
    """A highlighted code block without Rich's blank lines above and below (80x24 is small)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The code, highlighted, padded only left and right."""
        yield Syntax(
            str(self.text).rstrip(),
            self.lexer_name,
            theme=self.theme,
            word_wrap=True,
            padding=(0, 1),
        )


class ExamMarkdown(Markdown):
    """Rich Markdown with tight code blocks."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "fence": TightCodeBlock,
        "code_block": TightCodeBlock,
    }


def markdown(text: str) -> Markdown:
    """Question Markdown as Rich renders it (code blocks highlighted, tables drawn)."""
    return ExamMarkdown(shown(text), code_theme="ansi_dark", inline_code_lexer="text")


def option_marker(multi: bool, chosen: bool) -> str:
    """``[x]``/``[ ]`` when several answers are asked for, ``(•)``/``( )`` otherwise."""
    if multi:
        return "[x]" if chosen else "[ ]"
    return "(•)" if chosen else "( )"


class ExamOption(Static):
    """One option line; a click picks it."""

    class Picked(Message):
        """The person clicked an option."""

        def __init__(self, option: ExamOption) -> None:
            super().__init__()
            self.option = option

        @property
        def control(self) -> ExamOption:
            """The option clicked."""
            return self.option

    def __init__(self, letter: str) -> None:
        super().__init__(id=f"exam-option-{letter}", classes="exam-option")
        self.letter = letter

    def show(self, text: str, marker: str) -> None:
        """Draw the option with its marker."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{marker} {self.letter}"), markdown(text))
        self.update(grid)

    def on_click(self, event: events.Click) -> None:
        """Pick this option."""
        event.stop()
        self.post_message(self.Picked(self))


class ExamQuestion(Vertical):
    """The stem and up to eight options; ``show`` swaps the question in place (no remounting)."""

    def compose(self) -> ComposeResult:
        """The stem, a hint line, and one line per possible option letter."""
        yield Static(id="exam-stem")
        yield Static(id="exam-hint", classes="muted")
        for letter in LETTERS:
            yield ExamOption(letter)

    def show(self, question: Question, chosen: Collection[str]) -> None:
        """Show a question with the picks."""
        self.query_one("#exam-stem", Static).update(markdown(question.stem))
        hint = f"Choose {len(question.answer)}." if question.is_multi else "Choose one."
        self.query_one("#exam-hint", Static).update(hint)
        for option in self.query(ExamOption):
            text = question.options.get(option.letter)
            option.display = text is not None
            if text is not None:
                picked = option.letter in chosen
                option.set_class(picked, "-chosen")
                option.show(text, option_marker(question.is_multi, picked))
