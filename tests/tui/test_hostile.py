"""Hostile records in the app: markup and control characters in every field, on every screen.

Record text is data: it must reach the screen as text (or through the Markdown renderer),
never run an action on a click, never crash the app with a markup error, and never send
a control character to the terminal.
"""

from __future__ import annotations

import re
import webbrowser
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import SelectionList

from quiz.bank import Bank, load_banks, write_record
from quiz.model import Community, Explanation, Question, Reference
from quiz.store import Store
from quiz.tui.app import QuizApp
from quiz.tui.screens.database import DatabaseProblemScreen
from quiz.tui.screens.drill import DrillScreen
from quiz.tui.screens.exam_dialogs import (
    ExamPaletteScreen,
    LeaveExamDialog,
    ResumeExamDialog,
    SubmitExamDialog,
)
from quiz.tui.screens.exam_report import ExamReportScreen
from quiz.tui.screens.exam_review import ExamReviewScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.stats import StatsScreen
from quiz.tui.screens.summary import SummaryScreen
from tui.conftest import Clock
from tui.fixture_bank import fixture_questions

SIZE = (120, 40)
LITERAL = "[DataFrame]"
CONTROLS = "\x1b[2J\x1b]0;title\x07\x9b"
QUIT = "[@click=app.quit]x"
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile(field: str, shots: Path) -> str:
    """Markup that would quit, write a file, or crash if parsed, plus terminal controls."""
    return (
        f"{field} {LITERAL} {CONTROLS} [@click=app.quit]x[/] [b]bold[/b] list[/int] [/x] "
        f"[@click=app.screenshot('x.svg','{shots}')]y[/]"
    )


def hostile_question(number: int, shots: Path) -> Question:
    """A record where every field holds hostile text."""

    def h(field: str) -> str:
        return hostile(f"{field}{number}", shots)

    return Question(
        id=h("id"),
        bank=h("bank"),
        source=h("source"),
        level=h("level"),
        domain=h("domain"),
        topics=(h("topic"),),
        traps=(h("trap"),),
        stem=h("stem") + "\n\n[a link](app.quit) [quoted](x'),app.quit(') <app.quit>",
        options={"A": h("optA"), "B": h("optB"), "C": "- " + h("optC") + "\n- two"},
        answer=("A", "B") if number % 2 else ("A",),
        community=Community(answer=(h("community"),), votes=h("votes")),
        explanation=Explanation(
            key_points=h("points"),
            correct=h("correct"),
            wrong={"B": h("whyB"), "C": h("whyC")},
            mnemonic=h("mnemonic"),
            references=(
                Reference(h("title"), h("url")),
                Reference("quit", "app.quit"),
                Reference(h("docs"), "https://example.com/docs?a=(1)&b=[2]"),
            ),
            extra=h("extra"),
        ),
    )


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where a parsed ``app.screenshot`` action would write its file."""
    directory = tmp_path / "shots"
    directory.mkdir()
    return directory


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the app asked a browser to open (none is really opened)."""
    urls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: urls.append(url))
    return urls


@pytest.fixture
def hostile_bank(tmp_path: Path, shots: Path) -> Bank:
    """Two hostile records, and a broken record file whose name and field are markup."""
    bank_dir = tmp_path / "bank"
    write_record(bank_dir, fixture_questions(1)[0])
    good = next(bank_dir.rglob("*.yaml"))
    broken = good.with_name(f"[@click=app.quit]{CONTROLS}broken[b].yaml")
    broken.write_text(good.read_text() + "'[/unknown]': 1\n")
    loaded = load_banks([bank_dir], use_cache=False)
    assert loaded.problems, "the broken record is reported"
    return Bank(
        questions=[hostile_question(1, shots), hostile_question(2, shots)],
        problems=loaded.problems,
    )


def drawn(app: QuizApp) -> tuple[str, dict[str, tuple[int, int]]]:
    """What the screen sends to the terminal: its text, and every ``@click`` action in it
    with a place to click it (the full render ``export_screenshot`` also uses)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    lines: list[str] = []
    actions: dict[str, tuple[int, int]] = {}
    for y, line in enumerate(update.strips):
        x, text = 0, []
        for segment in (segment for strip in line for segment in strip):
            action = segment.style.meta.get("@click") if segment.style else None
            if action is not None:
                actions.setdefault(str(action), (x, y))
            text.append(segment.text)
            x += segment.cell_length
        lines.append("".join(text))
    return "\n".join(lines), actions


def hostile_places(text: str) -> list[tuple[int, int]]:
    """Where the first ``[@click=app.quit]x`` on the screen shows its ``x``."""
    for y, line in enumerate(text.splitlines()):
        at = line.find(QUIT)
        if at >= 0:
            return [(cell_len(line[: at + len(QUIT) - 1]), y)]
    return []


class Checker:
    """Checks one screen after another: alive, nothing written, text shown as text."""

    def __init__(self, app: QuizApp, pilot: Pilot, shots: Path, opened: list[str]) -> None:
        self.app, self.pilot, self.shots, self.opened = app, pilot, shots, opened

    async def __call__(self, kind: type, *, shows: str | None = LITERAL) -> None:
        app = self.app
        await self.pilot.pause()
        assert isinstance(app.screen, kind), (kind, app.screen)
        text, actions = drawn(app)
        assert not RAW_CONTROLS.search(text), f"control character drawn on {kind.__name__}"
        if shows is not None:
            assert shows in text, f"{shows} not shown on {kind.__name__}:\n{text}"
        for action in actions:
            assert action.startswith("link("), f"{action!r} clickable on {kind.__name__}"
        for x, y in [*actions.values(), *hostile_places(text)]:
            await self.pilot.click(offset=(x, y))
            assert isinstance(app.screen, kind), f"clicking {x},{y} left {kind.__name__}"
        assert app.is_running and app.return_code is None
        assert list(self.shots.iterdir()) == []
        assert all(url.startswith("https://") for url in self.opened), self.opened


async def test_hostile_records_are_shown_as_text_on_the_study_screens(
    make_app: Callable[..., QuizApp],
    hostile_bank: Bank,
    shots: Path,
    opened: list[str],
    clock: Clock,
    tmp_path: Path,
) -> None:
    leech = hostile_bank.questions[1].key
    with Store(tmp_path / "progress.sqlite3") as store:  # the database make_app opens
        for day in range(1, 5):
            store.record_answer(leech, "C", False, 5.0, "practice", clock() - timedelta(days=day))
    app = make_app(bank=hostile_bank)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        check = Checker(app, pilot, shots, opened)
        messages = [n.message for n in app._notifications]
        assert any("[@click=app.quit]" in message for message in messages)
        await check(HomeScreen)
        home = drawn(app)[0]
        assert "broken[b].yaml" in home and "unknown field '[/unknown]'" in home

        await pilot.press("question_mark")
        await check(HelpScreen, shows=None)
        await pilot.press("escape")

        await pilot.press("p")
        await check(PracticeScreen)
        await pilot.press("question_mark")
        await check(HelpScreen, shows=None)
        await pilot.press("escape", "c", "enter")  # a wrong answer
        await check(PracticeScreen)
        await pilot.press("m", "enter", "b", "c", "enter")  # wrong, and enough picks
        await check(PracticeScreen)
        await pilot.press("q")
        await check(SummaryScreen)
        await pilot.press("escape")

        clock.advance(days=40)
        await pilot.press("r")
        await check(PracticeScreen)
        await pilot.press("a", "c", "enter")  # wrong, and enough picks
        await check(PracticeScreen)
        await pilot.press("q")
        await check(SummaryScreen)
        await pilot.press("escape")

        await pilot.press("d")
        await check(DrillScreen)
        await pilot.press("down", "space", "enter")
        await check(PracticeScreen)
        await pilot.press("x", "q")
        await check(SummaryScreen)
        await pilot.press("escape")

        await pilot.press("s")
        for tab in "4321":
            await pilot.press(tab)
            await check(StatsScreen, shows=LITERAL if tab in "14" else None)
        await pilot.press("x", "escape")
        await check(HomeScreen)


async def test_hostile_records_are_shown_as_text_on_the_exam_screens(
    make_app: Callable[..., QuizApp], hostile_bank: Bank, shots: Path, opened: list[str]
) -> None:
    app = make_app(bank=hostile_bank)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        check = Checker(app, pilot, shots, opened)
        await pilot.press("e")
        await check(ExamSetupScreen)
        app.screen.query_one(SelectionList).select_all()
        await check(ExamSetupScreen)
        await pilot.press("ctrl+s")
        await check(ExamScreen)
        await pilot.press("a", "f", "n")
        await check(ExamScreen)
        await pilot.press("escape")
        await check(LeaveExamDialog, shows=None)
        await pilot.press("l", "e")
        await check(ResumeExamDialog)
        await pilot.press("r")
        await check(ExamScreen)
        await pilot.press("l")
        await check(ExamPaletteScreen, shows=None)
        await pilot.press("escape", "s")
        await check(SubmitExamDialog, shows=None)
        await pilot.press("y")
        await check(ExamReportScreen)
        await pilot.press("a")  # review all
        await check(ExamReviewScreen)
        await pilot.press("n")
        await check(ExamReviewScreen)
        await pilot.press("escape", "escape")
        await check(HomeScreen)


async def test_a_database_path_with_markup_is_shown_as_text(
    make_app: Callable[..., QuizApp], tmp_path: Path, shots: Path, opened: list[str]
) -> None:
    folder = tmp_path / f"[@click=app.quit]{LITERAL}[b]{CONTROLS}"
    folder.mkdir()
    db = folder / "progress.sqlite3"
    db.write_bytes(b"not sqlite at all" * 200)
    app = make_app(store_path=db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await Checker(app, pilot, shots, opened)(DatabaseProblemScreen)
