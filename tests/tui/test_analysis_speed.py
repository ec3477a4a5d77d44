"""Showing the analysis stays fast on long records: it is drawn once, code lexers are made
once, the verdict is scrolled to at once, and the benchmark that times it still runs."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pygments.lexers.python import PythonLexer
from rich.console import Console
from rich.markdown import Markdown as RichMarkdown
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from quiz.bank import write_record
from quiz.study import Mode
from quiz.tui.app import QuizApp
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.widgets.question import AnalysisMarkdown
from tui.conftest import SIZE
from tui.test_question_view import app_on, letter_question

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
CONSOLE = Console(width=100, force_terminal=True, color_system="truecolor")
DOCUMENT = "## Why\n\nSee `MERGE INTO`:\n\n```python\nx = 1\n```\n\n```nosuchlang\ny = 2\n```"


def lines_of(markdown: RichMarkdown, width: int) -> list[str]:
    """The document drawn at a width, as plain lines."""
    options = CONSOLE.options.update_width(width)
    return ["".join(s.text for s in line) for line in CONSOLE.render_lines(markdown, options)]


def count_drawings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count how often Rich draws an analysis document from its parsed tokens."""
    calls: list[int] = []
    original = RichMarkdown.__rich_console__

    def counted(self, console, options):  # type: ignore[no-untyped-def]
        if isinstance(self, AnalysisMarkdown):
            calls.append(options.max_width)
        return original(self, console, options)

    monkeypatch.setattr(RichMarkdown, "__rich_console__", counted)
    return calls


async def test_revealed_analysis_is_drawn_once(
    make_app: Callable[..., QuizApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawings = count_drawings(monkeypatch)
    app = app_on(make_app, [letter_question(1), letter_question(2)])
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PracticeScreen(app.bank.questions, mode=Mode.PRACTICE, title="Letters"))
        await pilot.pause()
        await pilot.press("b", "enter")
        for _ in range(5):
            await pilot.pause()
        assert app.screen.query("#analysis-body")
        assert len(drawings) == 1, f"drawn at widths {drawings}: height and paint draw once"


def test_cached_drawing_follows_the_width(monkeypatch: pytest.MonkeyPatch) -> None:
    drawings = count_drawings(monkeypatch)
    markdown = AnalysisMarkdown(DOCUMENT)
    wide, narrow = lines_of(AnalysisMarkdown(DOCUMENT), 60), lines_of(AnalysisMarkdown(DOCUMENT), 8)
    drawings.clear()
    assert lines_of(markdown, 60) == wide
    assert lines_of(markdown, 60) == wide
    assert len(drawings) == 1
    assert lines_of(markdown, 8) == narrow != wide
    assert lines_of(markdown, 60) == wide


def test_code_block_lexer_is_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[PythonLexer] = []
    original = PythonLexer.__init__

    def counted(self: PythonLexer, **options: object) -> None:
        made.append(self)
        original(self, **options)

    monkeypatch.setattr(PythonLexer, "__init__", counted)
    for _ in range(3):
        lines = lines_of(AnalysisMarkdown(DOCUMENT), 60)
    assert len(made) <= 1, "one Python lexer for every drawing of a python block"
    assert any("x = 1" in line for line in lines) and any("y = 2" in line for line in lines)


async def answered(
    app: QuizApp, pilot: Pilot[None], letter: str
) -> tuple[PracticeScreen, VerticalScroll]:
    """Practise the app's bank and answer the first question with ``letter``."""
    app.push_screen(PracticeScreen(app.bank.questions, mode=Mode.PRACTICE, title="Letters"))
    await pilot.pause()
    await pilot.press(letter, "enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    return screen, screen.query_one("#question-scroll", VerticalScroll)


async def test_verdict_is_scrolled_to_without_waiting_for_a_frame(
    make_app: Callable[..., QuizApp],
) -> None:
    tall = replace(letter_question(1), stem="\n\n".join(f"Line {n}." for n in range(12)))
    app = app_on(make_app, [tall, letter_question(2)])
    async with app.run_test(size=SIZE) as pilot:
        screen, scroll = await answered(app, pilot, "b")
        scroll.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert scroll.scroll_y == 0
        screen.scroll_to_verdict()
        assert scroll.scroll_y > 0, "scrolled now, not after the next frame"
        await pilot.pause()
        first = screen.card.rows[0]
        assert first.region.y == scroll.region.y  # the long stem scrolled away, the options kept
        assert screen.card.verdict.region.y < scroll.region.bottom - 2  # the verdict under them


async def test_a_short_question_is_not_scrolled_once_answered(
    make_app: Callable[..., QuizApp],
) -> None:
    short = replace(letter_question(1), stem="Which one?")
    app = app_on(make_app, [short])
    async with app.run_test(size=SIZE) as pilot:
        screen, scroll = await answered(app, pilot, "a")
        assert scroll.scroll_y == 0  # the stem, the marked options and the verdict all show
        verdict = str(screen.card.verdict.render())
        assert "you picked A; the answer is B" in verdict


def test_benchmark_times_showing_the_analysis(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_study
    finally:
        sys.path.remove(str(BENCHMARKS))
    for number in (1, 2):
        write_record(tmp_path / "banks" / "letters", letter_question(number))
    shown, sizes = asyncio.run(bench_study.reveal_ms(tmp_path / "banks", tmp_path, count=2))
    assert len(shown) == 2 and all(ms > 0 for ms in shown)
    assert len(sizes) == 2
