"""The question browser on a real-sized bank (issue 14: open < 300 ms; each keystroke of
search to the updated table < 50 ms median, < 100 ms max; a question page < 100 ms).

A bank of --questions questions and --answers answers made by real_bank.py, the index
warm (the app as a person opens it the second time). In process, through Textual's
pilot at 80x24, --runs times: ``b`` pressed on the home screen until the table shows its
rows; every prefix of a few queries (English and Chinese) typed letter by letter, each key
until the table shows what it matches (and its lines are drawn); enter on a row until its
page shows everything. Then whole processes in a pseudo-terminal (``quiz browse``), each
key written only once the screen is quiet, timed to the last output before 0.25 s of
silence: what a person sees settle. Figures: median, min and max over every run.

    python benchmarks/bench_browse.py [--questions 5000] [--answers 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from figures import TerminalSession, quiz_command, quiz_environment, spread
from real_bank import DEV_CORPUS, generate
from textual.widgets import Input

from quiz import paths
from quiz.bank import load_banks
from quiz.search import prepare
from quiz.tui.app import QuizApp
from quiz.tui.screens.browse import BrowserScreen
from quiz.tui.screens.question_page import QuestionPageScreen
from quiz.tui.widgets.row_table import RowTable

QUERIES = ("max_concurrent_runs", "delta lake", "記憶法", "口訣")


async def until(condition: Callable[[], bool]) -> None:
    """Wait until ``condition()`` holds (checked every millisecond: checking costs too)."""
    while not condition():
        await asyncio.sleep(0.001)


def page_shown(page: object) -> bool:
    """Whether a question page shows everything (the card's analysis is the last part)."""
    return bool(page.query("#analysis"))  # type: ignore[attr-defined]


def draw_ms(table: RowTable) -> float:
    """Milliseconds to draw every line of the table as it stands."""
    start = time.perf_counter()
    for y in range(table.size.height):
        table.render_line(y)
    return (time.perf_counter() - start) * 1000


async def one_run(app: QuizApp, figures: dict[str, list[float]]) -> None:
    """Open the browser, type the queries, open pages; add the times to ``figures``.

    The events are made as the keys would make them (the action of ``b``, the search
    line's text changed, enter on a row), not through the pilot, whose own press and
    pause cost 60-90 ms here; each figure ends when the screen holds the result, plus
    the time to draw the table's lines."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.action_browse()
        await until(lambda: isinstance(app.screen, BrowserScreen) and bool(app.screen.shown_rows))
        screen = app.screen
        assert isinstance(screen, BrowserScreen)
        table = screen.query_one(RowTable)
        figures["open"].append((time.perf_counter() - start) * 1000 + draw_ms(table))
        await pilot.pause()
        search = screen.query_one(Input)
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                before = screen.shown_rows
                start = time.perf_counter()
                search.value = query[:end]
                await until(lambda before=before: screen.shown_rows is not before)
                figures["keystroke"].append((time.perf_counter() - start) * 1000 + draw_ms(table))
            rows = screen.shown_rows
            start = time.perf_counter()
            table.set_rows(rows)
            figures["refill"].append((time.perf_counter() - start) * 1000)
            search.value = ""
            await until(lambda: len(screen.shown_rows) == len(screen.catalog.rows))
            await pilot.pause()
        for _ in range(3):
            table.action_move(7)
            start = time.perf_counter()
            table.action_select()
            await until(lambda: isinstance(app.screen, QuestionPageScreen))
            page = app.screen
            await until(lambda page=page: page_shown(page))
            figures["page"].append((time.perf_counter() - start) * 1000)
            await pilot.pause()
            app.pop_screen()
            await until(lambda: app.screen is screen)
            await pilot.pause()


def in_terminal(bank: Path, data: Path, runs: int) -> dict[str, list[float]]:
    """``quiz browse`` in a pseudo-terminal at 80x24, --runs times: each key of the
    queries, then enter on rows, from the key written to the screen settled."""
    figures: dict[str, list[float]] = {"start": [], "keystroke": [], "page": []}
    env = quiz_environment(Path(tempfile.mkdtemp()) / "bytecode")
    for _ in range(runs):
        session = TerminalSession(quiz_command(data, bank, "browse"), env, (80, 24))
        try:
            figures["start"].append(session.wait_for("questions · sorted") * 1000)
            for query in QUERIES:
                for key in query:
                    figures["keystroke"].append(session.press(key.encode()) * 1000)
                session.press(b"\x15")  # ctrl+u: the search line emptied
            session.press(b"\r")  # to the table
            for _ in range(4):
                session.press(b"\x1b[B")  # down
                figures["page"].append(session.press(b"\r") * 1000)
                session.press(b"\x1b")  # back
        finally:
            session.close()
    return figures


def main() -> int:
    """Build the bank, run the browser, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        generate(out, args.questions, args.answers)
        paths.use_data_dir(out / "data")
        bank = load_banks([out / "bank"])
        prepare(bank)  # (the index as a second launch finds it)
        figures: dict[str, list[float]] = {"open": [], "keystroke": [], "refill": [], "page": []}
        for _ in range(args.runs):
            bank = load_banks([out / "bank"])
            app = QuizApp(bank, out / "data" / "progress.sqlite3", settings_path=out / "s.json")
            asyncio.run(one_run(app, figures))
        print(f"{len(bank.infos)} questions, {args.answers} answers, 80x24, in process:")
        print(f"  browser open (b to rows, drawn)   {spread(figures['open'], 'ms')}")
        print(f"  keystroke to table updated, drawn {spread(figures['keystroke'], 'ms')}")
        print(f"  table refilled with what matched  {spread(figures['refill'], 'ms')}")
        print(f"  question page (enter to shown)    {spread(figures['page'], 'ms')}")
        shown = in_terminal(out / "bank", out / "data", args.runs)
        print("In a pseudo-terminal, 80x24, whole process (`quiz browse`), to the screen settled:")
        print(f"  start to the table shown          {spread(shown['start'], 'ms')}")
        print(f"  keystroke of search               {spread(shown['keystroke'], 'ms')}")
        print(f"  question page (enter)             {spread(shown['page'], 'ms')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
